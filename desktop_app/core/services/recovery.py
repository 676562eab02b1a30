"""Bring a data folder back from a backup (`papertrail restore-backup`, the GUI's offer at start).

The backup is checked first (`PRAGMA integrity_check`, a Paper Trail schema this version reads).
The current database is never deleted: if it is readable, a "pre-restore" backup of it is taken,
and the file itself (with its -wal and -shm) is set aside beside it as
`papertrail.sqlite3.damaged-<time>` (or `.replaced-<time>` when it was sound).  The backup is
then copied into place with SQLite's backup API and opened as usual (migrating an older schema).
Evidence files are not touched: those the restored database does not know are kept in
`vault/orphans/` by the next open.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.errors import FileInputError, StorageError
from desktop_app.core.i18n import _
from desktop_app.core.paths import DataLayout, private_umask
from desktop_app.core.storage import backups, health
from desktop_app.core.storage.lock import FolderLock
from desktop_app.core.storage.migrations import CURRENT_VERSION


@dataclass(frozen=True, slots=True)
class RestoreResult:
    source: Path | None  # the backup restored (None: a new, empty database was started)
    set_aside: Path | None  # where the previous database file now is (None: there was none)
    safety_backup: Path | None  # the backup taken of the previous database, when it was readable
    cases: int


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def backup_problem(path: Path) -> str | None:
    """Why `path` cannot be restored, or None if it is a sound Paper Trail database."""
    try:
        conn = _open_read_only(path)
        try:
            found = health.problems(conn, full=True, limit=1)
            if found:
                return found[0]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    if version < 1 or "cases" not in tables:
        return _("not a Paper Trail database")
    if version > CURRENT_VERSION:
        return _("written by a newer Paper Trail (schema {version})").format(version=version)
    return None


def choose_backup(layout: DataLayout, given: Path | None) -> Path:
    """The named backup if it is sound, else the newest sound one in the folder's backups."""
    if given is not None:
        given = Path(given)
        if not given.is_file():
            raise FileInputError(given, _("no such backup file"))
        problem = backup_problem(given)
        if problem:
            raise StorageError(_("{path}: this backup cannot be restored ({problem}); nothing was changed.").format(
                path=given, problem=problem))
        return given
    candidates = backups.all_backups(layout.backups)
    for candidate in candidates:
        if backup_problem(candidate) is None:
            return candidate
    if candidates:
        raise StorageError(_("None of the {n} backups in {folder} is sound; nothing was changed.").format(
            n=len(candidates), folder=layout.backups))
    raise StorageError(_("There is no backup in {folder}; nothing was changed.").format(folder=layout.backups))


def _current_state(db_path: Path) -> str:
    """'missing', 'empty', 'damaged' or 'sound'."""
    if not db_path.exists():
        return "missing"
    from desktop_app.core.services.workspace import database_is_empty

    if database_is_empty(db_path):
        return "empty"
    try:
        conn = sqlite3.connect(str(db_path))
        try:
            if health.problems(conn, limit=1):
                return "damaged"
            if not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return "empty"
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file set aside then holds everything
        finally:
            conn.close()
    except sqlite3.Error:
        return "damaged"
    return "sound"


def _set_aside(db_path: Path, kind: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.{kind}-{stamp}")
    n = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.name}.{kind}-{stamp}.{n}")
        n += 1
    for suffix in ("-wal", "-shm", ""):  # the log and index first: never a main file without its log
        part = db_path.with_name(db_path.name + suffix)
        if part.exists():
            os.replace(part, target.with_name(target.name + suffix))
    return target


def restore(data_dir: Path, backup: Path | None = None, *, empty: bool = False,
            wait_s: float = 0.0) -> RestoreResult:
    """Restore `backup` (default: the newest sound one), or with `empty` start an empty database."""
    from desktop_app.core.services.workspace import Workspace, busy_error

    private_umask()
    layout = DataLayout(Path(data_dir)).create()
    lock = FolderLock(layout.root)
    if not lock.acquire(wait_s):
        raise busy_error(layout.root, lock.owner())
    try:
        source = None if empty else choose_backup(layout, backup)
        db_path = layout.database
        state = _current_state(db_path)
        safety = None
        if state == "sound":
            conn = sqlite3.connect(str(db_path))
            try:
                safety = backups.backup(conn, layout.backups, "pre-restore")
            finally:
                conn.close()
        set_aside = None
        if state != "missing":
            set_aside = _set_aside(db_path, "replaced" if state == "sound" else "damaged")
        health.forget(db_path)
        if source is not None:
            partial = db_path.with_name(db_path.name + ".restoring")
            src = _open_read_only(source)
            try:
                target = sqlite3.connect(str(partial))
                try:
                    src.backup(target)
                finally:
                    target.close()
            except BaseException:
                with contextlib.suppress(OSError):
                    partial.unlink()
                raise
            finally:
                src.close()
            os.chmod(partial, 0o600)
            os.replace(partial, db_path)
        with Workspace.open(layout.root, allow_new=True, daily_backup=False) as ws:
            cases = len(ws.cases.list())
        return RestoreResult(source, set_aside, safety, cases)
    finally:
        lock.release()
