"""The finder (/zoeken/), the overview (/overzicht/) and the home page's municipality box, in Chromium.

The query set is what users type; each query names the projects that must be among the first five results
(chosen from the content by what the project is about, not copied from a search run).
"""
from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from browser import wait_until
from conftest import ROOT

# query -> projects that must be in the top five (every one of them)
QUERY_SET = {
    "schulden": ["collectief-schuldregelen-schuldenlab-nl-den-haag"],
    "mantelzorg dementie": ["voorkomen-uitval-mantelzorgers-dementie-achterhoek",
                            "preventie-uitval-mantelzorgers-arnhem-gelderland-midden"],
    "overgewicht kinderen": ["aanpak-gezond-gewicht-aagg-amsterdam", "hagg-den-haag"],
    "walking football": ["old-stars-s-gravenhage"],
    "EPA": ["pilot-epa-aanpak-ijssel-vecht"],
    "bronheffing": ["schuldenaanpak-mensen-uit-de-bronheffing-halen-s-gravenhage",
                    "schuldenaanpak-mensen-uit-de-bronheffing-halen-twente"],
    "respijtzorg": ["respijtzorg-eerstelijns-verblijf-en-spoedzorg-holland-rijnland"],
    "valpreventie": ["valpreventie-nijmegen", "valpreventie-midden-brabant"],
    # about 50 projects are the same collective insurance; any of them may lead (QUERY_THEME checks the five)
    "collectieve zorgverzekering": [],
    "verward gedrag": ["zorg-en-hulp-voor-mensen-met-verward-gedrag-holland-rijnland",
                       "aanpak-verwarde-personen-rotterdam"],
    "diabetes": ["keer-diabetes-om-rotterdam"],
    "beweegcoach": ["beweegcoach-west-brabant"],
    "sociaal hospitaal": ["sociaal-hospitaal-sohos-s-gravenhage"],
    "eenzaamheid ouderen": ["old-stars-s-gravenhage"],
    "jongeren 18 jaar": ["jeugd-18-18-arnhem-gelderland-midden", "18-18-overgang-o-b-v-casuistiek-nijmegen"],
    "kansrijke start": ["zwangerschap-en-geboorte-groningen-agenda"],
    # case does not matter, and stemming finds the plural
    "Mantelzorgers": ["voorkomen-uitval-mantelzorgers-dementie-achterhoek"],
}


@pytest.fixture(scope="module")
def site(served_site, real_site):
    base, browser = served_site
    return base, browser, real_site / "site"


@pytest.fixture(scope="module")
def records(real_site):
    return {r["id"]: r for r in json.loads((real_site / "site" / "data" / "projecten.json").read_text("utf-8"))}


def wait_js(page, expression: str, timeout: float = 20.0) -> None:
    """Wait until a JavaScript expression is true. Polled from Python: the site's Content-Security-Policy forbids
    the eval that Playwright's wait_for_function uses inside the page."""
    import time

    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.05)


def wait_for_results(page) -> None:
    page.wait_for_selector("#zoeker-uitkomst[data-gezocht]", timeout=20000)


def shown_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#zoeker-resultaten li .kaart__titel a", "els => els.map(e => e.getAttribute('href'))")
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def all_shown_ids(page) -> list[str]:
    """Press 'Toon meer' until every result is listed."""
    while page.locator("#zoeker-meer").is_visible():
        n = page.locator("#zoeker-resultaten li").count()
        page.click("#zoeker-meer")
        wait_js(page, f"document.querySelectorAll('#zoeker-resultaten li').length > {n}")
    return shown_ids(page)


def result_count(page) -> int:
    return int(re.match(r"(?:Alle )?(\d+) project", page.inner_text("#zoeker-status")).group(1))


# query -> theme that every one of the top five must have
QUERY_THEME = {"EPA": "ggz", "valpreventie": "ouderen", "collectieve zorgverzekering": "minima"}


@pytest.mark.parametrize("query", sorted(QUERY_SET))
def test_query_set_top_five(site, records, query):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base + "zoeken/?q=" + query.replace(" ", "+"))
    wait_for_results(page)
    top = shown_ids(page)[:5]
    missing = [pid for pid in QUERY_SET[query] if pid not in top]
    assert not missing, f"{query!r}: {missing} not in the top five {top}"
    if query in QUERY_THEME:
        off_topic = [pid for pid in top if QUERY_THEME[query] not in records[pid].get("themes", [])]
        assert not off_topic, f"{query!r}: {off_topic} in the top five lack the theme {QUERY_THEME[query]}"
    page.close()


