"""Data files are what the descriptor says they are: the loader checks each file's bytes
against its recorded ``hash`` before returning rows, so edited or corrupted data never load
silently. People editing the data pass ``verify=False`` until they rebuild the descriptor."""

from __future__ import annotations

import hashlib
from pathlib import Path


class TamperedData(ValueError):
    """A data file whose bytes differ from the hash recorded in datapackage.json."""

    def __init__(self, file: Path, expected: str, actual: str):
        super().__init__(
            f"{file} does not match the hash recorded in datapackage.json (expected {expected}, found {actual}): "
            "the file changed after the package was built. If you edited it, run "
            "`python -m pipeline.build --curated`, or load with verify=False (--no-verify) while editing")
        self.file, self.expected, self.actual = file, expected, actual


def digest(file: Path, algorithm: str = "sha256") -> str:
    """``<algorithm>:<hex>`` of the file's bytes, read in chunks."""
    h = hashlib.new(algorithm)
    with Path(file).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return f"{algorithm}:{h.hexdigest()}"


def verify(resource: dict, file: Path) -> None:
    """Raise TamperedData unless ``file`` has the resource's recorded hash (if it records one)."""
    expected = resource.get("hash")
    if not expected:
        return
    algorithm = expected.split(":", 1)[0] if ":" in expected else "md5"  # Table Schema's default
    actual = digest(file, algorithm)
    if actual.split(":", 1)[1] != expected.split(":", 1)[-1]:
        raise TamperedData(file, expected, actual)
