"""Real browser behaviour on the built site (Debian's Chromium driven by Playwright)."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from browser import chromium, serve


@pytest.fixture(scope="module")
def site(real_site):
    with serve(real_site / "site") as base, chromium() as browser:
        yield base, browser


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


def test_former_municipality_name_leads_to_todays_municipality(site):
    base, browser = site
    page = browser.new_page()
    page.goto(base + "gemeenten/molenwaard/")
    page.wait_for_url("**/gemeenten/molenlanden/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Molenlanden"
    assert "Molenwaard (2019)" in page.locator("article").inner_text()
    page.close()