def test_query_set_is_large_enough():
    assert len(QUERY_SET) >= 15


def test_a_finder_link_restores_the_same_selection(site):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base + "zoeken/")
    wait_for_results(page)
    # build a selection by hand: a query and two facets
    page.fill("#zoeker-q", "mantelzorg")
    page.press("#zoeker-q", "Enter")
    wait_js(page, "location.search.includes('q=mantelzorg')")
    # the theme facet is open from the start on a wide screen
    page.check("input[name=thema][value=ouderen]")
    page.check("input[name=thema][value=preventie]")
    page.click("details[data-facet=verzekeraar] > summary")
    page.check("input[name=verzekeraar][value=menzis]")
    wait_js(page, "location.search.includes('verzekeraar=menzis')")
    wait_for_results(page)
    page.wait_for_timeout(300)
    url = page.url
    state = {k: sorted(v) for k, v in parse_qs(urlparse(url).query).items()}
    assert state == {"q": ["mantelzorg"], "thema": ["ouderen", "preventie"], "verzekeraar": ["menzis"]}
    expected = all_shown_ids(page)
    status = page.inner_text("#zoeker-status")
    assert expected and len(expected) == result_count(page)

    again = browser.new_page()
    again.goto(url)
    wait_for_results(again)
    assert again.input_value("#zoeker-q") == "mantelzorg"
    assert again.is_checked("input[name=thema][value=ouderen]") and again.is_checked("input[name=verzekeraar][value=menzis]")
    assert all_shown_ids(again) == expected
    assert again.inner_text("#zoeker-status") == status
    page.close()
    again.close()


def test_filters_combine_or_within_and_across_facets(site, records):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base + "zoeken/?thema=schulden&thema=minima&regio=groningen")
    wait_for_results(page)
    ids = all_shown_ids(page)
    expected = sorted(pid for pid, r in records.items()
                      if {"schulden", "minima"} & set(r.get("themes", [])) and "groningen" in r["regions"])
    assert sorted(ids) == expected and expected
    # the counts next to each value say how many results that value would give
    label = page.locator("details[data-facet=regio] label", has=page.locator("input[value=groningen]"))
    assert label.locator(".facet__aantal").inner_text() == str(len(expected))
    page.close()


def test_former_municipality_name_in_the_address_selects_todays_municipality(site, records):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base + "zoeken/?gemeente=molenwaard")
    wait_for_results(page)
    assert page.is_checked("input[name=gemeente][value=molenlanden]")
    assert parse_qs(urlparse(page.url).query) == {"gemeente": ["molenlanden"]}
    total = page.locator("label", has=page.locator("input[name=gemeente][value=molenlanden]")).locator(".facet__aantal").get_attribute("data-totaal")
    assert result_count(page) == int(total) > 0
    # the facet with a choice is open; its list filter also finds the municipality under its former name
    assert page.evaluate("document.querySelector('details[data-facet=gemeente]').open")
    page.fill("[data-filter-for=gemeente]", "molenwaard")
    visible = page.locator("details[data-facet=gemeente] label.facet__waarde:visible")
    assert visible.count() == 1 and "Molenlanden" in visible.inner_text()
    page.close()


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_matches_the_list_shown(site, kind):
    base, browser, folder = site
    page = browser.new_page(accept_downloads=True)
    page.goto(base + "zoeken/?q=wijk&thema=ouderen")
    wait_for_results(page)
    shown = all_shown_ids(page)
    assert len(shown) > 20  # more than one page of results
    with page.expect_download() as info:
        page.click(f"button[data-export={kind}]")
    data = open(info.value.path(), encoding="utf-8").read()
    if kind == "json":
        exported = json.loads(data)
        # the selection carries the licence and the date of the data (data/metadata.json)
        about = json.loads((folder / "data" / "metadata.json").read_text("utf-8"))
        assert {k: exported[k] for k in about} == about and exported["count"] == len(shown)
        assert info.value.suggested_filename == f"projecten-selectie-{about['modified']}.json"
        exported = exported["projects"]
        assert [r["id"] for r in exported] == shown
        full = {r["id"]: r for r in json.loads((folder / "data" / "projecten.json").read_text("utf-8"))}
        assert exported == [full[pid] for pid in shown]
    else:
        rows = list(csv.DictReader(io.StringIO(data)))
        assert [r["id"] for r in rows] == shown
        full = {r["id"]: r for r in csv.DictReader(io.StringIO((folder / "data" / "projecten.csv").read_text("utf-8")))}
        assert rows == [full[pid] for pid in shown]
    page.close()


