"""What went wrong when writing to the data folder, in words that name the real problem.

A full disk or a failing one shows up as OSError (ENOSPC, EDQUOT, EIO) from the vault and the
backups, and as sqlite3 errors (SQLITE_FULL, SQLITE_IOERR_*) from the database.  None of them
means the source file was unreadable or the database damaged, so they get their own messages:
"the disk holding DATA_DIR is full: N MB free".  A damaged database (SQLITE_CORRUPT,
SQLITE_NOTADB) gets one message naming the file and the latest backup, wherever it is noticed.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from desktop_app.core.errors import AppError, CorruptDatabaseError, DataFolderIOError, DiskFullError
from desktop_app.core.i18n import _

FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG})
IO_ERRNOS = frozenset({errno.EIO})


def free_mb(folder: Path) -> int:
    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free // (1024 * 1024)
    except OSError:
        return 0


def _sqlite_name(exc: sqlite3.Error) -> str:
    return str(getattr(exc, "sqlite_errorname", "") or "")


def is_corruption(exc: BaseException) -> bool:
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = _sqlite_name(exc)
    text = str(exc).lower()
    return (name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or "malformed" in text or "file is not a database" in text)


def disk_error(exc: BaseException, data_dir: Path) -> DataFolderIOError | None:
    """The disk-level problem behind `exc`, as an error naming the data folder; None if it is not one."""
    full = io = False
    if isinstance(exc, OSError):
        full, io = exc.errno in FULL_ERRNOS, exc.errno in IO_ERRNOS
    elif isinstance(exc, sqlite3.Error):
        name, text = _sqlite_name(exc), str(exc).lower()
        full = name == "SQLITE_FULL" or "database or disk is full" in text
        io = name.startswith("SQLITE_IOERR") or "disk i/o error" in text
    if full:
        return DiskFullError(_("The disk holding {folder} is full: {free} MB free. The change was not saved; "
                               "free some space and try again.").format(folder=data_dir, free=free_mb(data_dir)))
    if io:
        return DataFolderIOError(_("The disk holding {folder} reported an input/output error ({error}). The change "
                                   "was not saved; check the disk.").format(folder=data_dir, error=exc))
    return None


def corrupt_error(exc: BaseException | str, db_path: Path, latest_backup: Path | None) -> CorruptDatabaseError:
    from desktop_app.core.storage import health

    health.forget(db_path)  # whatever closes next must not note this file as checked and sound
    return CorruptDatabaseError(_("{path}: the database file is damaged ({error}); nothing was written to it.")
                                .format(path=db_path, error=_first_complaint(exc)), latest_backup=latest_backup)


def _first_complaint(exc: BaseException | str) -> str:
    """SQLite's first complaint, on one line: quick_check lists up to 20, with a "*** in database
    main ***" header, and the user's line needs only to show that the file is damaged."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip() and not line.startswith("***")]
    first = lines[0] if lines else str(exc).strip()
    if len(first) > 120:
        first = first[:119] + "…"
    return first + (" …" if len(lines) > 1 else "")


def translate(exc: BaseException, db_path: Path) -> AppError | None:
    """The AppError a storage-level exception stands for (disk full, I/O error, damaged file), or None."""
    from desktop_app.core.storage import backups

    found = disk_error(exc, db_path.parent)
    if found is not None:
        return found
    if is_corruption(exc):
        return corrupt_error(exc, db_path, backups.latest(db_path.parent / "backups"))
    return None
