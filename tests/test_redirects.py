"""Renamed projects keep their old address: a former id in `aliases` is a page that sends the visitor on,
both in the built HTML (for crawlers and browsers without JavaScript) and in a real browser."""
from __future__ import annotations

from browser import serve

OLD, NEW = "afstemmen-wmo-zvw-alblasserwaard", "afstemmen-op-specifiek-thema-alblasserwaard-vijfheerenlanden"


def test_alias_page_redirects_in_html(mini_site):
    html = (mini_site / "projecten" / OLD / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0;url=../{NEW}/">' in html  # without JavaScript
    assert f'window.location.replace(["../{NEW}/",window.location.search,window.location.hash]' in html
    assert (mini_site / "projecten" / NEW / "index.html").is_file()


def test_browser_lands_on_the_new_address(mini_site, chromium_browser):
    browser = chromium_browser
    with serve(mini_site) as base:
        page = browser.new_page()
        page.goto(f"{base}projecten/{OLD}/")
        page.wait_for_url(f"**/projecten/{NEW}/")
        assert page.locator("h1").inner_text().rstrip("¶").strip() == "Afstemmen op specifiek thema"
        page.go_back()  # the redirect replaces the history entry: Back does not bounce forward again
        assert OLD not in page.url
        page.close()