def test_overview_matrix_counts_every_region_and_theme_including_zeros(real_site, records):
    html = (real_site / "site" / "overzicht" / "index.html").read_text("utf-8")
    table = html.split('class="matrix__tabel"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    regions = {r for rec in records.values() for r in rec["regions"]}
    assert len(rows) == len(regions) == 48
    header = re.findall(r'<th scope="col"><a href="\.\./themas/([^/]+)/">', table)
    assert len(header) == 14
    zeros = 0
    for row in rows:
        region = re.search(r'href="\.\./regios/([^/]+)/"', row).group(1)
        cells = re.findall(r"<td[^>]*>(?:<a [^>]*>)?(\d+)(?:</a>)?</td>", row)
        assert len(cells) == len(header) + 1  # the themes and the row total
        for theme, cell in zip(header, cells):
            expected = sum(1 for r in records.values() if region in r["regions"] and theme in r.get("themes", []))
            assert int(cell) == expected, (region, theme)
            zeros += expected == 0
        assert int(cells[-1]) == sum(1 for r in records.values() if region in r["regions"])
    assert zeros > 0 and f"{zeros} van de {48 * 14} combinaties" in html


def test_overview_cells_open_the_finder_with_that_selection(site, records):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base + "overzicht/")
    cells = page.locator(".matrix__tabel tbody td a[href*='thema=']")
    hrefs = [cells.nth(i).get_attribute("href") for i in range(cells.count())]
    assert len(hrefs) > 100
    for href in hrefs[::37]:  # a spread of cells across the table
        page.goto(base + "overzicht/")
        link = page.locator(f".matrix__tabel a[href='{href}']")
        number = int(link.inner_text())
        link.click()
        wait_for_results(page)
        query = parse_qs(urlparse(page.url).query)
        region, theme = query["regio"][0], query["thema"][0]
        expected = sorted(pid for pid, r in records.items() if region in r["regions"] and theme in r.get("themes", []))
        assert result_count(page) == number == len(expected)
        assert sorted(all_shown_ids(page)) == expected
    page.close()


def test_finder_works_with_the_keyboard_alone(site):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base + "zoeken/")
    wait_for_results(page)
    page.focus("#zoeker-q")
    page.keyboard.type("dementie")
    page.keyboard.press("Enter")
    wait_js(page, "location.search.includes('q=dementie')")
    # Tab to the first facet, open it with Enter, tick a value with Space
    page.keyboard.press("Tab")   # the search button
    page.keyboard.press("Tab")   # the sort order
    assert page.evaluate("document.activeElement.id") == "zoeker-sorteer"
    page.keyboard.press("Tab")   # the theme facet
    assert page.evaluate("document.activeElement.closest('details')?.dataset.facet") == "thema"
    page.keyboard.press("Enter")  # closes the facet (open from the start on a wide screen) ...
    assert not page.evaluate("document.activeElement.closest('details').open")
    page.keyboard.press("Enter")  # ... and opens it again
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "thema"
    page.keyboard.press("Space")
    wait_js(page, "location.search.includes('thema=')")
    wait_for_results(page)
    # from the status line the results are reachable in order; Enter opens the first one
    first = page.locator("#zoeker-resultaten li .kaart__titel a").first
    first.focus()
    title = first.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/projecten/**")
    assert page.locator("h1").inner_text().rstrip("¶") == title
    page.close()


def test_without_javascript_the_finder_leads_to_every_project(site, records):
    """Without JavaScript the finder's form is hidden; its page links to the list of all projects (the list
    itself is not repeated in the finder: every visitor would download it) and that list has every project."""
    base, browser, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "zoeken/")
    assert not page.is_visible("#zoeker")
    assert page.is_visible("#alle-projecten")
    page.click("#alle-projecten a[href$='projecten/']")
    page.wait_for_url("**/projecten/")
    links = page.eval_on_selector_all("article a", "els => els.map(e => e.getAttribute('href'))")
    assert sorted({h.rstrip("/").rsplit("/", 1)[-1] for h in links} & set(records)) == sorted(records)
    context.close()


