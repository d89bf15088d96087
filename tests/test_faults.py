"""Faults around a build: concurrent runs, stale locks, a killed build, a full disk (issue #12, items 2 and 11).

Each runs the real command line in subprocesses, as an editor or CI would."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINI, ROOT, run_cli
from generator.lock import LOCK_NAME


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for(condition, seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return False


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_concurrent_builds_give_one_site_and_one_refusal(tmp_path, mini_site):
    out = tmp_path / "out"
    first = _start("--content", str(MINI), "--out", str(out), "build")
    assert _wait_for(lambda: (out / LOCK_NAME).exists()), "the first build never took the lock"
    second = run_cli("--content", str(MINI), "--out", str(out), "build")
    assert second.returncode == 2
    assert second.stderr == (f"catalogus: another build is running (pid {first.pid}) in {out}; nothing was built. "
                             "Wait for it to finish, or stop it.\n")
    stdout, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert "site built" in stdout
    built, alone = _files(out / "site"), _files(mini_site)
    # complete: every page of a lone build, and as many search index files (their names are content hashes)
    assert [f for f in built if not f.startswith("pagefind/")] == [f for f in alone if not f.startswith("pagefind/")]
    assert len(built) == len(alone)
    assert not (out / LOCK_NAME).exists()


def test_a_stale_lock_is_taken_over(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a pid that no longer runs
    (out / LOCK_NAME).write_text(f"{dead.pid}\n")
    result = run_cli("--content", str(MINI), "--out", str(out), "build", "--no-site")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (f"catalogus: an earlier build (pid {dead.pid}) was stopped before it finished; "
                             "its lock was taken over\n")
    assert not (out / LOCK_NAME).exists()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_a_killed_build_leaves_no_worker_behind(tmp_path):
    """SIGKILL while the real content is being generated in the worker: the worker goes too, and the next
    build does not find the lock taken."""
    out = tmp_path / "out"
    build = _start("--out", str(out), "build")
    assert _wait_for(lambda: bool(_children(build.pid))), "the generation worker never started"
    workers = _children(build.pid)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert _wait_for(lambda: not any(_alive(w) for w in workers), 10), "the worker outlived its build"
    again = run_cli("--content", str(MINI), "--out", str(out), "build", "--no-site")
    assert again.returncode == 0, again.stderr


def _can_mount() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs user namespaces to mount a small tmpfs")
def test_a_full_disk_is_one_line_and_keeps_the_site(tmp_path):
    """Build once on a small tmpfs, shrink it to just above what is used, build again: MkDocs runs out of space
    writing the new site; the command says so in one line and the old site stays."""
    disk = tmp_path / "disk"
    disk.mkdir()
    report = tmp_path / "report"
    script = f"""
set -e
mount -t tmpfs -o size=64m tmpfs {disk}
{sys.executable} -m generator --content {MINI} --out {disk}/out build > /dev/null 2>&1
find {disk}/out/site -type f | sort | xargs sha1sum > {report}.before
used=$(df -k {disk} | tail -1 | awk '{{print $3}}')
mount -o remount,size=$((used + 300))k {disk}
set +e
{sys.executable} -m generator --content {MINI} --out {disk}/out build > {report}.out 2> {report}.err
echo $? > {report}.code
find {disk}/out/site -type f | sort | xargs sha1sum > {report}.after
ls -a {disk}/out > {report}.listing
"""
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert Path(f"{report}.code").read_text().strip() == "1"
    assert Path(f"{report}.err").read_text() == (
        "catalogus: the disk is full; nothing was replaced, the previous site/ is left as it was. "
        "Free some space and build again.\n")
    assert Path(f"{report}.after").read_text() == Path(f"{report}.before").read_text()
    assert Path(f"{report}.listing").read_text().split() == [".", "..", "build", "site"]  # no site.new left


@pytest.mark.skipif(not _can_mount(), reason="needs user namespaces to mount a small tmpfs")
def test_export_onto_a_full_disk_is_one_line(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    report = tmp_path / "report"
    script = f"""
mount -t tmpfs -o size=8k tmpfs {disk} || exit 99
{sys.executable} -m generator --content {MINI} export --out {disk}/export > {report}.out 2> {report}.err
echo $? > {report}.code
"""
    done = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert Path(f"{report}.code").read_text().strip() == "1"
    error = Path(f"{report}.err").read_text()
    assert re.fullmatch(r"catalogus: the disk is full( \(\S+\))?; free some space and run the command again\n", error)
