"""Insurer pages: /verzekeraars/<id>/, one per health insurer: its regions and projects by region."""
from __future__ import annotations

from ..text import plain
from .common import Page, Site, by_region, count_label, grouped, link, meta
from .urls import insurer_path, region_path


def pages(site: Site) -> list[Page]:
    return [insurer_page(site, iid) for iid in site.c.insurers]


def insurer_page(site: Site, iid: str) -> Page:
    c = site.c
    insurer = c.insurers[iid]
    here = insurer_path(iid)
    pids = c.projects_by_insurer.get(iid, [])
    regions = c.regions_by_insurer.get(iid, [])
    view = {
        "meta": meta(
            site,
            insurer.name,
            f"Samenwerking van {insurer.name} met gemeenten: {count_label(len(pids), 'project', 'projecten')} "
            f"in {count_label(len(regions), 'regio', 'regio’s')}.",
        ),
        "title": plain(insurer.name),
        "description": plain(insurer.description) if insurer.description else "",
        "regions": [link(here, c.regions[r].item.name, region_path(r)) for r in regions],
        "count": count_label(len(pids), "project", "projecten"),
        "groups": grouped(site, here, pids, by_region(site, here)),
    }
    return Page(here, "insurer.md.j2", view)
