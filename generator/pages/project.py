"""Project pages: /projecten/<id>/, one per project.

In:  the `Site`. Out: one `Page` per project (template project.md.j2), with its key facts, description, goals,
targets, results, sources, comparable projects and the Pagefind filters the finder searches by.
"""
from __future__ import annotations

from typing import Any, Iterator

from .. import jsonld, model as m
from ..catalogue import REST, _sort_name
from ..jsonld import front_matter
from ..related import Match, comparable
from ..text import html_text, rich
from . import glossary
from .common import Page, Site, date_label, meta, municipality_name, reference_label, source_file
from .entity import crumbs, heading_id, hlink, sources_once
from .map import locator_project
from .urls import (PROJECTS, address, insurer_path, municipality_path, project_path, region_path, theme_path,
                   topic_path)
from .finder import _compounds as finder_compounds, search_entry

# How fields the 2017 inventory printed differently are labelled in "as printed in the source".
PRINTED_LABELS = {
    "form": "Vorm", "themes": "Thema", "instruments": "Instrument", "scale": "Schaal",
    "status": "Status", "regions": "Regio", "municipalities": "Gemeenten", "insurers": "Zorgverzekeraar",
    "title": "Naam", "description": "Omschrijving", "partners": "Overige partijen", "targets": "Streefwaarden",
}


def pages(site: Site) -> Iterator[Page]:
    """One page per project, made as it is asked for: a one-off build renders and writes each before the next
    is made (at 10,000 projects the view-models of all of them held together were ~130 MB)."""
    matches = comparable(site.c, site.remember if site.views is not None else None)
    compounds = finder_compounds(site)
    for pid, entry in site.c.projects.items():
        # A project page reads the world, its own entry, the projects it names as comparable and the finder's
        # compound parts of its words (see common.Views).
        found = tuple(matches.get(pid, []))
        reads = (entry, found, site.items(match.id for match in found), tuple(compounds.get(pid, [])))
        yield site.remember("project", pid, reads, lambda pid=pid, found=found: project_page(site, pid, list(found)))


def project_page(site: Site, pid: str, matches: list[Match]) -> Page:
    c = site.c
    entry = c.projects[pid]
    p: m.Project = entry.item
    here = project_path(pid)
    labels = site.labels
    municipalities = [
        hlink(here, municipality_name(site, mid), municipality_path(c.current_municipality[mid]))
        for mid in p.municipalities
    ]
    view = {
        "meta": {**meta(site, p.title, p.summary, entry, indexed=True),
                 "jsonld": front_matter(jsonld.project(c, site.config.site_url, pid))},
        "id": pid,
        "heading_id": heading_id(p.title),
        "crumbs": crumbs(here, f"{PROJECTS}/index.md"),
        "glossary": {"page": address(here, glossary.GLOSSARY), "intensity": glossary.intensity_url(here)},
        "title": html_text(p.title),
        "summary": html_text(p.summary),
        "badges": badges(site, p),
        "kind": term(here, site, "kinds", p.kind),
        "reference": reference_label(p.reference_date),
        "description": rich(p.description),
        "regions": [hlink(here, c.regions[r].item.name, region_path(r)) for r in p.regions],
        "whole_region": p.whole_region,
        "municipalities": municipalities,
        "insurers": [hlink(here, c.insurers[i].name, insurer_path(i)) for i in p.insurers],
        "partners": [html_text(x) for x in p.partners],
        "themes": [hlink(here, labels["themes"][t], theme_path(t)) for t in p.themes],
        "themes_other": [html_text(x) for x in p.themes_other],
        "topics": [hlink(here, labels["topics"][t], topic_path(t)) for t in p.topics],
        "forms": forms(site, here, p),
        "instruments": [term(here, site, "instruments", i) for i in p.instruments],
        "scale": {**term(here, site, "scales", p.scale),
                  "description": html_text(lower_first(descriptions(site, "scales")[p.scale].rstrip(".")))}
        if p.scale else None,
        "status": term(here, site, "statuses", p.status),
        "period": period_label(p),
        "goals": [rich(g) for g in p.goals],
        "targets": [target_row(t) for t in p.targets],
        "results": [rich(r) for r in p.results],
        "funding": rich(p.funding),
        "links": [{"title": html_text(x.title), "url": html_text(x.url)} for x in p.links],
        "as_printed": [
            {"field": html_text(PRINTED_LABELS.get(k, k)), "value": html_text(v) if v else "(leeg)"}
            for k, v in sorted(p.as_printed.items())
        ],
        "quirks": [
            {"label": html_text(t.label), "description": html_text(t.description)}
            for t in c.taxonomy.quirks if t.id in p.quirks
        ],
        "notes": rich(p.notes),
        "sources": sources_once(site, here, p.sources),
        "added": date_label(p.added),
        "updated": date_label(p.updated),
        "checked": date_label(p.verified) if p.verified else "",
        "stale_since": stale_since(site, p),
        "edit_url": edit_url(site, entry),
        "report_url": html_text(report_url(site, pid)),
        "filters": [{"name": name, "value": value} for name, ids in site.facets[pid].items() for value in ids],
        "search": search_entry(site, pid),  # the finder's data (partials/zoekdata.html.j2)
        "sort_name": html_text(_sort_name(p.title)),
        "region_names": html_text(", ".join(c.regions[r].item.name for r in p.regions)),
        "comparable": [
            {**hlink(here, c.projects[match.id].item.title, project_path(match.id)),
             "region": html_text(", ".join(c.regions[r].item.name for r in c.projects[match.id].item.regions)),
             "reason": html_text(match.reason)}
            for match in matches
        ],
        "map": locator_project(site, here, pid),  # maps (#14): partials/kaart/project.md.j2
    }
    return Page(here, "project.md.j2", view)


