"""Export: the catalogue's projects as CSV, XLSX and JSON, with a data dictionary from the content model.

In:  a `Catalogue`.
Out: {file name: text or bytes}; `pages.build_pages` puts them under /data/ and `catalogus export` writes them
     to a folder.

    >>> files = export_files(catalogue)
    >>> sorted(files)
    ['projecten.csv', 'projecten.json', 'projecten.xlsx', 'velden.csv']

JSON holds every field as written. CSV and XLSX hold one row per project with the cells of `cells.encode`
(lists joined with '; ', nested fields as JSON text); `catalogus import` reads them back to the same projects.
The XLSX is byte-reproducible: its document dates and zip entry times come from the content, not the clock.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from typing import Any

from . import model as m
from .catalogue import Catalogue
from .cells import encode, neutralise

FIELDS = ["id", *m.Project.model_fields]
PROJECTS_SHEET = "projecten"
FIELDS_SHEET = "velden"


def records(c: Catalogue) -> list[dict[str, Any]]:
    """Projects as plain data, sorted by id, with the fields in model order; unset optional fields left out."""
    return [_record(pid, c.projects[pid].item) for pid in sorted(c.projects)]


def _record(pid: str, item: m.Project) -> dict[str, Any]:
    data = item.model_dump(mode="json", exclude_none=True)
    return {"id": pid, **{k: data[k] for k in m.Project.model_fields if k in data}}


def table(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Header row and one row of cells per project."""
    return [FIELDS] + [[encode(key, row.get(key)) for key in FIELDS] for row in rows]


def _csv(lines: list[list[str]], delimiter: str = ",") -> str:
    """Every CSV we publish or export is written here: cells a spreadsheet would run as a formula are
    neutralised (cells.neutralise); `catalogus import` restores them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", delimiter=delimiter)
    writer.writerows([[neutralise(cell) for cell in line] for line in lines])
    return buffer.getvalue()


def to_csv(rows: list[dict[str, Any]]) -> str:
    return _csv(table(rows))


def to_xlsx(rows: list[dict[str, Any]], stamp: dt.datetime) -> bytes:
    """A workbook with the projects and the data dictionary; `stamp` is its created/modified date."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = PROJECTS_SHEET
    for sheet_rows, target in [(table(rows), sheet), (_dictionary_rows(), workbook.create_sheet(FIELDS_SHEET))]:
        for line in sheet_rows:
            target.append(line)
        for row in target.iter_rows():
            for cell in row:
                cell.data_type = "s"  # text stays text: a value starting with '=' is not a formula
        target.freeze_panes = "A2"
    workbook.properties.creator = "Samenwerkingscatalogus"
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    # openpyxl's save_workbook() stamps the clock into docProps/core.xml; its writer does not.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_zip_times(buffer.getvalue(), stamp)


def _fixed_zip_times(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with every entry dated `stamp` (zip entries otherwise carry the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def content_stamp(c: Catalogue) -> dt.datetime:
    """The newest `updated` date of the content: the date the downloads describe."""
    newest = max((e.item.updated for e in c.projects.values()), default=dt.date(2017, 1, 1))
    return dt.datetime(newest.year, newest.month, newest.day)


def export_files(c: Catalogue, memo: dict | None = None) -> dict[str, str | bytes]:
    """With a `memo` (kept by a long-running process, see cache.py), each project is serialised only while its
    item is new (same bytes as serialising the whole list), and the workbook is written only the first time:
    `catalogus serve` keeps the Excel file of its first build, `catalogus build` always writes it afresh."""
    if memo is None:
        rows = records(c)
        json_text, csv_text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n", to_csv(rows)
    else:
        rows, json_text, csv_text = _memoised(c, memo)
    workbook = memo.get("workbook") if memo is not None else None
    if workbook is None:
        workbook = to_xlsx(rows, content_stamp(c))
        if memo is not None:
            memo["workbook"] = workbook
    return {
        "projecten.json": json_text,
        "projecten.csv": csv_text,
        "projecten.xlsx": workbook,
        "velden.csv": _csv(_dictionary_rows()),
    }


def _memoised(c: Catalogue, memo: dict) -> tuple[list[dict[str, Any]], str, str]:
    """records(), its JSON text and its CSV text, from each project's own row, cells and JSON text; an entry is
    kept while the project's item is the same object (the cache hands out the same item for unchanged bytes)."""
    previous = memo.get("projects", {})
    kept, rows, lines, parts = {}, [], [FIELDS], []
    for pid in sorted(c.projects):
        item = c.projects[pid].item
        hit = previous.get(pid)
        if hit is None or hit[0] is not item:
            row = _record(pid, item)
            text = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ")  # one level deeper, as in the list
            hit = (item, row, [encode(key, row.get(key)) for key in FIELDS], " " + text)
        kept[pid] = hit
        rows.append(hit[1])
        lines.append(hit[2])
        parts.append(hit[3])
    memo["projects"] = kept
    return rows, ("[\n" + ",\n".join(parts) + "\n]" if parts else "[]") + "\n", _csv(lines)


def _dictionary_rows() -> list[list[str]]:
    return [["veld", "betekenis"]] + [[f["field"], f["description"]] for f in dictionary()]


def dictionary() -> list[dict[str, str]]:
    """Field name and Dutch description of every project field (the data dictionary)."""
    out = [{"field": "id", "description": "Id van het project: bestandsnaam en webadres /projecten/<id>/"}]
    for name, info in m.Project.model_fields.items():
        out.append({"field": name, "description": info.description or (info.annotation.__doc__ or "").strip().split("\n")[0]})
    return out
