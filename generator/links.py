"""Links: every external web address in the content, checked over the network.

In:  the content folder and an allow-list file.
Out: `Link(url, path, line)`s and, after checking, a `Result` per distinct URL.

    >>> links = collect(Path("content"))
    >>> links[0]
    Link(url='https://www.vn.nl/lees-bewoners-niet-de-les/', path=PosixPath('content/projects/x.yml'), line=68)
    >>> results = check_all(links, Allowlist.read(Path(".github/link-allowlist.txt")))

This is the only module that touches the network, and only when `catalogus links` runs (weekly in
`.github/workflows/links.yml`); building and testing the site never do. A URL is checked with HEAD; when the
server refuses HEAD (or fails on it) it is asked again with GET. Time-outs, connection errors and 5xx answers
are retried with a pause. Redirects are followed and are fine; 4xx and 5xx after the retries are failures.

The allow-list names sites that block automated requests (robots, bot protection) although the link works
for people: one entry a line, `#` starts a comment; an entry is a host (`miro.com`, which also covers its
subdomains) or the beginning of a URL (`https://example.org/private/`). Allowed links are listed, not checked.
"""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

URL = re.compile(r"https?://[^\s<>\"'`\])}]+")
TRAILING = ".,;:!?"
SUFFIXES = (".yml", ".yaml", ".md")
USER_AGENT = "samenwerkingscatalogus-linkcheck/1.0 (+https://github.com/samenwerkingscatalogus/samenwerkingscatalogus)"


@dataclass(frozen=True)
class Link:
    url: str
    path: Path
    line: int


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status: int | None  # HTTP status of the last answer; None when there was none
    detail: str  # "200 OK", "404 Not Found", "timed out", "allowed (allow-list)", ...
    allowed: bool = False


def collect(content: Path) -> list[Link]:
    """Every http(s) URL in the published content files, with file and line, in file and line order.

    Files starting with '_' are examples and never published, so their placeholder links are skipped."""
    links = []
    for path in sorted(content.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES or any(p.startswith(("_", ".")) for p in path.relative_to(content).parts):
            continue
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            for match in URL.finditer(line):
                links.append(Link(match.group(0).rstrip(TRAILING), path, number))
    return links


@dataclass(frozen=True)
class Allowlist:
    hosts: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> "Allowlist":
        hosts, prefixes = set(), []
        for raw in text.splitlines():
            entry = raw.split("#", 1)[0].strip()
            if not entry:
                continue
            if "://" in entry:
                prefixes.append(entry)
            else:
                hosts.add(entry.lower().strip("/"))
        return cls(frozenset(hosts), tuple(prefixes))

    @classmethod
    def read(cls, path: Path) -> "Allowlist":
        return cls.parse(path.read_text(encoding="utf-8")) if path.is_file() else cls()

    def allows(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        if any(host == h or host.endswith("." + h) for h in self.hosts):
            return True
        return any(url.startswith(prefix) for prefix in self.prefixes)


def check(url: str, timeout: float = 15.0, retries: int = 2, pause: float = 2.0) -> Result:
    """HEAD, then GET when HEAD is refused; retry what may be temporary (time-outs, 5xx)."""
    last = Result(url, False, None, "not checked")
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(pause * attempt)
        last = _request(url, "HEAD", timeout)
        if not last.ok and (last.status is None or last.status in {403, 405, 501} or last.status >= 500):
            last = _request(url, "GET", timeout)
        if last.ok or (last.status is not None and 400 <= last.status < 500):
            return last  # success, or a definite client error: retrying will not change it
    return last


def _request(url: str, method: str, timeout: float) -> Result:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # follows redirects
            if method == "GET":
                response.read(1024)
            detail = f"{response.status} {response.reason}"
            if response.url != url:
                detail += f" (redirected to {response.url})"
            return Result(url, True, response.status, detail)
    except urllib.error.HTTPError as exc:
        return Result(url, False, exc.code, f"{exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        return Result(url, False, None, f"cannot connect: {exc.reason}")
    except (TimeoutError, OSError) as exc:
        return Result(url, False, None, f"cannot connect: {exc or 'timed out'}")


def check_all(links: list[Link], allowlist: Allowlist, workers: int = 8, **options) -> dict[str, Result]:
    """One result per distinct URL (a URL used in ten files is asked once)."""
    urls = list(dict.fromkeys(link.url for link in links))
    out = {u: Result(u, True, None, "allowed (allow-list)", allowed=True) for u in urls if allowlist.allows(u)}
    todo = [u for u in urls if u not in out]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(lambda u: check(u, **options), todo):
            out[result.url] = result
    return out


def report(links: list[Link], results: dict[str, Result], root: Path, github: bool = False) -> tuple[list[str], str]:
    """(lines for the log, Markdown for the job summary). Failures are named at every place they occur."""
    lines, rows = [], []
    for link in links:
        result = results[link.url]
        if result.ok:
            continue
        where = f"{_relative(link.path, root)}:{link.line}"
        lines.append(f"{where}: {link.url}: {result.detail}")
        if github:
            lines.append(f"::error file={_relative(link.path, root)},line={link.line}::broken link {link.url}: {result.detail}")
        rows.append(f"| `{where}` | {link.url} | {result.detail} |")
    failed = sum(1 for r in results.values() if not r.ok)
    allowed = sorted(r.url for r in results.values() if r.allowed)
    summary = [f"## Link check: {len(results)} distinct links, {failed} broken, {len(allowed)} on the allow-list", ""]
    if rows:
        summary += ["| where | link | problem |", "|---|---|---|", *rows, ""]
    if allowed:
        summary += ["Not checked (allow-list): " + ", ".join(allowed), ""]
    return lines, "\n".join(summary)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
