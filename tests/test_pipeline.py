"""The pipeline a maintainer relies on: the strict build fails on a broken link, the CLI works on the project
it is run in, the lock pins what pyproject.toml declares with hashes, and the workflows are linted and wired so
that only a green run on main publishes."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import MINI, ROOT, run_cli

WORKFLOWS = ROOT / ".github" / "workflows"


def _project_copy(tmp_path: Path, content: Path = MINI) -> Path:
    """A project folder of its own: this checkout's configuration, templates and code, another content folder."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "overrides", "site_templates", "generator", "geo", ".github"):
        source = ROOT / name
        if source.exists():
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    shutil.copytree(content, root / "content")
    return root


def _catalogus(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`catalogus ARGS` run from `cwd` with this checkout's code, but no --root: the project is found from cwd."""
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from generator.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True)


# --- strict build ----------------------------------------------------------------------------------------------

def test_a_broken_internal_link_fails_the_build_and_keeps_the_old_site(tmp_path):
    root = _project_copy(tmp_path)
    (root / "site").mkdir()
    (root / "site" / "oud.html").write_text("vorige site", encoding="utf-8")
    # every generated body is HTML, which MkDocs does not check for links; a blank line and a Markdown link after
    # it make this page Markdown again, and MkDocs checks that
    template = root / "site_templates" / "bijdragen.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nZie [de kaart](kaart/bestaat-niet.md).\n",
                        encoding="utf-8")
    result = run_cli("--root", str(root), "build", cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("WARNING -  Doc file 'bijdragen.md' contains a link 'kaart/bestaat-niet.md', but the target is not found "
            "among documentation files.") in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stderr
    assert result.stderr.rstrip().endswith("the site tool failed; the previous site/ is left as it was.")
    assert "INFO" not in result.stderr + result.stdout  # quiet without --quiet: only warnings and errors shown
    assert [p.name for p in (root / "site").iterdir()] == ["oud.html"]
    assert not (root / "site.new").exists()


def test_the_site_tool_runs_strict_and_without_quiet():
    from generator.build import Paths, engine_command

    command, env = engine_command(Paths.at(ROOT), "build", "--strict")
    assert command[1:4] == ["-m", "mkdocs", "build"] and "--strict" in command
    assert "--quiet" not in command and "-q" not in command
    assert "strict: true" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_an_unknown_engine_is_a_usage_error(tmp_path):
    root = _project_copy(tmp_path)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], cwd=ROOT,
                            capture_output=True, text=True, env={**__import__("os").environ,
                                                                 "CATALOGUS_ENGINE": "hugo"})
    assert result.returncode == 2
    assert result.stderr == "catalogus: CATALOGUS_ENGINE='hugo' is not a site tool; use one of: mkdocs, properdocs\n"
    assert not (root / "build").exists()  # refused before generating anything


