"""What the finder knows about words, places and topics beyond Pagefind's index.

In:  a `Catalogue`.
Out: plain data for the finder's JavaScript (written as JSON under /zoeken/ by pages/finder.py), and for
     each project the extra words its search entry gets.

    >>> help = finder_help(catalogue)
    >>> expand_places(help["places"])[0]      # normalised name, facet, ids, label
    ('aa en hunze', 'gemeente', ['aa-en-hunze'], 'Aa en Hunze')
    >>> vocabulary(catalogue)["m"]["mantelzorgers"]   # words by first letter, with document frequency
    14
    >>> compound_parts("mantelzorgondersteuning", words)
    ['mantelzorg', 'ondersteuning']

Design (issue #13): Pagefind stays the engine. The finder splits a query into groups: place names
(municipalities today and before a merger, common names such as Den Haag, regions, insurers) become
conditions on Pagefind filters; topic terms (a topic's label or synonym) match the topic's projects as well
as the words; other words are searched as they are. Words the catalogue does not contain are not sent to
Pagefind (which would fall back to a prefix and return junk): the finder says so and offers close words
from this vocabulary ("Bedoelde u …?"). Dutch compounds are split at build time: a long word made of two
catalogue words adds both parts to the project's search entry, so 'ondersteuning' finds
'mantelzorgondersteuning'; the finder splits an unknown compound in a query the same way.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from . import model as m
from .catalogue import Catalogue
from .topics import normal, own_text

MIN_PART = 4        # both parts of a compound have at least this many letters
MIN_COMPOUND = 9    # only words this long are tried as compounds
LINKS = ("", "s", "e", "en")  # Dutch linking sounds between the parts: 'gezondheid-s-centrum'

# A word every project's search entry carries (and no text uses): the finder searches it to get a filtered or
# sorted list of all projects, because a Pagefind search without a word loads every chunk of the index.
EVERY_PROJECT = "catalogusproject"

# Words that carry no subject in a Dutch query; the finder drops them.
STOP_WORDS = sorted({
    "de", "het", "een", "en", "of", "van", "voor", "in", "op", "met", "naar", "bij", "door", "aan", "om", "tot",
    "als", "te", "over", "die", "dat", "er", "is", "zijn", "wat", "hoe", "welke", "waar", "wie", "ook", "niet",
    "project", "projecten", "gemeente", "gemeenten", "regio", "in de", "tussen", "rond", "rondom",
})

# Province abbreviations in municipality names ("Bergen (NH)"), spelled out where two share a name.
PROVINCES = {
    "l": "Limburg", "nh": "Noord-Holland", "zh": "Zuid-Holland", "nb": "Noord-Brabant", "gld": "Gelderland",
    "fr": "Friesland", "gr": "Groningen", "dr": "Drenthe", "o": "Overijssel", "ov": "Overijssel", "u": "Utrecht",
    "ut": "Utrecht", "z": "Zeeland", "ze": "Zeeland", "fl": "Flevoland", "li": "Limburg",
}


def searchable_text(c: Catalogue, p: m.Project) -> str:
    """Roughly what Pagefind indexes of a project page, normalised: its own text, partners and notes."""
    return " ".join([own_text(p), normal(" ".join(p.partners)), normal(p.notes or "")])


def project_words(c: Catalogue) -> dict[str, list[str]]:
    """Project id -> the words of its searchable text, in order (what vocabulary and compound_words read)."""
    return {pid: searchable_text(c, e.item).split() for pid, e in c.projects.items()}


def vocabulary(c: Catalogue, texts: dict[str, list[str]] | None = None,
               compounds: dict[str, list[str]] | None = None) -> dict[str, dict[str, int]]:
    """Every word of the projects' text with the number of projects using it, by first character.
    `texts` and `compounds`: project_words and compound_words of the same catalogue, when the caller has them."""
    texts = project_words(c) if texts is None else texts
    df: Counter[str] = Counter()
    for words in texts.values():
        df.update(set(words))
    for words in (compound_words(c, df, texts) if compounds is None else compounds).values():
        df.update(set(words))
    shards: dict[str, dict[str, int]] = {}
    for word, n in sorted(df.items()):
        if len(word) >= 2:
            shards.setdefault(shard_of(word), {})[word] = n
    return shards


def shard_of(word: str) -> str:
    first = word[:1]
    return first if "a" <= first <= "z" else "0"


def compound_parts(word: str, known: set[str] | Counter) -> list[str]:
    """Split a compound into two catalogue words, the most even split first; [] when it is no compound."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return []
    best: list[str] = []
    best_balance = 0
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        if head not in known:
            continue
        for link in LINKS:
            rest = word[cut:]
            if not rest.startswith(link):
                continue
            tail = rest[len(link):]
            if len(tail) >= MIN_PART and tail in known and tail != word:
                balance = min(len(head), len(tail))
                if balance > best_balance:
                    best, best_balance = [head, tail], balance
    return best


