"""A plain-text codebook of the package, for people who download the CSV files and nothing else.

It is rendered from the descriptor (with each Table Schema inlined), so it says only what
``datapackage.json`` says; the build writes it beside the CSV files and checks that it is current.
"""

from __future__ import annotations

PATH = "data/CODEBOOK.md"  # beside the CSV files, in the checkout, the wheel and the release zip

OPENING = """\
## Opening the CSV files

- Every file is UTF-8 without a byte-order mark, comma-separated, with one header row and
  RFC 4180 quoting (a cell holding a comma, a quote or a line break is wrapped in double quotes).
- An empty cell is a missing value. It never means zero or "none": where the data say "none",
  the cell says `none`.
- **Excel**: do not double-click the file (Excel may then read UTF-8 as a local code page and
  garble names such as "Đukanović"). Use *Data > From Text/CSV*, choose
  *File origin: 65001: Unicode (UTF-8)* and *Delimiter: Comma*, and import identifier and date
  columns as *Text* so that `1962-10` stays a month and codes keep their leading zeros.
- **LibreOffice Calc**: in the import dialog choose *Character set: Unicode (UTF-8)*,
  *Separated by: Comma*, and set date columns to *Text*.
- **R**: `readr::read_csv(path, col_types = readr::cols(.default = "c"))` then convert; **Stata**:
  `import delimited path, encoding(utf-8) stringcols(_all)`; **Python**:
  `pandas.read_csv(path, dtype=str, keep_default_na=False)`, or the package's own loader.
- Dates are ISO 8601 at the precision the sources give: `1962-10-23` (a day), `1962-10`
  (a month) or `1962` (a year). A reduced-precision date is not the first of the month or year.
"""


def _text(value) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def _constraints(field: dict) -> str:
    c, parts = field.get("constraints", {}), []
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    for key, sign in (("minimum", ">="), ("maximum", "<=")):
        if key in c:
            parts.append(f"{sign} {c[key]}")
    if "pattern" in c:
        parts.append(f"pattern `{_text(c['pattern'])}`")
    if "enum" in c:
        parts.append("one of the values listed below")
    if field.get("x-edtf"):
        parts.append("date at day, month or year precision")
    return ", ".join(parts)


def _values(field: dict) -> list[str]:
    """The allowed or labelled values of a field, one line each, with their labels."""
    cats = field.get("categories") or []
    labels = {c["value"]: c.get("label", "") for c in cats if isinstance(c, dict)}
    values = field.get("constraints", {}).get("enum") or [c["value"] if isinstance(c, dict) else c for c in cats]
    if not values:
        return []
    lines = [f"Values of `{field['name']}`:", ""]
    lines += [f"- `{v}`" + (f": {_text(labels[v])}" if labels.get(v) else "") for v in values]
    return lines + [""]


def _table(res: dict) -> list[str]:
    schema = res["schema"]
    lines = [f"## `{res['name']}`: {_text(res.get('title', res['name']))}", ""]
    if res.get("description"):
        lines += [_text(res["description"]), ""]
    lines.append(f"- File: `{res['path']}`")
    if schema.get("primaryKey"):
        key = schema["primaryKey"]
        lines.append(f"- Each row is identified by: `{', '.join(key if isinstance(key, list) else [key])}`")
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        target = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        lines.append(f"- `{', '.join(fields)}` refers to `{ref['resource'] or res['name']}.{', '.join(target)}`")
    lines += ["", "| Field | Type | Constraints | Description |", "|---|---|---|---|"]
    for f in schema["fields"]:
        kind = f.get("type", "string") + (f" ({f['format']})" if f.get("format") else "")
        lines.append(f"| `{f['name']}` | {kind} | {_constraints(f)} | {_text(f.get('description', ''))} |")
    lines.append("")
    for f in schema["fields"]:
        lines += _values(f)
    return lines


def render(descriptor: dict) -> str:
    """The codebook of a descriptor whose resources have their schemas inlined."""
    lines = [
        f"# {descriptor.get('title', descriptor['name'])}: codebook, version {descriptor['version']}",
        "",
        "Generated from `datapackage.json` by `python -m pipeline.build`; do not edit by hand.",
        "",
        _text(descriptor.get("description", "")),
        "",
        OPENING,
        "## Licences",
        "",
    ]
    lines += [f"- {lic.get('title', lic.get('name'))} ({lic.get('path', '')})" for lic in descriptor.get("licenses", [])]
    lines += ["", "## Upstream datasets", "", "Cite the upstream datasets you use as well as this package.", ""]
    upstream = [f"- {_text(s.get('citation') or s['title'])}"
                + (f" Terms: {_text(s['license'])}" if s.get("license") else "")
                for s in descriptor.get("sources", [])]
    lines += list(dict.fromkeys(upstream))  # two sources of one dataset share a citation
    lines += ["", "## Tables", ""]
    lines += [f"- `{r['name']}`: {_text(r.get('title', ''))}" for r in descriptor["resources"]]
    lines.append("")
    for res in descriptor["resources"]:
        lines += _table(res)
    return "\n".join(lines).rstrip() + "\n"
