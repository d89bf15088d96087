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
    page.get_by_role("link", name="Alle projecten", exact=True).first.click()  # the home page's card
    page.wait_for_url("**/projecten/")
    first = page.locator("article li a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text().rstrip("¶") == title
    assert page.locator("dl.feiten").first.inner_text().count("Regio") >= 1  # key facts are a definition list now
    page.get_by_role("link", name="Projecten", exact=True).last.click()
    page.wait_for_url("**/projecten/")
    hosts = {urlparse(u).netloc for u in requests if not u.startswith("data:")}
    assert hosts == {urlparse(base).netloc}
    page.close()


def test_former_municipality_name_leads_to_todays_municipality(site):
    base, browser = site
    page = browser.new_page()
    page.goto(base + "gemeenten/molenwaard/")
    page.wait_for_url("**/gemeenten/molenlanden/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Molenlanden"
    assert "Molenwaard (2019)" in page.locator("article").inner_text()
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

