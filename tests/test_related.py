"""Comparable projects: ranking, reasons, determinism (unit), and their place on every project page (built site)."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import MINI, ROOT
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.related import LIMIT, approach_key, comparable


def real_catalogue():
    catalogue = load_catalogue(ROOT / "content", Diagnostics())
    assert catalogue is not None
    return catalogue


def test_approach_key_ignores_filler_words_and_spelling():
    assert approach_key("Pilot EPA-aanpak") == approach_key("EPA aanpak") == frozenset({"epa"})
    assert approach_key("Inkoop wijkgericht werken") == frozenset({"inkoop", "wijkgericht", "werken"})
    assert approach_key("Project") == frozenset()


def test_same_approach_in_other_regions_ranks_first_with_its_reason():
    c = real_catalogue()
    matches = comparable(c)["pilot-epa-aanpak-ijssel-vecht"]
    assert len(matches) == LIMIT
    for match in matches:
        other = c.projects[match.id].item
        assert approach_key(other.title) == frozenset({"epa"})
        region = c.regions[other.regions[0]].item.name
        assert match.reason.startswith(f"zelfde aanpak in regio {region}")
    minima = comparable(c)["minimacontract-achterhoek"]
    assert all(m.id.startswith("minimacontract-") for m in minima)
    assert "zelfde thema (Minima) en vorm" in minima[0].reason


def test_every_project_gets_comparables_that_share_something():
    c = real_catalogue()
    result = comparable(c)
    assert set(result) == set(c.projects)
    for pid, matches in result.items():
        assert 1 <= len(matches) <= LIMIT, pid
        assert pid not in {m.id for m in matches}
        assert len({m.id for m in matches}) == len(matches)
        p = c.projects[pid].item
        for match in matches:
            assert match.reason, (pid, match.id)
            q = c.projects[match.id].item
            if p.themes:  # a project with themes is only compared on a theme or the same approach
                assert set(p.themes) & set(q.themes) or approach_key(p.title) == approach_key(q.title), (pid, match.id)


def test_comparables_are_deterministic_and_independent_of_chunking(monkeypatch):
    c = real_catalogue()
    first = comparable(c)
    import generator.related as related

    monkeypatch.setattr(related, "CHUNK", 7)
    assert comparable(c) == first


def test_small_catalogue(tmp_path):
    c = load_catalogue(MINI, Diagnostics())
    result = comparable(c)
    assert set(result) == set(c.projects)
    assert all(len(v) <= LIMIT for v in result.values())


def test_every_project_page_shows_comparable_projects_with_reasons(real_site):
    site = real_site / "site"
    pages = sorted((site / "projecten").glob("*/index.html"))
    projects = [p for p in pages if 'http-equiv="refresh"' not in p.read_text("utf-8")]  # not the alias redirects
    assert len(projects) >= 423
    for page in projects:
        html = page.read_text("utf-8")
        section = html.split('id="vergelijkbare-projecten"', 1)
        assert len(section) == 2, page
        items = re.findall(r'<li><a href="\.\./([^"/]+)/">.*?<span class="reden">([^<]+)</span>', section[1].split("</ul>", 1)[0])
        assert 1 <= len(items) <= LIMIT, page
        for target, reason in items:
            assert (site / "projecten" / target / "index.html").exists()
            assert reason.strip()
