"""The download page: the files of this version's release, how to check them, and how to cite it.

The file names come from coldwar_relations.release (the code that builds them), the hashes and
sizes of the data files from datapackage.json, and the citation from coldwar_relations.cite, so
the page always describes the version the site is built from.
"""

from __future__ import annotations

import mkdocs_gen_files

from coldwar_relations import codebook, release
from common import ROOT, cw, descriptor, md_table, rel, resources

PAGE = "download.md"


def release_files(page: str) -> str:
    sdist, wheel, archive, zenodo, sums = release.file_names(ROOT)
    what = {
        archive: "The data package: `datapackage.json`, `schemas/`, `data/` and "
                 + ", ".join(f"`{n}`" for n in release.DOCUMENTS)
                 + f". Unzip it and any Frictionless tool reads it; `{codebook.PATH}` describes every "
                 "table and field in plain text.",
        wheel: f"The Python library with the data inside: `pip install {wheel}`.",
        sdist: "The source distribution: the library, the data, the build pipeline and the tests.",
        zenodo: "The metadata of the Zenodo deposit (title, version, creators, licence, upstream datasets).",
        sums: "The SHA-256 checksum of each file above.",
    }
    return md_table(["File", "What it is"], [[f"`{name}`", text] for name, text in what.items()])


def data_hashes(page: str) -> str:
    rows = []
    for res in resources().values():
        digest = res.get("hash", "")
        digest = digest.split(":", 1)[1] if digest.startswith("sha256:") else digest
        rows.append([f"[`{res['path']}`]({rel(page, 'download/' + res['path'])})", f"{res.get('bytes', 0):,}",
                     f"`{digest}`"])
    return md_table(["File", "Bytes", "SHA-256"], rows)


def page() -> str:
    d = descriptor()
    version, home = d["version"], d.get("homepage", "")
    archive = release.zip_name(d)
    return "\n".join([
        f"# Download version {version}\n",
        f"Each version of the package is published as a release of the repository "
        f"([`v{version}`](<{home}/releases/tag/v{version}>)) with the files below. This site documents "
        f"version `{version}`; the [changelog]({rel(PAGE, 'guides/versioning.md')}) says what each version changed.\n",
        "## Release files\n",
        release_files(PAGE),
        "## Checking a download\n",
        "`SHA256SUMS` holds one line per file, `<hash>  <file name>`. In the folder where you saved the "
        "files (add `--ignore-missing` if you downloaded only some of them):\n",
        "```bash\nsha256sum -c SHA256SUMS        # Linux\nshasum -a 256 -c SHA256SUMS    # macOS\n```\n",
        "Every line must end in `OK`. On Windows, `Get-FileHash FILE -Algorithm SHA256` prints the hash "
        "to compare with the line of `SHA256SUMS`.\n",
        "The data package checks itself too: `datapackage.json` records the size and SHA-256 hash of every "
        "data file, which the validators compare with the files:\n",
        f"```bash\nunzip {archive} -d coldwar-relations\nfrictionless validate coldwar-relations/datapackage.json\n"
        "coldwar-relations validate coldwar-relations   # also the package's own rules\n```\n",
        "Anyone can rebuild the release from the tagged commit with `coldwar-relations release` "
        "(in a clone of the repository): the data package zip is built with sorted entries and fixed "
        "timestamps, so the same commit gives the same zip and the same hash.\n",
        f"## The data files of version {version}\n",
        "These are the values `datapackage.json` records; `sha256sum data/*.csv` prints the same.\n",
        data_hashes(PAGE),
        f"## How to cite version {version}\n",
        f"{cw.cite('apa', path=ROOT)}\n",
        f"```bibtex\n{cw.cite('bibtex', path=ROOT)}\n```\n",
        "Cite the upstream datasets of the tables you use as well, as their maintainers ask: "
        "`coldwar-relations cite SOURCE_ID` prints one, and the "
        f"[licence page]({rel(PAGE, 'licence.md')}) lists them with their terms.\n",
    ])


def main() -> None:
    with mkdocs_gen_files.open(PAGE, "w") as fh:
        fh.write(page())
