"""Topic pages: /onderwerpen/ (every topic with its count) and /onderwerpen/<id>/ (explanation, synonyms,
the source themes its projects carry, projects by region, a link into the finder with the topic chosen).

Topics are the catalogue's own classification (content/taxonomy.yml, `topics`), kept apart from the themes
as the sources print them; the pages say so.
"""
from __future__ import annotations

from collections import Counter

from .. import model as m
from ..text import html_content, html_text
from .common import Anchors, Page, Site, count_label, html_link, meta
from .entity import OPEN_LIMIT, crumbs, finder_link, form_tally, groups, heading_id, region_key, status_tally, summary
from .urls import FINDER, HOME, TOPICS, address, theme_path, topic_path

INDEX = f"{TOPICS}/index.md"
OWN = ("Onderwerpen zijn de eigen indeling van de catalogus: concrete onderwerpen, naast de thema's zoals de "
       "bronnen die gebruiken. Een project krijgt een onderwerp alleen als zijn eigen tekst het onderwerp (of een "
       "synoniem) noemt.")


def pages(site: Site) -> list[Page]:
    return [topic_index(site)] + [
        site.remember("topic", t.id, site.items(site.c.projects_by_topic.get(t.id, [])), lambda t=t: topic_page(site, t))
        for t in site.c.taxonomy.topics]


def topic_index(site: Site) -> Page:
    here = INDEX
    rows = [
        {**html_link(here, t.label, topic_path(t.id)), "description": html_content(t.description),
         "count": len(site.c.projects_by_topic.get(t.id, []))}
        for t in sorted(site.c.taxonomy.topics, key=lambda t: t.label.lower())
    ]
    return Page(here, "topics.md.j2", {
        "meta": meta(site, "Onderwerpen", "Projecten van gemeenten en zorgverzekeraars per onderwerp: schulden, "
                                          "mantelzorg, dementie, EPA, overgewicht en meer."),
        "home": address(here, HOME),
        "id": Anchors()("Onderwerpen"),
        "own": html_content(OWN),
        "topics": rows,
    })


def topic_page(site: Site, term: m.TopicTerm) -> Page:
    """An entity page like a theme's (see theme.py), with the topic's synonyms and the source themes its
    projects carry."""
    here = topic_path(term.id)
    pids = site.c.projects_by_topic.get(term.id, [])
    themes = Counter(t for pid in pids for t in site.c.projects[pid].item.themes)
    regions = {r for pid in pids for r in site.c.projects[pid].item.regions}
    finder = finder_link(here, "onderwerp", term.id, f"Alle projecten over {term.label}, te filteren en te sorteren.")
    view = {
        "meta": meta(site, f"Onderwerp {term.label}", term.description),
        "heading_id": heading_id(term.label),
        "crumbs": crumbs(here, INDEX),
        "title": html_text(term.label),
        "description": html_text(term.description),
        "own": html_content(OWN),
        "synonyms": html_content(", ".join(term.synonyms)),
        "kort": summary(site, here, pids, [form_tally(site, here, pids), status_tally(site, here, pids)], finder,
                        f"in {count_label(len(regions), 'regio', 'regio’s')}" if pids else ""),
        "themes": [{**html_link(here, site.labels["themes"][tid], theme_path(tid)), "count": n}
                   for tid, n in sorted(themes.items(), key=lambda kv: (-kv[1], site.labels["themes"][kv[0]]))],
        "groups": groups(site, here, pids, region_key(site), "Over de regio {}", finder),
        "groups_open": len(pids) <= OPEN_LIMIT,
        "finder_all": address(here, FINDER),
    }
    return Page(here, "topic.md.j2", view)
