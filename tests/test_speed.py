"""The fast paths of issue #15 give the same site as the slow ones: HTML page bodies through MkDocs, pages
generated and rendered by two processes, and a search index in shards merged in the browser."""
from __future__ import annotations

import json
import os
from pathlib import Path

import markdown
import pytest
from conftest import MINI, ROOT, run_cli

from generator.html_body import ANCHOR_ID, anchor_ids, is_html_body

EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables"]
CONFIGS = {"toc": {"permalink": True}}


def _convert(text: str, fast: bool) -> tuple[str, list]:
    md = markdown.Markdown(extensions=EXTENSIONS + (["generator.html_body"] if fast else []), extension_configs=CONFIGS)
    return md.convert(text), md.toc_tokens


def test_an_html_body_gets_the_headings_links_and_contents_the_toc_extension_gives():
    html = ('<p><a href="../">Home</a></p>\n<h1 id="titel">Titel &amp; meer</h1>\n<h2 id="deel">Deel <em>een</em></h2>\n'
            '<p>*geen nadruk*, [geen link](x.md)</p>\n<h3 id="sub">Sub</h3>\n<h2 id="twee">Twee</h2>')
    fast, fast_toc = _convert(html, fast=True)
    markdown_text = "[Home](../)\n\n# Titel &amp; meer {#titel}\n\n## Deel *een* {#deel}\n\n### Sub {#sub}\n\n## Twee {#twee}\n"
    slow, slow_toc = _convert(markdown_text, fast=False)
    headings = [line for line in fast.split("\n") if line.startswith("<h")]
    assert headings == [line for line in slow.split("\n") if line.startswith("<h")]
    assert "<p>*geen nadruk*, [geen link](x.md)</p>" in fast  # the body is not read as Markdown
    strip = lambda tokens: [(t["level"], t["id"], t["name"], strip(t["children"])) for t in tokens]  # noqa: E731
    assert strip(fast_toc) == strip(slow_toc) == [(1, "titel", "Titel &amp; meer", [
        (2, "deel", "Deel een", [(3, "sub", "Sub", [])]), (2, "twee", "Twee", [])])]


@pytest.mark.parametrize("body, expected", [
    ("<div>\n<p>a</p>\n</div>\n", True),
    ("<table>\n<tr><td>a</td></tr>\n</table>", True),
    ("# Kop\n\n<div>a</div>\n", False),                      # Markdown first
    ("<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n", False),        # a blank line ends an HTML block in CommonMark
    ('<div markdown>\n*a*\n</div>\n', False),                # md_in_html asks for Markdown inside
    ("<span>a</span>\n", False),                             # inline: Markdown would wrap it in a paragraph
    ("\n\n", True),                                          # a redirect page's empty body
    ("a\n", False),
])
def test_what_counts_as_an_html_body(body, expected):
    assert is_html_body(body) is expected
    # Python-Markdown prints such a body unchanged even without the extension
    if expected:
        assert _convert(body, fast=False)[0] == _convert(body, fast=True)[0] == body.strip("\n")


def _anchor_ids_by_expression(text: str) -> set[str]:
    return {a or b for a, b in ANCHOR_ID.findall(text)}


def test_anchor_ids_finds_the_ids_its_expression_finds(real_site: Path):
    """anchor_ids looks for `id=` and `name=` first (a string search) instead of trying ANCHOR_ID at every tag:
    the same ids on every built page of the real catalogue, and on random strings made of the pieces that
    decide it (tags opened and closed, quotes, spaces, both attribute names, ids inside attribute values)."""
    import random

    pages = sorted((real_site / "site").rglob("*.html"))
    assert len(pages) > 500
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert anchor_ids(text) == _anchor_ids_by_expression(text), page
    pieces = ["<", ">", "a", "B", " ", "\n", "\t", "\u00a0", "id", "name", "=", '"', "'", "x", "-", "1", "<a", "<1",
              "</", ' id="', "<b name='", "data-id=", "ïd"]
    rng = random.Random(15)
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(40_000)]
    found = [anchor_ids(s) for s in samples]
    assert found == [_anchor_ids_by_expression(s) for s in samples]
    assert sum(1 for f in found if f) > 4_000  # the samples do contain ids


