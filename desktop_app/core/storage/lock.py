"""One writer per data folder: the lock the app and the writing commands share.

The lock is `.papertrail.lock` in the data folder, held with an OS file lock (flock on Unix,
msvcrt on Windows) for as long as a process writes there; the OS drops it when the process
dies, so a crashed process never locks the folder for good.  The file holds the owner's pid,
program name and host (the layout Qt's QLockFile uses, so an older Paper Trail honours it too),
which lets a second process say *who* is busy.  A lock file left behind by a dead owner means
that owner did not shut down cleanly: `stale_at_acquire` tells the database check so.

Within one process the lock is re-entrant by folder (the GUI takes it before it opens the
workspace, which takes it again); it is released when the last holder lets go.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = ".papertrail.lock"
log = logging.getLogger(__name__)

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]  # the module is absent there; callers test for None


@dataclass
class _Held:
    fd: int
    count: int
    stale: bool


_held: dict[Path, _Held] = {}
_guard = threading.Lock()


#: errno values meaning "someone else holds it"; any other failure means the file system cannot
#: lock at all (some network mounts: ENOLCK, EOPNOTSUPP), where refusing would make the folder unusable.
_HELD_ERRNOS = frozenset({errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EDEADLK})


def _os_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in _HELD_ERRNOS:
            return False
        log.warning("the data folder's file system cannot lock files (%s); going on without the lock",
                    errno.errorcode.get(exc.errno or 0, "?"))
    return True


def _program_name() -> str:
    with contextlib.suppress(OSError):
        return Path(os.readlink("/proc/self/exe")).name  # what QLockFile compares a live pid against
    return Path(sys.executable).name


def pid_alive(pid: int) -> bool:
    """True if a process with this pid exists (it may belong to another user)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class FolderLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir).resolve() / LOCK_NAME

    @property
    def held(self) -> bool:
        return self.path in _held

    @property
    def stale_at_acquire(self) -> bool:
        """The lock file of a process that died holding it was found when this process took the lock."""
        held = _held.get(self.path)
        return bool(held and held.stale)

    def owner(self) -> int | None:
        """The pid written in the lock file, if any."""
        try:
            first = self.path.read_text("utf-8", errors="replace").split("\n", 1)[0].strip()
        except OSError:
            return None
        return int(first) if first.isdigit() else None

    def acquire(self, wait_s: float = 0.0, on_wait: Callable[[int | None], None] | None = None) -> bool:
        """Take the lock, waiting up to `wait_s` seconds (calling `on_wait(pid)` once, when it
        has to wait); False if another process still holds it."""
        with _guard:
            held = _held.get(self.path)
            if held is not None:
                held.count += 1
                return True
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            if self._try_once():
                return True
            if time.monotonic() >= deadline:
                return False
            if not told and on_wait is not None:
                on_wait(self.owner())
                told = True
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))

    def _try_once(self) -> bool:
        existed = self.path.exists()
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        if not _os_lock(fd):
            os.close(fd)
            return False
        try:
            # Another process may have released (and unlinked) the file between our open and our
            # lock: then we hold a lock on a file nobody else sees.  Try again on the current one.
            if os.fstat(fd).st_ino != os.stat(self.path).st_ino:
                os.close(fd)
                return False
        except OSError:
            os.close(fd)
            return False
        stale = existed and os.fstat(fd).st_size > 0
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n{_program_name()}\n{socket.gethostname()}\n".encode())
        with _guard:
            _held[self.path] = _Held(fd, 1, stale)
        return True

    def release(self) -> None:
        with _guard:
            held = _held.get(self.path)
            if held is None:
                return
            held.count -= 1
            if held.count > 0:
                return
            del _held[self.path]
        # Empty and unlink it while still holding the OS lock: a waiter that opened the old file sees
        # the inode change and retries.  Only a kill leaves a file with a pid in it behind, which is
        # how the next start knows of the crash (where unlinking an open file fails, on Windows, the
        # empty file left is not mistaken for one).
        with contextlib.suppress(OSError):
            os.ftruncate(held.fd, 0)
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(held.fd)
