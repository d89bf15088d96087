"""`catalogus from-issue`: a submitted 'Nieuw project' issue form becomes a validated project file."""
from __future__ import annotations

import shutil

import yaml

from conftest import ROOT, run_cli

ISSUE = ROOT / "tests" / "data" / "issue-nieuw-project.md"
TARGET = "valpreventie-thuis-in-de-achterhoek.yml"


def test_issue_form_becomes_a_project_file(mini_copy, tmp_path):
    args = ["--root", str(ROOT), "--content", str(mini_copy), "from-issue", str(ISSUE), "--date", "2026-02-01"]
    dry = run_cli(*args, "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == f"would write: content/projects/{TARGET}\n"
    assert not (mini_copy / "projects" / TARGET).exists()
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (mini_copy / "projects" / TARGET).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/project.schema.json\n")
    data = yaml.safe_load(text)
    assert data["title"] == "Valpreventie thuis in de Achterhoek"
    assert data["description"] == ("Ouderen die vaker vallen krijgen thuis een test van de wijkverpleegkundige.\n\n"
                                   "Wie een hoog risico heeft, volgt een cursus bij de fysiotherapeut.")
    assert data["municipalities"] == ["oost-gelre", "aalten", "doetinchem"] and "whole_region" not in data
    assert data["partners"] == ["Wijkverpleging", "Fysiotherapeuten (eerste lijn, regio)"]
    assert data["themes"] == ["ouderen", "preventie"] and data["form"] == "ontwikkelproject"
    assert data["status"] == "lopend" and data["period"] == {"start": 2024, "end": 2026}
    assert data["sources"] == [{"document": "inventarisatie-2017", "page": 12}] and data["reference_date"] == "2017"
    assert "links" not in data and "as_printed" not in data
    assert run_cli("--content", str(mini_copy), "check").returncode == 0
    again = run_cli(*args, cwd=tmp_path)  # the same issue again (e.g. the workflow re-run): nothing to do
    assert again.returncode == 0 and again.stdout == f"unchanged: content/projects/{TARGET}\n"


def test_problems_name_the_form_field_and_nothing_is_written(mini_copy, tmp_path):
    body = ISSUE.read_text(encoding="utf-8")
    body = body.replace("Ouderen, Preventie", "Ouderzorg").replace("Menzis\n", "Menziss\n")
    body = body.replace("- [ ] Alle", "- [x] Alle").replace("\n2024–2026\n", "\nbinnenkort\n")
    body = body.replace("Inventarisatie 2017, p. 12", "https://example.org/verslag")
    (tmp_path / "issue.md").write_text(body, encoding="utf-8")
    result = run_cli("--root", str(ROOT), "--content", str(mini_copy), "from-issue", "-", cwd=tmp_path,
                     stdin=body)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().split("\n")
    assert "issue: field \"Thema's\": 'Ouderzorg' is not a theme; did you mean 'ouderen'?" in lines
    assert "issue: field 'Zorgverzekeraar(s)': 'Menziss' is not an insurer; did you mean 'menzis'?" in lines
    assert ("issue: field 'Looptijd (bijvoorbeeld 2024–2026)': 'binnenkort' is not a period; write e.g. "
            "2016-2018, 2016- or 2016") in lines
    assert ("issue: field 'Bron (document en pagina)': 'https://example.org/verslag' is not a source document; "
            "allowed: inventarisatie-2017") in lines
    assert lines[-1].endswith("problems; nothing was written.")
    assert not (mini_copy / "projects" / TARGET).exists()


def test_the_form_and_the_converter_agree():
    """Every question of the form is a project field the importer reads (or 'source')."""
    from generator import model as m
    from generator.editors.intake import form_fields

    elements = {e["id"]: e for e in form_fields(ROOT / ".github" / "ISSUE_TEMPLATE").values()}
    assert set(elements) - {"source"} <= set(m.Project.model_fields)
    assert {"title", "summary", "regions", "source"} <= set(elements)
    taxonomy = yaml.safe_load((ROOT / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
    assert elements["themes"]["attributes"]["options"] == [t["label"] for t in taxonomy["themes"]]
    assert set(elements["form"]["attributes"]["options"]) - {"Weet ik niet"} == {t["label"] for t in taxonomy["forms"]}


def test_no_form_answers_is_one_clear_error(mini_copy, tmp_path):
    (tmp_path / "leeg.md").write_text("Hallo, ik heb een project.\n", encoding="utf-8")
    result = run_cli("--root", str(ROOT), "--content", str(mini_copy), "from-issue", "leeg.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("leeg.md: no answers of the 'Nieuw project' form found")


def test_the_intake_workflow_runs_from_issue_and_opens_a_pull_request():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "intake.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert all(u.startswith("actions/") for u in uses)
    script = "\n".join(s.get("run", "") for s in steps)
    assert "catalogus from-issue" in script and "gh pr create" in script
    # the issue text reaches the shell only through the environment, never pasted into the script
    assert "github.event.issue.body" not in script and "github.event.issue.title" not in script
