"""/nieuw/ and its Atom feed: the most recently added or changed projects, dated from the content (no clock).
The page's body is HTML (generator/html_body.py); the feed is Atom XML."""
from __future__ import annotations

from .. import model as m
from ..text import html_text
from .common import Anchors, Page, Site, date_label, html_project_item, meta
from .urls import NEW, PROJECTS, address

FEED_SIZE = 50


def pages(site: Site) -> list[Page]:
    c = site.c
    newest = sorted(c.projects, key=lambda pid: (c.projects[pid].item.updated, c.projects[pid].item.added, pid),
                    reverse=True)[:FEED_SIZE]
    return [whats_new(site, newest), feed(site, newest)]


def whats_new(site: Site, newest: list[str]) -> Page:
    here = f"{NEW}/index.md"
    items = []
    for pid in newest:
        p: m.Project = site.c.projects[pid].item
        item = html_project_item(site, here, pid)
        item["change"] = "nieuw" if p.updated == p.added else "gewijzigd"
        item["date"] = date_label(p.updated)
        items.append(item)
    return Page(here, "new.md.j2", {
        "meta": meta(site, "Nieuw en gewijzigd", "De projecten die het laatst aan de catalogus zijn toegevoegd of zijn bijgewerkt.", indexed=False),
        "home": address(here, "index.md"),
        "id": Anchors()("Nieuw en gewijzigd"),
        "feed": "feed.xml",
        "items": items,
    })


def feed(site: Site, newest: list[str]) -> Page:
    base = site.config.site_url.rstrip("/") + "/"
    entries = [{
        "title": html_text(p.title),
        "summary": html_text(p.summary),
        "url": html_text(f"{base}{PROJECTS}/{pid}/"),
        "updated": p.updated.isoformat() + "T00:00:00Z",
        "published": p.added.isoformat() + "T00:00:00Z",
    } for pid in newest for p in [site.c.projects[pid].item]]
    return Page(f"{NEW}/feed.xml", "feed.xml.j2", {
        "title": html_text(f"{site.config.site_name}: nieuw en gewijzigd"),
        "site": html_text(base),
        "feed_url": html_text(f"{base}{NEW}/feed.xml"),
        "updated": max((e["updated"] for e in entries), default="2017-01-01T00:00:00Z"),
        "entries": entries,
    })
