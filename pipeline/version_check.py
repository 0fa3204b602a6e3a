"""CI check: the data package version must be bumped as much as the change since the
previous version requires (see coldwar_relations.diff for the rules).

The previous version is the newest commit whose datapackage.json has another version;
everything since then is compared with it. With no earlier version, there is nothing to check.
"""

from __future__ import annotations

import json
import subprocess
import sys

from coldwar_relations import diff
from pipeline.paths import REPO_ROOT


def _version_at(ref: str) -> str | None:
    shown = subprocess.run(["git", "-C", str(REPO_ROOT), "show", f"{ref}:datapackage.json"],
                           capture_output=True, text=True)
    return json.loads(shown.stdout)["version"] if shown.returncode == 0 else None


def previous_release() -> str | None:
    current = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    commits = subprocess.run(["git", "-C", str(REPO_ROOT), "log", "--format=%H", "--", "datapackage.json"],
                             capture_output=True, text=True, check=True).stdout.split()
    return next((c for c in commits if _version_at(c) not in (None, current)), None)


def main() -> int:
    base = previous_release()
    if base is None:
        print("version check: no earlier version of the package in the history; nothing to compare")
        return 0
    with diff.checkout(base, REPO_ROOT) as old:
        result = diff.compare(old, REPO_ROOT)
    print(diff.report(result, limit=5))
    if not result.bump_ok:
        print(f"version check FAILED: the change since {result.old_version} needs a {result.required} bump")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
