"""Reading a sheet: the rows of a .xlsx or .csv file as cell texts keyed by project field.

In:  a spreadsheet in the layout of the 2017 inventory (Regio, Naam project, …) or of our own export.
Out: `Row`s (row number as the spreadsheet program shows it, {field: cell text}, {field: header}); problems with
     the header go to the `ImportPlan`.

    >>> rows = rows_of(read_table(Path("inventaris.xlsx")), plan)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import model as m
from ..cells import restore
from ..diagnostics import suggest
from .plan import ImportPlan

HEADER_SCAN_ROWS = 10  # the header may sit below a title row or two

# Column headers of the 2017 inventory (and a few Dutch synonyms) -> project field or import column.
DUTCH_COLUMNS = {
    "regio": "regions", "naam project": "title", "omschrijving project": "description", "vorm": "form",
    "instrumenteel": "instruments", "inhoudelijk": "themes", "geografisch": "scale",
    "zorgverzekeraar": "insurers", "gemeente": "municipalities", "overige partijen": "partners",
    "samenvatting": "summary", "bron": "source", "pagina": "page",
}
IMPORT_ONLY = {"id", "source", "page"}
COLUMNS = {**{name.lower(): name for name in ["id", *m.Project.model_fields]}, **DUTCH_COLUMNS}


class UnreadableFile(Exception):
    """The file cannot be read as a table at all (the message names the file)."""


@dataclass
class Row:
    number: int  # 0 when there are no rows (an issue form)
    cells: dict[str, str]  # field -> cell text (stripped)
    headers: dict[str, str]  # field -> column header (or form label) as the editor sees it
    free_text: bool = False  # every cell is free text (an issue form), not only the inventory's columns



def read_table(path: Path) -> list[list[Any]]:
    """All rows of the first sheet (pandas, openpyxl) or the CSV as lists of raw cell values, row 1 first."""
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise UnreadableFile("not UTF-8 text; save the sheet as 'CSV UTF-8'") from None
            return _csv_rows(text)
        elif suffix in {".xlsx", ".xlsm"}:
            frame = pd.read_excel(path, sheet_name=0, header=None, dtype=object, engine="openpyxl")
        else:
            raise UnreadableFile("unsupported file type; use .xlsx or .csv")
    except UnreadableFile:
        raise
    except FileNotFoundError:
        raise UnreadableFile("file not found") from None
    except Exception as exc:  # pandas and openpyxl raise many kinds for a damaged file
        raise UnreadableFile(f"cannot read the file as a table: {exc}") from None
    return [list(row) for row in frame.itertuples(index=False, name=None)]


def _csv_rows(text: str) -> list[list[Any]]:
    """CSV records (ragged rows allowed); ';' as separator when the first lines use it more than ',' (Dutch Excel)."""
    import csv
    import io

    head = text.split("\n")[:HEADER_SCAN_ROWS]
    separator = ";" if sum(line.count(";") for line in head) > sum(line.count(",") for line in head) else ","
    try:
        # cells.restore: our own CSV neutralises cells that start like a formula ('=...' is written "'=...")
        return [[restore(cell) for cell in record]
                for record in csv.reader(io.StringIO(text, newline=""), delimiter=separator)]
    except csv.Error as exc:
        raise UnreadableFile(f"not a valid CSV file: {exc}") from None


def cell_text(value: Any) -> str:
    """A raw cell as text: empty for missing, whole numbers without '.0', dates as YYYY-MM-DD."""
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()[:10]
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def normal_header(text: str) -> str:
    return " ".join(text.split()).lower()


def find_header(table: list[list[Any]]) -> int | None:
    """Index of the row with the most known column headers (at least two) among the first rows."""
    best, best_count = None, 1
    for index, row in enumerate(table[:HEADER_SCAN_ROWS]):
        count = sum(normal_header(cell_text(c)) in COLUMNS for c in row)
        if count > best_count:
            best, best_count = index, count
    return best


def rows_of(table: list[list[Any]], plan: ImportPlan) -> list[Row]:
    header_index = find_header(table)
    if header_index is None:
        plan.problem(None, None, "no header row found; expected columns such as 'Naam project' and 'Regio' "
                                 "(the 2017 inventory) or 'title' and 'regions' (the export)")
        return []
    header_row = header_index + 1
    columns: dict[int, str] = {}
    headers: dict[str, str] = {}
    for position, raw in enumerate(table[header_index]):
        header = cell_text(raw)
        if not header:
            continue
        name = COLUMNS.get(normal_header(header))
        if name is None:
            hint = suggest(normal_header(header), COLUMNS, "a known column").split(" is not a known column", 1)[1]
            plan.problem(header_row, header, "unknown column" + hint)
        elif name in headers:
            plan.problem(header_row, header, f"same field as column {headers[name]!r}; keep one of them")
        else:
            columns[position] = name
            headers[name] = header
    if "title" not in headers:
        plan.problem(header_row, None, "no title column ('Naam project' or 'title')")
    out = []
    for index in range(header_index + 1, len(table)):
        cells = {name: cell_text(table[index][pos]) for pos, name in columns.items() if pos < len(table[index])}
        if any(cells.values()):
            out.append(Row(index + 1, cells, headers))
    return out
