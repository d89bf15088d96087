"""Redirect pages: old addresses that must keep working (former project ids, pre-merger municipality names)."""
from __future__ import annotations

from ..text import attribute, html_text
from .common import Page, Site, dutch_list
from .urls import address, municipality_path, project_path


def pages(site: Site) -> list[Page]:
    c = site.c
    out = []
    for pid, entry in c.projects.items():
        for alias in entry.item.aliases:
            out.append(redirect(project_path(alias), entry.item.title, project_path(pid)))
    for former_id, (former, current) in c.former_names.items():
        name = dutch_list([c.municipalities[s].name for s in c.successors[former_id]])
        out.append(redirect(municipality_path(former_id), f"{former.name} (nu {name})", municipality_path(current)))
    return out


def redirect(here: str, title: str, target: str) -> Page:
    return Page(here, "redirect.md.j2", {"title": attribute(html_text(title)), "location": address(here, target)})
