"""The entity pages (project, region, theme, municipality, insurer, source) and the glossary (/uitleg/), on the
real catalogue: terms linked to their explanations, each source once, the finder links, folding groups, print.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from conftest import ROOT
from generator.pages.entity import page_ranges
from generator.pages.glossary import SECTIONS, intensity_words

CONTENT = ROOT / "content"
TAXONOMY = yaml.safe_load((CONTENT / "taxonomy.yml").read_text(encoding="utf-8"))


class Page(HTMLParser):
    """The article of a built page: ids, links (href, text) and the text inside folded <details>."""

    def __init__(self):
        super().__init__()
        self.ids: dict[str, str] = {}  # id -> tag
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.classes: dict[str, list[str]] = {}  # class -> texts of elements with that class
        self._open: list[tuple[str, list[str], list[str]]] = []  # (tag, classes, text parts)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = tag + ("[open]" if "open" in attrs else "")
        if tag == "a":
            self._href, self._text = attrs.get("href", ""), []
        if tag not in {"br", "img", "input", "meta", "link", "hr"}:
            self._open.append((tag, (attrs.get("class") or "").split(), []))

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None
        while self._open:
            name, classes, parts = self._open.pop()
            text = "".join(parts)
            for c in classes:
                self.classes.setdefault(c, []).append(" ".join(text.split()))
            if self._open:
                self._open[-1][2].append(text)
            if name == tag:
                break

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)
        if self._open:
            self._open[-1][2].append(data)


def parse(site: Path, path: str) -> Page:
    page = Page()
    html = (site / path / "index.html").read_text(encoding="utf-8")
    page.feed(html[html.index("<article"):html.index("</article>")])
    return page


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site / "site"


@pytest.fixture(scope="module")
def records(site) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads((site / "data" / "projecten.json").read_text("utf-8"))}


# --- the pages as HTML bodies -------------------------------------------------------------------------------------
ENTITY_FOLDERS = ("projecten", "regios", "themas", "gemeenten", "verzekeraars", "bronnen")


def test_entity_pages_are_one_html_block_with_an_h1_id(real_site):
    """The rule MkDocs' fast path passes through whole (issue #15): the body starts with a block tag, has no
    blank line and no markdown attribute; the h1 has an id (the table of contents and the skip link use it)."""
    docs = real_site / "build" / "docs"
    pages = [p for folder in ENTITY_FOLDERS for p in sorted((docs / folder).glob("*.md")) if p.name != "index.md"]
    pages.append(docs / "uitleg" / "index.md")
    checked = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        front, body = text.removeprefix("---\n").split("\n---\n", 1)
        if "template: redirect.html" in front or path.name == "verwerking.md":
            continue
        body = body.strip("\n")
        name = path.relative_to(docs).as_posix()
        assert re.match(r"<(nav|h1|div|p|section)[\s>]", body), name
        assert not re.search(r"\n[ \t]*\n", body), f"{name}: blank line in an HTML body"
        assert " markdown" not in body and "](" not in body, name
        assert re.search(r'<h1 id="[^"]+"', body), name
        checked += 1
    assert checked > 800


# --- the glossary ------------------------------------------------------------------------------------------------
def test_the_glossary_explains_every_term_of_the_taxonomy_under_its_own_anchor(site):
    page = parse(site, "uitleg")
    for vocabulary, (title, anchor, prefix, _, _) in SECTIONS.items():
        assert page.ids.get(anchor) == "h2", anchor
        for term in TAXONOMY[vocabulary]:
            assert f"{prefix}-{term['id']}" in page.ids, f"{vocabulary}: no anchor for {term['id']}"
    terms = page.classes["uitleg__term"]
    for form in TAXONOMY["forms"]:
        text = next(t for t in terms if t.startswith(form["label"]))
        assert f"intensiteit {form['intensity_municipality']}/{form['intensity_insurer']}" in text
        assert intensity_words(form["intensity_municipality"], form["intensity_insurer"]).capitalize() in text
    for level in ("1", "2", "3"):
        assert f"intensiteit-{level}" in page.ids


def test_intensity_in_words():
    assert intensity_words("+++", "+++") == "veel inzet van gemeente en zorgverzekeraar"
    assert intensity_words("++", "+") == "gemiddeld veel inzet van de gemeente, weinig van de zorgverzekeraar"


def test_every_project_page_links_its_terms_to_their_explanations(site, records):
    """Form (and intensity), instruments, scale, status and kind: each a link to its anchor on /uitleg/."""
    prefix = {vocabulary: spec[2] for vocabulary, spec in SECTIONS.items()}
    for pid, r in records.items():
        page = parse(site, f"projecten/{pid}")
        linked = {urlparse(href).fragment for href, _ in page.links if urlparse(href).path.endswith("uitleg/")}
        form = r.get("form")
        forms = [form] if isinstance(form, str) else list(dict.fromkeys((form or {}).values()))
        expected = {f"{prefix['forms']}-{f}" for f in forms} | {f"{prefix['instruments']}-{i}" for i in r.get("instruments", [])}
        expected |= {f"{prefix['statuses']}-{r['status']}", f"{prefix['kinds']}-{r['kind']}"}
        expected |= {f"{prefix['scales']}-{r['scale']}"} if r.get("scale") else set()
        expected |= {"intensiteit"} if forms else set()
        assert linked - {""} == expected, pid


def test_project_page_badges_and_no_editors_button(site, records):
    pid = "minimacontract-groningen"
    page = parse(site, f"projecten/{pid}")
    badges = page.classes["badge"]
    status = next(t["label"] for t in TAXONOMY["statuses"] if t["id"] == records[pid]["status"])
    assert badges[0] == f"Status: {status} · stand {records[pid]['reference_date']}"
    assert [b.split(":")[0] for b in badges] == ["Status", "Vorm", "Schaal", "Soort"]
    texts = [text for _, text in page.links]
    assert "Meld een correctie" in texts and "Bewerk het bronbestand" not in texts
    assert page.classes["correctie"] == ["Klopt er iets niet? Meld een correctie"]


# --- sources and notes -------------------------------------------------------------------------------------------
def test_page_ranges():
    assert page_ranges([13, 9, 10, 11, 12]) == "p. 9–13"
    assert page_ranges([72, 66]) == "p. 66, 72"
    assert page_ranges([5, 6, 8, 8]) == "p. 5–6, 8"
    assert page_ranges([]) == ""


def test_each_source_is_listed_once_with_all_its_pages(site):
    for path in sorted((CONTENT / "regions").glob("*.yml")):
        region = yaml.safe_load(path.read_text(encoding="utf-8"))
        documents = list(dict.fromkeys(ref["document"] for ref in region["sources"]))
        page = parse(site, f"regios/{path.stem}")
        listed = page.classes["bronnenlijst"][0]
        for document in documents:
            pages = [ref["page"] for ref in region["sources"] if ref["document"] == document and ref.get("page")]
            title = yaml.safe_load((CONTENT / "sources" / f"{document}.yml").read_text(encoding="utf-8"))["title"]
            assert listed.count(title) == 1, (path.stem, document)
            assert page_ranges(pages) in listed
    assert "p. 9–13" in parse(site, "regios/achterhoek").classes["bronnenlijst"][0]


def test_source_notes_are_in_a_folded_block(site):
    region = yaml.safe_load((CONTENT / "regions" / "achterhoek.yml").read_text(encoding="utf-8"))
    page = parse(site, "regios/achterhoek")
    folded = page.classes["over-de-bron"]
    assert len(folded) == 1 and region["notes"].split(";")[0] in folded[0]


# --- empty themes ------------------------------------------------------------------------------------------------
def test_a_theme_without_projects_says_so_and_offers_a_way_on(site, records):
    counts = {t["id"]: sum(1 for r in records.values() if t["id"] in r.get("themes", [])) for t in TAXONOMY["themes"]}
    assert any(counts.values())
    for theme, n in counts.items():
        page = parse(site, f"themas/{theme}")
        if n:
            assert "nog-geen-projecten" not in page.ids
            assert page.classes["kort__totaal"][0].startswith(f"{n} project")
        else:
            assert page.ids.get("nog-geen-projecten") == "h2"
            hrefs = [href for href, _ in page.links]
            assert "../../zoeken/" in hrefs and "../../bijdragen/" in hrefs and "../" in hrefs


# --- in the browser ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser_site(served_site):
    return served_site


def test_a_term_link_opens_its_explanation(browser_site, records):
    base, browser = browser_site
    pid = next(pid for pid, r in sorted(records.items()) if isinstance(r.get("form"), str) and r.get("instruments"))
    form = next(t for t in TAXONOMY["forms"] if t["id"] == records[pid]["form"])
    page = browser.new_page()
    page.goto(f"{base}projecten/{pid}/")
    page.click(f".feiten a.term[href$='#vorm-{form['id']}']")
    page.wait_for_url(f"**/uitleg/#vorm-{form['id']}")
    target = page.locator(":target")
    assert target.get_attribute("id") == f"vorm-{form['id']}"
    assert " ".join(form["description"].split())[:60] in " ".join(target.inner_text().split())
    box = target.bounding_box()
    assert box and 0 <= box["y"] < page.viewport_size["height"]
    page.go_back()
    page.click(".feiten a.term[href$='#intensiteit']")
    page.wait_for_url("**/uitleg/#intensiteit")
    assert "+++" in page.locator("section:has(#intensiteit)").inner_text()
    page.close()


FINDER_LINKS = [
    ("regios/achterhoek/", "regio", "achterhoek"),
    ("themas/ouderen/", "thema", "ouderen"),
    ("gemeenten/molenlanden/", "gemeente", "molenlanden"),
    ("verzekeraars/menzis/", "verzekeraar", "menzis"),
    ("bronnen/werkagenda-groningen-menzis/", "bron", "werkagenda-groningen-menzis"),
]


@pytest.mark.parametrize("path,facet,value", FINDER_LINKS, ids=[f[1] for f in FINDER_LINKS])
def test_bekijk_in_de_zoeker_opens_the_finder_with_the_pages_selection(browser_site, path, facet, value):
    base, browser = browser_site
    page = browser.new_page()
    page.goto(base + path)
    total = int(re.match(r"(\d+) project", page.inner_text(".kort__totaal")).group(1))
    page.click(".kort__zoeker a")
    page.wait_for_selector("#zoeker-uitkomst[data-gezocht]", timeout=20000)
    assert parse_qs(urlparse(page.url).query) == {facet: [value]}
    checked = page.eval_on_selector_all("input[type=checkbox]:checked", "bs => bs.map(b => b.name + '=' + b.value)")
    assert checked == [f"{facet}={value}"]
    shown = int(re.match(r"(?:Alle )?(\d+) project", page.inner_text("#zoeker-status")).group(1))
    assert shown == total
    page.close()


def test_a_theme_count_on_an_insurer_page_opens_the_finder_with_both(browser_site):
    base, browser = browser_site
    page = browser.new_page()
    page.goto(base + "verzekeraars/menzis/")
    row = page.locator(".telling tbody tr", has=page.locator("a[href*='thema=ouderen']"))
    number = int(row.locator("td").inner_text())
    row.locator("a").click()
    page.wait_for_selector("#zoeker-uitkomst[data-gezocht]", timeout=20000)
    assert parse_qs(urlparse(page.url).query) == {"verzekeraar": ["menzis"], "thema": ["ouderen"]}
    assert int(re.match(r"(?:Alle )?(\d+) project", page.inner_text("#zoeker-status")).group(1)) == number
    page.close()


def test_long_lists_start_folded_and_open_with_mouse_and_keyboard(browser_site):
    base, browser = browser_site
    page = browser.new_page()
    page.goto(base + "themas/ouderen/")
    groups = page.locator("details.groep")
    assert groups.count() > 10
    assert page.eval_on_selector_all("details.groep", "ds => ds.filter(d => d.open).length") == 0
    first = groups.first
    link = first.locator(".projectregel a").first
    assert not link.is_visible()
    first.locator("summary").click()
    assert first.get_attribute("open") is not None and link.is_visible()
    first.locator("summary").click()
    assert first.get_attribute("open") is None
    # keyboard: Tab reaches the group heading, Enter opens it, Tab then reaches its first project
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    assert first.get_attribute("open") is not None
    links = first.locator(".groep__meer a").count()  # the group's own page, and the finder with both selections
    for _ in range(links + 1):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('projectregel__titel')")
    page.close()


def test_a_group_opens_the_finder_with_the_pages_and_the_groups_selection(browser_site):
    base, browser = browser_site
    page = browser.new_page()
    page.goto(base + "themas/ouderen/#regio-achterhoek")
    group = page.locator("#regio-achterhoek")
    listed = group.locator(".projectregel").count()
    assert listed > 1
    group.locator(".groep__meer a", has_text="in de zoeker").click()
    page.wait_for_selector("#zoeker-uitkomst[data-gezocht]", timeout=20000)
    assert parse_qs(urlparse(page.url).query) == {"thema": ["ouderen"], "regio": ["achterhoek"]}
    assert int(re.match(r"(?:Alle )?(\d+) project", page.inner_text("#zoeker-status")).group(1)) == listed
    page.close()


def test_short_lists_are_open_and_a_link_to_a_folded_group_opens_it(browser_site):
    base, browser = browser_site
    page = browser.new_page()
    page.goto(base + "regios/achterhoek/")
    assert page.eval_on_selector_all("details.groep", "ds => ds.every(d => d.open)")
    page.goto(base + "themas/ouderen/#regio-achterhoek")
    page.wait_for_function("document.getElementById('regio-achterhoek').open")
    assert page.eval_on_selector_all("details.groep[open]", "ds => ds.map(d => d.id)") == ["regio-achterhoek"]
    page.close()


def test_a_folded_page_prints_whole_and_folds_again_after(browser_site):
    base, browser = browser_site
    page = browser.new_page()
    page.goto(base + "themas/ouderen/")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.eval_on_selector_all("article details", "ds => ds.every(d => d.open)")
    assert page.locator(".projectregel a").first.is_visible()
    assert page.locator(".kort__zoeker").evaluate("e => getComputedStyle(e).display") == "none"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.eval_on_selector_all("article details", "ds => ds.filter(d => d.open).length") == 0
    page.close()