@pytest.mark.parametrize("typed, expected", [("Molenwaard", "molenlanden"), ("zwolle", "zwolle"),
                                             ("sudwest-fryslan", "sudwest-fryslan"), ("Sudwest Fryslan", "sudwest-fryslan"),
                                             ("Haaren (nu Oisterwijk)", "oisterwijk"), ("Den Haag", "s-gravenhage"),
                                             ("den haag", "s-gravenhage"), ("'S-GRAVENHAGE", "s-gravenhage"),
                                             ("Bergen (Noord-Holland)", "bergen-nh")])
def test_home_municipality_box_finds_current_and_former_names(site, typed, expected):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base)
    page.fill("#gemeente", typed)
    page.press("#gemeente", "Enter")
    page.wait_for_url(f"**/gemeenten/{expected}/")
    assert page.locator("h1").count() == 1
    page.close()


def test_home_municipality_box_offers_both_municipalities_of_a_shared_name(site):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base)
    page.fill("#gemeente", "bergen")
    page.press("#gemeente", "Enter")
    links = page.locator(".gemeentezoeker__hulp a")
    assert links.count() == 2
    assert sorted(links.all_inner_texts()) == ["Bergen (Limburg)", "Bergen (Noord-Holland)"]
    links.filter(has_text="Limburg").click()
    page.wait_for_url("**/gemeenten/bergen-l/")
    page.close()


def test_home_municipality_box_says_when_nothing_matches(site):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base)
    page.fill("#gemeente", "Atlantis")
    page.press("#gemeente", "Enter")
    assert "Geen gemeente gevonden" in page.inner_text(".gemeentezoeker__hulp")
    assert page.url == base
    page.close()


