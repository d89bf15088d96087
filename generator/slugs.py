"""Slugs: the one rule that turns a name into an id and a URL segment.

    >>> slugify("’s-Gravenhage")
    's-gravenhage'
    >>> slugify("Zorg&Zekerheid")
    'zorg-en-zekerheid'
    >>> slugify("Súdwest-Fryslân")
    'sudwest-fryslan'
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[’'‘`´]")
_OTHER = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int | None = None) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _APOSTROPHES.sub("", text.replace("&", " en ").lower())
    slug = _OTHER.sub("-", text).strip("-")
    if max_length and len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug
