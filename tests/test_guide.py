"""The editors' guide (/bijdragen/) is generated: every field from the model, every term from the taxonomy,
and a worked example that is a real project file."""
from __future__ import annotations

import re

import yaml

from conftest import MINI, ROOT
from generator import model as m
from generator.build import Paths, generate
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.text import plain


def guide(tmp_path) -> str:
    paths = Paths.at(ROOT, MINI, tmp_path)
    assert not generate(paths).diagnostics
    return (paths.docs / "bijdragen.md").read_text(encoding="utf-8")


def test_every_field_and_term_is_explained(tmp_path):
    text = guide(tmp_path)
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| (.*)$", text, re.M))
    for name, info in m.Project.model_fields.items():
        assert name in rows, f"field {name} missing from the guide"
        assert plain(info.description) in rows[name]
    assert "| `title` | tekst (max. 400 tekens) | verplicht |" in text
    assert "| `status` | id | standaard \"onbekend\" |" in text
    catalogue = load_catalogue(MINI, Diagnostics())
    for vocabulary in ("themes", "forms", "instruments", "scales", "statuses", "kinds", "quirks"):
        for term in getattr(catalogue.taxonomy, vocabulary):
            assert f"| `{term.id}` | {plain(term.label)} |" in text, (vocabulary, term.id)
    assert "| `ontwikkelproject` | Ontwikkelproject | +++ / +++ |" in text


def test_worked_example_is_the_project_file_of_a_real_project(tmp_path):
    text = guide(tmp_path)
    match = re.search(r"Zo ziet het bestand `content/projects/([a-z0-9-]+)\.yml`.*?\n\n((?:    [^\n]*\n|\n)+)", text, re.S)
    assert match, "no worked example"
    code = "\n".join(line[4:] for line in match.group(2).split("\n"))
    assert code.startswith("# yaml-language-server: $schema=../../schema/project.schema.json\n")
    catalogue = load_catalogue(MINI, Diagnostics())
    assert m.Project.model_validate(yaml.safe_load(code)) == catalogue.projects[match.group(1)].item
