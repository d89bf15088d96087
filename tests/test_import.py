"""`catalogus import` and `export`: the 2017 inventory's layout, the export round trip, errors and no overwriting."""
from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import MINI, ROOT, run_cli
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.export import export_files
from generator.editors.importer import Defaults, first_sentence, plan_import, write_import

INVENTORY_HEADER = ["Regio", " naam  PROJECT", "Omschrijving project", "Vorm", "Instrumenteel", "Inhoudelijk",
                    "Geografisch", "Zorgverzekeraar", "Gemeente", "Overige partijen", "Pagina"]


def write_csv(path: Path, rows: list[list[str]], title_row: bool = False) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    if title_row:
        writer.writerow(["Toelichting per Wmo-regio"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def inventory_row(**overrides: str) -> list[str]:
    values = {
        "regio": "Achterhoek", "naam": "Valpreventie thuis", "omschrijving": "Ouderen krijgen thuis een "
        "valrisicotest. Daarna volgt een cursus.", "vorm": "Ontwikkeltraject", "instrumenteel": "Werkwijze (primair proces), Beleid",
        "inhoudelijk": "Ouderen", "geografisch": "Gemeentelijk", "verzekeraar": "Menzis", "gemeente": "Oost Gelre, Aalten",
        "partners": "huisartsen, Zorgaanbieders (thuiszorg, fysio)", "pagina": "12",
    }
    values.update(overrides)
    return list(values.values())


def test_inventory_layout_becomes_valid_project_files(mini_copy, tmp_path):
    sheet = write_csv(tmp_path / "inventaris.csv", [
        INVENTORY_HEADER,
        inventory_row(),
        inventory_row(naam="Minimapolis", omschrijving="Collectieve verzekering voor minima", vorm="Samenwerkingsafspraken",
                      instrumenteel="Collectieve zorg minima (contract)", inhoudelijk="Anders, nl minima",
                      geografisch="Regionaal", gemeente="Alle gemeenten", partners="", pagina="11"),
        inventory_row(naam="Valpreventie thuis", pagina="13"),  # the same title twice in one region: -2
        inventory_row(naam="", regio="", omschrijving="", vorm="", instrumenteel="", inhoudelijk="", geografisch="",
                      verzekeraar="", gemeente="", partners="", pagina=""),  # an empty row is skipped
    ], title_row=True)
    result = run_cli("--content", str(mini_copy), "import", sheet.name, "--source", "inventarisatie-2017",
                     "--date", "2026-01-15", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "written: content/projects/valpreventie-thuis-achterhoek.yml" in result.stdout
    text = (mini_copy / "projects" / "valpreventie-thuis-achterhoek.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/project.schema.json\ntitle: Valpreventie thuis\n")
    data = yaml.safe_load(text)
    assert data["summary"] == "Ouderen krijgen thuis een valrisicotest."  # the first sentence
    assert data["municipalities"] == ["oost-gelre", "aalten"]
    assert data["instruments"] == ["werkwijze", "beleid"]
    assert data["form"] == "ontwikkelproject" and data["as_printed"] == {"form": "Ontwikkeltraject"}
    assert data["partners"] == ["Huisartsen", "Zorgaanbieders (thuiszorg, fysio)"]
    assert data["sources"] == [{"document": "inventarisatie-2017", "page": 12}]
    assert data["reference_date"] == "2017" and data["added"] == data["updated"] == "2026-01-15"
    minima = yaml.safe_load((mini_copy / "projects" / "minimapolis-achterhoek.yml").read_text(encoding="utf-8"))
    assert minima["whole_region"] is True and minima["themes"] == ["minima"]
    assert minima["as_printed"] == {"municipalities": "Alle gemeenten", "themes": "Anders, nl minima"}
    assert minima["summary"] == "Collectieve verzekering voor minima"
    second = yaml.safe_load((mini_copy / "projects" / "valpreventie-thuis-achterhoek-2.yml").read_text(encoding="utf-8"))
    assert second["distinct_from"] == ["valpreventie-thuis-achterhoek"]  # two rows of the sheet, not a duplicate
    check = run_cli("--content", str(mini_copy), "check")
    assert check.returncode == 0, check.stderr


def test_every_problem_is_reported_with_row_and_column_and_nothing_is_written(mini_copy, tmp_path):
    before = sorted(p.name for p in (mini_copy / "projects").iterdir())
    sheet = write_csv(tmp_path / "fouten.csv", [
        INVENTORY_HEADER[:-1] + ["Omschrjving"],
        inventory_row(inhoudelijk="Ouderzorg", verzekeraar="Menziss"),
        inventory_row(naam="Tweede", gemeente="Doetinchen", vorm="Weet niet", pagina="999"),
    ])
    result = run_cli("--content", str(mini_copy), "import", sheet.name, "--source", "inventarisatie-2017", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().split("\n")
    assert "fouten.csv:1: column 'Omschrjving': unknown column; did you mean 'omschrijving project'?" in lines
    assert "fouten.csv:2: column 'Inhoudelijk': 'Ouderzorg' is not a theme; did you mean 'ouderen'?" in lines
    assert "fouten.csv:2: column 'Zorgverzekeraar': 'Menziss' is not an insurer; did you mean 'menzis'?" in lines
    assert "fouten.csv:3: column 'Gemeente': 'Doetinchen' is not a municipality; did you mean 'doetinchem'?" in lines
    assert any(line.startswith("fouten.csv:3: column 'Vorm': 'Weet niet' is not a form") for line in lines)
    assert lines[-1] == f"{len(lines) - 1} problems; nothing was written."
    assert sorted(p.name for p in (mini_copy / "projects").iterdir()) == before


def test_catalogue_checks_run_on_the_would_be_content(mini_copy, tmp_path):
    """A page beyond the source document is caught by the normal checks, reported at the row and column."""
    sheet = write_csv(tmp_path / "pagina.csv", [INVENTORY_HEADER, inventory_row(pagina="999")])
    result = run_cli("--content", str(mini_copy), "import", sheet.name, "--source", "inventarisatie-2017", cwd=tmp_path)
    assert result.returncode == 1
    assert ("pagina.csv:2: column 'Pagina': page 999 does not exist: inventarisatie-2017 has 246 pages"
            in result.stderr.split("\n"))


def test_missing_source_is_an_error_naming_the_option(mini_copy, tmp_path):
    sheet = write_csv(tmp_path / "zonder-bron.csv", [INVENTORY_HEADER[:-1], inventory_row()[:-1]])
    result = run_cli("--content", str(mini_copy), "import", sheet.name, cwd=tmp_path)
    assert result.returncode == 1
    assert ("zonder-bron.csv:2: column 'sources': no source: add a 'Bron' (and 'Pagina') column or use "
            "--source DOC --page N") in result.stderr


def test_page_without_source_is_a_usage_error(mini_copy, tmp_path):
    sheet = write_csv(tmp_path / "inventaris.csv", [INVENTORY_HEADER, inventory_row()])
    result = run_cli("--content", str(mini_copy), "import", sheet.name, "--page", "3", cwd=tmp_path)
    assert result.returncode == 2 and "--page needs --source" in result.stderr


def test_no_overwrite_without_the_option_and_dry_run_writes_nothing(mini_copy, tmp_path):
    sheet = write_csv(tmp_path / "inventaris.csv", [INVENTORY_HEADER, inventory_row()])
    target = mini_copy / "projects" / "valpreventie-thuis-achterhoek.yml"
    args = ["--content", str(mini_copy), "import", sheet.name, "--source", "inventarisatie-2017", "--date", "2026-01-15"]
    dry = run_cli(*args, "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0 and "would write: content/projects/valpreventie-thuis-achterhoek.yml" in dry.stdout
    assert not target.exists()
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    again = run_cli(*args, cwd=tmp_path)  # the same project again: nothing to do
    assert again.returncode == 0 and "unchanged: content/projects/valpreventie-thuis-achterhoek.yml" in again.stdout
    edited = target.read_text(encoding="utf-8").replace("status: onbekend", "status: lopend")
    target.write_text(edited, encoding="utf-8")
    conflict = run_cli(*args, cwd=tmp_path)
    assert conflict.returncode == 1
    assert ("inventaris.csv:2: column 'naam  PROJECT': content/projects/valpreventie-thuis-achterhoek.yml already "
            "exists with other content (status); use --overwrite to replace it") in conflict.stderr
    assert target.read_text(encoding="utf-8") == edited
    assert run_cli(*args, "--dry-run", "--overwrite", cwd=tmp_path).stdout.startswith("would replace:")
    assert target.read_text(encoding="utf-8") == edited
    assert run_cli(*args, "--overwrite", cwd=tmp_path).returncode == 0
    assert "status: onbekend" in target.read_text(encoding="utf-8")


def test_a_rerun_with_another_date_compares_content_and_overwrite_keeps_added(mini_copy, tmp_path):
    """Issue #12, item 10: the same sheet on another day is 'unchanged'; --overwrite after an editor's change
    keeps the date added, dates the change, and says which of the file's fields it replaces."""
    sheet = write_csv(tmp_path / "inventaris.csv", [INVENTORY_HEADER, inventory_row()])
    target = mini_copy / "projects" / "valpreventie-thuis-achterhoek.yml"
    args = ["--content", str(mini_copy), "import", sheet.name, "--source", "inventarisatie-2017"]
    assert run_cli(*args, "--date", "2026-01-15", cwd=tmp_path).returncode == 0
    later = run_cli(*args, "--date", "2026-03-01", cwd=tmp_path)
    assert (later.returncode, later.stdout, later.stderr) == (
        0, "unchanged: content/projects/valpreventie-thuis-achterhoek.yml\n", "")
    today = run_cli(*args, cwd=tmp_path)  # no --date: today
    assert today.returncode == 0 and today.stdout == later.stdout
    edited = (target.read_text(encoding="utf-8").replace("status: onbekend", "status: lopend")
              .replace("updated: '2026-01-15'", "updated: '2026-02-01'"))
    target.write_text(edited + "funding: Gemeenten en Menzis samen\n", encoding="utf-8")
    replaced = run_cli(*args, "--date", "2026-03-01", "--overwrite", cwd=tmp_path)
    assert replaced.returncode == 0, replaced.stderr
    assert replaced.stdout.startswith("replaced: content/projects/valpreventie-thuis-achterhoek.yml\n")
    assert replaced.stderr == (
        "warning: content/projects/valpreventie-thuis-achterhoek.yml: --overwrite replaced the file's status, "
        "funding with the sheet's; an editor's changes to those are gone unless the sheet has them "
        "(the date added is kept)\n")
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert (written["added"], written["updated"], written["status"]) == ("2026-01-15", "2026-03-01", "onbekend")
    assert "funding" not in written


@pytest.mark.parametrize("name", ["leeg.xlsx", "tekst.txt", "bestaat-niet.csv"])
def test_unreadable_files_are_one_clear_error(mini_copy, tmp_path, name):
    path = tmp_path / name
    if name != "bestaat-niet.csv":
        path.write_bytes(b"not a spreadsheet")
    result = run_cli("--content", str(mini_copy), "import", str(path), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: ")


def test_summary_rule():
    assert first_sentence("Eerste zin. Tweede zin.") == "Eerste zin."
    long = "woord " * 100
    summary = first_sentence(long)
    assert len(summary) <= 300 and summary.endswith("woord…")


@pytest.fixture(scope="module")
def real_export(tmp_path_factory):
    diagnostics = Diagnostics()
    catalogue = load_catalogue(ROOT / "content", diagnostics)
    assert catalogue is not None, diagnostics.render()
    folder = tmp_path_factory.mktemp("export")
    for name, data in export_files(catalogue).items():
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return catalogue, folder


@pytest.mark.parametrize("name", ["projecten.csv", "projecten.xlsx"])
def test_export_then_import_gives_the_same_catalogue(real_export, tmp_path, name):
    """The whole real catalogue: export, import into a content folder without projects, load: identical projects."""
    catalogue, folder = real_export
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("projects"))
    (content / "projects").mkdir()
    plan = plan_import(folder / name, content, Defaults())
    assert not plan.problems, "\n".join(plan.problems[:20])
    assert len(write_import(plan, content)) == len(catalogue.projects)
    diagnostics = Diagnostics()
    again = load_catalogue(content, diagnostics)
    assert again is not None, diagnostics.render()
    assert list(again.projects) == list(catalogue.projects)
    for pid, entry in catalogue.projects.items():
        assert again.projects[pid].item == entry.item, pid
    # importing the same file into the real content changes nothing: every project is 'unchanged'
    same = plan_import(folder / name, ROOT / "content", Defaults())
    assert not same.problems and not same.new and not same.conflicts
    assert len(same.unchanged) == len(catalogue.projects)


def test_xlsx_is_byte_reproducible_and_dated_from_the_content(real_export):
    catalogue, folder = real_export
    first = (folder / "projecten.xlsx").read_bytes()
    assert export_files(catalogue)["projecten.xlsx"] == first
    newest = max(e.item.updated for e in catalogue.projects.values())
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(newest.year, newest.month, newest.day)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count(f"{newest.isoformat()}T00:00:00Z") == 2  # created and modified


def test_export_command_writes_the_files_and_never_overwrites_a_different_file(tmp_path):
    out = tmp_path / "export"
    result = run_cli("--content", str(MINI), "export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["projecten.csv", "projecten.json", "projecten.xlsx", "velden.csv"]
    assert run_cli("--content", str(MINI), "export", "--out", str(out)).stdout.startswith("export: 0 written, 4 unchanged")
    (out / "projecten.csv").write_text("mijn aantekeningen\n", encoding="utf-8")
    refused = run_cli("--content", str(MINI), "export", "--out", str(out))
    assert refused.returncode == 1 and "use --overwrite" in refused.stderr
    assert (out / "projecten.csv").read_text(encoding="utf-8") == "mijn aantekeningen\n"
    assert run_cli("--content", str(MINI), "export", "--out", str(out), "--overwrite").returncode == 0
    assert (out / "projecten.csv").read_text(encoding="utf-8").startswith("id,title,")


def test_inventory_workbook_with_numbers_dates_and_a_title_row(mini_copy, tmp_path):
    """An .xlsx as an editor makes it: a title above the header, page numbers and dates as real cell values."""
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Inventarisatie 2017 – Achterhoek"])
    sheet.append(["Naam project", "Regio", "Omschrijving project", "Zorgverzekeraar", "Gemeente", "Inhoudelijk",
                  "Bron", "Pagina", "added", "Status"])
    sheet.append(["Mantelzorg dementie", "Achterhoek", "Steun voor mantelzorgers. Met de huisarts.", "Menzis",
                  "Doetinchem", "Ouderen; Preventie", "Inventarisatie 2017", 11, dt.datetime(2025, 3, 4), "Lopend"])
    sheet.append(["Valpreventie", "achterhoek", "Minder vallen.", "Zorg&Zekerheid", "Giessenlanden", "?",
                  "inventarisatie-2017", 12.0, None, None])
    workbook.save(tmp_path / "achterhoek.xlsx")
    plan = plan_import(tmp_path / "achterhoek.xlsx", mini_copy, Defaults(date=dt.date(2026, 1, 1)), "achterhoek.xlsx")
    # Giessenlanden is a former municipality of another region: the catalogue check reports it at row 4
    assert plan.problems == ["achterhoek.xlsx:4: column 'Gemeente': 'giessenlanden' is not a municipality of region "
                             "achterhoek; add its region to regions or fix the id"]
    assert write_import(plan, mini_copy) == [] and not (mini_copy / "projects" / "valpreventie-achterhoek.yml").exists()
    first = yaml.safe_load(plan.files["projects/mantelzorg-dementie-achterhoek.yml"])
    assert first["sources"] == [{"document": "inventarisatie-2017", "page": 11}]
    assert first["added"] == "2025-03-04" and first["updated"] == "2025-03-04"
    assert first["themes"] == ["ouderen", "preventie"] and first["status"] == "lopend"
    second = yaml.safe_load(plan.files["projects/valpreventie-achterhoek.yml"])
    assert second["sources"] == [{"document": "inventarisatie-2017", "page": 12}]
    assert second["insurers"] == ["zorg-en-zekerheid"] and second["as_printed"] == {"themes": "?"}
    assert second["added"] == "2026-01-01"
