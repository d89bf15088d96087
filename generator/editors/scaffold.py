"""Scaffolding: `catalogus new project|region|source --title "…"` writes a commented skeleton.

The id (file name) is derived from the title with the one slug rule; an existing file is never overwritten.

    >>> path = new_item(Path("content"), "project", "Valpreventie Oost", today=date(2026, 11, 22))
    >>> path.name
    'valpreventie-oost.yml'
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..schema import comment_for
from ..slugs import slugify

FOLDERS = {"project": "projects", "region": "regions", "source": "sources"}


class AlreadyExists(FileExistsError):
    pass


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skeleton(kind: str, title: str, today: dt.date) -> str:
    head = comment_for(Path(FOLDERS[kind]) / "x.yml") + "\n"  # the same for every file of a folder
    if kind == "project":
        return head + f"""# Nieuw project. Alle velden met uitleg: content/projects/_voorbeeld.yml
title: {_quote(title)}
kind: project                 # project, programma, speerpunt of praktijkvoorbeeld
summary: "TODO: één zin in eigen woorden"
description: |-
  TODO: beschrijving in eigen woorden.
regions: []                   # TODO: minstens één regio-id uit content/regions/
municipalities: []            # gemeente-ids uit content/municipalities.yml
whole_region: false
insurers: []                  # ids uit content/insurers.yml
themes: []                    # ids uit content/taxonomy.yml
status: onbekend
sources:
  - {{document: TODO, page: 1}}
reference_date: '{today.year}'
added: '{today.isoformat()}'
updated: '{today.isoformat()}'
"""
    if kind == "region":
        return head + f"""name: {_quote(title)}
municipalities: []            # TODO: alle gemeenten (ids)
insurers: []
sources:
  - {{document: TODO, page: 1}}
reference_date: '{today.year}'
"""
    return head + f"""title: {_quote(title)}
kind: agenda                  # inventarisatie, agenda, programma of handreiking
date: '{today.year}'
parties: []
summary: "TODO: één zin in eigen woorden"
description: |-
  TODO: wat het document is en wat de catalogus eruit overneemt.
regions: []
"""


def new_item(content: Path, kind: str, title: str, today: dt.date | None = None) -> Path:
    item_id = slugify(title, max_length=80)
    if not item_id:
        raise ValueError("the title has no letters or digits to make an id from")
    path = content / FOLDERS[kind] / f"{item_id}.yml"
    if path.exists():
        raise AlreadyExists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(kind, title, today or dt.date.today()), encoding="utf-8")
    return path
