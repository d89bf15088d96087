"""One-off (and re-runnable): put the right `# yaml-language-server: $schema=…` line in every content file.

    .venv/bin/python scripts/add_schema_comments.py [CONTENT]

A file that has the comment keeps it where it is (corrected if the path is wrong); otherwise it becomes the first
line. Nothing else in a file changes. `tests/test_schema.py` checks that every content file has it.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.schema import add_comment, schema_name  # noqa: E402


def main(content: Path) -> int:
    changed = 0
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content)
        if not path.is_file() or schema_name(relative) is None:
            continue
        text = path.read_text(encoding="utf-8")
        new = add_comment(text, relative)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    print(f"schema comment added or corrected in {changed} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "content"))