def test_the_generated_index_and_guide_pages_are_html_bodies(tmp_path: Path):
    assert run_cli("--content", str(MINI), "--out", str(tmp_path), "build", "--no-site").returncode == 0
    docs = tmp_path / "build" / "docs"
    for page in ["projecten/index.md", "regios/index.md", "themas/index.md", "gemeenten/index.md",
                 "verzekeraars/index.md", "bronnen/index.md", "bronnen/verwerking.md", "nieuw/index.md",
                 "onderwerpen/index.md", "onderwerpen/minimapolis.md"]:
        body = (docs / page).read_text(encoding="utf-8").split("---\n", 2)[2]
        assert is_html_body(body), page


def test_every_generated_page_of_the_real_build_is_an_html_body(real_site: Path):
    """No generated page goes through Python-Markdown's parsers (issue #15): the last eight (home, finder, overview,
    map, open data, contribute, about, accessibility) were converted; a new Markdown page fails here."""
    docs = real_site / "build" / "docs"
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) > 900
    markdown_pages = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        if not is_html_body(body):
            markdown_pages.append(page.relative_to(docs).as_posix())
    assert markdown_pages == []


def test_a_heading_can_keep_its_id_and_stay_out_of_the_contents():
    """data-toc="nee": as a raw HTML heading in a Markdown page (the about page's sections), no permalink and no
    table-of-contents entry, and the attribute is not in the output."""
    body = '<h1 id="titel">Titel</h1>\n<h2 id="deel" data-toc="nee">Deel</h2>\n<h2 class="x" id="twee">Twee</h2>'
    html, toc = _convert(body, fast=True)
    assert html == ('<h1 id="titel">Titel<a class="headerlink" href="#titel" title="Permanent link">&para;</a></h1>\n'
                    '<h2 id="deel">Deel</h2>\n'
                    '<h2 class="x" id="twee">Twee<a class="headerlink" href="#twee" title="Permanent link">&para;</a></h2>')
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in toc] == [("titel", ["twee"])]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.html"))}


def _build(out: Path, **env: str) -> Path:
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = run_cli("--content", str(MINI), "--out", str(out), "build")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site"


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory) -> Path:
    """The fixture catalogue with one project per search index (three shards)."""
    return _build(tmp_path_factory.mktemp("sharded"), CATALOGUS_SEARCH_SHARD_PAGES="1")


def test_two_rendering_processes_write_the_same_pages_as_one(mini_site: Path, tmp_path: Path):
    # (the fixture catalogue is far below mkdocs_hooks.PARALLEL_PAGES: one process renders it unless told)
    two = _build(tmp_path / "two", CATALOGUS_SITE_WORKERS="2")
    assert _tree(two) == _tree(mini_site)


def _docs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_generating_processes_write_the_same_files_as_one(tmp_path: Path, monkeypatch):
    from generator import build, parallel

    written = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("CATALOGUS_WORKERS", workers)
        assert parallel.workers() == int(workers)
        result = build.generate(build.Paths.at(ROOT, MINI, tmp_path / workers))
        assert not result.diagnostics, result.diagnostics.render()
        written[workers] = _docs(tmp_path / workers / "build" / "docs")
    assert written["1"] == written["2"] and any(path.startswith("projecten/") for path in written["1"])


def test_a_failure_in_the_second_generating_process_is_an_error_here(tmp_path: Path, monkeypatch):
    from generator import build
    from generator.pages import project

    def broken(site):
        raise ValueError("kapotte projectpagina")

    monkeypatch.setenv("CATALOGUS_WORKERS", "2")
    monkeypatch.setattr(project, "pages", broken)  # the forked child inherits it
    with pytest.raises(RuntimeError, match="(?s)second process.*ValueError: kapotte projectpagina"):
        build.generate(build.Paths.at(ROOT, MINI, tmp_path))
    assert not (tmp_path / "build").exists()  # nothing half-written, not even the staged files of this process


