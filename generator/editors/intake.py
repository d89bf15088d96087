"""Intake: a submitted "Nieuw project" issue form -> one project file, through the importer's rules.

In:  the issue body as GitHub renders a submitted form: a `### <label>` heading per field, the answer below it,
     `_No response_` for an empty field, checkboxes as `- [x] <option>`; and the form itself
     (.github/ISSUE_TEMPLATE/nieuw-project.yml), which maps each label to its field id.
Out: an `ImportPlan` with one file, or problems naming the form field: `ISSUE: field 'Thema's': …`.

    >>> plan = plan_issue("issue.md", Path("content"), Defaults(), Path(".github/ISSUE_TEMPLATE"))

The field ids of the form are project fields (title, summary, regions, themes, …) except `source`, which is read
like the spreadsheet's 'Bron' column: a source document (id or title) with an optional page ('…, p. 12').
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from .importer import Defaults, ImportPlan, Row, load_for_import, plan_rows

FORM = "nieuw-project.yml"
NO_RESPONSE = "_No response_"
HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*$", re.M)
CHECKBOX = re.compile(r"^\s*[-*]\s*\[([ xX])\]\s*(.+?)\s*$")
# form answers that mean "not given"
UNKNOWN = {"weet ik niet", "onbekend", "none"}
SKIP_WHEN_UNKNOWN = {"form", "scale"}


def form_fields(template_dir: Path) -> dict[str, dict]:
    """label -> the form element (id, type, options) from the issue template."""
    data = yaml.safe_load((template_dir / FORM).read_text(encoding="utf-8"))
    return {item["attributes"]["label"]: item for item in data.get("body", [])
            if isinstance(item, dict) and "id" in item and "label" in item.get("attributes", {})}


def sections(body: str) -> dict[str, str]:
    """'### Label\\n\\nvalue' sections of an issue body -> {label: value}."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    out: dict[str, str] = {}
    headings = list(HEADING.finditer(body))
    for index, match in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        value = body[match.end():end].strip()
        out[match.group(1).strip()] = "" if value == NO_RESPONSE else value
    return out


def answer(element: dict, value: str) -> str:
    """The text of one answer: checked checkbox options become 'ja' for a single box, or a '; ' list."""
    if element.get("type") != "checkboxes":
        return value
    checked = [m.group(2) for line in value.split("\n") if (m := CHECKBOX.match(line)) and m.group(1) != " "]
    if len(element["attributes"].get("options", [])) == 1:
        return "ja" if checked else ""
    return "; ".join(checked)


def read_body(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    return Path(file).read_text(encoding="utf-8-sig")


def plan_issue(file: str, content: Path, defaults: Defaults, template_dir: Path) -> ImportPlan:
    plan = ImportPlan("issue" if file == "-" else file, unit="field")
    try:
        body = read_body(file)
        fields = form_fields(template_dir)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        plan.problem(None, None, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        return plan
    catalogue = load_for_import(plan, content)
    if catalogue is None:
        return plan
    given = sections(body)
    if not any(label in given for label in fields):
        plan.problem(None, None, "no answers of the 'Nieuw project' form found (expected '### <question>' sections)")
        return plan
    cells, headers = {}, {}
    for label, element in fields.items():
        name = "source" if element["id"] == "source" else element["id"]
        headers[name] = label
        value = answer(element, given.get(label, ""))
        if name in SKIP_WHEN_UNKNOWN and value.strip().lower() in UNKNOWN:
            value = ""
        if value:
            cells[name] = value
    for label, value in given.items():
        if label not in fields and value:
            plan.problem(None, label, "not a question of the 'Nieuw project' form; remove it or move the answer")
    return plan_rows(plan, [Row(0, cells, headers, free_text=True)], catalogue, content, defaults)
