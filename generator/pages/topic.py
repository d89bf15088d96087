"""Topic pages: /onderwerpen/ (every topic with its count) and /onderwerpen/<id>/ (explanation, synonyms,
the source themes its projects carry, projects by region, a link into the finder with the topic chosen).

Topics are the catalogue's own classification (content/taxonomy.yml, `topics`), kept apart from the themes
as the sources print them; the pages say so.
"""
from __future__ import annotations

from collections import Counter

from .. import model as m
from ..text import plain
from .common import Page, Site, by_region, count_label, grouped, link, meta
from .urls import FINDER, HOME, TOPICS, address, relative, theme_path, topic_path

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
        {**link(here, t.label, topic_path(t.id)), "description": plain(t.description),
         "count": len(site.c.projects_by_topic.get(t.id, []))}
        for t in sorted(site.c.taxonomy.topics, key=lambda t: t.label.lower())
    ]
    return Page(here, "topics.md.j2", {
        "meta": meta(site, "Onderwerpen", "Projecten van gemeenten en zorgverzekeraars per onderwerp: schulden, "
                                          "mantelzorg, dementie, EPA, overgewicht en meer."),
        "home": relative(here, HOME),
        "own": OWN,
        "topics": rows,
    })


def topic_page(site: Site, term: m.TopicTerm) -> Page:
    here = topic_path(term.id)
    pids = site.c.projects_by_topic.get(term.id, [])
    themes = Counter(t for pid in pids for t in site.c.projects[pid].item.themes)
    view = {
        "meta": meta(site, f"Onderwerp {term.label}", term.description),
        "home": relative(here, HOME),
        "index": relative(here, INDEX),
        "title": plain(term.label),
        "description": plain(term.description),
        "own": OWN,
        "synonyms": [plain(s) for s in term.synonyms],
        "count": count_label(len(pids), "project", "projecten"),
        "finder": f"{address(here, FINDER)}?onderwerp={term.id}",
        "themes": [{**link(here, site.labels["themes"][tid], theme_path(tid)), "count": n}
                   for tid, n in sorted(themes.items(), key=lambda kv: (-kv[1], site.labels["themes"][kv[0]]))],
        "groups": grouped(site, here, pids, by_region(site, here)),
    }
    return Page(here, "topic.md.j2", view)
