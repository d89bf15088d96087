"""The glossary: /uitleg/, every term of the catalogue's vocabularies (content/taxonomy.yml) explained in words,
with an anchor per term that project pages and list pages link to.

In:  the `Site`. Out: one `Page` (template uitleg.md.j2). `term_url` is the link to one term's explanation:

    >>> term_url("projecten/x.md", "forms", "ontwikkelproject")
    '../../uitleg/#vorm-ontwikkelproject'
    >>> intensity_words("+++", "+")
    'veel inzet van de gemeente, weinig van de zorgverzekeraar'
"""
from __future__ import annotations

from collections import Counter

from .. import model as m
from ..text import html_text
from .common import Page, Site, count_label, meta
from .urls import FINDER, HOME, THEMES, address, theme_path

GLOSSARY = "uitleg/index.md"

# vocabulary -> (section title, section anchor, term anchor prefix, finder parameter, introduction)
SECTIONS: dict[str, tuple[str, str, str, str, str]] = {
    "themes": ("Thema's", "themas", "thema", "thema",
               "Waar de samenwerking over gaat. Een project kan bij meer thema's horen."),
    "forms": ("Samenwerkingsvormen", "vormen", "vorm", "vorm",
              "Hoe gemeente en zorgverzekeraar samenwerken, van samen iets nieuws ontwikkelen tot afspraken op "
              "papier. Bij elke vorm staat de intensiteit: wat die vorm van beide partijen vraagt."),
    "instruments": ("Instrumenten", "instrumenten", "instrument", "instrument",
                    "Het middel waarmee de samenwerking vorm krijgt."),
    "scales": ("Schalen", "schalen", "schaal", "schaal",
               "Hoeveel gemeenten meedoen: één gemeente, een hele Wmo-regio of meer regio's."),
    "statuses": ("Statussen", "statussen", "status", "status",
                 "Hoe het project ervoor stond op de peildatum van de bron (meestal 2017). Een status zegt niets "
                 "over vandaag."),
    "kinds": ("Soorten", "soorten", "soort", "soort",
              "Wat voor item het is: de meeste zijn projecten, latere bronnen voegen programma's, speerpunten en "
              "praktijkvoorbeelden toe."),
    "quirks": ("Bijzonderheden van de bron", "bijzonderheden", "bijzonderheid", "",
               "Waar de bron onvolledig of tegenstrijdig is, zegt de projectpagina dat onder ‘Over de bron’."),
}
INTENSITY_ANCHOR = "intensiteit"
# Intensity is one to three plus signs, for the municipality and for the insurer (model.FormTerm).
# (words in a sentence, level name as the overview page uses it, explanation)
INTENSITY = {
    "+": ("weinig", "licht", "Weinig inzet: de partij maakt afspraken en denkt mee, maar draagt weinig tijd, geld of mensen bij."),
    "++": ("gemiddeld veel", "middel", "Gemiddeld veel inzet: de partij draagt merkbaar bij, maar trekt de samenwerking niet alleen."),
    "+++": ("veel", "zwaar", "Veel inzet: de partij investeert tijd, geld en mensen en trekt de samenwerking mee."),
}


def term_anchor(vocabulary: str, term_id: str) -> str:
    return f"{SECTIONS[vocabulary][2]}-{term_id}"


def term_url(here: str, vocabulary: str, term_id: str) -> str:
    return f"{address(here, GLOSSARY)}#{term_anchor(vocabulary, term_id)}"


def intensity_url(here: str) -> str:
    return f"{address(here, GLOSSARY)}#{INTENSITY_ANCHOR}"


def intensity_words(municipality: str, insurer: str) -> str:
    """What a form's intensity means, in words ('+++', '+++' -> 'veel inzet van gemeente en zorgverzekeraar')."""
    if municipality == insurer:
        return f"{INTENSITY[municipality][0]} inzet van gemeente en zorgverzekeraar"
    return f"{INTENSITY[municipality][0]} inzet van de gemeente, {INTENSITY[insurer][0]} van de zorgverzekeraar"


def pages(site: Site) -> list[Page]:
    return [glossary_page(site)]


def glossary_page(site: Site) -> Page:
    here = GLOSSARY
    finder = address(here, FINDER)
    tallies: dict[str, Counter] = {}
    for facets in site.facets.values():
        for name, ids in facets.items():
            tallies.setdefault(name, Counter()).update(ids)
    sections = []
    for vocabulary, (title, anchor, _, parameter, intro) in SECTIONS.items():
        terms = []
        for t in getattr(site.c.taxonomy, vocabulary):
            n = tallies.get(parameter, Counter())[t.id] if parameter else None
            terms.append({
                "anchor": term_anchor(vocabulary, t.id),
                "label": html_text(t.label),
                "url": address(here, theme_path(t.id)) if vocabulary == "themes" else "",
                "description": html_text(t.description),
                "intensity": f"{t.intensity_municipality}/{t.intensity_insurer}" if isinstance(t, m.FormTerm) else "",
                "words": html_text(intensity_words(t.intensity_municipality, t.intensity_insurer).capitalize() + ".")
                if isinstance(t, m.FormTerm) else "",
                "count": "" if n is None else count_label(n, "project", "projecten") if n else "nog geen projecten",
                "finder": f"{finder}?{parameter}={t.id}" if n else "",
            })
        sections.append({"title": title, "anchor": anchor, "intro": html_text(intro), "terms": terms, "levels": []})
        if vocabulary == "forms":
            sections.append({
                "title": "Intensiteit", "anchor": INTENSITY_ANCHOR, "terms": [],
                "intro": "De inventarisatie van 2017 geeft bij elke samenwerkingsvorm aan hoeveel die vraagt van de "
                         "gemeente en van de zorgverzekeraar, van + (weinig) tot +++ (veel). Het eerste teken geldt "
                         "voor de gemeente, het tweede voor de zorgverzekeraar: +++/+ betekent veel inzet van de "
                         "gemeente en weinig van de zorgverzekeraar.",
                "levels": [{"anchor": f"{INTENSITY_ANCHOR}-{len(symbol)}", "symbol": symbol,
                            "label": html_text(f"{name.capitalize()} ({words} inzet)"), "description": html_text(text)}
                           for symbol, (words, name, text) in INTENSITY.items()],
            })
    return Page(here, "uitleg.md.j2", {
        "meta": meta(site, "Uitleg bij de begrippen",
                     "Wat de begrippen van de catalogus betekenen: thema's, samenwerkingsvormen en intensiteit, "
                     "instrumenten, schalen, statussen en soorten."),
        "heading_id": "uitleg-bij-de-begrippen",
        "crumbs": {"home": address(here, HOME), "index": address(here, f"{THEMES}/index.md")},
        "sections": sections,
    })