@pytest.mark.parametrize("path", ["regios/achterhoek/", "themas/schulden/"])
def test_region_and_theme_pages_print_as_a_dossier(site, path):
    base, browser, _ = site
    page = browser.new_page()
    page.goto(base + path)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer', '.kruimelpad']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    spelled = page.evaluate("""() => [...document.querySelectorAll('article a[href*="projecten/"]')].slice(0, 3)
        .map(a => getComputedStyle(a, '::after').content)""")
    assert spelled and all(base + "projecten/" in s for s in spelled), spelled
    page.close()


# --- query understanding, cards, sorting, chips, history, small screens, empty state, map events (#13, #18) ---
def open_finder(browser, base, query="", viewport=None):
    page = browser.new_page(viewport=viewport) if viewport else browser.new_page()
    page.goto(base + "zoeken/" + query)
    wait_for_results(page)
    return page


def text_of(record) -> str:
    return " ".join(str(record.get(k) or "") for k in ("title", "summary", "description", "goals", "results")).lower()


def test_no_project_with_every_word_shows_the_strongest_part_with_a_notice(site, records):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=ketenaanpak+diabetes")
    notice = page.inner_text("#zoeker-melding")
    assert "Geen project noemt ‘ketenaanpak’ en ‘diabetes’ samen. U ziet eerst de projecten met ‘diabetes’" in notice
    top = shown_ids(page)[:5]
    assert len(top) == 5 and all("diabetes" in text_of(records[pid]) for pid in top)
    page.close()


def test_an_unknown_word_is_named_and_close_words_are_offered(site):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=ouderen+dementei")
    notice = page.locator(".zoeker__onbekend")
    assert notice.inner_text().startswith("‘dementei’ komt in de catalogus niet voor en is weggelaten. Bedoelde u")
    offer = notice.locator("button", has_text="ouderen dementie")
    searched = page.get_attribute("#zoeker-uitkomst", "data-gezocht")
    offer.click()
    wait_js(page, "new URLSearchParams(location.search).get('q') === 'ouderen dementie'")
    # the notice goes once the finder has answered the new query; its cards are listed when the finder marks
    # that search done (data-gezocht, the search's number, changes)
    wait_js(page, "!document.querySelector('.zoeker__onbekend')")
    wait_js(page, f"document.querySelector('#zoeker-uitkomst').getAttribute('data-gezocht') !== {searched!r}")
    assert len(shown_ids(page)) >= 5
    page.go_back()  # the suggestion was a history step
    wait_js(page, "new URLSearchParams(location.search).get('q') === 'ouderen dementei'")
    page.close()


def test_a_single_misspelt_word_is_corrected_and_said_so(site):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=mantelzorgr")
    assert "‘mantelzorgr’ komt in de catalogus niet voor. U ziet de projecten met ‘mantelzorg’." in page.inner_text("#zoeker-melding")
    assert "voorkomen-uitval-mantelzorgers-dementie-achterhoek" in shown_ids(page)[:5]
    page.close()


@pytest.mark.parametrize("query, region, said", [
    ("Molenwaard", "alblasserwaard-vijfheerenlanden", "Projecten in gemeente Molenwaard (sinds 2019 Molenlanden)."),
    ("Den Haag schulden", "s-gravenhage", "Projecten in gemeente 's-Gravenhage."),
])
def test_a_place_name_in_the_query_gives_that_places_projects(site, records, query, region, said):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=" + query.replace(" ", "+"))
    assert said in page.inner_text("#zoeker-melding")
    shown = shown_ids(page)
    full = page.locator("#zoeker-resultaten li.kaart:not(.kaart--deels)").count()
    assert full >= 1 and all(region in records[pid]["regions"] for pid in shown[:full])  # never prefix junk
    page.close()


def test_result_cards_show_facts_and_highlight_from_summary_or_description(site, records):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=bronheffing")
    card = page.locator("#zoeker-resultaten li.kaart").first
    pid = card.get_attribute("data-id")
    record = records[pid]
    facts = card.locator(".kaart__feiten").inner_text()
    assert "Arnhem" in facts or "Twente" in facts or "Groningen" in facts or "'s-Gravenhage" in facts
    marks = [t.lower() for t in page.locator("#zoeker-resultaten .kaart__tekst mark").all_inner_texts()]
    assert marks and any(t.startswith("bronheffing") for t in marks)  # the word, and the topic's other words
    assert "Kenmerk" not in card.inner_text() and "Gegeven" not in card.inner_text()
    labels = card.locator(".kaart__labels").inner_text()
    assert "stand " in labels and "Schulden" in labels  # status with its year, topics
    assert record["title"] in card.locator(".kaart__titel").inner_text()
    page.close()


def test_sorting_by_title_and_by_reference_date_is_a_history_step(site, records):
    from generator.catalogue import _sort_name

    base, browser, _ = site
    page = open_finder(browser, base, "?q=dementie")
    relevance = shown_ids(page)
    page.select_option("#zoeker-sorteer", "naam")
    wait_js(page, "location.search.includes('sorteer=naam')")
    wait_for_results(page)
    wait_js(page, "document.querySelector('#zoeker-resultaten li') !== null")
    full = page.locator("#zoeker-resultaten li.kaart:not(.kaart--deels)").count()
    by_title = shown_ids(page)[:full]
    keys = [(_sort_name(records[pid]["title"])) for pid in by_title]
    assert keys == sorted(keys) and by_title != relevance[:full]
    page.select_option("#zoeker-sorteer", "peildatum")
    wait_js(page, "location.search.includes('sorteer=peildatum')")
    wait_for_results(page)
    dates = [records[pid]["reference_date"] for pid in shown_ids(page)[:full]]
    assert dates == sorted(dates, reverse=True)
    page.go_back()
    wait_js(page, "location.search.includes('sorteer=naam')")
    assert page.input_value("#zoeker-sorteer") == "naam"
    page.close()


def test_chips_remove_a_filter_and_back_restores_it(site):
    base, browser, _ = site
    page = open_finder(browser, base, "?thema=ouderen&verzekeraar=menzis")
    chips = page.locator("#zoeker-chips button")
    assert [chips.nth(i).get_attribute("aria-label") for i in range(chips.count())] == [
        "Filter Thema: Ouderen weghalen", "Filter Zorgverzekeraar: Menzis weghalen"]
    assert [t.replace("\n", "") for t in chips.all_inner_texts()] == ["Thema: Ouderen×", "Zorgverzekeraar: Menzis×"]
    before = result_count(page)
    chips.filter(has_text="Menzis").click()
    wait_js(page, "!location.search.includes('verzekeraar')")
    wait_for_results(page)
    assert page.locator("#zoeker-chips button").count() == 1 and result_count(page) > before
    page.go_back()
    wait_js(page, "location.search.includes('verzekeraar=menzis')")
    wait_js(page, f"document.getElementById('zoeker-status').textContent.startsWith('{before} ')")
    assert page.is_checked("input[name=verzekeraar][value=menzis]") and urlparse(page.url).path.endswith("/zoeken/")
    page.close()


def test_ticking_a_filter_then_back_undoes_it_and_stays_in_the_finder(site):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=mantelzorg")
    page.check("input[name=thema][value=ouderen]")  # open from the start on a wide screen
    wait_js(page, "location.search.includes('thema=ouderen')")
    page.go_back()
    wait_js(page, "!location.search.includes('thema')")
    assert not page.is_checked("input[name=thema][value=ouderen]")
    assert page.input_value("#zoeker-q") == "mantelzorg" and urlparse(page.url).path.endswith("/zoeken/")
    page.close()


def test_facet_counts_follow_the_results_without_opening_a_facet(site, records):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=valpreventie")
    page.wait_for_selector("#zoeker[data-geteld]")
    shown = all_shown_ids(page)
    assert not page.evaluate("document.querySelector('details[data-facet=regio]').open")
    label = page.locator("details[data-facet=regio] label", has=page.locator("input[value=nijmegen]"))
    assert label.locator(".facet__aantal").text_content() == str(sum("nijmegen" in records[p]["regions"] for p in shown))
    # on a wide screen the subject facets are open from the start, so their counts show without a click
    assert page.evaluate("['onderwerp', 'thema'].every(f => document.querySelector(`details[data-facet=${f}]`).open)")
    page.close()


def test_on_a_small_screen_results_come_first_and_filters_sit_in_a_panel(site):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=schulden&thema=minima", viewport={"width": 390, "height": 844})
    assert page.inner_text("#zoeker-filterknop") == "Filters (1)"
    assert not page.is_visible("details[data-facet=thema]")
    first = page.locator("#zoeker-resultaten li").first.bounding_box()
    assert first and first["y"] < 844  # the first result is on the first screen
    page.click("#zoeker-filterknop")
    assert page.get_attribute("#zoeker-filterknop", "aria-expanded") == "true"
    assert page.is_visible("details[data-facet=thema]")
    page.click("#zoeker-klaar")
    assert not page.is_visible("details[data-facet=thema]")
    page.close()


def test_empty_state_says_what_to_try_and_hides_the_downloads(site):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=walking+football&regio=achterhoek")
    assert result_count(page) == 0
    assert page.is_visible("#zoeker-leeg") and not page.is_visible(".zoeker__export")
    assert "Haal een filter weg" in page.inner_text("#zoeker-leeg")
    page.click("#zoeker-leeg button[data-zonder=regio]")
    wait_js(page, "!location.search.includes('regio')")
    wait_for_results(page)
    assert result_count(page) > 0 and page.is_visible(".zoeker__export") and not page.is_visible("#zoeker-leeg")
    page.close()


def test_map_events_report_region_counts_and_toggle_a_region(site, records):
    base, browser, _ = site
    page = open_finder(browser, base, "?q=dementie")
    page.wait_for_selector("#zoeker[data-geteld]")
    page.evaluate("""() => { window.__laatste = null;
        document.addEventListener('zoeker:resultaten', e => { window.__laatste = e.detail; }); }""")
    page.evaluate("document.dispatchEvent(new CustomEvent('zoeker:kies', {detail: {facet: 'regio', waarde: 'achterhoek'}}))")
    wait_js(page, "location.search.includes('regio=achterhoek')")
    wait_js(page, "window.__laatste !== null")
    detail = page.evaluate("window.__laatste")
    assert page.is_checked("input[name=regio][value=achterhoek]")
    assert detail["totaal"] == result_count(page)
    shown = all_shown_ids(page)
    assert detail["regios"]["achterhoek"] == len(shown) and all("achterhoek" in records[p]["regions"] for p in shown)
    page.go_back()  # the map's choice is a history step too
    wait_js(page, "!location.search.includes('regio=')")
    page.close()


def test_the_compact_place_list_expands_to_every_place_name(real_site):
    """zoeken/hulp.json's places in their short form (search_index.compact_places) read back to every
    (name, facet, ids, label) the finder recognises, as zoeken.js expands them."""
    from generator.catalogue import load_catalogue
    from generator.diagnostics import Diagnostics
    from generator.search_index import expand_places, place_names

    c = load_catalogue(ROOT / "content", Diagnostics())
    served = json.loads((real_site / "site" / "zoeken" / "hulp.json").read_text("utf-8"))
    assert expand_places(served["places"]) == place_names(c)
    assert sum(isinstance(e, str) for entries in served["places"].values() for e in entries) > 300  # it is compact
    # each topic with its project count: the finder skips the filtered search of a topic without projects
    assert {t: n for t, (_, _, n) in served["topics"].items()} == {
        t.id: len(c.projects_by_topic.get(t.id, [])) for t in c.taxonomy.topics}


# --- what Pagefind indexes of a project page (#15) -----------------------------------------------------------
def fragments(site) -> dict[str, dict]:
    """Every Pagefind fragment of a built site, by project id: the page's text as Pagefind indexed it
    (`content`, whose words its anchors' `location`s count), its metadata and its anchors."""
    import gzip

    out = {}
    for path in sorted((site / "pagefind" / "fragment").rglob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        out[data["meta"]["id"]] = data
    return out


def section_words(fragment: dict, anchor_id: str) -> list[str] | None:
    """The words under a heading: from its anchor (past the heading's own words) to the next h1/h2 anchor, as
    zoeken.js `description` reads a result's description."""
    words, anchors = fragment["content"].split(), fragment["anchors"]
    for i, anchor in enumerate(anchors):
        if anchor["id"] == anchor_id:
            end = next((a["location"] for a in anchors[i + 1:] if a["element"] in ("h1", "h2")), len(words))
            return words[anchor["location"] + len(anchor["text"].split()):end]
    return None


def html_words(markup: str) -> str:
    """Text of an HTML snippet as Pagefind reads it: tags dropped without a break, entities decoded."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


@pytest.fixture(scope="module")
def indexed(real_site):
    return fragments(real_site / "site")


def project_html(real_site, pid: str) -> str:
    return (real_site / "site" / "projecten" / pid / "index.html").read_text("utf-8")


def test_the_description_of_a_result_is_read_from_the_indexed_text_not_a_second_copy(real_site, records, indexed):
    """The finder's excerpt comes from the fragment's content between the "omschrijving" anchor and the next
    h1/h2 anchor: for every project that is its description as the page shows it, and no metadata value repeats
    it (Pagefind indexes metadata as words too)."""
    assert sorted(indexed) == sorted(records)
    described = 0
    for pid, fragment in indexed.items():
        assert "tekst" not in fragment["meta"], pid
        shown = re.search(r'<h2 id="omschrijving">.*?</h2>(.*?)<h2 ', project_html(real_site, pid), re.S)
        words = section_words(fragment, "omschrijving")
        if records[pid].get("description"):
            described += 1
            assert shown and words is not None, pid
            assert " ".join(words) == html_words(shown.group(1)), pid
        else:
            assert not shown and words is None, pid
    assert described > 400


def test_pagefind_reads_every_fact_label_apart_from_its_value(real_site, indexed):
    """A <dt> glued to its <dd> was one word for Pagefind ("OnderwerpVerward"): the facts as indexed are each
    label, then its value without the ignored explanations and reference date."""
    for pid, fragment in indexed.items():
        facts = re.search(r'<dl class="feiten">(.*?)</dl>', project_html(real_site, pid), re.S).group(1)
        pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", facts, re.S)
        expected = " ".join(html_words(dt) + " " + html_words(re.sub(r"<span[^>]*data-pagefind-ignore[^>]*>.*?</span>", "", dd))
                            for dt, dd in pairs)
        words = fragment["content"].split()
        anchors = fragment["anchors"]
        at = next(i for i, a in enumerate(anchors) if a["id"] == "kenmerken")
        assert " ".join(words[anchors[at]["location"] + 1:anchors[at + 1]["location"]]) == expected, pid


def test_boilerplate_of_project_pages_is_not_indexed(real_site, indexed):
    """The locator map's caption and attribution, the explanations of the terms and the reference date in the
    facts and the targets' column heads are the same words on every page: not in the index (issue #15)."""
    explained = 0
    for pid, fragment in indexed.items():
        page = project_html(real_site, pid)
        facts = re.search(r'<dl class="feiten">(.*?)</dl>', page, re.S).group(1)
        boilerplate = [html_words(t) for t in re.findall(r"<span[^>]*data-pagefind-ignore[^>]*>(.*?)</span>", facts)]
        boilerplate += [html_words(re.search(r'<p class="kaart__bron">(.*?)</p>', page).group(1))]
        boilerplate += [html_words(t).replace(" ", "") for t in re.findall(r"<thead[^>]*>(.*?)</thead>", page)]
        assert len(boilerplate) >= 2, pid  # at least the reference date and the map (a fact may be 'onbekend')
        explained += len(boilerplate) - 2
        for text in boilerplate:
            assert text and text not in fragment["content"], (pid, text)
        assert "Kenmerken." in fragment["content"] and " Status " in fragment["content"]  # the labels stay
    assert explained > 2 * len(indexed) * 0.9  # an intensity and a scale explained on nearly every page


def pagefind_search(page, word: str) -> dict[str, list[str]]:
    """A plain Pagefind search (no finder logic): project id -> the words of its content where Pagefind matched."""
    return dict(page.evaluate("""async (word) => {
        const pagefind = await import('../pagefind/pagefind.js');
        const search = await pagefind.search(word);
        const data = await Promise.all(search.results.map(r => r.data()));
        return data.map(d => { const words = d.content.trim().split(/\\s+/);
                               return [d.meta.id, d.locations.map(l => words[l])]; }); }""", word))


@pytest.mark.parametrize("pid, fact, word", [
    ("keer-diabetes-om-rotterdam", "Thema", "patiënten"),           # 'Themapatiënten' before the fix
    ("leefstijlinterventies-den-haag", "Looptijd", "2017–2021"),    # 'Looptijd2017–2021'
])
def test_the_first_value_of_a_fact_is_found_by_its_word(site, indexed, pid, fact, word):
    """A fact's first value, found by Pagefind in Chromium at that word, on a page where only the facts name it
    (so only the facts can make the page a result)."""
    base, browser, _ = site
    assert indexed[pid]["content"].count(word) == 1
    page = open_finder(browser, base)
    found = pagefind_search(page, word)
    assert pid in found and word in found[pid], found.get(pid)
    page.close()


def marked_in(text: str, marks: list[str]) -> bool:
    return any(re.search(r"(?<![\w])" + re.escape(m.lower()), text.lower()) for m in marks)


def test_a_card_shows_the_sentence_of_the_description_with_the_query_word(site, indexed):
    """When the summary lacks every query word, the card shows the first sentence of the description (its first
    600 characters) that has one, marked, after 'Uit de omschrijving: '."""
    base, browser, _ = site
    page = open_finder(browser, base, "?q=mantelzorg")
    cards = page.eval_on_selector_all("#zoeker-resultaten li.kaart", """els => els.map(e => [e.dataset.id,
        e.querySelector('.kaart__tekst').innerText, [...e.querySelectorAll('.kaart__tekst mark')].map(m => m.innerText)])""")
    from_description = word_marked = 0
    for pid, text, marks in cards:
        summary = indexed[pid]["meta"]["samenvatting"]
        label = "Uit de omschrijving: "
        if text.startswith(label):
            from_description += 1
            description = " ".join(section_words(indexed[pid], "omschrijving"))[:600]
            sentences = re.split(r"(?<=[.!?])\s+", description.strip())
            sentence = text[len(label):]
            assert sentence in sentences, pid  # a whole sentence of the description, as the page has it
            assert marks and all(m.lower() in sentence.lower() for m in marks), pid  # with the query's words marked
            assert not marked_in(summary, marks), pid  # only when the summary has none of them
            word_marked += any(m.lower().startswith("mantelzorg") for m in marks)
        else:
            assert text == summary, pid
    assert from_description >= 2 and word_marked >= 1, cards
    page.close()
