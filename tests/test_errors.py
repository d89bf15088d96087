"""Bad content: every problem reported at once as path:line: field: message, exit code 1, no traceback.

Each case edits one file of a copy of the fixture catalogue and asserts the exact message an editor sees.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

P = "content/projects/minimacontract-achterhoek.yml"
I = "content/projects/inkoop-wijkgericht-werken-achterhoek.yml"
R = "content/regions/achterhoek.yml"
M = "content/municipalities.yml"

CASES = [
    ("unknown theme with suggestion", P, ("themes: [minima]", "themes: [minimma]"),
     [f"{P}:8: themes[0]: 'minimma' is not a theme; did you mean 'minima'?"]),
    ("unknown key with suggestion", P, ("scale: regionaal", "schaal: regionaal"),
     [f"{P}:11: schaal: 'schaal': unknown field; did you mean 'scale'?"]),
    ("wrong type", P, ("whole_region: true", "whole_region: [ja]"),
     [f"{P}:6: whole_region: expected true or false, got a list"]),
    ("missing required field", P, ("summary: Collectieve zorgverzekering voor inwoners met een laag inkomen in de hele Achterhoek.\n", ""),
     [f"{P}:1: summary: required field is missing"]),
    ("unknown region", P, ("regions: [achterhoek]", "regions: [achterhoekk]"),
     [f"{P}:5: regions[0]: 'achterhoekk' is not a region; did you mean 'achterhoek'?"]),
    ("unknown insurer", P, ("insurers: [menzis]", "insurers: [menzies]"),
     [f"{P}:7: insurers[0]: 'menzies' is not an insurer in insurers.yml; did you mean 'menzis'?"]),
    ("dangling source document", P, ("document: inventarisatie-2017", "document: inventaris-2017"),
     [f"{P}:16: sources[0].document: 'inventaris-2017' is not a source document; did you mean 'inventarisatie-2017'?"]),
    ("page beyond the document", P, ("page: 11", "page: 400"),
     [f"{P}:16: sources[0].page: page 400 does not exist: inventarisatie-2017 has 246 pages"]),
    ("impossible year", I, ("period: {start: 2016, end: 2018}", "period: {start: 2016, end: 3018}"),
     [f"{I}:14: period.end: 3018 is out of range (input should be less than or equal to 2100)"]),
    ("end before start", I, ("period: {start: 2016, end: 2018}", "period: {start: 2018, end: 2016}"),
     [f"{I}:14: period.end: end year 2016 is before start year 2018"]),
    ("bad reference date", P, ("reference_date: '2017'", "reference_date: '17'"),
     [f"{P}:17: reference_date: '17' has the wrong form: use 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'"]),
    ("bad added date", P, ("added: '2024-05-02'", "added: '02-05-2024'"),
     [f"{P}:18: added: use the form YYYY-MM-DD, e.g. 2024-03-01"]),
    ("municipality outside its region", P, ("whole_region: true", "municipalities: [aalten, gorinchem]"),
     [f"{P}:6: municipalities[1]: 'gorinchem' is not a municipality of region achterhoek; add its region to regions or fix the id"]),
    ("unknown municipality", I, ("municipalities: [oost-gelre, aalten, doetinchem]", "municipalities: [oost-gelre, aalten, doetinchen]"),
     [f"{I}:4: municipalities[2]: 'doetinchen' is not a municipality in municipalities.yml; did you mean 'doetinchem'?"]),
    ("unknown form value in per-municipality form", I, ("overige: doorontwikkelen", "overige: doorontwikkeling"),
     [f"{I}:10: form.overige: 'doorontwikkeling' is not a form; did you mean 'doorontwikkelen'?"]),
    ("javascript link", I, ("status: lopend", "status: lopend\nlinks:\n  - {title: x, url: 'javascript:alert(1)'}"),
     [f"{I}:15: links[0].url: 'javascript:alert(1)' has the wrong form: use a full address starting with https://"]),
    ("region lists unknown municipality", R, ("municipalities: [aalten, doetinchem, oost-gelre]", "municipalities: [aalten, doetinchem, oost-gelre, lochem]"),
     [f"{R}:2: municipalities[3]: 'lochem' is not a municipality in municipalities.yml; allowed: aalten, doetinchem, "
      "giessenlanden, gorinchem, molenlanden, molenwaard, oost-gelre"]),
    ("register points at unknown region", M, ("region: achterhoek\n  - id: doetinchem", "region: achterhoekk\n  - id: doetinchem"),
     [f"{M}:4: municipalities[0].region: 'achterhoekk' is not a region; did you mean 'achterhoek'?"]),
    ("duplicate id in register", M, ("  - id: gorinchem\n", "  - id: molenwaard\n    name: Molenwaard\n    region: alblasserwaard-vijfheerenlanden\n  - id: gorinchem\n"),
     [f"{M}:17: municipalities[4].id: duplicate id 'molenwaard': already used for Molenlanden"]),
]


@pytest.mark.parametrize("name,file,patch,expected", CASES, ids=[c[0] for c in CASES])
def test_exact_message(mini_copy: Path, name, file, patch, expected):
    target = mini_copy.parent / file
    text = target.read_text(encoding="utf-8")
    assert patch[0] in text, f"fixture changed: {patch[0]!r} not in {file}"
    target.write_text(text.replace(patch[0], patch[1], 1), encoding="utf-8")
    result = run_cli("--content", str(mini_copy), "check", cwd=mini_copy.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().split("\n")
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} error{'s' if len(expected) != 1 else ''} in content; nothing was built."


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
