"""The editors' guide (/bijdragen/) is generated: every field from the model, every term from the taxonomy,
and a worked example that is a real project file."""
from __future__ import annotations

import html
import re

import yaml

from conftest import MINI, ROOT
from generator import model as m
from generator.build import Paths, generate
from generator.catalogue import load_catalogue
from generator.diagnostics import Diagnostics
from generator.text import html_content


def guide(tmp_path) -> str:
    paths = Paths.at(ROOT, MINI, tmp_path)
    assert not generate(paths).diagnostics
    return (paths.docs / "bijdragen.md").read_text(encoding="utf-8")


def _rows(text: str) -> dict[str, list[str]]:
    """The guide's table rows (its body is HTML, generator/html_body.py): id in <code> -> the other cells."""
    rows = {}
    for row in re.findall(r"<tr>\n(.*?)\n</tr>", text, re.S):
        cells = re.findall(r"<td>(.*?)</td>", row)
        found = re.fullmatch(r"<code>([a-z0-9_-]+)</code>", cells[0]) if cells else None
        if found:
            rows.setdefault(found.group(1), cells[1:])
    return rows


def test_every_field_and_term_is_explained(tmp_path):
    text = guide(tmp_path)
    rows = _rows(text)
    for name, info in m.Project.model_fields.items():
        assert name in rows, f"field {name} missing from the guide"
        assert html_content(info.description) in rows[name]
    assert rows["title"][:2] == ["tekst (max. 400 tekens)", "verplicht"]
    assert rows["status"][:2] == ["id", 'standaard "onbekend"']
    catalogue = load_catalogue(MINI, Diagnostics())
    for vocabulary in ("themes", "forms", "instruments", "scales", "statuses", "kinds", "quirks"):
        for term in getattr(catalogue.taxonomy, vocabulary):
            assert f"<td><code>{term.id}</code></td>\n<td>{html_content(term.label)}</td>" in text, (vocabulary, term.id)
    assert "<td><code>ontwikkelproject</code></td>\n<td>Ontwikkelproject</td>\n<td>+++ / +++</td>" in text


def test_worked_example_is_the_project_file_of_a_real_project(tmp_path):
    text = guide(tmp_path)
    match = re.search(r"Zo ziet het bestand <code>content/projects/([a-z0-9-]+)\.yml</code>.*?<pre><code>(.*?)\n</code></pre>",
                      text, re.S)
    assert match, "no worked example"
    code = html.unescape(match.group(2))  # &amp;, &lt;, and &#10; for an empty line (no blank line in an HTML body)
    assert code.startswith("# yaml-language-server: $schema=../../schema/project.schema.json\n")
    catalogue = load_catalogue(MINI, Diagnostics())
    assert m.Project.model_validate(yaml.safe_load(code)) == catalogue.projects[match.group(1)].item
