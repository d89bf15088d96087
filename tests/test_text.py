"""Editors' text: the shortcut for plain paragraphs (text._plain_paragraphs) gives what Python-Markdown and nh3
give, on the real catalogue's texts and on generated texts full of near misses."""
import random

import pytest

from generator import text
from generator.build import Paths, check

# Every character the shortcut must refuse or pass through correctly, and the whitespace that shapes blocks.
_ALPHABET = list("abcdeéëAZ019 .,;:'\"()/%€?!=+@–—‘’“”…-") + ["&", "<", ">", "*", "_", "`", "[", "]", "\\", "{",
    "}", "#", "|", "~", "\u00a0", "\t", "\n", "\n\n", "  ", "1. ", "- ", "> ", "&amp;", "<b>", "http://x.nl",
    "\u2028", "😀", "==", "--"]


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    words = ["Zorg", "gemeente", "wijkteam", "2017", "Den Haag", "a", "e-health"]
    out = []
    for _ in range(count):
        parts = [rng.choice(_ALPHABET if rng.random() < 0.6 else words) for _ in range(rng.randint(1, 14))]
        out.append("".join(parts))
    return out


def _real_texts() -> list[str]:
    catalogue = check(Paths()).catalogue
    texts = set()
    for entry in catalogue.projects.values():
        item = entry.item
        texts.update(t for t in [item.description, item.funding, item.notes, *item.goals, *item.results] if t)
    return sorted(texts)


def test_plain_paragraphs_print_as_python_markdown_does_on_the_real_texts():
    texts = _real_texts()
    shortcut = [t for t in texts if text._plain_paragraphs(t) is not None]
    assert len(shortcut) > len(texts) / 2  # the shortcut is the common case, not a corner
    for t in shortcut:
        assert text._plain_paragraphs(t) == text._markdown_html(t), t


@pytest.mark.parametrize("seed", range(4))
def test_plain_paragraphs_print_as_python_markdown_does_on_near_misses(seed):
    taken = 0
    for t in _random_texts(seed, 3000):
        fast = text._plain_paragraphs(t)
        if fast is not None:
            taken += 1
            assert fast == text._markdown_html(t), repr(t)
    assert taken > 100  # the generated texts do reach the shortcut


@pytest.mark.parametrize("value", ["1. Eerste", "Regel een\nregel twee", "Tekst  ", " Tekst", "a & b", "a <b>x</b>",
                                   "a *nadruk*", "snake_case", "Zie [site](https://x.nl)", "Prijs\u00a0€ 5",
                                   "# Kop", "Tekst\n\n\nmeer", "", "a {b}"])
def test_text_with_meaning_goes_through_python_markdown(value):
    assert text._plain_paragraphs(value) is None