def test_the_real_site_has_edit_links_from_front_matter_and_no_theme_search(real_site):
    site = real_site / "site"
    edit = re.compile(r'href="(https://github\.com/[^"]*/edit/[^"]*)"')
    project = sorted((ROOT / "content" / "projects").glob("[!_]*.yml"))[0]
    html = (site / "projecten" / project.stem / "index.html").read_text(encoding="utf-8")
    assert set(edit.findall(html)) == {f"https://github.com/samenwerkingscatalogus/samenwerkingscatalogus/edit/main/"
                                       f"content/projects/{project.name}"}  # page and footer: the YAML file
    region = sorted((ROOT / "content" / "regions").glob("[!_]*.yml"))[0]
    html = (site / "regios" / region.stem / "index.html").read_text(encoding="utf-8")
    assert {url.rsplit("/edit/main/", 1)[1] for url in edit.findall(html)} == {f"content/regions/{region.name}"}
    finder = (site / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert edit.findall(finder) == []  # generated from the whole catalogue: no single file to edit
    for page in site.rglob("*.html"):  # never MkDocs' own edit_url, which names the generated Markdown
        for url in edit.findall(page.read_text(encoding="utf-8")):
            assert "/edit/main/content/" in url and (ROOT / url.split("/edit/main/", 1)[1]).is_file(), (page, url)
    assert not (site / "search").exists()  # Material's lunr index is off; Pagefind is the search
    assert 'class="md-search"' not in finder
    assert not (ROOT / "generator" / "mkdocs_hooks.py").read_text(encoding="utf-8").count("on_page_context")


# --- the project the CLI works on ------------------------------------------------------------------------------

def test_the_cli_works_on_the_project_it_is_run_in(tmp_path):
    root = _project_copy(tmp_path)
    nested = root / "content" / "projects"
    expected = run_cli("--root", str(root), "check").stdout
    assert expected.startswith("ok: ")
    for folder in (root, nested):
        result = _catalogus("check", cwd=folder)
        assert (result.returncode, result.stdout) == (0, expected), result.stderr
    # this checkout's own content is something else entirely
    assert run_cli("--root", str(ROOT), "check").stdout != expected


def test_root_overrides_the_folder_it_is_run_in(tmp_path):
    root = _project_copy(tmp_path)
    result = _catalogus("--root", str(ROOT), "check", cwd=root)
    assert result.returncode == 0 and result.stdout == run_cli("--root", str(ROOT), "check").stdout
    missing = _catalogus("--root", str(tmp_path / "nergens"), "check", cwd=root)
    assert missing.returncode == 2
    assert missing.stderr == f"catalogus: --root {tmp_path / 'nergens'}: no mkdocs.yml there\n"


def test_outside_a_project_only_an_editable_checkout_is_used(tmp_path):
    from generator import cli

    assert cli.find_project(tmp_path) == cli.find_project(ROOT / "content") == ROOT  # editable install: its checkout
    other = _project_copy(tmp_path)
    assert cli.find_project(other / "content" / "regions") == other


def test_without_a_project_the_cli_says_so(tmp_path, monkeypatch, capsys):
    from generator import cli

    site_packages = tmp_path / "site-packages"  # what a plain `pip install .` installs from: no project there
    site_packages.mkdir()
    monkeypatch.setattr(cli, "INSTALLED_FROM", site_packages)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 2
    assert capsys.readouterr().err == (f"catalogus: no project here: neither {tmp_path.resolve()} nor a folder above it "
                                       "has mkdocs.yml and content/; run it inside a checkout or name one with --root\n")


# --- packaging and the lock ------------------------------------------------------------------------------------

def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>!~ ;]", requirement, maxsplit=1)[0]).lower()


