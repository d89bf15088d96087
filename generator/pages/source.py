"""Source pages: /bronnen/<id>/, one per source document or agenda: what it is, its parties, a summary of the
projects taken from it (by theme and form, and into the finder), those projects grouped by region, the guide
pages taken from it, and how it was processed (folded away)."""
from __future__ import annotations

from .. import model as m
from ..text import html_text, rich
from .common import Page, Site, meta
from .entity import (OPEN_LIMIT, crumbs, finder_link, form_tally, groups, heading_id, hlink, region_key, summary,
                     theme_tally)
from .urls import SOURCES, guide_path, region_path, source_path


def pages(site: Site) -> list[Page]:
    return [site.remember("source", sid, site.items(site.c.projects_by_source.get(sid, [])),
                          lambda sid=sid: source_page(site, sid)) for sid in site.c.sources]


def source_page(site: Site, sid: str) -> Page:
    c = site.c
    entry = c.sources[sid]
    doc: m.SourceDocument = entry.item
    here = source_path(sid)
    pids = c.projects_by_source.get(sid, [])
    finder = finder_link(here, "bron", sid, "Alle projecten uit dit document, te filteren en te sorteren.")
    view = {
        "meta": meta(site, doc.title, doc.summary, entry),
        "heading_id": heading_id(doc.title),
        "crumbs": crumbs(here, f"{SOURCES}/index.md"),
        "title": html_text(doc.title),
        "summary": html_text(doc.summary),
        "description": rich(doc.description),
        "notes": rich(doc.notes),
        "kind": html_text(doc.kind.capitalize()),
        "date": html_text(doc.date),
        "pages": str(doc.pages) if doc.pages else "",
        "parties": [html_text(x) for x in doc.parties],
        "regions": [hlink(here, c.regions[r].item.name, region_path(r)) for r in doc.regions],
        "kort": summary(site, here, pids, [theme_tally(site, pids, finder), form_tally(site, here, pids)],
                        finder),
        "groups": groups(site, here, pids, region_key(site), "Over de regio {}", finder),
        "groups_open": len(pids) <= OPEN_LIMIT,
        "guide": [hlink(here, g.item.title, guide_path(g.id)) for g in c.guide
                  if any(ref.document == sid for ref in g.item.sources)],
    }
    return Page(here, "source.md.j2", view)
