"""What the site stage costs once every page kind emits an HTML body (issue #15): a projection, not our build.

Several page kinds (project, region, theme, municipality, insurer, source, home, finder, overview, data) are
being rewritten by their owners to emit HTML bodies; until then their templates write Markdown. This script
takes a built site, turns each page's rendered article back into an HTML body (front matter kept, the
permalinks and the edit button left out, which MkDocs adds again), and times `mkdocs build --strict` of that
folder with our mkdocs.yml, next to the same for the Markdown our generator wrote. Both sites should look
the same; `--check` compares their articles.

    python benchmarks/html_projection.py --out /tmp/catalogus-bench/out-2000   # after run.py built it
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
_EDIT = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', re.DOTALL)
_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*" title="Permanent link">&para;</a>')
_PRE = re.compile(r"(<pre.*?</pre>)", re.DOTALL)


def html_body(article: str) -> str:
    article = _PERMALINK.sub("", _EDIT.sub("", article))
    parts = _PRE.split(article)
    for i in range(0, len(parts), 2):  # outside <pre>: no blank lines, no indentation
        parts[i] = "\n".join(line.strip() for line in parts[i].split("\n") if line.strip())
    body = "".join(parts).strip()
    return body if body.startswith("<") else f"<div>{body}</div>"


def project(docs: Path, site: Path, target: Path) -> int:
    """Write target/ as docs/ with every page's body replaced by its HTML from site/; returns pages converted."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(docs, target)
    converted = 0
    for page in sorted(target.rglob("*.md")):
        relative = page.relative_to(target).as_posix()[:-3]
        served = relative[:-len("index")] if relative.endswith("index") else relative + "/"
        html_file = site / served / "index.html" if served else site / "index.html"
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---\n") or not html_file.exists():
            continue
        _, front, body = text.split("---\n", 2)
        if "template: redirect.html" in front or not body.strip():
            continue
        match = _ARTICLE.search(html_file.read_text(encoding="utf-8"))
        if not match:
            continue
        page.write_text(f"---\n{front}---\n{html_body(match.group(1))}\n", encoding="utf-8")
        converted += 1
    return converted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="an --out folder of `catalogus build`")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    docs, site = args.out / "build" / "docs", args.out / "site"
    target = args.out / "build" / "docs-html"
    print(f"converted {project(docs, site, target)} pages to HTML bodies in {target}")
    env = {**run.ENV, "CATALOGUS_GENERATED": "1", "SOURCE_DATE_EPOCH": "0"}
    results: dict[str, list[dict]] = {"markdown": [], "html": []}
    for i in range(args.repeat):
        for name, folder in ([("markdown", docs), ("html", target)] if i % 2 == 0 else [("html", target), ("markdown", docs)]):
            out = args.out / f"projection-{name}"
            shutil.rmtree(out, ignore_errors=True)
            command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                       "-d", str(out)]
            results[name].append(run.measure(command, {**env, "CATALOGUS_DOCS_DIR": str(folder)}))
    for name, runs in results.items():
        print(f"mkdocs build of our {name:8} bodies: {statistics.median(r['wall'] for r in runs):7.2f} s wall "
              f"{statistics.median(r['cpu'] for r in runs):7.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
