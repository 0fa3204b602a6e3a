"""One validation problem, said in plain words."""

from __future__ import annotations

from dataclasses import dataclass


FIRST_DATA_ROW = 2  # rows are numbered as a spreadsheet shows them: the header is row 1


@dataclass(frozen=True)
class Problem:
    file: str
    rule: str
    message: str
    row: int | None = None  # spreadsheet numbering: the header is row 1
    column: str | None = None
    value: str | None = None
    stage: str = "frictionless"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.value is not None:
            where.append(f"value {self.value!r}")
        return f"{', '.join(where)}: {self.message} [rule: {self.rule}]"

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("file", "row", "column", "value", "rule", "message", "stage")}
