"""The home page: what the catalogue is, its counts, the themes, the newest projects and the "Zoek uw
gemeente" box (every current and former municipality name)."""
from __future__ import annotations

from ..catalogue import _sort_name
from ..text import html_text
from .common import Page, Site, link, meta, project_item
from .urls import FINDER, HOME, MUNICIPALITIES, OVERVIEW, address, municipality_path, relative, source_path, theme_path


def pages(site: Site) -> list[Page]:
    return [home_page(site)]


def home_page(site: Site) -> Page:
    here = HOME
    c = site.c
    newest = sorted(c.projects, key=lambda pid: (c.projects[pid].item.updated, pid), reverse=True)[:5]
    view = {
        "meta": meta(site, site.config.site_name, "Openbare catalogus van samenwerking tussen gemeenten en zorgverzekeraars: projecten, regio's, thema's en goede voorbeelden.", indexed=False),
        "counts": {
            "projects": len(c.projects), "regions": len(c.regions), "municipalities": len(c.municipalities),
            "insurers": len(c.insurers), "sources": len(c.sources), "themes": len(c.taxonomy.themes),
        },
        "themes": [
            {**link(here, t.label, theme_path(t.id)), "count": len(c.projects_by_theme.get(t.id, []))}
            for t in c.taxonomy.themes
        ],
        "newest": [project_item(site, here, pid) for pid in newest],
        "sources": [link(here, e.item.title, source_path(sid)) for sid, e in c.sources.items()],
        "municipalities": municipality_choices(site, here),
        "municipality_index": address(here, f"{MUNICIPALITIES}/index.md"),
        "overview": relative(here, OVERVIEW),
        "map": relative(here, "kaart/index.md"),
        "finder": relative(here, FINDER),
    }
    return Page(here, "home.md.j2", view)


def municipality_choices(site: Site, here: str) -> list[dict[str, str]]:
    """Every name a municipality can be looked up by: today's names and pre-merger names, alphabetical."""
    c = site.c
    choices = [(mu.name, mu.name, mid) for mid, mu in c.municipalities.items()]
    choices += [(former.name, f"{former.name} ({'nu' if n == 0 else 'deels nu'} {c.municipalities[current].name})", current)
                for fid, (former, _) in c.former_names.items() for n, current in enumerate(c.successors[fid])]
    return [{"name": html_text(name), "label": html_text(label),
             "url": html_text(address(here, municipality_path(mid)))}
            for name, label, mid in sorted(choices, key=lambda x: (_sort_name(x[0]), x[1]))]
