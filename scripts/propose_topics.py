"""Propose topics for projects from the synonyms in content/taxonomy.yml, and (with --write) add them.

    python scripts/propose_topics.py                 # print proposals: project, topic, the passage that supports it
    python scripts/propose_topics.py --topic epa     # only one topic
    python scripts/propose_topics.py --write         # add proposed topics to the project files
    python scripts/propose_topics.py --write --reject FILE   # ... except the (project, topic) pairs in FILE

A proposal is a topic whose label or synonym occurs in the project's own text (generator.topics.own_text).
Proposals are checked by a person before writing: FILE lists the rejected pairs, one 'project-id topic-id'
per line (# comments allowed), so a rerun does not propose them again.

--write changes a project file only by inserting or replacing its one `topics:` line (after the themes), so
comments, folding and the schema comment stay as the editor wrote them. Topics already in a file are kept.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalogue import load_catalogue  # noqa: E402
from generator.diagnostics import Diagnostics  # noqa: E402
from generator.topics import mention, own_text  # noqa: E402

TOP_KEY = re.compile(r"^([a-z_]+):")


def insert_topics(text: str, topics: list[str]) -> str:
    """The file with one line `topics: [a, b]`: replaces an existing top-level topics line, else goes after
    the themes_other or themes block, else before sources."""
    lines = text.split("\n")
    line = f"topics: [{', '.join(topics)}]"
    keys = [(i, TOP_KEY.match(l).group(1)) for i, l in enumerate(lines) if TOP_KEY.match(l)]
    for i, key in keys:
        if key == "topics":
            end = next((j for j, _ in keys if j > i), len(lines))
            return "\n".join(lines[:i] + [line] + lines[end:])
    for anchor in ("themes_other", "themes"):
        found = [n for n, (i, key) in enumerate(keys) if key == anchor]
        if found:
            n = found[0]
            end = keys[n + 1][0] if n + 1 < len(keys) else len(lines)
            return "\n".join(lines[:end] + [line] + lines[end:])
    at = next(i for i, key in keys if key == "sources")
    return "\n".join(lines[:at] + [line] + lines[at:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--content", type=Path, default=ROOT / "content")
    ap.add_argument("--topic", help="only this topic id")
    ap.add_argument("--reject", type=Path, help="file of rejected 'project-id topic-id' pairs")
    ap.add_argument("--write", action="store_true", help="write the accepted proposals into the project files")
    args = ap.parse_args()
    diagnostics = Diagnostics()
    c = load_catalogue(args.content, diagnostics)
    if c is None:
        print(diagnostics.report() if hasattr(diagnostics, "report") else "content has errors; run catalogus check")
        return 1
    rejected = set()
    if args.reject and args.reject.exists():
        for raw in args.reject.read_text(encoding="utf-8").splitlines():
            raw = raw.split("#")[0].split()
            if len(raw) == 2:
                rejected.add((raw[0], raw[1]))
    topics = [t for t in c.taxonomy.topics if not args.topic or t.id == args.topic]
    changed = 0
    for pid, entry in c.projects.items():
        text = own_text(entry.item)
        proposed = []
        for t in topics:
            if (pid, t.id) in rejected or t.id in entry.item.topics:
                continue
            passage = mention(t, text)
            if passage:
                proposed.append(t.id)
                print(f"{pid}\t{t.id}\t…{passage}…")
        if args.write and proposed:
            order = [t.id for t in c.taxonomy.topics]
            wanted = sorted(set(entry.item.topics) | set(proposed), key=order.index)
            old = entry.path.read_text(encoding="utf-8")
            new = insert_topics(old, wanted)
            if new != old:
                entry.path.write_text(new, encoding="utf-8")
                changed += 1
    if args.write:
        print(f"{changed} project file(s) changed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
