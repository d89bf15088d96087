"""Bad content: every problem reported at once as path:line: field: message, exit code 1, no traceback.

The corpus (tests/bad_input.py) edits a copy of the fixture catalogue and asserts the exact messages an editor
sees; a few things editors' tools produce (BOM, CRLF) are accepted on purpose.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

from bad_input import ACCEPTED, CASES, apply
from generator.cli import main


def check_in_process(root: Path, capsys, monkeypatch) -> tuple[int, list[str]]:
    """`catalogus check` on root/content, in this process (the corpus is large; a crash still fails the test)."""
    monkeypatch.chdir(root)
    code = main(["--content", str(root / "content"), "check"])
    captured = capsys.readouterr()
    return code, captured.err.strip().split("\n") if captured.err.strip() else []


@pytest.mark.parametrize("name,edits,expected", CASES, ids=[c[0] for c in CASES])
def test_exact_message(mini_copy: Path, capsys, monkeypatch, name, edits, expected):
    for edit in edits:
        apply(mini_copy.parent, edit)
    code, lines = check_in_process(mini_copy.parent, capsys, monkeypatch)
    assert code == 1
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} error{'s' if len(expected) != 1 else ''} in content; nothing was built."


@pytest.mark.parametrize("name,edits", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_accepted_input(mini_copy: Path, capsys, monkeypatch, name, edits):
    for edit in edits:
        apply(mini_copy.parent, edit)
    code, lines = check_in_process(mini_copy.parent, capsys, monkeypatch)
    assert (code, lines) == (0, [])


def test_corpus_size():
    assert len(CASES) >= 40


def test_bad_input_never_shows_a_traceback(mini_copy: Path):
    """The corpus runs in-process; this runs the real command line once on the nastiest cases together."""
    for name, edits, _ in CASES:
        if name in {"yaml: a list as field name", "project id reserved for the overview page",
                    "guide page cites an unknown source"}:
            for edit in edits:
                apply(mini_copy.parent, edit)
    result = run_cli("--content", str(mini_copy), "build", "--no-site", cwd=mini_copy.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("3 errors in content; nothing was built.")


def test_all_errors_in_one_run(mini_copy: Path):
    (mini_copy / "projects" / "kapot.yml").write_text("title: [\n", encoding="utf-8")
    region = mini_copy / "regions" / "achterhoek.yml"
    region.write_text(region.read_text().replace("insurers: [menzis]", "insurers: [menzis, cz2]"))
    project = mini_copy / "projects" / "minimacontract-achterhoek.yml"
    project.write_text(project.read_text().replace("themes: [minima]", "themes: [minima, ouderzorg]"))
    result = run_cli("--content", str(mini_copy), "check", cwd=mini_copy.parent)
    assert result.returncode == 1
    lines = result.stderr.strip().split("\n")
    assert lines == [
        "content/projects/kapot.yml:2: YAML syntax error: expected the node content, but found '<stream end>'",
        "content/projects/minimacontract-achterhoek.yml:8: themes[1]: 'ouderzorg' is not a theme; did you mean 'ouderen'?",
        "content/regions/achterhoek.yml:3: insurers[1]: 'cz2' is not an insurer in insurers.yml; did you mean 'cz'?",
        "3 errors in content; nothing was built.",
    ]


def test_bad_file_name(mini_copy: Path):
    (mini_copy / "projects" / "Mijn Project.yml").write_text("title: x\n", encoding="utf-8")
    result = run_cli("--content", str(mini_copy), "check", cwd=mini_copy.parent)
    assert result.stderr.split("\n")[0] == (
        "content/projects/Mijn Project.yml: file name is not a valid id: use lowercase letters, digits and "
        "single hyphens (e.g. mijn-project.yml)"
    )


def test_github_annotations(mini_copy: Path):
    project = mini_copy / "projects" / "minimacontract-achterhoek.yml"
    project.write_text(project.read_text().replace("themes: [minima]", "themes: [minimma]"))
    result = run_cli("--github", "--content", str(mini_copy), "check", cwd=mini_copy.parent)
    assert ("::error file=content/projects/minimacontract-achterhoek.yml,line=8::content/projects/"
            "minimacontract-achterhoek.yml:8: themes[0]: 'minimma' is not a theme; did you mean 'minima'?") in result.stderr


def test_failed_build_leaves_previous_site(mini_copy: Path, tmp_path: Path):
    out = tmp_path / "out"
    ok = run_cli("--content", str(mini_copy), "--out", str(out), "build", cwd=mini_copy.parent)
    assert ok.returncode == 0, ok.stderr
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    project = mini_copy / "projects" / "minimacontract-achterhoek.yml"
    project.write_text(project.read_text().replace("themes: [minima]", "themes: [minimma]"))
    failed = run_cli("--content", str(mini_copy), "--out", str(out), "build", cwd=mini_copy.parent)
    assert failed.returncode == 1
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_page_collision_is_a_diagnostic_not_a_crash(monkeypatch, tmp_path):
    """The catalogue rejects reserved ids; should a later URL rule still collide, the build reports it. A one-off
    build writes one page kind at a time into a staging folder: the collision of the last kind with the second is
    found before anything reaches the docs folder, and the staging folder is gone."""
    from conftest import MINI, ROOT
    from generator import build
    from generator.pages import Page, discovery

    paths = build.Paths.at(ROOT, MINI, tmp_path)
    first = build.generate(paths)
    assert not first.diagnostics
    before = {p: p.read_bytes() for p in (tmp_path / "build").rglob("*") if p.is_file()}
    real = discovery.pages
    monkeypatch.setattr(discovery, "pages", lambda site: real(site) + [Page("projecten/index.md", "", {"text": "x"})])
    for cache in (None, build.Cache()):  # one-off and warm: the same diagnostic, nothing written
        result = build.generate(paths, cache)
        assert [d.message for d in result.diagnostics.sorted()] == [
            "two pages would be written to projecten/index.md; rename one item"]
        assert {p: p.read_bytes() for p in (tmp_path / "build").rglob("*") if p.is_file()} == before
    fresh = tmp_path / "fresh"
    build.generate(build.Paths.at(ROOT, MINI, fresh))
    assert not fresh.exists()  # not even the folders of the staging area


def test_a_failing_page_kind_leaves_the_docs_as_they_were(monkeypatch, tmp_path):
    """The first kinds are rendered and staged when a later one fails: none of them is written."""
    from conftest import MINI, ROOT
    from generator import build
    from generator.pages import api

    paths = build.Paths.at(ROOT, MINI, tmp_path)
    assert not build.generate(paths).diagnostics
    index = tmp_path / "build" / "docs" / "index.md"
    index.write_text("stale")  # would be rewritten by the first kind
    before = {p: p.read_bytes() for p in (tmp_path / "build").rglob("*") if p.is_file()}

    def broken(site):
        raise ValueError("kapotte API")

    monkeypatch.setattr(api, "pages", broken)
    with pytest.raises(ValueError, match="kapotte API"):
        build.generate(paths)
    assert {p: p.read_bytes() for p in (tmp_path / "build").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["docs"]
