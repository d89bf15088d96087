"""Theme pages: /themas/<id>/, one per theme of the taxonomy: explanation, projects by region, forms."""
from __future__ import annotations

from .. import model as m
from ..text import plain
from .common import Page, Site, by_region, count_label, form_counts, grouped, meta
from .urls import theme_path


def pages(site: Site) -> list[Page]:
    return [theme_page(site, term) for term in site.c.taxonomy.themes]


def theme_page(site: Site, term: m.Term) -> Page:
    here = theme_path(term.id)
    pids = site.c.projects_by_theme.get(term.id, [])
    view = {
        "meta": meta(site, f"Thema {term.label}", term.description),
        "title": plain(term.label),
        "description": plain(term.description),
        "origin": plain(term.origin) if term.origin else "",
        "count": count_label(len(pids), "project", "projecten"),
        "groups": grouped(site, here, pids, by_region(site, here)),
        "forms": form_counts(site, pids),
    }
    return Page(here, "theme.md.j2", view)
