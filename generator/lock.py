"""Lock: one build at a time per output folder, and child processes that do not outlive the build.

    >>> with build_lock(Path("out")) as lock:   # raises Busy(pid) while another build holds it
    ...     lock.stale                          # pid of a dead build whose lock was taken over, or None

The lock file `.catalogus-build.lock` in the output folder is created atomically (O_CREAT | O_EXCL) and holds
the pid of the build. While the build runs it also holds an advisory lock (flock) on that file, which the
kernel releases when the process dies however it dies: a file without a holder is stale (its build was killed)
and is taken over, so a crashed build never blocks the next one. The file is removed when the build ends.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = ".catalogus-build.lock"


class Busy(Exception):
    """Another live build holds the lock; `pid` is its process id (0 when it has not written it yet)."""

    def __init__(self, pid: int):
        super().__init__(pid)
        self.pid = pid


@dataclass
class Lock:
    path: Path
    stale: int | None = None  # pid of the dead build whose lock file was found


@contextlib.contextmanager
def build_lock(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    for _ in range(20):  # only a race with a build that is just finishing makes this go round again
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
            created = True
        except FileExistsError:
            try:
                fd = os.open(path, os.O_RDWR)
            except FileNotFoundError:
                continue  # removed by a build that just finished
            created = False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise Busy(pid) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if not same:  # we locked a file that was removed or replaced meanwhile
            os.close(fd)
            continue
        break
    else:
        raise Busy(0)
    lock = Lock(path, stale=None if created else (_read_pid(fd) or 0))
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    try:
        yield lock
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # while still holding the flock, so nobody takes a file that is going away
        os.close(fd)


def _read_pid(fd: int) -> int:
    for attempt in range(5):  # the holder writes its pid right after taking the lock
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return int(text)
        time.sleep(0.02)
    return 0


def die_with_parent(parent: int, watch: bool = True) -> None:
    """Make this (child) process end when `parent` ends, even by SIGKILL: a worker of a killed build would
    otherwise wait for work forever. Linux does it in the kernel (PR_SET_PDEATHSIG); elsewhere a thread
    watches the parent (not between fork and exec: `watch=False` there)."""
    PR_SET_PDEATHSIG = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed and watch:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def no_space(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)