def forms(site: Site, here: str, p: m.Project) -> list[dict[str, str]]:
    """A project's form(s), each linked to its explanation, with its intensity in signs and in words; one row per
    municipality where the form differs."""
    if p.form is None:
        return []
    terms = {t.id: t for t in site.c.taxonomy.forms}
    items = [("", p.form)] if isinstance(p.form, str) else list(p.form.items())
    rows = []
    for scope, fid in items:
        t = terms[fid]
        who = "overige gemeenten" if scope == REST else municipality_name(site, scope) if scope else ""
        rows.append({
            "scope": html_text(who),
            "label": html_text(t.label),
            "url": glossary.term_url(here, "forms", fid),
            "municipality": t.intensity_municipality,
            "insurer": t.intensity_insurer,
            "words": html_text(glossary.intensity_words(t.intensity_municipality, t.intensity_insurer)),
        })
    return rows


def term(here: str, site: Site, vocabulary: str, term_id: str) -> dict[str, str]:
    """A vocabulary term as its label, linked to its explanation on the glossary page."""
    return {"title": html_text(site.labels[vocabulary][term_id]), "url": glossary.term_url(here, vocabulary, term_id)}


def descriptions(site: Site, vocabulary: str) -> dict[str, str]:
    return {t.id: t.description for t in getattr(site.c.taxonomy, vocabulary)}


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def badges(site: Site, p: m.Project) -> list[dict[str, str]]:
    """The row of labels under the summary: status with its reference date, form, scale and kind."""
    labels = site.labels
    out = [{"kind": "badge--status", "prefix": "Status",
            "text": html_text(f"{labels['statuses'][p.status]} · {reference_label(p.reference_date)}")}]
    if isinstance(p.form, str):
        out.append({"kind": "badge--vorm", "prefix": "Vorm", "text": html_text(labels["forms"][p.form])})
    elif p.form:
        out.append({"kind": "badge--vorm", "prefix": "Vorm", "text": "Vorm verschilt per gemeente"})
    if p.scale:
        out.append({"kind": "badge--stil", "prefix": "Schaal", "text": html_text(labels["scales"][p.scale])})
    out.append({"kind": "badge--stil", "prefix": "Soort", "text": html_text(labels["kinds"][p.kind])})
    return out


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
        "description": html_text(target.description),
        "value": html_text(number) if number else "",
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
