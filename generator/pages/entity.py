"""What the entity pages (project, region, theme, municipality, insurer, source) share: their bodies are HTML,
so every value here is HTML-escaped text and every link a browser address (MkDocs does not rewrite links
inside HTML).

In:  the `Site`, the page's path and project ids. Out: display-ready dicts for the templates' partials:

    >>> hlink("regios/achterhoek.md", "Menzis", "verzekeraars/menzis.md")
    {'title': 'Menzis', 'url': '../../verzekeraars/menzis/'}
    >>> page_ranges([13, 9, 10, 11, 12, 20])
    'p. 9–13, 20'

* `item`: a project in a list; `groups`: projects grouped under a theme or region, for collapsible groups;
* `summary`: the "In het kort" block: totals by theme (or region) and by form, and the finder link with
  the page's selection set (the finder reads the same URL parameters it writes);
* `sources_once`: each source document once, with all its pages.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable

from .. import model as m
from ..text import html_text
from . import glossary
from .common import Site, count_label, html_project_item
from .urls import FINDER, HOME, address, region_path, source_path, theme_path

# A list page opens its groups when it lists at most this many projects; longer pages start folded, so the
# group titles with their counts are the page's table of contents.
OPEN_LIMIT = 20


def heading_id(title: str) -> str:
    """The id of a page's h1, as Python-Markdown's toc extension made it when the pages were Markdown (so old
    #fragment links keep working); the table of contents and Material's skip link point at it."""
    from markdown.extensions.toc import slugify

    return slugify(title, "-") or "titel"


def hlink(here: str, title: str, target: str) -> dict[str, str]:
    return {"title": html_text(title), "url": address(here, target)}


def crumbs(here: str, index: str) -> dict[str, str]:
    return {"home": address(here, HOME), "index": address(here, index)}


def item(site: Site, here: str, pid: str) -> dict[str, str]:
    return html_project_item(site, here, pid, escape=html_text)


# --- groups -------------------------------------------------------------------------------------------------------
# key(project) -> [(sort, anchor, title, target page or "")]
Key = Callable[[m.Project], list[tuple[Any, str, str, str]]]


def theme_key(site: Site) -> Key:
    order = {t.id: i for i, t in enumerate(site.c.taxonomy.themes)}

    def key(p: m.Project):
        if not p.themes:
            return [(len(order), "thema-geen", "Zonder thema", "")]
        return [(order[t], f"thema-{t}", site.labels["themes"][t], theme_path(t)) for t in p.themes]
    return key


def region_key(site: Site) -> Key:
    order = {rid: i for i, rid in enumerate(site.c.regions)}

    def key(p: m.Project):
        return [(order[r], f"regio-{r}", site.c.regions[r].item.name, region_path(r)) for r in p.regions]
    return key


def groups(site: Site, here: str, pids: list[str], key: Key, link_text: str,
           finder: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Projects under headings (a project with two themes is under both), in the key's order.
    `link_text` is the group's link to its own page, "{}" standing for the group's title; with the page's
    `finder` link, each group also links to the finder with the page's selection and the group's."""
    members: dict[tuple, list[str]] = {}
    for pid in pids:
        for group in key(site.c.projects[pid].item):
            members.setdefault(group, []).append(pid)
    out = []
    for (sort, anchor, title, target), ids in sorted(members.items(), key=lambda kv: kv[0][0]):
        facet, value = anchor.split("-", 1)
        out.append({
            "anchor": anchor, "title": html_text(title), "count": count_label(len(ids), "project", "projecten"),
            "url": address(here, target) if target else "", "link_text": html_text(link_text.format(title)),
            # one project needs no finder
            "finder": html_text(f"{finder['url']}&{facet}={value}") if finder and target and len(ids) > 1 else "",
            "projects": [item(site, here, pid) for pid in ids],
        })
    return out


# --- the "In het kort" block ----------------------------------------------------------------------------------------
def tally_rows(tally: Counter, labels: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    """[(id, label, url)] -> rows with a count, the ones with projects only, in the labels' order."""
    return [{"label": html_text(label), "url": html_text(url), "count": str(tally[vid]), "note": ""}
            for vid, label, url in labels if tally[vid]]


def theme_tally(site: Site, pids: list[str], finder: dict[str, str] | None = None) -> dict[str, Any]:
    """Projects per theme; each theme links to the finder with the page's selection and that theme (`finder`),
    or without one to its group on the page."""
    tally = Counter(t for pid in pids for t in site.c.projects[pid].item.themes)
    tally["geen"] = sum(1 for pid in pids if not site.c.projects[pid].item.themes)
    labels = [(t.id, t.label, f"{finder['url']}&thema={t.id}" if finder else f"#thema-{t.id}")
              for t in site.c.taxonomy.themes]
    labels.append(("geen", "Zonder thema", "" if finder else "#thema-geen"))
    return {"title": "Per thema", "column": "Thema", "rows": tally_rows(tally, labels)}


def status_tally(site: Site, here: str, pids: list[str]) -> dict[str, Any]:
    """Projects per status on their reference date, each status linked to its explanation."""
    tally = Counter(site.c.projects[pid].item.status for pid in pids)
    labels = [(t.id, t.label, glossary.term_url(here, "statuses", t.id)) for t in site.c.taxonomy.statuses]
    return {"title": "Per status (op de peildatum)", "column": "Status", "rows": tally_rows(tally, labels)}


def form_tally(site: Site, here: str, pids: list[str]) -> dict[str, Any]:
    """Projects per form of collaboration, each form linked to its explanation."""
    tally: Counter = Counter()
    for pid in pids:
        form = site.c.projects[pid].item.form
        tally["onbekend" if form is None else form if isinstance(form, str) else "per-gemeente"] += 1
    rows = [{**row, "note": html_text(f"intensiteit {t.intensity_municipality}/{t.intensity_insurer}")}
            for t in site.c.taxonomy.forms
            for row in tally_rows(tally, [(t.id, t.label, glossary.term_url(here, "forms", t.id))])]
    rows += tally_rows(tally, [("per-gemeente", "Verschilt per gemeente", ""), ("onbekend", "Onbekend", "")])
    return {"title": "Per samenwerkingsvorm", "column": "Vorm", "rows": rows}


def finder_link(here: str, facet: str, value: str, hint: str) -> dict[str, str]:
    """The finder with this page's selection set (zoeken.js restores it from the address)."""
    return {"url": f"{address(here, FINDER)}?{facet}={value}", "hint": html_text(hint)}


def summary(site: Site, here: str, pids: list[str], tallies: list[dict[str, Any]], finder: dict[str, str] | None,
            reference: str = "") -> dict[str, Any]:
    """`reference`: what follows the total ('stand 2017', 'in 12 regio's')."""
    return {
        "count": count_label(len(pids), "project", "projecten"),
        "reference": reference,
        "tallies": [t for t in tallies if t["rows"]] if pids else [],
        "finder": finder if pids else None,
    }


# --- sources ------------------------------------------------------------------------------------------------------
def page_ranges(pages: list[int]) -> str:
    """Printed page numbers as ranges: [9, 10, 11, 13] -> 'p. 9–11, 13'."""
    numbers = sorted(set(pages))
    if not numbers:
        return ""
    runs: list[list[int]] = [[numbers[0], numbers[0]]]
    for n in numbers[1:]:
        if n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return "p. " + ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def sources_once(site: Site, here: str, refs: list[m.SourceRef]) -> list[dict[str, Any]]:
    """Each source document once (in order of first mention) with all the pages and notes given for it."""
    by_document: dict[str, list[m.SourceRef]] = {}
    for ref in refs:
        by_document.setdefault(ref.document, []).append(ref)
    out = []
    for sid, doc_refs in by_document.items():
        notes = []
        for ref in doc_refs:
            if ref.note:
                notes.append(html_text(f"p. {ref.page}: {ref.note}" if ref.page and len(doc_refs) > 1 else ref.note))
        out.append({
            **hlink(here, site.c.sources[sid].item.title, source_path(sid)),
            "pages": page_ranges([ref.page for ref in doc_refs if ref.page]),
            "notes": list(dict.fromkeys(notes)),
        })
    return out