def test_paths_collide_across_the_two_generating_processes(tmp_path: Path, monkeypatch):
    """The child stages its own files; a path it shares with a page of the parent is still a collision, found
    before anything is written (the files both staged are gone)."""
    from generator import build
    from generator.pages import Page, project

    paths = build.Paths.at(ROOT, MINI, tmp_path)
    monkeypatch.setenv("CATALOGUS_WORKERS", "1")
    assert not build.generate(paths).diagnostics
    before = _docs(tmp_path / "build" / "docs")
    real = project.pages
    monkeypatch.setattr(project, "pages", lambda site: [*real(site), Page("index.md", "", {"text": "x"})])
    monkeypatch.setenv("CATALOGUS_WORKERS", "2")
    result = build.generate(paths)
    assert [d.message for d in result.diagnostics.sorted()] == [
        "two pages would be written to index.md; rename one item"]
    assert _docs(tmp_path / "build" / "docs") == before
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["docs"]


def test_a_sharded_index_lists_every_shard_and_maps_every_project(sharded_site: Path, mini_site: Path):
    assert json.loads((sharded_site / "pagefind" / "shards.json").read_text()) == ["../pagefind-2/", "../pagefind-3/"]
    assert json.loads((mini_site / "pagefind" / "shards.json").read_text()) == []
    for site in (sharded_site, mini_site):
        mapping = json.loads((site / "zoeken" / "resultaten.json").read_text())["paginas"]
        ids = json.loads((site / "zoeken" / "resultaten-ids.json").read_text())
        assert len(ids) == len(mapping) and len({page for page, _ in mapping}) == len(mapping)
        assert sorted(ids) == sorted(p.stem for p in (MINI / "projects").glob("[!_]*.yml"))


def test_the_finder_searches_and_lists_across_shards(sharded_site: Path, chromium_browser):
    from browser import serve

    projects = sorted(p.stem for p in (MINI / "projects").glob("[!_]*.yml"))
    with serve(sharded_site) as base:
        page = chromium_browser.new_page()
        try:
            page.goto(f"{base}zoeken/")
            page.wait_for_selector("#zoeker-uitkomst[data-gezocht]", timeout=20000)
            listed = page.eval_on_selector_all("#zoeker-resultaten li .kaart__titel a", "els => els.map(e => e.textContent)")
            hrefs = page.eval_on_selector_all("#zoeker-resultaten li .kaart__titel a", "els => els.map(e => e.getAttribute('href'))")
            assert sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs) == projects
            assert listed == sorted(listed, key=str.lower)  # the name order survives the merge
            page.goto(f"{base}zoeken/?q=minimacontract")
            page.wait_for_selector("#zoeker-uitkomst[data-gezocht]", timeout=20000)
            hrefs = page.eval_on_selector_all("#zoeker-resultaten li .kaart__titel a", "els => els.map(e => e.getAttribute('href'))")
            assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs][:1] == ["minimacontract-achterhoek"]
        finally:
            page.close()


def _mkdocs(docs: Path, site: Path, **env: str) -> str:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(site)], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "CATALOGUS_DOCS_DIR": str(docs), "CATALOGUS_GENERATED": "1",
                                 "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1", **env})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_pages_filled_in_from_shells_are_the_pages_material_renders(real_site: Path, tmp_path: Path):
    """Material's page once per folder and shape (generator/page_shell.py), over the real catalogue's pages."""
    import re

    docs = real_site / "build" / "docs"
    log = _mkdocs(docs, tmp_path / "shells", CATALOGUS_SITE_WORKERS="1")
    _mkdocs(docs, tmp_path / "full", CATALOGUS_SITE_WORKERS="1", CATALOGUS_PAGE_SHELLS="0")
    assert _tree(tmp_path / "shells") == _tree(tmp_path / "full")
    filled = int(re.search(r"catalogus: (\d+) page\(s\) filled in from", log).group(1))
    projects = len(list((docs / "projecten").glob("*.md")))
    assert filled > projects * 0.9  # the project pages are outside the navigation: all but a shape's first two


