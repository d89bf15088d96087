"""Cells: how one project field is written into, and read back from, one spreadsheet cell.

Both directions live here so that `export` and `importer` cannot disagree:

    >>> encode("themes", ["ouderen", "ggz"])
    'ouderen; ggz'
    >>> split_list("ouderen; ggz")
    ['ouderen', 'ggz']
    >>> encode("period", {"start": 2016, "end": 2018})
    '{"end": 2018, "start": 2016}'

Rules (the data dictionary on /data/ repeats them for users):
- lists are joined with '; '; a list whose items contain ';' or a line break is written as a JSON array instead;
- nested fields (form per municipality, period, targets, links, sources, as_printed) are JSON text;
- true/false are 'ja'/'nee'; dates are YYYY-MM-DD; an unset field is an empty cell;
- in CSV, a cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading
  apostrophe (`neutralise`); `restore` takes it off again when a CSV is imported:

    >>> neutralise('=HYPERLINK("http://x")'), restore("'=HYPERLINK(\"http://x\")")
    ("'=HYPERLINK(\"http://x\")", '=HYPERLINK("http://x")')
"""
from __future__ import annotations

import json
import re
from typing import Any

LIST_SEPARATOR = "; "
# OWASP "CSV injection": what spreadsheet programs read as the start of a formula. Cells that already start
# with apostrophes before such a character get one more, so that `restore` gives back exactly what was written.
_FORMULA = re.compile(r"\A'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"\A'+[=+\-@\t\r]")
NESTED = {"form", "period", "targets", "links", "sources", "as_printed"}
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "x", "1"}
FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0", ""}


def encode(field: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if field in NESTED and not isinstance(value, str) or isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list):
        items = [str(v) for v in value]
        joined = LIST_SEPARATOR.join(items)
        if any(";" in item or "\n" in item for item in items) or joined.startswith("["):
            return json.dumps(items, ensure_ascii=False)
        return joined
    return str(value)


def split_list(text: str) -> list[str]:
    """'a; b' -> ['a', 'b']; a JSON array of texts is read as such (see `encode`)."""
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
    return [part.strip() for part in text.split(";") if part.strip()]


def parse_bool(text: str) -> bool | None:
    """'ja'/'nee' (and true/false, x, 1/0); None when it is neither."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def neutralise(cell: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: a leading apostrophe where it would."""
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    """The cell as written before `neutralise` (for reading our own CSV back)."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell
