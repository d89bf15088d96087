"""Export: the catalogue's projects as CSV and JSON, with a data dictionary from the content model.

In:  a `Catalogue`.
Out: {file name: text}; `pages.build_pages` puts them under /data/ and `catalogus export` writes them to a folder.

    >>> files = export_files(catalogue)
    >>> sorted(files)
    ['projecten.csv', 'projecten.json']

JSON holds every field as written (lossless); CSV flattens lists with '; ' and keeps nested fields
(form per municipality, targets, links, sources, as_printed, period) as JSON text in their cell.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from . import model as m
from .catalogue import Catalogue

FIELDS = ["id", *m.Project.model_fields]
NESTED = {"form", "period", "targets", "links", "sources", "as_printed"}


def records(c: Catalogue) -> list[dict[str, Any]]:
    """Projects as plain data, sorted by id, with the fields in model order; unset optional fields left out."""
    out = []
    for pid in sorted(c.projects):
        data = c.projects[pid].item.model_dump(mode="json", exclude_none=True)
        out.append({"id": pid, **{k: data[k] for k in m.Project.model_fields if k in data}})
    return out


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = {}
        for key in FIELDS:
            value = row.get(key)
            if value is None:
                flat[key] = ""
            elif key in NESTED or isinstance(value, dict):
                flat[key] = json.dumps(value, ensure_ascii=False, sort_keys=True) if not isinstance(value, str) else value
            elif isinstance(value, list):
                flat[key] = "; ".join(str(v) for v in value)
            elif isinstance(value, bool):
                flat[key] = "ja" if value else "nee"
            else:
                flat[key] = str(value)
        writer.writerow(flat)
    return buffer.getvalue()


def export_files(c: Catalogue) -> dict[str, str]:
    rows = records(c)
    return {
        "projecten.json": json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
        "projecten.csv": to_csv(rows),
    }


def dictionary() -> list[dict[str, str]]:
    """Field name, type and Dutch description of every project field (the data dictionary)."""
    out = [{"field": "id", "description": "Id van het project: bestandsnaam en webadres /projecten/<id>/"}]
    for name, info in m.Project.model_fields.items():
        out.append({"field": name, "description": info.description or (info.annotation.__doc__ or "").strip().split("\n")[0]})
    return out