def test_regenerating_after_a_build_leaves_the_built_site_alone(mini_copy: Path, tmp_path: Path):
    """The site's copies of generated files (the API, the downloads) are hard links into build/docs: a later
    regeneration replaces its files and never writes into them, so the built site keeps what it was built from."""
    assert run_cli("--content", str(mini_copy), "--out", str(tmp_path), "build").returncode == 0
    site, docs = tmp_path / "site" / "api" / "v1" / "projecten.json", tmp_path / "build" / "docs" / "api" / "v1" / "projecten.json"
    built = site.read_bytes()
    assert built == docs.read_bytes()
    project = sorted((mini_copy / "projects").glob("*.yml"))[0]
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("title: ", "title: Nieuw ", 1), encoding="utf-8")
    assert run_cli("--content", str(mini_copy), "--out", str(tmp_path), "build", "--no-site").returncode == 0
    assert docs.read_bytes() != built and b"Nieuw " in docs.read_bytes()
    assert site.read_bytes() == built


def test_a_shard_that_fails_to_index_fails_the_index_and_leaves_no_folder_behind(mini_site: Path, tmp_path: Path,
                                                                                   monkeypatch):
    """Pagefind indexes one shard while the next shard's folder is linked and the previous bundle finished: a
    failure of the second of three stops there with its exit code, and no shard folder is left beside the site."""
    import shutil

    from generator import build

    staging = tmp_path / "site.new"
    shutil.copytree(mini_site, staging, ignore=shutil.ignore_patterns("pagefind*"))
    real = build.pagefind_command()
    calls = tmp_path / "calls"
    fake = tmp_path / "pagefind"
    fake.write_text('#!/bin/sh\necho run >> "$CALLS"\n[ "$(wc -l < "$CALLS")" -ge 2 ] && { echo "ERROR: kapot" ; exit 3; }\n'
                    'exec "$REAL" "$@"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("CALLS", str(calls))
    monkeypatch.setenv("REAL", real[0])
    monkeypatch.setattr(build, "pagefind_command", lambda: [str(fake)])
    monkeypatch.setattr(build, "SEARCH_SHARD_PAGES", 1)
    assert build.search_index(staging, ROOT) == 3
    assert calls.read_text().count("run") == 2  # the third shard never started
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls", "pagefind", "site.new"]
    assert not (staging / "pagefind-2" / "pagefind-entry.json").exists()
    # and with the real Pagefind, the same three shards index
    monkeypatch.setattr(build, "pagefind_command", lambda: real)
    assert build.search_index(staging, ROOT) == 0
    assert json.loads((staging / "pagefind" / "shards.json").read_text()) == ["../pagefind-2/", "../pagefind-3/"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls", "pagefind", "site.new"]


def test_pagefind_indexes_the_cut_down_pages_as_it_indexes_the_built_pages(real_site: Path, tmp_path: Path):
    """The search index is made from each project page's language, title and indexed part only (page_for_index):
    Pagefind writes the same fragments (same names, same bytes) and the same word index as from the whole pages."""
    import shutil
    import subprocess

    from generator.build import _link_shard, indexed_pages, page_for_index, pagefind_command

    site = real_site / "site"
    members = list(indexed_pages(site))
    assert len(members) > 400
    assert all(page_for_index((site / m).read_bytes()) is not None for m in members)
    whole = tmp_path / "whole"
    for m in members:
        (whole / m).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / m, whole / m)
    cut = tmp_path / "cut"
    _link_shard(site, cut, members)
    assert sum(f.stat().st_size for f in cut.rglob("*.html")) * 2 < sum(f.stat().st_size for f in whole.rglob("*.html"))
    for folder in (whole, cut):
        subprocess.run([*pagefind_command(), "--site", str(folder), "--output-path", str(folder / "_index"), "--silent",
                        "--exclude-selectors", ".headerlink"], check=True)

    def written(folder: Path, part: str) -> dict[str, bytes]:
        return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted((folder / "_index" / part).rglob("*"))}

    for part in ("fragment", "index"):
        assert written(whole, part) == written(cut, part) != {}
    assert page_for_index(b"<html><body><p>no index here</p></body></html>") is None
