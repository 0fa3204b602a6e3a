"""Data dictionary: one page per table, written from datapackage.json and the CSV files.

Nothing here restates the schema by hand: field names, types, descriptions, constraints,
enumerations and their labels (`categories`), keys and row counts all come from the
descriptor and the data at build time, so the pages cannot drift from the package.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs_gen_files

from common import anchor, cell, md_table, raw, rel, resources

SAMPLE_ROWS = 5


def page_of(name: str) -> str:
    return f"dictionary/{name}.md"


def field_type(field: dict) -> str:
    kind = f"`{field.get('type', 'string')}`"
    if field.get("format"):
        kind += f" ({field['format']})"
    if field.get("x-edtf"):
        kind += " · reduced-precision date (YYYY, YYYY-MM or YYYY-MM-DD)"
    return kind


def constraints(field: dict) -> str:
    c, parts = field.get("constraints", {}), []
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "enum" in c:
        parts.append(f"[one of {len(c['enum'])} values](#{anchor('values', field['name'])})")
    elif field.get("categories"):
        parts.append(f"[{len(field['categories'])} labelled codes](#{anchor('values', field['name'])})")
    return ", ".join(parts)


def key_link(page: str, resource: str, fields: list[str]) -> str:
    return ", ".join(f"[{resource}.{f}]({rel(page, page_of(resource), anchor('field', f))})"
                     for f in fields)


def values_section(field: dict) -> str:
    """Every allowed value of an enumerated or labelled field, with its label where one exists."""
    cats = field.get("categories") or []
    labels = {c["value"]: c for c in cats if isinstance(c, dict)}
    values = field.get("constraints", {}).get("enum") or [c["value"] if isinstance(c, dict) else c for c in cats]
    extra = sorted({k for c in labels.values() for k in c if k not in ("value", "label")})
    header = ["Value", "Label"] + [k.capitalize() for k in extra] if labels else ["Value"]
    rows = []
    for v in values:
        row = [f"`{cell(v)}`"]
        if labels:
            c = labels.get(v, {})
            row += [cell(c.get("label"))] + [cell(c.get(k)) for k in extra]
        rows.append(row)
    out = f'<a id="{anchor("values", field["name"])}"></a>\n\n### `{field["name"]}`\n\n'
    return out + md_table(header, rows)


def table_page(name: str, res: dict, referenced_by: list[tuple[str, list[str], list[str]]]) -> str:
    page, schema, data = page_of(name), res["schema"], raw(name)
    pk = schema.get("primaryKey") or []
    facts = [
        ["File", f"[`{res['path']}`]({rel(page, 'download/' + res['path'])}) (CSV, UTF-8)"],
        ["Rows", f"{len(data):,}"],
        ["Fields", str(len(schema["fields"]))],
        ["Primary key", ", ".join(f"`{k}`" for k in ([pk] if isinstance(pk, str) else pk))],
    ]
    if res.get("hash"):
        facts.append(["Size and hash", f"{res.get('bytes', 0):,} bytes, `{res['hash']}`"])
    if res.get("sources"):
        facts.append(["Built from", "; ".join(
            f"[{cell(s['title'])}](<{s['path']}>)" if s.get("path") else cell(s["title"]) for s in res["sources"])])
    out = [f"# {res.get('title', name)} (`{name}`)\n", res.get("description", ""), "",
           md_table(["", ""], facts)]
    fks = schema.get("foreignKeys") or []
    if fks or referenced_by:
        out.append("## Keys\n")
        for fk in fks:
            fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            ref = fk["reference"]
            ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
            own = ", ".join(f"[`{f}`](#{anchor('field', f)})" for f in fields)
            out.append(f"- {own} → {key_link(page, ref['resource'], ref_fields)}")
        for other, fields, _ in referenced_by:
            out.append(f"- referenced by {key_link(page, other, fields)}")
        out.append("")
    rows = []
    for f in schema["fields"]:
        rows.append([f'<a id="{anchor("field", f["name"])}"></a>`{f["name"]}`', field_type(f),
                     cell(f.get("description")), constraints(f)])
    out += ["## Fields\n", md_table(["Field", "Type", "Description", "Constraints"], rows)]
    edtf = [f["name"] for f in schema["fields"] if f.get("x-edtf")]
    if edtf:
        out.append("Reduced-precision dates keep the precision the sources give. "
                   "`cw.load()` adds `<field>_earliest` and `<field>_latest` datetime columns after each of "
                   + ", ".join(f"`{n}`" for n in edtf) + ", to filter and sort on.\n")
    enumerated = [f for f in schema["fields"] if f.get("categories") or f.get("constraints", {}).get("enum")]
    if enumerated:
        out.append("## Values and labels\n")
        out += [values_section(f) for f in enumerated]
    sample = data.head(SAMPLE_ROWS)
    out.append(f"## Sample\n\nThe first {len(sample)} of {len(data):,} rows, as written in the CSV "
               "(long cells shortened).\n")
    out.append(md_table([f"`{c}`" for c in sample.columns],
                        [[cell(v, 80) for v in row] for row in sample.itertuples(index=False)]))
    return "\n".join(out)


def index_page(all_resources: dict) -> str:
    rows = []
    for name, res in all_resources.items():
        pk = res["schema"].get("primaryKey") or []
        rows.append([f"[`{name}`]({name}.md)", cell(res.get("title")), f"{len(raw(name)):,}",
                     str(len(res["schema"]["fields"])), ", ".join(f"`{k}`" for k in pk)])
    return ("# Data dictionary\n\nOne page per table of the data package, generated from "
            "`datapackage.json` and the CSV files each time the site is built. Each page lists every "
            "field with its type, description and constraints, the allowed values and their labels, "
            "the primary and foreign keys, and a sample of rows.\n\n"
            + md_table(["Table", "Title", "Rows", "Fields", "Primary key"], rows))


def main() -> None:
    all_resources = resources()
    referenced: dict[str, list] = {n: [] for n in all_resources}
    for name, res in all_resources.items():
        for fk in res["schema"].get("foreignKeys") or []:
            ref = fk["reference"]
            target = ref.get("resource") or name
            fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            referenced[target].append((name, fields, ref["fields"]))
    for name, res in all_resources.items():
        with mkdocs_gen_files.open(page_of(name), "w") as fh:
            fh.write(table_page(name, res, referenced[name]))
    with mkdocs_gen_files.open("dictionary/index.md", "w") as fh:
        fh.write(index_page(all_resources))
    with mkdocs_gen_files.open("dictionary/SUMMARY.md", "w") as fh:
        fh.write("* [Overview](index.md)\n" + "".join(f"* [{n}]({n}.md)\n" for n in all_resources))


