"""How fast hostile and broken content files are answered, and what the guards cost on good content.

    python benchmarks/hostile.py            # prints one line per case: seconds and the first message

Each hostile file is put into a copy of the fixture catalogue and `catalogus check` runs on it in a fresh
process (so a hang or a crash shows as such); the target is well under a second each. Then the real content
is read with the YAML guards (every file through `sources.read_content`) and every page of a built site gets
its Content-Security-Policy (`csp.with_policy`), to show what the guards add to a build.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
PROJECT = "projects/minimacontract-achterhoek.yml"

LAUGHS = "title: x\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9))
CASES = {
    "billion laughs (1.2 kB, 10^9 values)": LAUGHS,
    "alias inside itself": "title: x\npartners: &p [*p]\n",
    "merge-key laughs": "a: &a {x: 1, y: 2}\n" + "".join(f"k{i}: {{<<: *a}}\n" for i in range(10_000)),
    "500,000 nested brackets (1 MB)": "partners: " + "[" * 499_990 + "]" * 499_990 + "\n",
    "300,000 nested block lists": "title: x\npartners:\n" + "- " * 300_000 + "x\n",
    "1,400 nested mappings by indentation": "".join(" " * i + f"k{i}:\n" for i in range(1_400)) + " " * 1_400 + "x\n",
    "100,000 aliases of one value": "a: &a x\nb: [" + ", ".join(["*a"] * 100_000) + "]\n",
    "NUL byte": "title: x\nsummary: a\x00b\n",
    "1.1 MB of text": "title: x\nnotes: " + "x" * 1_100_000 + "\n",
}


def check(content: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(ROOT), "--content", str(content),
                           "check"], capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - start
    first = (done.stderr.strip().splitlines() or [done.stdout.strip()])[0]
    return seconds, done.returncode, first


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        baseline = Path(temporary) / "baseline" / "content"
        shutil.copytree(MINI, baseline)
        seconds, code, _ = check(baseline)
        print(f"{'fixture catalogue, unchanged (process start included)':55s} {seconds:6.2f} s  exit {code}")
        for name, text in CASES.items():
            content = Path(temporary) / re.sub(r"\W+", "-", name) / "content"
            shutil.copytree(MINI, content)
            (content / PROJECT).write_text(text, encoding="utf-8")
            seconds, code, first = check(content)
            print(f"{name:55s} {seconds:6.2f} s  exit {code}  {first[:110]}")

    from generator.diagnostics import Diagnostics
    from generator.sources import read_content

    start = time.perf_counter()
    docs = read_content(ROOT / "content", Diagnostics())
    files = sum(len(v) for v in docs.values())
    print(f"{'read the real content with the guards':55s} {time.perf_counter() - start:6.2f} s  ({files} files)")

    site = ROOT / "site"
    pages = sorted(site.rglob("*.html")) if site.is_dir() else []
    if pages:
        from generator.csp import with_policy

        meta = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>')
        texts = [meta.sub("", p.read_text(encoding="utf-8")) for p in pages]
        start = time.perf_counter()
        for text in texts:
            with_policy(text)
        megabytes = sum(map(len, texts)) / 1e6
        print(f"{'CSP for every page of site/':55s} {time.perf_counter() - start:6.2f} s  "
              f"({len(pages)} pages, {megabytes:.1f} MB)")
    else:
        print("CSP: no site/ here; run `catalogus build` first")


if __name__ == "__main__":
    main()
