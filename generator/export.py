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
    return [_record(pid, c.projects[pid].item) for pid in sorted(c.projects)]


def _record(pid: str, item: m.Project) -> dict[str, Any]:
    data = item.model_dump(mode="json", exclude_none=True)
    return {"id": pid, **{k: data[k] for k in m.Project.model_fields if k in data}}


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
    """The same text as `json.dumps(records(c), indent=1)` and `to_csv(records(c))`, put together from each
    project's own JSON and CSV text, which is kept while the project's item is unchanged: a regeneration
    after one edit (`catalogus serve`) serialises one project, not all of them."""
    global _SERIALISED
    kept, json_parts, csv_parts = {}, [], [to_csv([])]
    for pid in sorted(c.projects):
        item = c.projects[pid].item
        hit = _SERIALISED.get(pid)
        if hit is None or hit[0] is not item:
            row = _record(pid, item)
            text = json.dumps(row, ensure_ascii=False, indent=1).replace("\n", "\n ")  # one level deeper, as in the list
            hit = (item, " " + text, to_csv([row]).split("\n", 1)[1])
        kept[pid] = hit
        json_parts.append(hit[1])
        csv_parts.append(hit[2])
    _SERIALISED = kept
    return {
        "projecten.json": ("[\n" + ",\n".join(json_parts) + "\n]" if json_parts else "[]") + "\n",
        "projecten.csv": "".join(csv_parts),
    }


# project id -> (its item, its JSON text inside the list, its CSV row), from the last call
_SERIALISED: dict[str, tuple[Any, str, str]] = {}


def dictionary() -> list[dict[str, str]]:
    """Field name, type and Dutch description of every project field (the data dictionary)."""
    out = [{"field": "id", "description": "Id van het project: bestandsnaam en webadres /projecten/<id>/"}]
    for name, info in m.Project.model_fields.items():
        out.append({"field": name, "description": info.description or (info.annotation.__doc__ or "").strip().split("\n")[0]})
    return out
