"""Material's page template once per folder (generator/page_shell.py): a page filled in from its shape's shell is
byte for byte the page rendered in full, and a shape whose template prints something the shell does not know
of is rendered in full instead."""
from __future__ import annotations

import jinja2
import pytest

from generator.page_shell import Shells, toc_marker, toc_wrapper

TOC = """<nav>{% for item in page.toc %}<a href="{{ item.url }}">{{ item.title }}</a>{% endfor %}</nav>"""
MAIN = """<!doctype html><title>{{ page.meta.title }} - Site</title>
{% if page.meta.description %}<meta name="description" content="{{ page.meta.description }}">{% endif %}
<link rel="canonical" href="{{ page.canonical_url }}"><meta property="og:url" content="{{ page.canonical_url | e }}">
{% if page.toc | first is defined %}<a href="{{ (page.toc | first).url }}" class="skip">Naar de inhoud</a>{% endif %}
{% include "partials/toc.html" %}
<article>{% if "<h1" not in page.content %}<h1>{{ page.title }}</h1>{% endif %}{{ page.content }}</article>
{% if page.meta.jsonld %}<script type="application/ld+json">{{ page.meta.jsonld }}</script>{% endif %}
<footer>{% if page.meta.source %}<a href="{{ ('https://example.org/edit/main/' ~ page.meta.source) | e }}">Bewerk</a>{% endif %}
<a href="{{ base }}over/">Over</a></footer>"""


class Item:
    def __init__(self, url, title, level=1):
        self.url, self.title, self.level, self.children = url, title, level, []


class Page:
    """What Material's templates read of an MkDocs page."""

    def __init__(self, slug, title, content, toc=(), description="", source="", jsonld=""):
        self.meta = {"title": title, "search": "ja"}
        for key, value in (("description", description), ("source", source), ("jsonld", jsonld)):
            if value:
                self.meta[key] = value
        self.content, self.toc = content, list(toc)
        self.canonical_url = f"https://example.org/projecten/{slug}/"
        self.is_homepage = False
        self.edit_url = f"https://example.org/edit/main/docs/projecten/{slug}.md"

    @property
    def title(self):
        return self.meta["title"]


def _env(main: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "main.html": main, "partials/toc.html": toc_wrapper("original/toc.html"), "original/toc.html": TOC}))
    env.globals["catalogus_toc_marker"] = jinja2.pass_context(toc_marker)
    return env


def _pages():
    return [
        Page("a", "Aanpak &amp; meer", '<h1 id="a">Aanpak</h1><p>Een.</p>', [Item("#a", "Aanpak")],
             description="Over <em>a</em>", source="content/projects/a.yml", jsonld='{"name":"A \\u0026 B"}'),
        Page("b", "Buurtzorg", '<h1 id="b">Buurtzorg</h1><p>Twee "quotes" &amp; meer.</p>',
             [Item("#b", "Buurtzorg"), Item("#geld", "Geld", 2)], description="B", source="content/projects/b&c.yml",
             jsonld='{"name":"B"}'),
        Page("c", "Café 't Hoekje", '<h1 id="c">C</h1>', [Item("#c", "C")], description="C <b>",
             source="content/projects/c.yml", jsonld='{"name":"C"}'),
        Page("d", "D", '<h1 id="d">D</h1><p>\x00 geen marker</p>', [Item("#d", "D")], description="D",
             source="content/projects/d.yml", jsonld='{"name":"D"}'),
        # another shape: no description, no <h1 in the body, no table of contents
        Page("e", "Zonder kop", "<p>Geen kop.</p>", source="content/projects/e.yml", jsonld='{"name":"E"}'),
        Page("f", "Ook zonder", "<p>Ook geen.</p>", source="content/projects/f.yml", jsonld='{"name":"F"}'),
        Page("g", "En deze", "<p>Drie.</p>", source="content/projects/g.yml", jsonld='{"name":"G"}'),
    ]


def test_pages_filled_in_from_a_shell_are_the_pages_rendered_in_full():
    env = _env(MAIN)
    template = env.get_template("main.html")
    shells = Shells(env.get_template("original/toc.html"))
    for page in _pages():
        variables = {"page": page, "base": "../../"}
        assert shells.render(template, variables, page, "projecten") == template.render(variables), page.meta["title"]
    assert shells.filled == 3  # the first two pages of each shape are rendered in full (and compared)
    assert len(shells.shapes) == 2


def test_the_folder_is_part_of_the_shape():
    env = _env(MAIN)
    template = env.get_template("main.html")
    shells = Shells(env.get_template("original/toc.html"))
    pages = _pages()[:4]
    for page, folder, base in zip(pages, ["projecten", "regios", "projecten", "regios"], ["../../", "../../../", "../../", "../../../"]):
        variables = {"page": page, "base": base}
        assert shells.render(template, variables, page, folder) == template.render(variables)
    assert shells.filled == 0 and len(shells.shapes) == 2


@pytest.mark.parametrize("extra", [
    '<a href="{{ page.edit_url }}">edit</a>',               # a per-page value the shell does not know of
    "<p>{{ page.meta.title | upper }}</p>",                # a filter that changes the marker
    "<p>{{ page.meta.title | striptags }}</p>",            # ... or changes the value, not the marker
    '{% if "Buurt" in page.meta.title %}<p>buurt</p>{% endif %}',  # a test on a per-page value
])
def test_a_template_that_prints_more_per_page_is_rendered_in_full(extra):
    env = _env(MAIN.replace("</article>", "</article>" + extra))
    template = env.get_template("main.html")
    shells = Shells(env.get_template("original/toc.html"))
    for page in _pages()[:4]:
        variables = {"page": page, "base": "../../"}
        assert shells.render(template, variables, page, "projecten") == template.render(variables)
    # the marker is changed, or the first or second page shows a difference: that shape is never filled in
    assert shells.filled == 0 and list(shells.shapes.values()) == ["disabled"]
