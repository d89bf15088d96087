"""Project pages: /projecten/<id>/, one per project.

In:  the `Site`. Out: one `Page` per project (template project.md.j2), with its key facts, description, goals,
targets, results, sources, comparable projects and the Pagefind filters the finder searches by.
"""
from __future__ import annotations

from typing import Any

from .. import model as m
from ..catalogue import _sort_name
from ..related import Match, comparable
from ..text import html_text, plain, rich
from .common import (Page, Site, date_label, form_rows, link, meta, municipality_name, reference_label,
                     source_file, sources)
from .map import locator_project
from .urls import insurer_path, municipality_path, project_path, region_path, relative, theme_path

# How fields the 2017 inventory printed differently are labelled in "as printed in the source".
PRINTED_LABELS = {
    "form": "Vorm", "themes": "Thema", "instruments": "Instrument", "scale": "Schaal",
    "status": "Status", "regions": "Regio", "municipalities": "Gemeenten", "insurers": "Zorgverzekeraar",
    "title": "Naam", "description": "Omschrijving", "partners": "Overige partijen", "targets": "Streefwaarden",
}


def pages(site: Site) -> list[Page]:
    matches = comparable(site.c)
    return [project_page(site, pid, matches.get(pid, [])) for pid in site.c.projects]


def project_page(site: Site, pid: str, matches: list[Match]) -> Page:
    c = site.c
    entry = c.projects[pid]
    p: m.Project = entry.item
    here = project_path(pid)
    municipalities = [
        {"title": plain(municipality_name(site, mid)),
         "url": relative(here, municipality_path(c.current_municipality[mid]))}
        for mid in p.municipalities
    ]
    view = {
        "meta": meta(site, p.title, p.summary, entry, indexed=True),
        "id": pid,
        "title": plain(p.title),
        "summary": plain(p.summary),
        "kind": plain(site.labels["kinds"][p.kind]),
        "reference": reference_label(p.reference_date),
        "description": rich(p.description),
        "regions": [link(here, c.regions[r].item.name, region_path(r)) for r in p.regions],
        "whole_region": p.whole_region,
        "municipalities": municipalities,
        "insurers": [link(here, c.insurers[i].name, insurer_path(i)) for i in p.insurers],
        "partners": [plain(x) for x in p.partners],
        "themes": [link(here, site.labels["themes"][t], theme_path(t)) for t in p.themes],
        "themes_other": [plain(x) for x in p.themes_other],
        "forms": form_rows(site, p),
        "instruments": [plain(site.labels["instruments"][i]) for i in p.instruments],
        "scale": plain(site.labels["scales"][p.scale]) if p.scale else "",
        "status": plain(site.labels["statuses"][p.status]),
        "period": period_label(p),
        "goals": [rich(g) for g in p.goals],
        "targets": [target_row(t) for t in p.targets],
        "results": [rich(r) for r in p.results],
        "funding": rich(p.funding),
        "links": [{"title": plain(x.title), "url": x.url} for x in p.links],
        "as_printed": [
            {"field": plain(PRINTED_LABELS.get(k, k)), "value": plain(v) if v else "(leeg)"}
            for k, v in sorted(p.as_printed.items())
        ],
        "quirks": [
            {"label": plain(t.label), "description": plain(t.description)}
            for t in c.taxonomy.quirks if t.id in p.quirks
        ],
        "notes": rich(p.notes),
        "sources": sources(site, here, p.sources),
        "added": date_label(p.added),
        "updated": date_label(p.updated),
        "checked": date_label(p.verified) if p.verified else "",
        "stale_since": stale_since(site, p),
        "edit_url": edit_url(site, entry),
        "report_url": report_url(site, pid),
        "filters": [{"name": name, "value": value} for name, ids in site.facets[pid].items() for value in ids],
        "sort_name": html_text(_sort_name(p.title)),
        "region_names": html_text(", ".join(c.regions[r].item.name for r in p.regions)),
        "comparable": [
            {**link(here, c.projects[match.id].item.title, project_path(match.id)),
             "region": plain(", ".join(c.regions[r].item.name for r in c.projects[match.id].item.regions)),
             "reason": plain(match.reason)}
            for match in matches
        ],
        "map": locator_project(site, here, pid),  # maps (#14): partials/kaart/project.md.j2
    }
    return Page(here, "project.md.j2", view)


def period_label(p: m.Project) -> str:
    if not (p.period and (p.period.start or p.period.end)):
        return ""
    return f"{p.period.start or '?'}–{p.period.end or '?'}" if p.period.end else f"vanaf {p.period.start}"


def target_row(target: m.Target) -> dict[str, Any]:
    """A target with its number in Dutch notation (1.000; 2,5) and unit."""
    number = ""
    if target.value is not None:
        value = int(target.value) if float(target.value).is_integer() else target.value
        number = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value).replace(".", ",")
        number = f"{number} {target.unit}" if target.unit else number
    return {
        "description": plain(target.description),
        "value": plain(number) if number else "",
        "year": str(target.year) if target.year else "",
    }


def stale_since(site: Site, p: m.Project) -> str:
    """The date label of the last check (`verified`, else `updated`) when it is older than the configured age."""
    checked = p.verified or p.updated
    if not site.config.max_age_days or site.config.today is None:
        return ""
    if (site.config.today - checked).days <= site.config.max_age_days:
        return ""
    return date_label(checked)


def report_url(site: Site, pid: str) -> str:
    """The correction form (.github/ISSUE_TEMPLATE/correctie.yml), prefilled with the project's id."""
    if not site.config.repo_url:
        return ""
    return f"{site.config.repo_url.rstrip('/')}/issues/new?template=correctie.yml&project={pid}"


def edit_url(site: Site, entry) -> str:
    if not site.config.repo_url:
        return ""
    return f"{site.config.repo_url.rstrip('/')}/edit/{site.config.edit_branch}/{source_file(site, entry)}"
