"""Where PDFs and ZIPs are written before they appear under the name the user chose.

A document is built in a private folder inside the data folder, `<data>/tmp/output/<pid>-<random>/`
(0700), and only the finished file is renamed onto the user's path, so a cancel, an error or a
kill never leaves a half-written PDF there.  A kill does leave the folder; the next start of any
Paper Trail process sweeps it (`sweep()`, called from `Workspace.open`) once the process that
made it is gone — the pid in the name says which process that was, so a build still running in
another process is never touched.

The final rename must be atomic, which needs the same filesystem.  When the output folder is on
another one (a USB stick, a network share), the finished file is first copied beside the output
as `.~papertrail-<pid>-<random>.part` and renamed from there.  Before that copy starts, its
path is written into the work folder's `beside.txt`, so the sweep knows to remove it too if the
process dies mid-copy: every temporary file is either inside the data folder or named there.

Published files are 0600: a dossier holds the user's name, numbers and story.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.errors import FileInputError
from desktop_app.core.i18n import _

log = logging.getLogger(__name__)

BESIDE_PREFIX = ".~papertrail-"
BESIDE_LIST = "beside.txt"


def staging_root(data_root: Path) -> Path:
    return Path(data_root) / "tmp" / "output"


def _alive(pid: int) -> bool:
    """Whether process `pid` is running; when in doubt, yes (its files are then kept)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would send Ctrl+C there, not test the pid
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    except OSError:
        return True  # cannot tell: keep its files
    return True


def same_filesystem(a: Path, b: Path) -> bool:
    """Whether a rename from `a` into folder `b` can be atomic."""
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return False


def _alive_windows(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # windll exists only on Windows
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() != 87  # ERROR_INVALID_PARAMETER: no such process
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


class Staging:
    """One build's work folder, and the atomic publish of its results."""

    def __init__(self, folder: Path) -> None:
        self.dir = folder

    def path(self, name: str) -> Path:
        """A path for a file (or a folder) inside the work folder."""
        return self.dir / name

    def publish(self, tmp: Path, final: Path) -> None:
        """Rename the finished `tmp` onto `final` atomically (0600), across filesystems too."""
        os.chmod(tmp, 0o600)
        if same_filesystem(tmp, final.parent):
            os.replace(tmp, final)
            return
        beside = final.parent / f"{BESIDE_PREFIX}{self.dir.name}-{final.name}.part"
        with open(self.dir / BESIDE_LIST, "a", encoding="utf-8") as fh:  # named before it exists
            fh.write(str(beside) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            fd = os.open(beside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(tmp, "rb") as src, os.fdopen(fd, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(beside, final)
        except OSError as exc:  # a full or read-only disk, a share that went away
            raise FileInputError(final.parent, _("could not write {name} there ({error})").format(
                name=final.name, error=exc.strerror or exc)) from exc
        finally:
            with contextlib.suppress(OSError):
                beside.unlink()


@contextlib.contextmanager
def staging(data_root: Path | None, out_dir: Path) -> Iterator[Staging]:
    """A fresh work folder for one build, removed (with anything it names) when the block ends.

    `data_root` None, or a data folder that cannot be written, falls back to a pid-tagged hidden
    folder beside the output (what older versions did): still removed on any error or cancel."""
    folder: Path | None = None
    if data_root is not None:
        try:
            root = staging_root(data_root)
            root.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
        except OSError:
            folder = None
    holder = Path(data_root) if folder is not None and data_root is not None else Path(out_dir)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix=f"{BESIDE_PREFIX}{os.getpid()}-", dir=out_dir))
    try:
        yield Staging(folder)
    except OSError as exc:
        # The build writes its PDF and ZIP here: a full or failing disk is that disk's problem, said
        # as such ("the disk holding DIR is full: N MB free"), not an unexpected error of the report.
        from desktop_app.core.storage.faults import disk_error

        problem = disk_error(exc, holder)
        if problem is None:
            raise
        raise problem from exc
    finally:
        _remove(folder)


def _remove(folder: Path) -> None:
    """A work folder and the temporary files beside outputs that it names."""
    with contextlib.suppress(OSError):
        for line in (folder / BESIDE_LIST).read_text(encoding="utf-8").splitlines():
            beside = Path(line.strip())
            # Only ever our own temporary names: a damaged list must not delete anything else.
            if beside.name.startswith(BESIDE_PREFIX) and beside.name.endswith(".part"):
                with contextlib.suppress(OSError):
                    beside.unlink()
    shutil.rmtree(folder, ignore_errors=True)


def sweep(data_root: Path) -> int:
    """Remove the work folders (and what they name) of builds whose process is gone; how many."""
    root = staging_root(data_root)
    removed = 0
    try:
        entries = list(root.iterdir())
    except OSError:
        return 0
    for folder in entries:
        pid_text = folder.name.split("-", 1)[0]
        if not folder.is_dir() or not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        _remove(folder)
        removed += 1
    if removed:
        log.info("removed %d unfinished document build(s) left by ended processes", removed)
    return removed
