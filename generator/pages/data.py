"""/data/: the whole catalogue as CSV, XLSX and JSON, the data dictionary and the JSON Schemas, plus the
download files themselves (pages without a template, written byte for byte)."""
from __future__ import annotations

from ..export import dictionary, export_files
from ..schema import schema_files, vocabularies
from ..text import plain
from .common import Page, Site, meta, size_label
from .urls import DATA, SCHEMA


def pages(site: Site) -> list[Page]:
    files = export_files(site.c, site.memo)
    schemas = schema_files(vocabularies(site.c))
    page = Page(DATA, "data.md.j2", {
        "meta": meta(site, "Open data", "De hele catalogus als CSV, XLSX en JSON, met uitleg per veld.", indexed=False),
        "count": len(site.c.projects),
        "files": [{"name": name, "size": size_label(data)} for name, data in sorted(files.items())],
        "schemas": [{"name": name, "url": f"{SCHEMA}/{name}"} for name in sorted(schemas)],
        "fields": [{"field": f["field"], "description": plain(f["description"])} for f in dictionary()],
    })
    downloads = {**files, **{f"{SCHEMA}/{name}": text for name, text in schemas.items()}}
    return [page] + [Page(f"data/{name}", "", {"text": data}) for name, data in sorted(downloads.items())]
