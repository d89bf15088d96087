"""The visual system as a visitor meets it, in headless Chromium on the real site: the top navigation, the
footer, the home page (currency, theme cards only for themes with projects), one form of address, a visible
focus ring, keyboard use and print."""
from __future__ import annotations

import re

import pytest

from browser import PAGE_KINDS, open_page
from conftest import ROOT
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics

FOOTER = ["Over de catalogus", "Toegankelijkheid", "Open data", "Bijdragen", "Contact"]


@pytest.fixture(scope="module")
def catalogue():
    c = load_catalogue(ROOT / "content", Diagnostics())
    assert c is not None
    return c


@pytest.fixture
def page(served_site):
    base, browser = served_site
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    yield base, tab
    context.close()


@pytest.mark.parametrize("kind", ["home", "project", "region", "finder", "overview", "about"])
def test_at_most_seven_top_level_entries_and_no_repository_link_in_the_header(page, kind):
    base, tab = page
    open_page(tab, base, PAGE_KINDS[kind])
    tabs = tab.locator(".md-tabs__item").all_inner_texts()
    assert 1 <= len(tabs) <= 7, tabs
    assert [t.strip() for t in tabs][:2] == ["Home", "Zoeken"]
    header_links = tab.eval_on_selector_all(".md-header a", "els => els.map(e => e.href)")
    assert header_links and not [h for h in header_links if "github.com" in h], header_links
    assert tab.locator(".md-header .md-source").count() == 0


@pytest.mark.parametrize("kind", ["home", "project", "theme", "finder", "data"])
def test_footer_links_to_the_pages_outside_the_navigation_and_they_open(page, kind):
    base, tab = page
    open_page(tab, base, PAGE_KINDS[kind])
    footer = tab.locator("footer.md-footer")
    for text in FOOTER:
        link = footer.get_by_role("link", name=re.compile("^" + text))
        assert link.count() == 1, text
    hrefs = footer.locator("a").evaluate_all("els => els.map(e => e.href)")
    for href in hrefs:
        if href.startswith(base):
            response = tab.request.get(href)
            assert response.status == 200, href


def test_footer_offers_the_page_source_to_editors_only_there(page):
    base, tab = page
    open_page(tab, base, PAGE_KINDS["project"])
    edit = tab.locator("footer.md-footer").get_by_role("link", name="Bewerk het bronbestand van deze pagina")
    assert edit.count() == 1
    assert edit.get_attribute("href").endswith("/content/projects/minimacontract-groningen.yml")
    assert tab.locator(".md-content__button").count() == 0  # Material's pencil is gone


def test_home_says_what_and_how_current_in_the_first_screen(page, catalogue):
    base, tab = page
    open_page(tab, base, "")
    h1 = tab.locator("h1")
    assert h1.inner_text() == "Samenwerkingscatalogus gemeenten en zorgverzekeraars"
    assert int(h1.evaluate("e => getComputedStyle(e).fontWeight")) >= 700
    assert h1.evaluate("e => getComputedStyle(e).color") == "rgb(26, 26, 26)"
    stand = tab.locator(".hero__stand .badge")
    assert stand.inner_text() == "Stand 2017, aangevuld met agenda's tot 2025"
    years = [e.item.reference_date[:4] for e in catalogue.projects.values()]
    assert f"{years.count('2017')} van de {len(years)} projecten" in tab.locator(".hero__stand").inner_text()
    for target in [stand, tab.locator("#zoekterm")]:
        box = target.bounding_box()
        assert box and box["y"] + box["height"] <= 900, "not in the first screen"


def test_home_theme_cards_only_for_themes_with_projects(page, catalogue):
    base, tab = page
    open_page(tab, base, "")
    cards = tab.locator("#themas + .tegels .tegel")
    titles = cards.locator(".tegel__titel").all_inner_texts()
    counts = cards.locator(".tegel__aantal").all_inner_texts()
    expected = [(t.label, len(catalogue.projects_by_theme.get(t.id, []))) for t in catalogue.taxonomy.themes]
    assert titles == [label for label, n in expected if n]
    assert counts == [f"{n} {'project' if n == 1 else 'projecten'}" for _, n in expected if n]
    empty = [label for label, n in expected if not n]
    if empty:
        line = tab.locator("#themas ~ p.gedempt").first.inner_text()
        assert all(label in line for label in empty)
    # a click anywhere on a card opens its theme
    cards.first.click(position={"x": 20, "y": 70})
    tab.wait_for_url("**/themas/**")
    assert tab.locator("h1").inner_text().rstrip("¶").startswith(titles[0])


def test_home_search_works_from_the_keyboard(page):
    base, tab = page
    open_page(tab, base, "")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
    tab.keyboard.press("Enter")
    for _ in range(12):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.id") == "zoekterm":
            break
    assert tab.evaluate("document.activeElement.id") == "zoekterm", "search box not reached after the skip link"
    tab.keyboard.type("schulden")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/zoeken/?q=schulden")


@pytest.mark.parametrize("kind", ["home", "project", "about"])
def test_focus_ring_is_visible(page, kind):
    base, tab = page
    open_page(tab, base, PAGE_KINDS[kind])
    link = tab.locator(".md-content a[href]:visible").first
    link.focus()
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    style = tab.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                         " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; })()")
    assert style[0] == "solid" and style[1] >= 3, style


@pytest.mark.parametrize("kind", ["home", "about", "accessibility", "contribute", "project", "region"])
def test_one_form_of_address(page, kind):
    base, tab = page
    open_page(tab, base, PAGE_KINDS[kind])
    text = tab.locator("body").inner_text()
    informal = re.findall(r"\b(je|jij|jou|jouw|jullie)\b", text, flags=re.IGNORECASE)
    assert not informal, informal
    if kind in {"home", "about", "accessibility", "contribute"}:  # pages that speak to the reader
        assert re.search(r"\bu\b|\buw\b", text)


def test_print_shows_the_content_without_site_chrome(page):
    base, tab = page
    open_page(tab, base, PAGE_KINDS["home"])
    tab.emulate_media(media="print")
    hidden = tab.evaluate("""() => ['.md-header', '.md-tabs', '.md-footer']
        .map(s => document.querySelector(s)).map(e => !e || getComputedStyle(e).display === 'none')""")
    assert hidden == [True, True, True]
    assert tab.locator("h1").is_visible()
    assert tab.locator(".tegel").first.is_visible()
