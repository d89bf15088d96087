"""The maps in Chromium: /kaart/ (click a region, recolour by theme, keyboard path, counts equal to the finder's),
the finder's map (event contract with zoeken.js), locator maps and the overview's heat map and gap maps."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from browser import open_page
from conftest import ROOT
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics


@pytest.fixture(scope="module")
def catalogue():
    c = load_catalogue(ROOT / "content", Diagnostics())
    assert c is not None
    return c


def region_counts(c, theme: str = "") -> dict[str, int]:
    counts = Counter()
    for e in c.projects.values():
        if not theme or theme in e.item.themes:
            counts.update(e.item.regions)
    return {rid: counts[rid] for rid in c.regions}


def map_labels(page) -> dict[str, str]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('svg[data-kaart="kaart"] a[data-regio]')]
        .map(a => [a.dataset.regio, a.getAttribute('aria-label')]))""")


def table_counts(page) -> dict[str, int]:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#kaart-vlak tr[data-regio]')]
        .map(r => [r.dataset.regio, Number(r.querySelector('td').textContent)]))""")


def test_every_region_is_a_link_named_with_its_count(served_site, catalogue):
    base, browser = served_site
    page = browser.new_page()
    open_page(page, base, "kaart/")
    labels = map_labels(page)
    assert len(labels) == 48 == len(catalogue.regions)
    expected = region_counts(catalogue)
    for rid, label in labels.items():
        n = expected[rid]
        assert label == f"{catalogue.regions[rid].item.name}: {n} {'project' if n == 1 else 'projecten'}"
    assert table_counts(page) == expected
    assert "Kaartgegevens: © CBS / Kadaster, CC BY 4.0" in page.locator("main").inner_text()
    # click a region -> its page
    page.locator('svg[data-kaart="kaart"] a[data-regio="achterhoek"]').click()
    page.wait_for_url(re.compile(r"/regios/achterhoek/$"))
    assert page.locator("h1").inner_text().startswith("Regio Achterhoek")
    page.close()


def test_recolour_by_theme(served_site, catalogue):
    base, browser = served_site
    page = browser.new_page()
    open_page(page, base, "kaart/")
    before = page.locator('a[data-regio="groningen"]').get_attribute("class")
    page.select_option("#kaart-laag", "thema:ouderen")
    expected = region_counts(catalogue, "ouderen")
    assert table_counts(page) == expected
    labels = map_labels(page)
    name = catalogue.regions["groningen"].item.name
    assert labels["groningen"] == f"{name}: {expected['groningen']} projecten (thema Ouderen)"
    # the colour class follows the count: a region without Ouderen projects is hatched (k0)
    zero = next(rid for rid, n in expected.items() if n == 0)
    assert page.locator(f'svg[data-kaart="kaart"] a[data-regio="{zero}"]').get_attribute("class") == "kaart__regio k0"
    assert page.locator('a[data-regio="groningen"]').get_attribute("class") != before or expected["groningen"] == 0
    assert "laag=thema%3Aouderen" in page.url or "laag=thema:ouderen" in page.url
    # the table links into the finder with the same selection
    href = page.locator('#kaart-vlak tr[data-regio="groningen"] td a').get_attribute("href")
    assert href.endswith("?regio=groningen&thema=ouderen")
    # the address keeps the layer: opening it again shows the same map
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.input_value("#kaart-laag") == "thema:ouderen"
    assert table_counts(page) == expected
    page.close()


def test_keyboard_reaches_every_region_with_name_and_count(served_site, catalogue):
    base, browser = served_site
    page = browser.new_page()
    open_page(page, base, "kaart/")
    page.focus("#kaart-laag")
    seen = []
    for _ in range(48):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("() => [document.activeElement.dataset.regio, document.activeElement.getAttribute('aria-label')]"))
    assert [rid for rid, _ in seen] == list(catalogue.regions)
    assert all(re.fullmatch(r".+: \d+ project(en)?", label) for _, label in seen)
    # Enter opens the focused region's page
    page.keyboard.press("Shift+Tab")
    rid = page.evaluate("() => document.activeElement.dataset.regio")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/regios/{rid}/$"))
    page.close()


def test_counts_equal_the_finders(served_site):
    base, browser = served_site
    page = browser.new_page()
    open_page(page, base, "zoeken/?thema=ouderen")
    finder = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('input[name="regio"]')]
        .map(b => [b.value, Number(b.parentNode.querySelector('.facet__aantal').textContent)]))""")
    open_page(page, base, "kaart/?laag=thema:ouderen")
    shown = table_counts(page)
    assert finder and {k: v for k, v in shown.items() if k in finder} == finder
    assert all(shown[k] == 0 for k in shown if k not in finder)
    page.close()


def test_without_javascript_one_static_map_per_theme(served_site, catalogue):
    base, browser = served_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "kaart/")
    assert page.locator(".kaart__kiezer").is_hidden()
    themes = [t for t in catalogue.taxonomy.themes if catalogue.projects_by_theme.get(t.id)]
    maps = page.locator(".kaarten__kaart")
    assert maps.count() == len(themes)
    for i, t in enumerate(themes):
        caption = maps.nth(i).locator("figcaption").inner_text()
        none = sum(1 for n in region_counts(catalogue, t.id).values() if n == 0)
        assert caption.startswith(f"{t.label}: ") and f"{none} regio's zonder bekend project" in caption
    context.close()


