"""The guide (Leidraad integrale gebiedsaanpak): /handreiking/ and one page per guide file, with previous/next."""
from __future__ import annotations

from ..text import plain, rich
from .common import Page, Site, link, meta, sources
from .urls import GUIDE, guide_path


def pages(site: Site) -> list[Page]:
    if not site.c.guide:
        return []
    return [guide_index(site)] + [guide_page(site, i) for i in range(len(site.c.guide))]


def guide_index(site: Site) -> Page:
    here = f"{GUIDE}/index.md"
    return Page(here, "guide_index.md.j2", {
        "meta": meta(site, "Handreiking integrale gebiedsaanpak", "De Leidraad Integrale Gebiedsaanpak in stappen: doelen, prioriteiten, passend aanbod en sturing.", indexed=False),
        "pages": [{**link(here, g.item.title, guide_path(g.id)), "summary": plain(g.item.summary)} for g in site.c.guide],
    })


def guide_page(site: Site, index: int) -> Page:
    guide = site.c.guide
    entry = guide[index]
    here = guide_path(entry.id)
    previous = guide[index - 1] if index else None
    following = guide[index + 1] if index + 1 < len(guide) else None
    view = {
        "meta": meta(site, entry.item.title, entry.item.summary, entry),
        "title": plain(entry.item.title),
        "body": rich(entry.body),
        "sources": sources(site, here, entry.item.sources),
        "previous": link(here, previous.item.title, guide_path(previous.id)) if previous else None,
        "next": link(here, following.item.title, guide_path(following.id)) if following else None,
    }
    return Page(here, "guide.md.j2", view)
