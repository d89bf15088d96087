"""External link check without the internet: URL collection with file:line, the allow-list, and the checker
against a local server answering 200, 404, redirects, a HEAD refusal, a flaky 503, "429 then 200" with and
without Retry-After, and slow answers that show how many requests one host gets at a time."""
from __future__ import annotations

import contextlib
import email.utils
import http.server
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from generator.links import (Allowlist, HostGate, Link, by_host_in_turn, check, check_all, collect, report,
                             retry_after, summary_line)


def test_collect_names_file_and_line(tmp_path):
    content = tmp_path / "content"
    (content / "projects").mkdir(parents=True)
    (content / "handreiking").mkdir()
    (content / "projects" / "a.yml").write_text(
        "title: A\nlinks:\n  - {title: x, url: 'https://a.example/pad?q=1'}\n"
        "notes: Zie https://b.example/x. En (http://c.example/y), ook <https://d.example/>\n", encoding="utf-8")
    (content / "handreiking" / "01.md").write_text("---\ntitle: x\n---\nLees [dit](https://e.example/doc).\n",
                                                   encoding="utf-8")
    (content / "projects" / "_voorbeeld.yml").write_text("url: https://www.example.org/project\n", encoding="utf-8")
    found = [(link.url, link.path.relative_to(content).as_posix(), link.line) for link in collect(content)]
    assert found == [
        ("https://e.example/doc", "handreiking/01.md", 4),
        ("https://a.example/pad?q=1", "projects/a.yml", 3),
        ("https://b.example/x", "projects/a.yml", 4),
        ("http://c.example/y", "projects/a.yml", 4),
        ("https://d.example/", "projects/a.yml", 4),
    ]


def test_collect_finds_the_real_links():
    links = collect(ROOT / "content")
    path = ROOT / "content" / "projects" / "zorg-dichtbij-voor-psychisch-kwetsbare-mensen-groningen-agenda.yml"
    url = "http://www.wegvandewachtlijst.nl"
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if url in text)
    assert Link(url, path, line) in links
    assert not any(link.path.name.startswith("_") for link in links)


def test_allowlist_hosts_subdomains_and_prefixes():
    allow = Allowlist.parse("# comment\n\nmiro.com   # bot wall\nhttps://x.example/intern/\n")
    assert allow.allows("https://miro.com/app/board/1")
    assert allow.allows("https://www.miro.com/")
    assert not allow.allows("https://notmiro.com/")
    assert allow.allows("https://x.example/intern/a")
    assert not allow.allows("https://x.example/open")
    assert Allowlist.read(ROOT / ".github" / "link-allowlist.txt") == Allowlist()  # only examples, commented out


class _Handler(http.server.BaseHTTPRequestHandler):
    flaky = {"count": 0}
    limited: dict[str, list[float]] = {}  # path -> times it was asked
    lock = threading.Lock()
    busy: dict[str, int] = {}  # Host header -> requests being answered now
    peak: dict[str, int] = {}  # Host header -> most requests answered at once

    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        path = self.path
        if path == "/ok":
            self._send(200, body)
        elif path == "/weg":
            self._send(404, body)
        elif path == "/oud":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
        elif path == "/geen-head" and self.command == "HEAD":
            self._send(405, False)
        elif path == "/geen-head":
            self._send(200, body)
        elif path == "/wankel":
            self.flaky["count"] += 1
            self._send(503 if self.flaky["count"] <= 2 else 200, body)
        elif path.startswith("/druk/"):  # "429 Too Many Requests" the first time, 200 after that
            times = self.limited.setdefault(path, [])
            times.append(time.monotonic())
            if len(times) == 1:
                wait = path.rsplit("/", 1)[1]
                self.send_response(429)
                if wait == "datum":
                    self.send_header("Retry-After", email.utils.formatdate(time.time() + 2, usegmt=True))
                elif wait != "geen":
                    self.send_header("Retry-After", wait)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(200, body)
        elif path.startswith("/traag/"):  # a slow answer, counting how many run at once per Host header
            host = self.headers.get("Host", "").split(":")[0]
            with self.lock:
                self.busy[host] = self.busy.get(host, 0) + 1
                self.peak[host] = max(self.peak.get(host, 0), self.busy[host])
            time.sleep(0.15)
            with self.lock:
                self.busy[host] -= 1
            self._send(200, body)
        else:
            self._send(500, body)

    def _send(self, status: int, body: bool):
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_checker_statuses(server):
    fast = {"timeout": 5, "pause": 0.01}
    assert check(f"{server}/ok", **fast).detail == "200 OK"
    assert (check(f"{server}/weg", **fast).ok, check(f"{server}/weg", **fast).detail) == (False, "404 Not Found")
    moved = check(f"{server}/oud", **fast)
    assert moved.ok and moved.detail == f"200 OK (redirected to {server}/ok)"
    assert check(f"{server}/geen-head", **fast).ok  # HEAD refused with 405, GET works
    assert check(f"{server}/wankel", **fast).ok  # 503 twice, then fine: retried
    broken = check(f"{server}/stuk", retries=1, **fast)
    assert (broken.ok, broken.status) == (False, 500)


