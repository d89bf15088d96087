"""/bijdragen/: the editors' guide; fields from the model, vocabularies from the taxonomy, a real example. The body is
HTML (generator/html_body.py): HTML-escaped text, browser addresses, heading ids as the toc extension made them."""
from __future__ import annotations

import html

from .. import model as m
from ..editors.writer import project_yaml
from ..schema import field_guide
from ..text import html_content
from .common import Page, Site, html_link, meta
from .urls import (CONTRIBUTE, DATA, INSURERS, MUNICIPALITIES, REGIONS, SCHEMA, SOURCES, address, file_address,
                   project_path)

# vocabulary -> (section title, anchor); fields whose values come from a vocabulary or from a register.
VOCABULARY_SECTIONS = {
    "themes": ("Thema's", "themas"), "forms": ("Samenwerkingsvormen", "vormen"),
    "instruments": ("Instrumenten", "instrumenten"), "scales": ("Schalen", "schalen"),
    "statuses": ("Statussen", "statussen"), "kinds": ("Soorten", "soorten"),
    "quirks": ("Bijzonderheden van de bron", "bijzonderheden"),
}
VOCABULARY_FIELDS = {"themes": "themes", "form": "forms", "instruments": "instruments", "scale": "scales",
                     "status": "statuses", "kind": "kinds", "quirks": "quirks"}
REGISTER_LINKS = {
    "regions": ("Wmo-regio's", f"{REGIONS}/index.md"), "municipalities": ("Gemeenten", f"{MUNICIPALITIES}/index.md"),
    "insurers": ("Zorgverzekeraars", f"{INSURERS}/index.md"), "sources": ("Bronnen", f"{SOURCES}/index.md"),
}


def pages(site: Site) -> list[Page]:
    return [contribute_page(site)]


def contribute_page(site: Site) -> Page:
    here = CONTRIBUTE
    values = {}
    for name, vocabulary in VOCABULARY_FIELDS.items():
        title, anchor = VOCABULARY_SECTIONS[vocabulary]
        values[name] = f'zie <a href="#{anchor}">{html_content(title)}</a>'
    for name, (title, target) in REGISTER_LINKS.items():
        values[name] = f'<a href="{address(here, target)}">{html_content(title)}</a>'
    fields = [{"field": html_content(f["field"]), "kind": html_content(f["kind"]), "need": html_content(f["need"]),
               "description": html_content(f["description"]), "allowed": values.get(f["field"], "")}
              for f in field_guide()]
    vocabularies = []
    for name, (title, anchor) in VOCABULARY_SECTIONS.items():
        terms = [{"id": html_content(t.id), "label": html_content(t.label), "description": html_content(t.description),
                  "intensity": html_content(f"{t.intensity_municipality} / {t.intensity_insurer}")
                  if isinstance(t, m.FormTerm) else ""}
                 for t in getattr(site.c.taxonomy, name)]
        vocabularies.append({"title": html_content(title), "anchor": anchor, "terms": terms, "intensity": name == "forms"})
    example_id = example_project(site)
    example = site.c.projects[example_id].item
    yaml_text = project_yaml(example.model_dump(mode="json", exclude_none=True))
    return Page(here, "bijdragen.md.j2", {
        "meta": meta(site, "Bijdragen", "Hoe u een project toevoegt of verbetert: formulier, spreadsheet of YAML-bestand, alle velden en woordenlijsten."),
        "fields": fields,
        "vocabularies": vocabularies,
        "example": {**html_link(here, example.title, project_path(example_id)), "file": f"content/projects/{example_id}.yml",
                    "code": code_block(yaml_text)},
        "schema": file_address(here, f"data/{SCHEMA}/project.schema.json"),
        "data": address(here, DATA),
    })


def code_block(text: str) -> str:
    r"""Text for <pre><code>, as Python-Markdown printed the indented code block it was: trailing spaces and
    blank lines at the end dropped, `&`, `<` and `>` escaped. An empty line inside (a YAML text of two paragraphs)
    would end the page's one HTML block (generator/html_body.py), so its line break is written as `&#10;`: the
    browser reads the same text.

        >>> code_block("a: |-\n  x\n\n  y\nb: <c>\n")
        'a: |-\n  x\n&#10;  y\nb: &lt;c&gt;'
    """
    lines = "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n")).strip("\n")
    return html.escape(lines, quote=False).replace("\n\n", "\n&#10;")


def example_project(site: Site) -> str:
    """The project that fills the most fields (then the first id): the guide's worked example."""
    def filled(pid: str) -> int:
        data = site.c.projects[pid].item.model_dump(exclude_none=True, exclude_defaults=True)
        return sum(1 for value in data.values() if value not in ([], {}, "", False))
    # each project's count is kept while its item is the same (common.Views)
    return max(sorted(site.c.projects), key=lambda pid: site.remember("filled", pid, site.c.projects[pid].item,
                                                                       lambda: filled(pid)))
