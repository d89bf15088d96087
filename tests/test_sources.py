"""The sources stage: bytes and YAML syntax problems become diagnostics with a line, never exceptions."""
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics, line_of
from generator.sources import parse_yaml, read_yaml_file


def load(tmp_path: Path, raw: bytes):
    path = tmp_path / "x.yml"
    path.write_bytes(raw)
    diagnostics = Diagnostics()
    doc = read_yaml_file(path, diagnostics)
    return doc, [d.format(root=tmp_path) for d in diagnostics.sorted()]


def test_duplicate_key_is_reported_at_its_line(tmp_path):
    doc, errors = load(tmp_path, b"title: a\nsummary: b\ntitle: c\n")
    assert doc is None
    assert errors == ["x.yml:3: title: duplicate key; a field may appear only once"]


def test_syntax_error_names_the_line(tmp_path):
    doc, errors = load(tmp_path, b"title: a\nthemes: [preventie\nsummary: b\n")
    assert doc is None
    assert len(errors) == 1 and errors[0].startswith("x.yml:3: YAML syntax error:")


def test_tab_indentation(tmp_path):
    _, errors = load(tmp_path, b"title: a\nperiod:\n\tstart: 2016\n")
    assert errors == ["x.yml:3: tab character in indentation; use spaces"]


def test_bom_and_crlf_are_accepted(tmp_path):
    doc, errors = load(tmp_path, b"\xef\xbb\xbftitle: a\r\nsummary: b\r\n")
    assert errors == []
    assert doc.data == {"title": "a", "summary": "b"}


def test_non_utf8_bytes(tmp_path):
    _, errors = load(tmp_path, b"title: a\nsummary: caf\xe9\n")
    assert errors == ["x.yml:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_empty_file(tmp_path):
    _, errors = load(tmp_path, b"\n")
    assert errors == ["x.yml:1: file is empty"]


def test_dates_stay_text_as_written():
    data, _ = parse_yaml("added: 2026-11-22\nreference_date: 2017\n", Path("x"), Diagnostics())
    assert data == {"added": "2026-11-22", "reference_date": 2017}


def test_line_of_walks_the_field_path():
    _, node = parse_yaml("a: 1\nb:\n  - x\n  - y\n", Path("x"), Diagnostics())
    assert line_of(node, ["b", 1]) == 4
    assert line_of(node, ["c"]) == 1  # a missing field points at its parent


@pytest.mark.parametrize("text", [
    "a: 1\n1: 2\nb: [x, {c: 1, c: 2}]\n? [k]\n: v\nyes: 1\n",
    "- {a: 1, a: 2}\n- [ {b: 1, 2: 3} ]\n- {? {x: 1, x: 2} : 3}\n",
    "title: A & B\nx: {y: {z: 1, z: 2}}\n",
])
def test_the_check_for_files_without_anchors_finds_what_the_full_check_finds(text):
    from generator.sources import _FastLoader, _key_problems, _tree_key_problems

    loader = _FastLoader(text)
    node = loader.get_single_node()
    found = [(key.start_mark.line, message) for key, message in _tree_key_problems(node)]
    assert found and found == [(key.start_mark.line, message) for key, message in _key_problems(node)]
