"""Rolling backups of the database with SQLite's online backup API.

A backup is a consistent snapshot even while the app writes.  `daily()` makes at most one a
day (Workspace.open calls it, in both front ends); imports, migrations and restores make one
before they change anything.  Every backup is checked (`PRAGMA quick_check`) as soon as it is
written: a bad one is removed and reported, never kept as the "latest".  The newest `KEEP` of each
kind are kept.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop_app.core.errors import StorageError
from desktop_app.core.i18n import _

KEEP = 7


class BackupError(StorageError):
    """A backup could not be written, or did not read back sound."""


def backup(conn: sqlite3.Connection, folder: Path, label: str) -> Path:
    from desktop_app.core.paths import make_private_dir
    from desktop_app.core.storage.faults import disk_error

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    final = folder / f"papertrail-{label}-{stamp}.sqlite3"
    n = 1
    while final.exists():  # two in one second (a restore of the backup just taken): never overwrite one
        final = folder / f"papertrail-{label}-{stamp}-{n}.sqlite3"
        n += 1
    partial = final.with_suffix(".partial")
    try:
        make_private_dir(folder)
        target = sqlite3.connect(str(partial))
        try:
            conn.backup(target)
            found = check(target)
        finally:
            target.close()
        os.chmod(partial, 0o600)
        if found:
            raise BackupError(_("The backup {path} did not read back sound ({problem}); it was removed.").format(
                path=final, problem=found[0]))
        os.replace(partial, final)  # a kill mid-backup leaves only a .partial, swept by prune()
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        problem = disk_error(exc, folder.parent)
        if problem is not None:
            raise problem from exc
        raise BackupError(_("The backup {path} could not be written ({error}).").format(path=final, error=exc)) \
            from exc
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    prune(folder, label)
    return final


def check(conn: sqlite3.Connection) -> list[str]:
    rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    return [] if rows == ["ok"] else rows


def daily(conn: sqlite3.Connection, folder: Path) -> Path | None:
    """Make today's backup unless one exists."""
    today = datetime.now().strftime("%Y%m%d")
    if any(folder.glob(f"papertrail-daily-{today}-*.sqlite3")):
        return None
    return backup(conn, folder, "daily")


def prune(folder: Path, label: str, keep: int = KEEP) -> None:
    for stale in folder.glob("*.partial"):
        stale.unlink(missing_ok=True)
    kept = sorted(folder.glob(f"papertrail-{label}-*.sqlite3"), reverse=True)
    for old in kept[keep:]:
        old.unlink(missing_ok=True)


def all_backups(folder: Path | None) -> list[Path]:
    """Every backup, newest first."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(folder.glob("papertrail-*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)


def latest(folder: Path | None) -> Path | None:
    found = all_backups(folder)
    return found[0] if found else None
