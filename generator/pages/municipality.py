"""Municipality pages: /gemeenten/<id>/, one per current municipality: its region(s), insurers, a summary by
theme and form, the projects it takes part in itself and those that cover its whole region (two collapsible
groups), and the finder with the municipality chosen. Former names redirect here (see redirects.py)."""
from __future__ import annotations

from ..text import html_text
from .common import Page, Site, count_label, meta
from .entity import OPEN_LIMIT, crumbs, finder_link, form_tally, heading_id, hlink, item, summary, theme_tally
from .map import locator_municipality
from .urls import MUNICIPALITIES, insurer_path, municipality_path, region_path


def pages(site: Site) -> list[Page]:
    return [site.remember("municipality", mid, _reads(site, mid), lambda mid=mid: municipality_page(site, mid))
            for mid in site.c.municipalities]


def _reads(site: Site, mid: str) -> tuple:
    """The projects a municipality page reads: its own, and every project of its regions (the whole-region ones
    among them are listed); with the region lists' order, which is the catalogue's."""
    c = site.c
    regions = c.regions_of_municipality.get(mid, [c.municipalities[mid].region])
    return (site.items(c.projects_by_municipality.get(mid, [])),
            tuple(site.items(c.projects_by_region.get(rid, [])) for rid in regions))


def municipality_page(site: Site, mid: str) -> Page:
    c = site.c
    mu = c.municipalities[mid]
    here = municipality_path(mid)
    direct = c.projects_by_municipality.get(mid, [])
    regions = c.regions_of_municipality.get(mid, [mu.region])
    regional = [
        pid for rid in regions for pid in c.projects_by_region.get(rid, [])
        if c.projects[pid].item.whole_region and pid not in direct
    ]
    regional = sorted(dict.fromkeys(regional), key=site.project_order.__getitem__)
    insurers = sorted({i for rid in regions for i in c.regions[rid].item.insurers}, key=site.insurer_order.__getitem__)
    both = direct + regional
    finder = finder_link(here, "gemeente", mid, "Beide lijsten samen, te filteren en te sorteren.")
    parts = [
        {"anchor": "met-de-gemeente", "title": f"Met {html_text(mu.name)} zelf",
         "count": count_label(len(direct), "project", "projecten"),
         "projects": [item(site, here, pid) for pid in direct],
         "empty": "Er zijn geen projecten waarin deze gemeente apart wordt genoemd."},
        {"anchor": "hele-regio", "title": "Voor de hele regio",
         "count": count_label(len(regional), "project", "projecten"),
         "projects": [item(site, here, pid) for pid in regional],
         "empty": "Er zijn geen projecten voor alle gemeenten van de regio."},
    ]
    view = {
        "meta": meta(
            site,
            f"Gemeente {mu.name}",
            f"Samenwerking met zorgverzekeraars waaraan {mu.name} deelneemt: "
            f"{count_label(len(direct), 'project', 'projecten')} met de gemeente zelf, "
            f"{len(regional)} voor de hele regio.",
        ),
        "heading_id": heading_id(mu.name),
        "crumbs": crumbs(here, f"{MUNICIPALITIES}/index.md"),
        "title": html_text(mu.name),
        "also_known_as": [html_text(n) for n in mu.also_known_as],
        "former": [{"name": html_text(f.name if whole else f"{f.name} (deels)"), "year": str(f.year)}
                   for f, whole in sorted([(f, True) for f in mu.former] + [
                       (c.former_names[fid][0], False) for fid, succ in c.successors.items() if mid in succ[1:]],
                       key=lambda fw: (fw[0].year, fw[0].name))],
        "regions": [hlink(here, c.regions[r].item.name, region_path(r)) for r in regions],
        "insurers": [hlink(here, c.insurers[i].name, insurer_path(i)) for i in insurers],
        "kort": summary(site, here, both, [theme_tally(site, both, finder), form_tally(site, here, both)],
                        finder),
        "parts": parts,
        "groups_open": len(both) <= OPEN_LIMIT,
        "map": locator_municipality(site, here, mid),  # maps (#14): partials/kaart/gemeente.md.j2
    }
    return Page(here, "municipality.md.j2", view)
