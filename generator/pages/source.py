"""Source pages: /bronnen/<id>/, one per source document or agenda: what it is, its parties, the projects and
guide pages taken from it."""
from __future__ import annotations

from .. import model as m
from ..text import plain, rich
from .common import Page, Site, by_region, count_label, grouped, link, meta
from .urls import guide_path, region_path, source_path


def pages(site: Site) -> list[Page]:
    return [source_page(site, sid) for sid in site.c.sources]


def source_page(site: Site, sid: str) -> Page:
    c = site.c
    entry = c.sources[sid]
    doc: m.SourceDocument = entry.item
    here = source_path(sid)
    pids = c.projects_by_source.get(sid, [])
    view = {
        "meta": meta(site, doc.title, doc.summary, entry),
        "title": plain(doc.title),
        "summary": plain(doc.summary),
        "description": rich(doc.description),
        "notes": rich(doc.notes),
        "kind": plain(doc.kind.capitalize()),
        "date": plain(doc.date),
        "pages": str(doc.pages) if doc.pages else "",
        "parties": [plain(x) for x in doc.parties],
        "regions": [link(here, c.regions[r].item.name, region_path(r)) for r in doc.regions],
        "count": count_label(len(pids), "project", "projecten"),
        "groups": grouped(site, here, pids, by_region(site, here)),
        "guide": [link(here, g.item.title, guide_path(g.id)) for g in c.guide
                  if any(ref.document == sid for ref in g.item.sources)],
    }
    return Page(here, "source.md.j2", view)
