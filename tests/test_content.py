"""The real content: complete against a census of the 2017 inventory, and written in our own words."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

CONTENT = ROOT / "content"
SEEDS = ROOT.parent / "shared" / "seeds"
CENSUS = ROOT / "tests" / "data" / "census-2017.csv"
INVENTORY = "inventarisatie-2017"


def load(folder: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((CONTENT / folder).glob("*.yml")) if not p.name.startswith("_")}


@pytest.fixture(scope="module")
def census() -> list[dict[str, str]]:
    with CENSUS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_census_covers_48_regions_and_every_row(census):
    regions = load("regions")
    assert len(regions) == 48
    assert {row["region_id"] for row in census} <= set(regions)
    kinds = Counter(row["kind"] for row in census)
    assert kinds["detail"] == 377
    # Six names occur twice in the detail table of one region (e.g. two 'Minimacontract' rows in
    # Kop van Noord-Holland, one per insurer); each row is its own project. See docs/source-quirks.md.
    distinct = {(row["region_id"], row["title"].lower()) for row in census if row["kind"] == "detail"}
    assert len(distinct) == 377 - 6


def test_every_census_row_is_a_project_on_its_page(census):
    projects = load("projects")
    problems = []
    for row in census:
        project = projects.get(row["project_id"])
        if project is None:
            problems.append(f"{row['project_id']}: no file")
            continue
        if row["region_id"] not in project["regions"]:
            problems.append(f"{row['project_id']}: not in region {row['region_id']}")
        pages = {ref.get("page") for ref in project["sources"] if ref["document"] == INVENTORY}
        if int(row["page"]) not in pages:
            problems.append(f"{row['project_id']}: census page {row['page']} not among cited pages {sorted(pages)}")
    assert problems == []


def test_no_inventory_project_outside_the_census(census):
    listed = {row["project_id"] for row in census}
    from_inventory = {pid for pid, p in load("projects").items()
                      if any(ref["document"] == INVENTORY for ref in p["sources"])}
    assert sorted(from_inventory - listed) == []


def test_every_region_lists_its_insurers_and_cites_the_inventory():
    for rid, region in load("regions").items():
        assert any(ref["document"] == INVENTORY and ref.get("page") for ref in region["sources"]), rid


WORD = re.compile(r"[a-z0-9à-ÿ]+")
RUN = 8  # words in a row that may not be copied from a source


def words(text: str) -> list[str]:
    text = re.sub(r"-\s*\n\s*", "", text)  # undo hyphenation across lines
    return WORD.findall(text.lower())


@pytest.fixture(scope="module")
def source_runs() -> set[tuple[str, ...]]:
    runs = set()
    for path in sorted(SEEDS.glob("0*.txt")):
        w = words(path.read_text(encoding="utf-8"))
        runs.update(tuple(w[i:i + RUN]) for i in range(len(w) - RUN + 1))
    return runs


def own_text(item: dict) -> list[str]:
    texts = [item.get(k) or "" for k in ("summary", "description", "notes", "funding")]
    texts += item.get("goals") or []
    texts += item.get("results") or []
    return texts


QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’|\([^)\n]*\)")


def names() -> list[str]:
    """Proper names may be repeated (they are facts): titles, municipalities, regions, partners, documents."""
    out = []
    for folder in ("projects", "regions", "sources"):
        for item in load(folder).values():
            out += [item.get("title") or "", item.get("name") or ""]
            out += item.get("partners") or []
            out += item.get("themes_other") or []
    register = yaml.safe_load((CONTENT / "municipalities.yml").read_text(encoding="utf-8"))["municipalities"]
    for municipality in register:
        out += [municipality["name"], *municipality.get("also_known_as", [])]
        out += [former["name"] for former in municipality.get("former", [])]
    return sorted({" ".join(words(n)) for n in out if len(words(n)) >= 1}, key=len, reverse=True)


def without_names(text: str, name_list: list[str]) -> list[str]:
    """Words of our text with quotations (cited source cells) and names cut out; a cut breaks a run."""
    flat = " " + " ".join(words(QUOTED.sub(" | ", text).replace("|", " zzcutzz "))) + " "
    for name in name_list:
        if name and f" {name} " in flat:
            flat = flat.replace(f" {name} ", " zzcutzz ")
    return flat.split()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents live beside the repository in ../shared")
def test_descriptions_do_not_copy_source_sentences(source_runs):
    copied = []
    name_list = names()
    items = list(load("projects").items()) + list(load("regions").items()) + list(load("sources").items())
    for item_id, item in items:
        for text in own_text(item):
            w = without_names(text, name_list)
            for i in range(len(w) - RUN + 1):
                if tuple(w[i:i + RUN]) in source_runs:
                    copied.append(f"{item_id}: {' '.join(w[i:i + RUN])}")
                    break
    assert copied == []