def test_finder_map_follows_the_results_and_filters_by_region(served_site):
    base, browser = served_site
    page = browser.new_page()
    open_page(page, base, "zoeken/")
    svg = 'svg[data-kaart="zoeker"]'
    assert page.locator(f"{svg} a[data-regio]").count() == 48
    page.evaluate("""() => document.dispatchEvent(new CustomEvent('zoeker:resultaten',
        {detail: {regios: {achterhoek: 3, drenthe: 20}, totaal: 23}}))""")
    a = page.locator(f'{svg} a[data-regio="achterhoek"]')
    assert a.get_attribute("class") == "kaart__regio k2"
    assert a.get_attribute("aria-label") == "Achterhoek: 3 projecten in de selectie"
    assert page.locator(f'{svg} a[data-regio="drenthe"]').get_attribute("class") == "kaart__regio k5"
    assert page.locator(f'{svg} a[data-regio="groningen"]').get_attribute("class") == "kaart__regio k0"
    assert page.locator("#zoekkaart-status").inner_text() == "Op de kaart: 23 projecten in 2 regio's."
    # a click asks the finder to filter by that region instead of leaving the page
    page.evaluate("""() => { window.gekozen = []; document.addEventListener('zoeker:kies', e => window.gekozen.push(e.detail)); }""")
    url = page.url
    a.click()
    assert page.evaluate("() => window.gekozen") == [{"facet": "regio", "waarde": "achterhoek"}]
    assert page.url.split("?")[0] == url.split("?")[0]
    page.close()


def test_finder_map_with_the_real_finder(served_site):
    """zoeken.js reports its counts to the map; the map's counts are the finder's, and a click on the map is a
    filter step in the finder (Back undoes it)."""
    base, browser = served_site
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_page(page, base, "zoeken/?thema=ouderen")
    page.wait_for_function("() => !document.querySelector('#zoekkaart-status').textContent.includes('Kies')")
    finder = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('input[name="regio"]')]
        .map(b => [b.value, Number(b.parentNode.querySelector('.facet__aantal').textContent)]))""")
    on_map = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('svg[data-kaart="zoeker"] a[data-regio]')]
        .map(a => [a.dataset.regio, Number(a.getAttribute('aria-label').match(/: (\\d+) project/)[1])]))""")
    assert {k: on_map[k] for k in finder} == finder and any(finder.values())
    page.locator('svg[data-kaart="zoeker"] a[data-regio="groningen"]').click()
    page.wait_for_url(re.compile(r"regio=groningen"))
    assert page.locator('input[name="regio"][value="groningen"]').is_checked()
    page.go_back()
    page.wait_for_url(re.compile(r"^(?!.*regio=groningen).*thema=ouderen"))
    page.close()


@pytest.mark.parametrize("path, label", [
    ("regios/achterhoek/", "Ligging van de regio Achterhoek in Nederland"),
    ("gemeenten/vught/", "Ligging van Vught in Nederland, in de regio Noord-Oost Brabant"),
    ("projecten/minimacontract-groningen/", "Kaart: de regio Groningen in Nederland"),
])
def test_locator_maps(served_site, path, label):
    base, browser = served_site
    page = browser.new_page()
    loaded = []
    page.on("response", lambda r: loaded.append((r.url, r.status)) if r.url.endswith("nederland.svg") else None)
    open_page(page, base, path)
    figure = page.locator(".ligging svg").first
    assert figure.get_attribute("role") == "img" and figure.get_attribute("aria-label") == label
    assert page.locator(".ligging .ligging__accent").count() >= 1
    assert "Kaartgegevens: © CBS / Kadaster, CC BY 4.0" in page.locator(".ligging").inner_text()
    assert loaded and all(status == 200 for _, status in loaded), loaded
    page.close()


def test_overview_heat_map_and_gap_maps(served_site, catalogue):
    base, browser = served_site
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    open_page(page, base, "overzicht/")
    text = page.locator("main").inner_text()
    assert "er gebeurt niets" not in text and "geen project bekend in de bronnen" in text
    # every cell carries a number and a colour class that matches it
    cells = page.evaluate("""() => [...document.querySelectorAll('.matrix__tabel tbody td')]
        .map(td => [td.className, td.textContent])""")
    for cls, number in cells:
        if "k" in cls:
            n = int(number)
            k = int(re.search(r"k(\d)", cls).group(1))
            assert k == sum(1 for floor in (1, 2, 4, 8, 16) if n >= floor), (cls, number)
    # nothing is cut off at 1366 px: the table fits its scroll box
    overflow = page.evaluate("() => { const m = document.querySelector('.matrix'); return m.scrollWidth - m.clientWidth; }")
    assert overflow <= 0
    # the first column and the header stay in view while scrolling
    assert page.evaluate("() => getComputedStyle(document.querySelector('.matrix__tabel tbody th')).position") == "sticky"
    assert page.evaluate("() => getComputedStyle(document.querySelector('.matrix__tabel thead th')).position") == "sticky"
    gaps = page.locator(".kaarten__kaart")
    assert gaps.count() == len(catalogue.taxonomy.themes)
    page.close()
