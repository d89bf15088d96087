"""Insurer pages: /verzekeraars/<id>/, one per health insurer: a summary by theme and form, its regions, the
projects grouped by region (collapsible) and the finder with the insurer chosen."""
from __future__ import annotations

from ..text import html_text
from .common import Page, Site, count_label, meta
from .entity import (OPEN_LIMIT, crumbs, finder_link, form_tally, groups, heading_id, hlink, region_key, summary,
                     theme_tally)
from .urls import INSURERS, insurer_path, region_path


def pages(site: Site) -> list[Page]:
    return [site.remember("insurer", iid, site.items(site.c.projects_by_insurer.get(iid, [])),
                          lambda iid=iid: insurer_page(site, iid)) for iid in site.c.insurers]


def insurer_page(site: Site, iid: str) -> Page:
    c = site.c
    insurer = c.insurers[iid]
    here = insurer_path(iid)
    pids = c.projects_by_insurer.get(iid, [])
    regions = c.regions_by_insurer.get(iid, [])
    finder = finder_link(here, "verzekeraar", iid, f"Alle projecten met {insurer.name}, te filteren en te sorteren.")
    view = {
        "meta": meta(
            site,
            insurer.name,
            f"Samenwerking van {insurer.name} met gemeenten: {count_label(len(pids), 'project', 'projecten')} "
            f"in {count_label(len(regions), 'regio', 'regio’s')}.",
        ),
        "heading_id": heading_id(insurer.name),
        "crumbs": crumbs(here, f"{INSURERS}/index.md"),
        "title": html_text(insurer.name),
        "description": html_text(insurer.description) if insurer.description else "",
        "kort": summary(site, here, pids, [theme_tally(site, pids, finder), form_tally(site, here, pids)],
                        finder),
        "regions": [hlink(here, c.regions[r].item.name, region_path(r)) for r in regions],
        "groups": groups(site, here, pids, region_key(site), "Over de regio {}", finder),
        "groups_open": len(pids) <= OPEN_LIMIT,
    }
    return Page(here, "insurer.md.j2", view)
