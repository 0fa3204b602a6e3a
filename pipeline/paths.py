"""Where the repository keeps its inputs and outputs."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT / "data"
CURATED = REPO_ROOT / "pipeline" / "curated"
DESCRIPTOR_SOURCES = REPO_ROOT / "pipeline" / "descriptor"
DATAPACKAGE = REPO_ROOT / "datapackage.json"
