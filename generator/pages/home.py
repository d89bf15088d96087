"""The home page: in one screen what the catalogue is, how current it is, a search box and the ways in (map,
overview, municipality box), then the themes as cards with counts, the newest additions and the sources.

In:  the catalogue. Out: one Page ("index.md", "home.md.j2") whose view holds HTML-escaped text and browser
addresses (the template is an HTML body), e.g.

    view["currency"] == {"year": "2017", "share": "389 van de 423", "until": "2025"}
    view["themes"][0] == {"title": "Preventie", "text": "Inwoners gezond houden ...", "url": "themas/preventie/",
                          "count": "82 projecten"}

Themes without projects get no card (their pages would be empty); they are named in one line instead.
"""
from __future__ import annotations

from collections import Counter

from ..catalogue import _sort_name
from ..search_index import place_label
from ..text import html_text
from .common import Page, Site, count_label, date_label, meta, reference_label
from .urls import (CONTRIBUTE, DATA, FINDER, HOME, MUNICIPALITIES, OVERVIEW, PROJECTS, REGIONS, address,
                   municipality_path, project_path, source_path, theme_path)

NEWEST = 6  # projects in "Nieuw in de catalogus"


def pages(site: Site) -> list[Page]:
    return [home_page(site)]


def home_page(site: Site) -> Page:
    here = HOME
    c = site.c
    newest = sorted(c.projects, key=lambda pid: (c.projects[pid].item.added, c.projects[pid].item.updated, pid),
                    reverse=True)[:NEWEST]
    themes = [(t, len(c.projects_by_theme.get(t.id, []))) for t in c.taxonomy.themes]
    view = {
        "meta": meta(site, site.config.site_name, "Openbare catalogus van samenwerking tussen gemeenten en zorgverzekeraars: projecten, regio's, thema's en goede voorbeelden.", indexed=False, hide=("navigation", "toc")),
        "counts": {
            "projects": len(c.projects), "regions": len(c.regions), "municipalities": len(c.municipalities),
            "insurers": len(c.insurers), "sources": len(c.sources),
        },
        "currency": currency(site),
        "themes": [
            {"title": html_text(t.label), "text": html_text(first_sentence(t.description)),
             "url": html_text(address(here, theme_path(t.id))), "count": count_label(n, "project", "projecten")}
            for t, n in themes if n
        ],
        "empty_themes": ", ".join(html_text(t.label) for t, n in themes if not n),
        "newest": [newest_item(site, here, pid) for pid in newest],
        "sources": [
            {"title": html_text(e.item.title), "url": html_text(address(here, source_path(sid))),
             "when": html_text(reference_label(e.item.date).removeprefix("stand "))}
            for sid, e in c.sources.items()
        ],
        "municipalities": municipality_choices(site, here),
        "map": address(here, "kaart/index.md"),  # /kaart/ (issue #14): the map as the first way in
        "links": {
            "finder": address(here, FINDER), "overview": address(here, OVERVIEW),
            "municipalities": address(here, f"{MUNICIPALITIES}/index.md"),
            "projects": address(here, f"{PROJECTS}/index.md"), "regions": address(here, f"{REGIONS}/index.md"),
            "new": address(here, "nieuw/index.md"), "data": address(here, DATA),
            "contribute": address(here, CONTRIBUTE), "about": address(here, "over.md"),
        },
    }
    return Page(here, "home.md.j2", view)


def currency(site: Site) -> dict[str, str]:
    """How current the catalogue is: the reference year most projects share ("stand 2017"), how many share it,
    and the last year anything in it reaches (a later reference date or the planned end of a project)."""
    c = site.c
    years = Counter(e.item.reference_date[:4] for e in c.projects.values())
    if not years:
        return {"year": "", "share": "", "until": ""}
    year, share = max(years.items(), key=lambda kv: (kv[1], kv[0]))
    reach = [int(y) for y in years]
    reach += [e.item.period.end for e in c.projects.values() if e.item.period and e.item.period.end]
    until = max(reach)
    return {"year": year, "share": f"{share} van de {len(c.projects)}",
            "until": str(until) if until > int(year) else ""}


def first_sentence(text: str) -> str:
    head, dot, _ = " ".join(text.split()).partition(". ")
    return head + "." if dot else head


def newest_item(site: Site, here: str, pid: str) -> dict[str, str]:
    p = site.c.projects[pid].item
    regions = [site.c.regions[rid].item.name for rid in p.regions if rid in site.c.regions]
    return {
        "title": html_text(p.title), "url": html_text(address(here, project_path(pid))),
        "summary": html_text(p.summary), "added": html_text(date_label(p.added)),
        "regions": html_text(", ".join(regions)),
    }


def municipality_choices(site: Site, here: str) -> list[dict[str, str]]:
    """Every name a municipality can be looked up by, alphabetical: today's names (with the province spelled out
    where two share a name: 'Bergen (Noord-Holland)'), common names ('Den Haag') and pre-merger names.
    gemeente.js matches them without regard to case, accents or hyphens (search, #13)."""
    c = site.c
    choices = [(mu.name, place_label(mu.name), mid) for mid, mu in c.municipalities.items()]
    choices += [(other, f"{other} ({mu.name})", mid) for mid, mu in c.municipalities.items() for other in mu.also_known_as]
    choices += [(former.name, f"{former.name} ({'nu' if n == 0 else 'deels nu'} {c.municipalities[current].name})", current)
                for fid, (former, _) in c.former_names.items() for n, current in enumerate(c.successors[fid])]
    return [{"name": html_text(name), "label": html_text(label),
             "url": html_text(address(here, municipality_path(mid)))}
            for name, label, mid in sorted(choices, key=lambda x: (_sort_name(x[0]), x[1]))]
