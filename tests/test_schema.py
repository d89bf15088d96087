"""The JSON Schemas: every content file names its schema, validates against it, and the site publishes them."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, run_cli
from generator.diagnostics import Diagnostics
from generator.schema import COMMENT_PREFIX, schema_name
from generator.sources import read_yaml_file

CONTENT = ROOT / "content"
FILES = sorted(p for p in CONTENT.rglob("*.y*ml") if schema_name(p.relative_to(CONTENT)))


def schema_of(path: Path) -> tuple[str, dict]:
    line = next(l for l in path.read_text(encoding="utf-8").split("\n") if l.startswith(COMMENT_PREFIX))
    target = (path.parent / line.removeprefix(COMMENT_PREFIX)).resolve()
    return target.name, json.loads(target.read_text(encoding="utf-8"))


def test_every_content_file_has_the_right_schema_comment():
    assert len(FILES) > 400  # projects, regions, sources, taxonomy, registers and the example file
    assert CONTENT / "projects" / "_voorbeeld.yml" in FILES
    for path in FILES:
        comments = [l for l in path.read_text(encoding="utf-8").split("\n") if l.startswith(COMMENT_PREFIX)]
        assert len(comments) == 1, f"{path}: needs one schema comment (scripts/add_schema_comments.py)"
        name, _ = schema_of(path)
        assert name == f"{schema_name(path.relative_to(CONTENT))}.schema.json", path


def validator(path: Path) -> jsonschema.Draft202012Validator:
    _, schema = schema_of(path)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("folder", ["projects", "regions", "sources", "."])
def test_every_content_file_validates_against_its_schema(folder):
    checked = [path for path in FILES if path.parent == CONTENT / folder]
    assert checked
    for path in checked:
        doc = read_yaml_file(path, Diagnostics())
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(path).iter_errors(doc.data)]
        assert not errors, f"{path}: {errors[:3]}"


def test_a_broken_project_is_rejected_by_the_schema(tmp_path):
    example = CONTENT / "projects" / "_voorbeeld.yml"
    data = read_yaml_file(example, Diagnostics()).data
    broken = {**data, "themes": ["ouderzorg"], "status": "bezig", "kleur": "rood", "added": 2024}
    del broken["summary"]
    messages = sorted(e.message for e in validator(example).iter_errors(broken))
    assert any("'ouderzorg' is not one of" in m for m in messages)
    assert any("'bezig' is not one of" in m for m in messages)
    assert any("'kleur' was unexpected" in m for m in messages)
    assert any("'summary' is a required property" in m for m in messages)
    assert any("2024 is not of type 'string'" in m for m in messages)


def test_new_writes_the_schema_comment(mini_copy):
    assert run_cli("--content", str(mini_copy), "new", "region", "--title", "Nieuwe regio").returncode == 0
    path = mini_copy / "regions" / "nieuwe-regio.yml"
    assert path.read_text(encoding="utf-8").startswith(f"{COMMENT_PREFIX}../../schema/region.schema.json\n")


def test_site_publishes_the_schemas(real_site):
    site = real_site / "site"
    for path in sorted((ROOT / "schema").glob("*.schema.json")):
        assert (site / "data" / "schema" / path.name).read_bytes() == path.read_bytes()
    assert 'href="schema/project.schema.json"' in (site / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/schema/project.schema.json"' in (site / "bijdragen" / "index.html").read_text(encoding="utf-8")