def compound_words(c: Catalogue, known: Counter | None = None,
                   texts: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Project id -> the parts of its compound words (each once, in text order). `known`: the words that count
    as parts (default: every word of the projects); `texts`: project_words(c), when the caller has it."""
    texts = project_words(c) if texts is None else texts
    if known is None:
        known = Counter(w for words in texts.values() for w in set(words))
    cache: dict[str, list[str]] = {}
    out = {}
    for pid, words in texts.items():
        parts: list[str] = []
        for w in dict.fromkeys(words):
            if w not in cache:
                cache[w] = compound_parts(w, known)
            parts += cache[w]
        out[pid] = list(dict.fromkeys(p for p in parts if p not in words))
    return out


class SearchWords:
    """project_words, compound_words and vocabulary of a catalogue, kept from one build to the next: `update(c)`
    redoes only what the projects that changed since the last call touch, and gives what the functions above
    give for `c` (tests/test_cache.py, test_search_index.py).

    A project's words depend on its item alone. A word's compound parts depend on which words the catalogue has
    (`known`): only on its prefixes and its suffixes being among them. So when words enter or leave the
    catalogue, the parts of exactly the words that contain one of them are made again, and the compound parts
    of exactly the projects using such a word or whose own words changed; the vocabulary's counts are adjusted
    by each changed project's old and new word sets, and only shards with a changed count are printed again.
    A catalogue of 2,000 projects has ~40,000 distinct words; a title edit changes a handful."""

    def __init__(self):
        self.items: dict[str, Any] = {}             # project id -> the item its words below were made from
        self.words: dict[str, list[str]] = {}       # project id -> its words in text order (project_words)
        self.unique: dict[str, dict[str, None]] = {}  # project id -> its words once each, in text order
        self.known: Counter[str] = Counter()       # word -> projects using it (compound_words' `known`)
        self.parts: dict[str, list[str]] = {}       # word -> compound_parts(word, known), while still so
        self.compounds: dict[str, list[str]] = {}   # project id -> compound_words(...)[project id]
        self.count: Counter[str] = Counter()       # the vocabulary's counts: words and compound parts
        self.shards: dict[str, dict[str, int]] = {}
        self.texts: dict[str, str] = {}             # shard -> its file's text (dump(shard), see update)

    def update(self, c: Catalogue, dump=None) -> None:
        """Bring everything up to date with `c`; with `dump(shard data) -> text`, also `texts` (the vocabulary
        files, re-printed only for shards whose counts changed)."""
        projects = c.projects
        changed: list[str] = []
        flips: set[str] = set()  # words that entered or left the catalogue
        counted: set[str] = set()  # words whose vocabulary count changed
        for pid in [pid for pid in self.items if pid not in projects]:
            self._words_of(pid, None, flips, counted)
            changed.append(pid)
        for pid, entry in projects.items():
            if self.items.get(pid) is not entry.item:
                self._words_of(pid, searchable_text(c, entry.item).split(), flips, counted)
                self.items[pid] = entry.item
                changed.append(pid)
        # parts made from a word that came or went are no longer certain
        flips = {w for w in flips if len(w) >= MIN_PART}
        stale: set[str] = set()
        if len(flips) <= 8:  # a few (an edit): look for them inside every word
            stale = {w for w in self.parts if any(f in w for f in flips)} if flips else set()
        else:  # many (a file added or removed): look up every word's prefixes and suffixes
            stale = {w for w in self.parts if any(w[:i] in flips or w[-i:] in flips
                                                  for i in range(MIN_PART, len(w) - MIN_PART + 1))}
        for w in stale:
            del self.parts[w]
        redo = set(changed)
        if stale:
            redo.update(pid for pid, unique in self.unique.items() if not stale.isdisjoint(unique))
        for pid in redo:
            self._compounds_of(pid, pid in projects, counted)
        for w in counted:
            shard = self.shards.setdefault(shard_of(w), {})
            n = self.count.get(w, 0)
            if n and len(w) >= 2:
                shard[w] = n
            else:
                shard.pop(w, None)
        touched = {shard_of(w) for w in counted}
        for shard in [s for s in touched if not self.shards.get(s)]:
            self.shards.pop(shard, None)
            self.texts.pop(shard, None)
        self.shards = dict(sorted(self.shards.items()))  # the order vocabulary() gives: '0' first, then a-z
        if dump is not None:
            self.texts = {shard: self.texts[shard] if shard not in touched and shard in self.texts else dump(data)
                          for shard, data in self.shards.items()}
        # the project order of a cold build
        self.words = {pid: self.words[pid] for pid in projects}
        self.compounds = {pid: self.compounds[pid] for pid in projects}

    def _words_of(self, pid: str, words: list[str] | None, flips: set[str], counted: set[str]) -> None:
        """Replace project `pid`'s words (None: the project is gone) in the word counts."""
        old = self.unique.get(pid, {})
        new = dict.fromkeys(words) if words is not None else {}
        for w in old:
            if w not in new:
                self.known[w] -= 1
                self.count[w] -= 1
                counted.add(w)
                if not self.known[w]:
                    del self.known[w]
                    flips.add(w)
                if not self.count[w]:
                    del self.count[w]
        for w in new:
            if w not in old:
                if w not in self.known:
                    flips.add(w)
                self.known[w] += 1
                self.count[w] += 1
                counted.add(w)
        if words is None:
            for store in (self.unique, self.words, self.items):
                store.pop(pid, None)
        else:
            self.unique[pid], self.words[pid] = new, words

    def _compounds_of(self, pid: str, present: bool, counted: set[str]) -> None:
        old = set(self.compounds.pop(pid, []))
        new: list[str] = []
        if present:
            unique, parts = self.unique[pid], []
            for w in unique:
                if len(w) >= MIN_COMPOUND and w.isalpha():  # (compound_parts is [] for any other word)
                    found = self.parts.get(w)
                    if found is None:
                        found = self.parts[w] = compound_parts(w, self.known)
                    parts += found
            new = list(dict.fromkeys(p for p in parts if p not in unique))
            self.compounds[pid] = new
        for w in old.difference(new):
            self.count[w] -= 1
            counted.add(w)
            if not self.count[w]:
                del self.count[w]
        for w in set(new).difference(old):
            self.count[w] += 1
            counted.add(w)


def place_label(name: str) -> str:
    """'Bergen (NH)' -> 'Bergen (Noord-Holland)'."""
    found = re.fullmatch(r"(.*)\((\w+)\)\s*", name)
    if found and found.group(2).lower() in PROVINCES:
        return f"{found.group(1).strip()} ({PROVINCES[found.group(2).lower()]})"
    return name


def compact_places(places: list[tuple[str, str, list[str], str]]) -> dict[str, list[Any]]:
    """(normalised name, facet, ids, label) -> {facet: [entry, ...]}, each entry as short as the finder can
    expand it (zoeken.js prepare): the label alone when the name is the label normalised and the only id is
    the name with hyphens; else [label, name] (0 for that name) and the ids when they differ. A region's label
    carries no "regio " (the finder adds it). Every visitor loads this file before the first result."""
    out: dict[str, list[Any]] = {}
    for name, facet, ids, label in places:
        if facet == "regio":
            label = label.removeprefix("regio ")
        entry: list[Any] = [label, 0 if label.isascii() and normal(label) == name else name]
        if ids != [name.replace(" ", "-")]:
            entry.append(ids)
        out.setdefault(facet, []).append(entry[0] if len(entry) == 2 and entry[1] == 0 else entry)
    return out


def expand_places(compact: dict[str, list[Any]]) -> list[tuple[str, str, list[str], str]]:
    """The inverse of compact_places (as zoeken.js reads it; the tests use it)."""
    out = []
    for facet, entries in compact.items():
        for entry in entries:
            label, name, *rest = [entry, 0] if isinstance(entry, str) else entry
            name = name or normal(label)
            out.append((name, facet, rest[0] if rest else [name.replace(" ", "-")],
                        f"regio {label}" if facet == "regio" else label))
    return sorted(out)


def place_names(c: Catalogue) -> list[tuple[str, str, list[str], str]]:
    """Every name the finder reads as a place: (normalised name, facet, ids, label), in name order."""
    places: dict[tuple[str, str], dict[str, Any]] = {}

    def add(name: str, facet: str, ident: str, label: str) -> None:
        key = (normal(name), facet)
        if not key[0]:
            return
        entry = places.setdefault(key, {"ids": [], "labels": []})
        if ident not in entry["ids"]:
            entry["ids"].append(ident)
            entry["labels"].append(label)

    for mid, mu in c.municipalities.items():
        label = place_label(mu.name)
        add(mu.name, "gemeente", mid, label)
        add(re.sub(r"\s*\(.*\)\s*$", "", mu.name), "gemeente", mid, label)  # 'Bergen' finds both Bergens
        for other in mu.also_known_as:
            add(other, "gemeente", mid, label)
        for former in mu.former:
            add(former.name, "gemeente", mid, f"{former.name} (sinds {former.year} {mu.name})")
    for rid, entry in c.regions.items():
        add(entry.item.name, "regio", rid, f"regio {entry.item.name}")
    for iid, insurer in c.insurers.items():
        add(insurer.name, "verzekeraar", iid, insurer.name)
    return [(name, facet, v["ids"], " of ".join(v["labels"])) for (name, facet), v in sorted(places.items())]


def finder_help(c: Catalogue) -> dict[str, Any]:
    """Places, insurers and topic terms the finder recognises in a query, and the stop words it drops."""
    # label, terms, number of projects (the finder asks Pagefind for a topic's projects only when it has any)
    topics = {t.id: [t.label, sorted({normal(x) for x in [t.label, *t.synonyms]} - {""}),
                     len(c.projects_by_topic.get(t.id, []))]
              for t in c.taxonomy.topics}
    return {
        "places": compact_places(place_names(c)),
        "topics": topics,
        "stop": STOP_WORDS,
        "count": len(c.projects),
        "all": EVERY_PROJECT,
    }
