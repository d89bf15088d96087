"""Open-data benchmark: what the published data files cost to make and weigh, for the real catalogue and for
synthetic ones (benchmarks/synth.py).

    python benchmarks/opendata.py                  # the real content/
    python benchmarks/opendata.py --n 2000 10000   # also synthetic catalogues of 2,000 and 10,000 projects

Prints per catalogue: the number of projects; files and bytes of /api/v1/ and of /data/'s downloads; seconds to
make them (best of 3, wall clock, in this process: the stage as `catalogus build` runs it); and the seconds of the
schema.org JSON-LD of every project page. No target is asserted here; the figures go into the closing notes.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generator.api import api_files  # noqa: E402
from generator.build import site_config  # noqa: E402
from generator.catalogue import load_catalogue  # noqa: E402
from generator.diagnostics import Diagnostics  # noqa: E402
from generator.export import published_files  # noqa: E402
from generator.jsonld import front_matter, project  # noqa: E402


def best(fn, repeat: int = 3):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(label: str, content: Path) -> None:
    diagnostics = Diagnostics()
    c = load_catalogue(content, diagnostics)
    if c is None:
        raise SystemExit(diagnostics.render())
    config = site_config(ROOT / "mkdocs.yml")
    base = config.site_url
    api_s, api = best(lambda: api_files(c, base, config.publication))
    data_s, data = best(lambda: published_files(c, base, config.publication))
    ld_s, _ = best(lambda: [front_matter(project(c, base, pid)) for pid in c.projects])
    size = lambda files: sum(len(v.encode("utf-8") if isinstance(v, str) else v) for v in files.values())  # noqa: E731
    print(f"{label}: {len(c.projects)} projects")
    print(f"  api/v1/   {len(api):6d} files {size(api) / 1e6:8.2f} MB  {api_s:6.2f} s")
    print(f"  data/     {len(data):6d} files {size(data) / 1e6:8.2f} MB  {data_s:6.2f} s")
    print(f"  JSON-LD of every project page             {ld_s:6.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="*", default=[], help="synthetic catalogue sizes")
    args = parser.parse_args(argv)
    measure("real content", ROOT / "content")
    if args.n:
        from synth import write_catalogue

        with tempfile.TemporaryDirectory() as tmp:
            for n in args.n:
                folder = write_catalogue(n, Path(tmp) / f"synth-{n}")
                # the catalogue now rejects hidden files in content/; synth's marker is one (see the closing notes)
                (folder / ".synthetic").unlink(missing_ok=True)
                measure(f"synthetic {n}", folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