def _lock() -> dict[str, list[tuple[str, str, int]]]:
    """name -> [(version, marker, number of hashes)] from requirements.lock."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries: dict[str, list[tuple[str, str, int]]] = {}
    for block in re.split(r"\n(?=\S)", text):
        if not block.strip() or block.startswith("#"):
            continue
        head = block.split("\\", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^ ;]+)\s*(?:;\s*(.*))?", head)
        assert match, f"requirements.lock: not an exact pin: {head!r}"
        entries.setdefault(_name(match[1]), []).append((match[2], match[3] or "", block.count("--hash=sha256:")))
    return entries


def test_the_lock_pins_every_declared_dependency_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    lock = _lock()
    for requirement in declared:
        name, version = _name(requirement), requirement.split("==", 1)[1]
        assert name in lock, f"{requirement} is not in requirements.lock: run `bash scripts/lock.sh`"
        assert version in {v for v, _, _ in lock[name]}, \
            f"pyproject.toml has {requirement}, requirements.lock {lock[name]}: run `bash scripts/lock.sh`"
    assert all(hashes for pins in lock.values() for _, _, hashes in pins)
    for imported in ("openpyxl", "pagefind"):  # used by the generator, so declared, not only locked
        assert imported in {_name(r) for r in project["dependencies"]}


def test_installs_check_the_hashes():
    for path in (ROOT / ".ci" / "run", ROOT / "README.md"):
        text = path.read_text(encoding="utf-8")
        assert "--require-hashes -r requirements.lock" in text, path
        assert "--no-deps -e ." in text, path
        assert "-r requirements.lock -e ." not in text, path  # an editable install cannot be hashed
    for workflow in WORKFLOWS.glob("*.yml"):
        text = workflow.read_text(encoding="utf-8")
        if "requirements.lock" in text and "pip install" in text:
            assert "--require-hashes" in text, workflow.name


# --- workflows -------------------------------------------------------------------------------------------------

def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def test_workflows_pass_actionlint():
    actionlint = Path(sys.executable).with_name("actionlint")
    assert actionlint.is_file(), "actionlint is in the test extra (pip install --require-hashes -r requirements.lock)"
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    result = subprocess.run([str(actionlint), "-no-color", "-shellcheck=", "-pyflakes=", *files],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_wrong_workflow(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - uses: actions/checkout@v3\n      - run: echo ${{ github.event.issue.title }}\n",
                   encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).with_name("actionlint")), "-no-color", "-shellcheck=",
                             "-pyflakes=", str(bad)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout and "actions/checkout@v3" in result.stdout


def test_only_a_green_ci_run_on_main_publishes():
    ci = _workflow("ci.yml")
    assert set(ci["on"]) >= {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert ci["on"]["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d+ \d+ \* \* \d", ci["on"]["schedule"][0]["cron"])  # weekly: freshness, security.txt
    test, publish = ci["jobs"]["test"], ci["jobs"]["publish"]
    runs = [step.get("run", "") for step in test["steps"]]
    assert runs.index("bash .ci/run") < next(i for i, r in enumerate(runs) if "catalogus --github build" in r)
    assert "continue-on-error" not in test and "continue-on-error" not in publish
    assert publish["needs"] in ("test", ["test"])
    assert publish["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert [s["uses"].split("@")[0] for s in publish["steps"]] == ["actions/deploy-pages"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert ci["permissions"] == {"contents": "read"}
    upload = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"] == {"path": "site", "include-hidden-files": True}  # keeps /.well-known/security.txt
    assert upload["if"] == publish["if"]
    assert ci["jobs"]["engines"]["continue-on-error"] is True
    # nothing else deploys
    for workflow in WORKFLOWS.glob("*.yml"):
        if workflow.name != "ci.yml":
            text = workflow.read_text(encoding="utf-8")
            assert "deploy-pages" not in text and "pages: write" not in text, workflow.name


MAJORS = {"actions/checkout": 7, "actions/setup-python": 7, "actions/upload-artifact": 7,
          "actions/download-artifact": 8, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}


def test_every_workflow_has_concurrency_timeouts_and_current_actions():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = _workflow(path.name)
        assert "concurrency" in workflow, path.name
        for name, job in workflow["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: job {name} has no timeout-minutes"
            for step in job["steps"]:
                if "uses" in step:
                    action, version = step["uses"].split("@")
                    assert action in MAJORS and version == f"v{MAJORS[action]}", f"{path.name}: {step['uses']}"


def test_intake_keeps_issue_text_away_from_write_tokens():
    intake = _workflow("intake.yml")
    assert intake["permissions"] == {}
    jobs = intake["jobs"]
    assert jobs["convert"]["permissions"] == {"contents": "read"}
    assert jobs["report"]["permissions"] == {"issues": "write"}
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    for name, job in jobs.items():
        script = "\n".join(step.get("run", "") for step in job["steps"])
        assert "${{" not in script, f"{name}: an expression pasted into a shell script"
        writes = any(v == "write" for v in job["permissions"].values())
        assert writes != (".venv/bin/catalogus" in script), f"{name}: converts with a write token, or writes without"
        assert "BODY" not in (job.get("env") or {}) and all("BODY" not in (s.get("env") or {})
                                                            for s in job["steps"] if writes)
    convert = jobs["convert"]["steps"]
    assert all(s["with"]["persist-credentials"] is False for s in convert if s.get("uses", "").startswith("actions/checkout"))
    assert {"report", "pull-request"} == {n for n, j in jobs.items() if j.get("needs") == "convert"}


def test_dependabot_watches_pip_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "npm", "github-actions"}
