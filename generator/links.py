"""Links: every external web address in the content, checked over the network.

In:  the content folder and an allow-list file.
Out: `Link(url, path, line)`s and, after checking, a `Result` per distinct URL.

    >>> links = collect(Path("content"))
    >>> links[0]
    Link(url='https://www.vn.nl/lees-bewoners-niet-de-les/', path=PosixPath('content/projects/x.yml'), line=68)
    >>> results = check_all(links, Allowlist.read(Path(".github/link-allowlist.txt")))

This is the only module that touches the network, and only when `catalogus links` runs (weekly in
`.github/workflows/links.yml`); building and testing the site never do. A URL is checked with HEAD; when the
server refuses HEAD (or fails on it) it is asked again with GET. Redirects are followed and are fine.

Politeness: at most `per_host` requests to one host at a time, and URLs are taken host by host in turn so one
big site does not hold up the rest. "Too many requests" (429) and "unavailable" (503) are retried after the
server's `Retry-After` (seconds or a date, at most `max_wait`), and no other request goes to that host before
then; without the header, and for time-outs, connection errors and other 5xx, the pause doubles each attempt.
4xx and 5xx after the retries are failures.

The allow-list names sites that block automated requests (robots, bot protection) although the link works
for people: one entry a line, `#` starts a comment; an entry is a host (`miro.com`, which also covers its
subdomains) or the beginning of a URL (`https://example.org/private/`). Allowed links are listed, not checked.
"""
from __future__ import annotations

import email.utils
import re
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
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
    attempts: int = 1  # how often the URL was asked (HEAD and its GET fallback count once)
    rate_limited: bool = False  # answered 429 or 503 at least once
    retry_after: float | None = None  # seconds the server asked to wait (last 429/503 answer), when it said so


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


RETRY_STATUSES = {429, 503}  # "slow down" and "try later": the server may say when, in Retry-After


class HostGate:
    """At most `limit` requests to one host at a time, and none before a time the host asked for."""

    def __init__(self, limit: int = 2, clock=time.monotonic, sleep=time.sleep):
        self.limit, self.clock, self.sleep = max(1, limit), clock, sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._not_before: dict[str, float] = defaultdict(float)

    def _slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._slots.setdefault(host, threading.Semaphore(self.limit))

    def hold_off(self, host: str, seconds: float) -> None:
        with self._lock:
            self._not_before[host] = max(self._not_before[host], self.clock() + seconds)

    def request(self, url: str, method: str, timeout: float) -> "Result":
        host = (urlsplit(url).hostname or "").lower()
        with self._slot(host):
            while (wait := self._not_before[host] - self.clock()) > 0:
                self.sleep(wait)
            return _request(url, method, timeout)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def check(url: str, timeout: float = 15.0, retries: int = 3, pause: float = 2.0, max_wait: float = 120.0,
          gate: HostGate | None = None) -> Result:
    """HEAD, then GET when HEAD is refused; retry what may be temporary (429, 503 and other 5xx, time-outs)."""
    gate = gate or HostGate()
    host = (urlsplit(url).hostname or "").lower()
    last = Result(url, False, None, "not checked")
    limited, asked = False, None
    for attempt in range(retries + 1):
        last = gate.request(url, "HEAD", timeout)
        if not last.ok and (last.status is None or last.status in {403, 405, 501}
                            or (last.status >= 500 and last.status not in RETRY_STATUSES)):
            last = gate.request(url, "GET", timeout)  # a server that fails on HEAD; not one that said "later"
        if last.status in RETRY_STATUSES:
            limited, asked = True, last.retry_after
        if last.ok or (last.status is not None and 400 <= last.status < 500 and last.status != 429):
            break  # success, or a definite client error: retrying will not change it
        if attempt == retries:
            break
        if last.status in RETRY_STATUSES and last.retry_after is not None:
            if last.retry_after > max_wait:
                last = Result(url, False, last.status, f"{last.detail} (asked to wait {last.retry_after:.0f} s, "
                              f"more than {max_wait:.0f} s)")
                break
            gate.hold_off(host, last.retry_after)  # every request to this host waits, not only this one
        else:
            gate.hold_off(host, min(pause * 2 ** attempt, max_wait))
    return Result(url, last.ok, last.status, last.detail, attempts=attempt + 1, rate_limited=limited,
                  retry_after=asked)


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
        wait = retry_after(exc.headers.get("Retry-After")) if exc.headers else None
        return Result(url, False, exc.code, f"{exc.code} {exc.reason}", retry_after=wait)
    except urllib.error.URLError as exc:
        return Result(url, False, None, f"cannot connect: {exc.reason}")
    except (TimeoutError, OSError) as exc:
        return Result(url, False, None, f"cannot connect: {exc or 'timed out'}")


def by_host_in_turn(urls: list[str]) -> list[str]:
    """The URLs reordered one host after another (a1 b1 c1 a2 b2 a3 ...), each host's own order kept, so the
    workers spread over the hosts instead of queueing at one host's limit."""
    queues: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        queues[(urlsplit(url).hostname or "").lower()].append(url)
    ordered, round_ = [], 0
    while len(ordered) < len(urls):
        ordered += [queue[round_] for queue in queues.values() if round_ < len(queue)]
        round_ += 1
    return ordered


def check_all(links: list[Link], allowlist: Allowlist, workers: int = 8, per_host: int = 2,
              **options) -> dict[str, Result]:
    """One result per distinct URL (a URL used in ten files is asked once), in the order of `links`."""
    urls = list(dict.fromkeys(link.url for link in links))
    found = {u: Result(u, True, None, "allowed (allow-list)", allowed=True) for u in urls if allowlist.allows(u)}
    todo = by_host_in_turn([u for u in urls if u not in found])
    gate = HostGate(per_host)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for result in pool.map(lambda u: check(u, gate=gate, **options), todo):
            found[result.url] = result
    return {u: found[u] for u in urls}


def summary_line(results: dict[str, Result], per_host: int) -> str:
    """One line for the log: what was checked, what is broken, and how polite the run had to be."""
    broken = sum(1 for r in results.values() if not r.ok)
    allowed = sum(1 for r in results.values() if r.allowed)
    retried = sum(1 for r in results.values() if r.attempts > 1)
    limited = sum(1 for r in results.values() if r.rate_limited)
    return (f"links: {len(results)} checked, {broken} broken, {allowed} allowed; {retried} retried, "
            f"{limited} rate-limited (429/503); at most {per_host} request{'s' if per_host != 1 else ''} "
            f"per host at a time")


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
    limited = sorted(r.url for r in results.values() if r.rate_limited)
    if limited:
        summary += [f"Asked to slow down (429/503) and retried: {len(limited)} link(s): " + ", ".join(limited), ""]
    if allowed:
        summary += ["Not checked (allow-list): " + ", ".join(allowed), ""]
    return lines, "\n".join(summary)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
