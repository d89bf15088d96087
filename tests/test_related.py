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
            if p.themes or p.topics:  # only compared on a theme, a topic or the same approach
                assert (set(p.themes) & set(q.themes) or set(p.topics) & set(q.topics)
                        or approach_key(p.title) == approach_key(q.title)), (pid, match.id)


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


# A judged set: (project, other, twin?). A twin must be among the comparable projects of the first; a non-twin
# (same region or insurer, different subject) must not be. Judged from the projects' texts, not from the output.
JUDGED_PAIRS = [
    ("voorkomen-uitval-mantelzorgers-dementie-achterhoek", "preventie-uitval-mantelzorgers-arnhem-gelderland-midden", True),
    ("preventie-uitval-mantelzorgers-arnhem-gelderland-midden", "voorkomen-uitval-mantelzorgers-dementie-achterhoek", True),
    ("door-dik-en-dun-holland-rijnland", "door-dik-en-dun-zuidoost-utrecht", True),
    ("door-dik-en-dun-holland-rijnland", "door-dik-en-dun-stadsregio-rijnmond-excl-rotterdam", True),
    ("door-dik-en-dun-holland-rijnland", "door-dik-en-dun-west-friesland", True),
    ("vitaal-vechtdal-ijssel-vecht", "vitaal-vechtdal-ijsselland-zuid", True),
    ("grow-wandelprogramma-s-gravenhage", "grow-wandelprogramma-stadsregio-rijnmond-excl-rotterdam", True),
    ("kans-voor-de-veenkolonien-drenthe", "kans-voor-de-veenkolonien-groningen", True),
    ("gezamenlijke-zorgatlas-s-gravenhage", "gezamenlijke-zorgatlas-stadsregio-rijnmond-excl-rotterdam", True),
    ("woonvisie-s-gravenhage", "woonvisie-stadsregio-rijnmond-excl-rotterdam", True),
    ("acute-dienst-careyn-s-gravenhage", "acute-dienst-careyn-stadsregio-rijnmond-excl-rotterdam", True),
    ("ozo-verbindzorg-ijssel-vecht", "ozo-verbindzorg-ijsselland-zuid", True),
    ("ozo-verbindzorg-ijssel-vecht", "ozo-verbindzorg-midden-ijssel-oost-veluwe", True),
    ("minimapolis-ijsselland-zuid", "minimapolis-midden-ijssel-oost-veluwe", True),
    ("aanpak-verwarde-personen-rotterdam", "aanpak-verwarde-personen-haarlemmermeer", True),
    ("zorg-en-hulp-voor-mensen-met-verward-gedrag-holland-rijnland", "aanpak-verwarde-personen-rotterdam", True),
    ("schuldenaanpak-mensen-uit-de-bronheffing-halen-twente", "schuldenaanpak-mensen-uit-de-bronheffing-halen-s-gravenhage", True),
    ("welzijn-op-recept-arnhem", "welzijn-op-recept-groningen", True),
    ("welzijn-op-recept-arnhem", "welzijn-op-recept-lekstroom", True),
    ("jeugd-soepele-overgang-18-18-foodvalley", "jeugd-soepele-overgang-18-18-groningen", True),
    ("beweegcoach-west-brabant", "beweegcoach-west-brabant-2", True),
    ("leefstijlcoach-midden-brabant", "leefstijlcoach-west-brabant", True),
    ("valpreventie-nijmegen", "valpreventie-midden-brabant", True),
    ("minimacontract-achterhoek", "voorkomen-uitval-mantelzorgers-dementie-achterhoek", False),
    ("voorkomen-uitval-mantelzorgers-dementie-achterhoek", "minimacontract-achterhoek", False),
    ("pilot-epa-aanpak-drenthe", "minimacontract-drenthe", False),
    ("door-dik-en-dun-holland-rijnland", "collectieve-verzekering-minima-holland-rijnland", False),
    ("schuldenlab070-s-gravenhage", "old-stars-s-gravenhage", False),
    ("old-stars-s-gravenhage", "schuldenlab070-s-gravenhage", False),
    ("valpreventie-nijmegen", "minimacontract-nijmegen", False),
    ("keer-diabetes-om-rotterdam", "aanpak-verwarde-personen-rotterdam", False),
    ("aanpak-verwarde-personen-rotterdam", "keer-diabetes-om-rotterdam", False),
]


def test_judged_pairs_of_twins_and_non_twins():
    assert len(JUDGED_PAIRS) >= 30
    result = comparable(real_catalogue())
    wrong = [(a, b, twin) for a, b, twin in JUDGED_PAIRS if (b in {m.id for m in result[a]}) != twin]
    assert wrong == []


def test_a_shared_topic_is_named_in_the_reason():
    match = next(m for m in comparable(real_catalogue())["voorkomen-uitval-mantelzorgers-dementie-achterhoek"]
                 if m.id == "preventie-uitval-mantelzorgers-arnhem-gelderland-midden")
    assert match.reason.startswith("zelfde onderwerpen (Mantelzorg, Dementie)")


def test_sharing_a_value_is_the_same_from_the_table_of_distinct_sets_and_from_the_full_product():
    """_Sharing compares each distinct set of values once when there are few (the municipalities of a region,
    the same insurers) and multiplies the block's rows otherwise; both give what a pairwise test of the sets gives."""
    import random

    import numpy as np

    from generator.related import _Sharing

    rng = random.Random(15)
    for distinct_sets in (3, 40):  # few distinct sets: the table; many: the product per block
        pool = [sorted(rng.sample("abcdefghij", rng.randint(0, 3))) for _ in range(distinct_sets)]
        values = [rng.choice(pool) for _ in range(60)]
        sharing = _Sharing(len(values), values)
        assert (sharing.table is not None) == (distinct_sets == 3)
        expected = np.array([[bool(set(a) & set(b)) for b in values] for a in values])
        for start, stop in [(0, 60), (7, 20), (59, 60)]:
            assert (sharing.block(start, stop) == expected[start:stop]).all()