def test_unreachable_host_is_a_failure_not_a_crash():
    with contextlib.closing(__import__("socket").socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    result = check(f"http://127.0.0.1:{port}/", timeout=2, retries=0)
    assert not result.ok and result.status is None and result.detail.startswith("cannot connect")


def test_report_lines_annotations_and_summary(server, tmp_path):
    links = [Link(f"{server}/ok", tmp_path / "content" / "a.yml", 3),
             Link(f"{server}/weg", tmp_path / "content" / "a.yml", 7),
             Link(f"{server}/weg", tmp_path / "content" / "b.yml", 2),
             Link("https://miro.com/x", tmp_path / "content" / "b.yml", 9)]
    results = check_all(links, Allowlist.parse("miro.com"), timeout=5, pause=0.01)
    assert len(results) == 3 and results["https://miro.com/x"].allowed
    lines, summary = report(links, results, tmp_path, github=True)
    assert lines == [
        f"content/a.yml:7: {server}/weg: 404 Not Found",
        f"::error file=content/a.yml,line=7::broken link {server}/weg: 404 Not Found",
        f"content/b.yml:2: {server}/weg: 404 Not Found",
        f"::error file=content/b.yml,line=2::broken link {server}/weg: 404 Not Found",
    ]
    assert summary.splitlines()[0] == "## Link check: 3 distinct links, 1 broken, 1 on the allow-list"
    assert f"| `content/b.yml:2` | {server}/weg | 404 Not Found |" in summary
    assert "Not checked (allow-list): https://miro.com/x" in summary


def test_links_command_exit_code_and_job_summary(server, tmp_path, monkeypatch, capsys):
    from generator.cli import main

    content = tmp_path / "content"
    (content / "projects").mkdir(parents=True)
    (content / "projects" / "a.yml").write_text(f"url: {server}/ok\nother: {server}/weg\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(tmp_path)
    allow = tmp_path / "allow.txt"
    allow.write_text("", encoding="utf-8")
    assert main(["--content", str(content), "links", "--allowlist", str(allow), "--timeout", "5"]) == 1
    out = capsys.readouterr()
    assert out.err.splitlines() == [f"content/projects/a.yml:2: {server}/weg: 404 Not Found"]
    assert out.out.strip() == ("links: 2 checked, 1 broken, 0 allowed; 0 retried, 0 rate-limited (429/503); "
                               "at most 2 requests per host at a time")
    assert "1 broken" in summary.read_text(encoding="utf-8")


def test_429_then_200_waits_as_long_as_retry_after_says(server):
    started = time.monotonic()
    result = check(f"{server}/druk/1", timeout=5, pause=0.01)
    asked = _Handler.limited["/druk/1"]
    assert (result.ok, result.status, result.attempts, result.rate_limited) == (True, 200, 2, True)
    assert result.retry_after == 1.0
    assert len(asked) == 2 and asked[1] - asked[0] >= 0.95  # the server's second, not the 0.01 s pause
    assert time.monotonic() - started < 5


def test_429_with_a_date_or_without_retry_after(server):
    dated = check(f"{server}/druk/datum", timeout=5, pause=0.01)
    asked = _Handler.limited["/druk/datum"]
    assert dated.ok and dated.attempts == 2 and asked[1] - asked[0] >= 0.9  # about 2 s from a whole-second date
    plain = check(f"{server}/druk/geen", timeout=5, pause=0.2)
    asked = _Handler.limited["/druk/geen"]
    assert plain.ok and plain.attempts == 2 and plain.retry_after is None and asked[1] - asked[0] >= 0.19


def test_a_retry_after_beyond_max_wait_is_reported_not_waited_for(server):
    started = time.monotonic()
    result = check(f"{server}/druk/3600", timeout=5, pause=0.01, max_wait=30)
    assert time.monotonic() - started < 2
    assert (result.ok, result.status, result.rate_limited) == (False, 429, True)
    assert result.detail == "429 Too Many Requests (asked to wait 3600 s, more than 30 s)"


def test_retry_after_header_values():
    assert retry_after("120") == 120.0
    assert retry_after(None) is None and retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) == 0.0  # already past


def test_at_most_n_requests_per_host_at_a_time(server):
    port = server.rsplit(":", 1)[1]
    hosts = ["127.0.0.1", "localhost"]  # one server, two host names: two hosts for the checker
    links = [Link(f"http://{h}:{port}/traag/{i}", Path("content/a.yml"), i) for i in range(6) for h in hosts]
    _Handler.peak.clear()
    results = check_all(links, Allowlist(), workers=8, per_host=2, timeout=5, pause=0.01)
    assert all(r.ok for r in results.values()) and len(results) == 12
    assert _Handler.peak == {"127.0.0.1": 2, "localhost": 2}  # both hosts busy at once, neither more than 2
    _Handler.peak.clear()
    check_all(links[:4], Allowlist(), workers=8, per_host=1, timeout=5)
    assert _Handler.peak == {"127.0.0.1": 1, "localhost": 1}


def test_urls_are_taken_host_by_host_in_turn():
    urls = ["https://a.example/1", "https://a.example/2", "https://a.example/3", "https://b.example/1",
            "https://c.example/1", "https://c.example/2"]
    assert by_host_in_turn(urls) == ["https://a.example/1", "https://b.example/1", "https://c.example/1",
                                     "https://a.example/2", "https://c.example/2", "https://a.example/3"]


def test_a_host_that_asked_to_wait_gets_no_request_before_then(server):
    port = server.rsplit(":", 1)[1]
    gate = HostGate(2)
    gate.hold_off("localhost", 0.6)
    started = time.monotonic()
    assert gate.request(f"http://127.0.0.1:{port}/ok", "HEAD", 5).ok
    assert time.monotonic() - started < 0.4  # another host is not held up
    assert gate.request(f"http://localhost:{port}/ok", "HEAD", 5).ok
    assert time.monotonic() - started >= 0.6


def test_links_summary_counts_retries_and_rate_limits(server, tmp_path):
    links = [Link(f"{server}/druk/0", tmp_path / "a.yml", 1), Link(f"{server}/ok", tmp_path / "a.yml", 2)]
    results = check_all(links, Allowlist(), timeout=5, pause=0.01)
    assert summary_line(results, 2) == ("links: 2 checked, 0 broken, 0 allowed; 1 retried, 1 rate-limited "
                                        "(429/503); at most 2 requests per host at a time")
    summary = report(links, results, tmp_path)[1]
    assert f"Asked to slow down (429/503) and retried: 1 link(s): {server}/druk/0" in summary
