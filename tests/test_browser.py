"""Real browser behaviour on the built site (Debian's Chromium driven by Playwright)."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from browser import ALL_KINDS, open_page, page_kinds


@pytest.fixture(scope="module")
def site(served_site):
    return served_site


def test_home_to_project_and_back_via_breadcrumb(site):
    base, browser = site
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "Samenwerkingscatalogus" in page.title()
    page.get_by_role("link", name="projecten", exact=True).first.click()
    page.wait_for_url("**/projecten/")
    first = page.locator("article li a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text().rstrip("¶") == title
    assert page.locator("table").first.inner_text().count("Regio") >= 1
    page.get_by_role("link", name="Projecten", exact=True).last.click()
    page.wait_for_url("**/projecten/")
    hosts = {urlparse(u).netloc for u in requests if not u.startswith("data:")}
    assert hosts == {urlparse(base).netloc}
    page.close()


def search(page, base: str, query: str) -> list[str]:
    """Type a query in the home page's search box; return the titles on the search page."""
    page.goto(base)
    page.fill("#zoekterm", query)
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=*")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)  # let the remaining results render
    return [t.rstrip("¶").strip() for t in page.locator(".pagefind-ui__result-link").all_inner_texts()]


def test_dutch_search_finds_a_project(site):
    base, browser = site
    page = browser.new_page()
    titles = search(page, base, "mantelzorgers dementie")
    assert "Voorkomen uitval mantelzorgers dementie" in titles[:5]
    page.close()


def test_search_link_restores_the_query(site):
    base, browser = site
    page = browser.new_page()
    page.goto(base + "zoeken/?q=bronheffing")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    assert page.locator(".pagefind-ui__search-input").input_value() == "bronheffing"
    assert any("bronheffing" in t.lower() for t in page.locator(".pagefind-ui__result-link").all_inner_texts()[:5])
    page.close()


def test_former_municipality_name_leads_to_todays_municipality(site):
    base, browser = site
    page = browser.new_page()
    page.goto(base + "gemeenten/molenwaard/")
    page.wait_for_url("**/gemeenten/molenlanden/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Molenlanden"
    assert "Molenwaard (2019)" in page.locator("article").inner_text()
    page.close()


def test_search_filters_count_and_stay_out_of_excerpts(site):
    base, browser = site
    page = browser.new_page()
    page.goto(base + "zoeken/?q=schulden")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    page.locator(".pagefind-ui__filter-name", has_text="Thema").click()
    theme_filter = page.locator(".pagefind-ui__filter-group", has_text="Zwangerschap en geboorte").inner_text()
    assert "Schulden (" in theme_filter and "Minima (" in theme_filter
    # the hidden filter values are not indexed as text, so they never run together in a result's excerpt
    excerpts = " ".join(page.locator(".pagefind-ui__result-excerpt").all_inner_texts())
    assert "LopendMinima" not in excerpts and "GemeentelijkMenzis" not in excerpts
    page.close()


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_page_kind_stays_on_the_own_origin_without_cookies(site, real_site, kind):
    """Privacy: every request a page makes (scripts, styles, fonts, search index, images) goes to the site's own
    origin, and nothing sets a cookie."""
    base, browser = site
    kinds = page_kinds(real_site / "site")
    if kind not in kinds:
        pytest.skip(f"{kind}: not in this build yet")
    path = kinds[kind]
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, base, path)
    own = urlparse(base).netloc
    foreign = [u for u in requests if not u.startswith(("data:", "blob:")) and urlparse(u).netloc != own]
    assert foreign == [], f"{path}: requests to other origins"
    assert len(requests) > 1  # the recording works: at least the page and its stylesheet
    assert context.cookies() == [], path
    assert page.evaluate("document.cookie") == "", path
    context.close()

