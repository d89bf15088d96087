"""Topics: does a project's own text mention a topic (its label or one of its synonyms)?

In:  a `TopicTerm` (label + synonyms) and a project.
Out: the first matching passage, or None.

    >>> mention(topic_schulden, project)
    'vroegsignalering van schulden'

One matcher serves three users: the proposal script (scripts/propose_topics.py) that suggests topics,
the test that guards every assignment against the project's text, and the search index. A term matches
at the start of a word; a short term (under 7 letters: 'epa', 'wonen') must also end the word, apart from
Dutch inflections ('epa's', 'jongeren'), so 'wonen' does not match 'woonwijk' nor 'werk' 'werkagenda';
a longer term may start a compound ('mantelzorg' in 'mantelzorgondersteuning').
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import model as m

COMPOUND_MIN = 7  # a term of at least this many letters also matches as the first part of a compound
_INFLECTION = r"(?:e|en|s|n|r|er|ers|es|'s)?"


def normal(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: 'POH-GGZ’s' -> 'poh ggz s'; '18-/18+' -> '18 18+'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.findall(r"[a-z0-9]+\+?", plain))


@lru_cache(maxsize=4096)
def pattern(term: str) -> re.Pattern[str]:
    words = normal(term).split()
    body = r"\s".join(re.escape(w) for w in words)
    last = words[-1] if words else ""
    tail = "" if len(last) >= COMPOUND_MIN or last.endswith("+") else _INFLECTION + r"(?![a-z0-9])"
    return re.compile(r"(?<![a-z0-9])" + body + tail)


def terms(topic: m.TopicTerm) -> list[str]:
    return [topic.label, *topic.synonyms]


def own_text(p: m.Project) -> str:
    """What the project itself says: title, summary, description, goals, targets, results, free themes.
    Not partners, notes or sources: those describe who or where, or how the source was processed."""
    parts = [p.title, p.summary, p.description or "", *p.goals, *(t.description for t in p.targets),
             *p.results, *p.themes_other]
    return normal(" \n ".join(parts))


def mention(topic: m.TopicTerm, text: str) -> str | None:
    """The matched words of the first term of `topic` found in `text` (already `normal`), else None."""
    for term in terms(topic):
        found = pattern(term).search(text)
        if found:
            start, end = found.span()
            return text[max(0, start - 30):end + 30].strip()
    return None
