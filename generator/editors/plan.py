"""The plan of an import: what it would write and every problem that stops it, and the editor's defaults."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Defaults:
    """What the editor says on the command line for every row that does not say it itself."""

    source: str | None = None
    page: int | None = None
    date: dt.date | None = None  # added/updated; None: today
    reference_date: str | None = None


@dataclass
class ImportPlan:
    source: str  # the file as the editor named it, for messages
    files: dict[str, str] = field(default_factory=dict)  # "projects/<id>.yml" -> text
    rows: dict[str, int] = field(default_factory=dict)  # "projects/<id>.yml" -> row number
    id_columns: dict[str, str] = field(default_factory=dict)  # "projects/<id>.yml" -> column the id came from
    reported: dict[int, set[str]] = field(default_factory=dict)  # row -> fields with a problem already
    new: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    # conflicts: "projects/<id>.yml" -> fields whose values in the existing file --overwrite would replace
    replaced: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unit: str = "column"  # what a cell is called in messages: a spreadsheet 'column' or an issue form 'field'

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        where = f"{self.source}:{row}" if row else self.source
        self.problems.append(f"{where}: {self.unit} {column!r}: {message}" if column else f"{where}: {message}")
