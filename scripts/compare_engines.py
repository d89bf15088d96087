"""Build the generated Markdown with every site tool in build.ENGINES and compare the sites file by file.

    python scripts/compare_engines.py [--root DIR] [--summary FILE]

Generates build/docs once, runs each engine (MkDocs, ProperDocs) in strict mode on it into build/engines/<name>,
then compares every file. HTML is compared after removing the one line that must differ, the
`<meta name="generator" content="…">` tag that names the tool. Prints what differs and the figures:

    mkdocs: 1066 files in 63.9 s; properdocs: 1066 files in 58.9 s
    compared 1066 files: 1066 identical (158 byte for byte, 908 apart from the generator tag), 0 differ, 0 in one site only

Exit 0 when the sites are the same apart from that tag, 1 when they differ or an engine fails, 2 when an
engine is not installed. CI runs it as a non-blocking job; docs/engines.md has the last result.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import ENGINES, Paths, engine_command, generate, run_tool  # noqa: E402

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(paths: Paths, name: str, out: Path) -> tuple[int, float]:
    command, env = engine_command(paths, "build", "--strict", "-d", str(out), name=name)
    env.update({"CATALOGUS_GENERATED": "1", "SOURCE_DATE_EPOCH": "0"})
    started = time.perf_counter()
    code = run_tool(command, paths.root, env)
    return code, time.perf_counter() - started


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--summary", type=Path, default=None, help="also append the result as Markdown here")
    args = parser.parse_args(argv)

    paths = Paths.at(args.root)
    import importlib.util

    absent = [name for name in ENGINES if importlib.util.find_spec(name) is None]
    if absent:
        print(f"not installed: {', '.join(absent)} (pip install {' '.join(absent)})", file=sys.stderr)
        return 2
    result = generate(paths)
    if result.diagnostics:
        print(result.diagnostics.render(root=paths.root), file=sys.stderr)
        return 1
    sites, timing = {}, []
    for name in ENGINES:
        out = paths.root / "build" / "engines" / name
        code, seconds = build(paths, name, out)
        if code:
            print(f"{name}: the build failed (exit {code})", file=sys.stderr)
            return 1
        sites[name] = files(out)
        timing.append(f"{name}: {len(sites[name])} files in {seconds:.1f} s")
    first, second = (sites[name] for name in ENGINES)
    missing = sorted(set(first) ^ set(second))
    same = tagged = 0
    differ = []
    for rel in sorted(set(first) & set(second)):
        if first[rel] == second[rel]:
            same += 1
        elif GENERATOR_TAG.sub(b"", first[rel]) == GENERATOR_TAG.sub(b"", second[rel]):
            tagged += 1
        else:
            differ.append(rel)
    lines = ["; ".join(timing),
             f"compared {same + tagged + len(differ)} files: {same + tagged} identical ({same} byte for byte, "
             f"{tagged} apart from the generator tag), {len(differ)} differ, {len(missing)} in one site only"]
    for rel in missing:
        lines.append(f"  only in {ENGINES[0] if rel in first else ENGINES[1]}: {rel}")
    for rel in differ[:20]:
        a = first[rel].decode("utf-8", "replace").splitlines()
        b = second[rel].decode("utf-8", "replace").splitlines()
        diff = list(difflib.unified_diff(a, b, f"{ENGINES[0]}/{rel}", f"{ENGINES[1]}/{rel}", n=0, lineterm=""))
        lines += ["  " + line for line in diff[:12]]
    print("\n".join(lines))
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as handle:
            handle.write("## Engines\n\n```\n" + "\n".join(lines) + "\n```\n")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
