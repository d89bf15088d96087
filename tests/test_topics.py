"""Topics (onderwerpen): every assignment is supported by the project's own text, the vocabulary is complete,
the proposal script writes topics into a file without touching anything else, and a wrong topic id is an error."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.topics import mention, normal, own_text, pattern


@pytest.fixture(scope="module")
def catalogue():
    c = load_catalogue(ROOT / "content", Diagnostics())
    assert c is not None
    return c


def test_every_assignment_is_supported_by_the_projects_own_text(catalogue):
    topics = {t.id: t for t in catalogue.taxonomy.topics}
    unsupported = [(pid, tid) for pid, e in catalogue.projects.items() for tid in e.item.topics
                   if mention(topics[tid], own_text(e.item)) is None]
    assert unsupported == []


def test_every_topic_is_explained_has_synonyms_and_projects(catalogue):
    assert len(catalogue.taxonomy.topics) >= 30
    for t in catalogue.taxonomy.topics:
        assert t.description and t.synonyms, t.id
        assert catalogue.projects_by_topic.get(t.id), f"{t.id} has no project"


def test_the_later_themes_get_their_projects_through_topics(catalogue):
    # the issue: 'Schulden' had 5 projects while at least 17 are about debts
    assert len(catalogue.projects_by_topic["schulden"]) >= 17
    assert len(catalogue.projects_by_topic["minimapolis"]) >= 45
    assert "ips-traject-individuele-plaatsing-en-steun-nijmegen" in catalogue.projects_by_topic["werk-en-participatie"]
    assert "bewegen-werkt-midden-brabant" in catalogue.projects_by_topic["werk-en-participatie"]


def test_rejected_proposals_stay_out(catalogue):
    rejected = (ROOT / "scripts" / "topics_rejected.txt").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("#")[0].split() for line in rejected]
    for pid, tid in (p for p in pairs if len(p) == 2):
        assert tid not in catalogue.projects[pid].item.topics, (pid, tid)


@pytest.mark.parametrize("term,text,found", [
    ("mantelzorg", "pilot mantelzorgondersteuning in helmond", True),   # a long term may start a compound
    ("wonen", "zij willen in de woonwijk blijven", False),              # a short one must end the word
    ("epa", "mensen met een epa", True),
    ("epa", "epaulet", False),
    ("jongere", "voor jongeren", True),                                 # inflection
    ("18 18+", normal("Jeugd: soepele overgang 18-/18+"), True),
    ("werk", "de werkagenda", False),
])
def test_matching_rules(term, text, found):
    assert bool(pattern(term).search(text)) is found


def _script():
    spec = importlib.util.spec_from_file_location("propose_topics", ROOT / "scripts" / "propose_topics.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_insert_adds_one_line_after_the_themes_and_keeps_everything_else():
    before = ("# yaml-language-server: $schema=../../schema/project.schema.json\ntitle: X  # naam\n"
              "themes:\n  - ggz   # uit de bron\n  - ouderen\nform: ontwikkelproject\nsources: []\n")
    after = _script().insert_topics(before, ["epa", "dementie"])
    assert after == before.replace("form:", "topics: [epa, dementie]\nform:")
    # a second run replaces the line instead of adding another
    assert _script().insert_topics(after, ["epa"]) == before.replace("form:", "topics: [epa]\nform:")


def test_an_unknown_topic_is_an_error_with_a_suggestion(mini_copy: Path):
    path = mini_copy / "projects" / "minimacontract-achterhoek.yml"
    text = path.read_text(encoding="utf-8")
    assert "topics: [minimapolis]" in text and run_cli("--content", str(mini_copy), "check").returncode == 0
    path.write_text(text.replace("topics: [minimapolis]", "topics: [minimapollis]"), encoding="utf-8")
    result = run_cli("--content", str(mini_copy), "check")
    assert result.returncode == 1
    line = text.split("\n").index("topics: [minimapolis]") + 1
    assert (f"projects/minimacontract-achterhoek.yml:{line}: topics[0]: 'minimapollis' is not a topic in "
            "taxonomy.yml; did you mean 'minimapolis'?") in result.stderr


def test_topic_pages_list_their_projects_and_link_into_the_finder(mini_site: Path):
    html = (mini_site / "onderwerpen" / "minimapolis" / "index.html").read_text("utf-8")
    assert "eigen indeling van de catalogus" in html
    assert 'href="../../zoeken/?onderwerp=minimapolis"' in html
    assert 'href="../../projecten/minimacontract-achterhoek/"' in html
    index = (mini_site / "onderwerpen" / "index.html").read_text("utf-8")
    assert 'href="minimapolis/"' in index and 'href="wijkverpleging/"' in index
