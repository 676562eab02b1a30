"""A data folder opened for use: the database, the vault and the services over them.

Both front ends (the command line and the GUI) start by `Workspace.open(data_dir)`, and the
storage-safety policy lives here, not in either of them:

- the folder's lock (`storage/lock.py`): a writer holds it for as long as it is open; a
  reader (`write=False`) takes it if it is free, else shares the folder without tidying anything;
- a folder holding evidence or backups but no database (or an empty one) is not new: it is
  refused with `MissingDatabaseError`, naming the latest backup, rather than given a fresh,
  empty database;
- the database is checked (`storage/health.py`) when there is reason to doubt it, before
  anything is written, and a damaged one is refused with `CorruptDatabaseError`;
- the schema is migrated (after a backup); temporary files of dead processes are removed and
  unreferenced vault objects moved to `vault/orphans/` (never deleted);
- the daily backup is taken (the GUI defers it until its window is painted).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.errors import (
    AppError,
    CorruptDatabaseError,
    FolderBusyError,
    MissingDatabaseError,
)
from desktop_app.core.i18n import _
from desktop_app.core.paths import DataLayout, make_private, private_umask, take_permission_warnings
from desktop_app.core.report import staging as report_staging
from desktop_app.core.services.audit import AuditService
from desktop_app.core.services.cases import CaseService
from desktop_app.core.services.events import EventService
from desktop_app.core.services.evidence import EvidenceService
from desktop_app.core.services.parties import PartyService
from desktop_app.core.services.search import SearchService
from desktop_app.core.storage import backups, health
from desktop_app.core.storage.db import Database
from desktop_app.core.storage.lock import FolderLock
from desktop_app.core.storage.migrations import CURRENT_VERSION, migrate, schema_version
from desktop_app.core.vault.vault import Vault

log = logging.getLogger(__name__)

#: How long a writing command waits for another Paper Trail to finish with the folder
#: (PAPERTRAIL_LOCK_WAIT overrides it, in seconds).
LOCK_WAIT_S = 10.0


def lock_wait_s() -> float:
    try:
        return max(0.0, float(os.environ.get("PAPERTRAIL_LOCK_WAIT", LOCK_WAIT_S)))
    except ValueError:
        return LOCK_WAIT_S


def busy_error(data_dir: Path, pid: int | None) -> FolderBusyError:
    return FolderBusyError(_("Another Paper Trail (pid {pid}) is busy with the data folder {folder}; try again "
                             "when it has finished.").format(pid=pid if pid else "?", folder=data_dir), pid)


def database_is_empty(path: Path) -> bool:
    """No database file, or one that holds nothing (0 bytes, and no write-ahead log with pages)."""
    try:
        if path.stat().st_size > 0:
            return False
    except FileNotFoundError:
        return True
    wal = path.with_name(path.name + "-wal")
    return not (wal.exists() and wal.stat().st_size > 0)


def missing_database_error(layout: DataLayout) -> MissingDatabaseError:
    latest = backups.latest(layout.backups)
    if latest is not None:
        text = _("{folder} holds evidence or backups, but its database {database} is missing or empty; nothing was "
                 "created or changed. The latest backup is {backup}: run papertrail restore-backup to bring it back.")
    else:
        text = _("{folder} holds evidence, but its database {database} is missing or empty and there is no backup; "
                 "nothing was created or changed. Run papertrail restore-backup --empty to start an empty database "
                 "and keep every evidence file among the orphans (papertrail orphans).")
    return MissingDatabaseError(text.format(folder=layout.root, database=layout.database.name, backup=latest),
                                latest_backup=latest)


class Workspace:
    def __init__(self, layout: DataLayout, db: Database, vault: Vault) -> None:
        self.layout = layout
        self.db = db
        self.vault = vault
        self.audit = AuditService(db)
        self.cases = CaseService(db, self.audit)
        self.parties = PartyService(db, self.audit)
        self.events = EventService(db, self.audit)
        self.evidence = EvidenceService(db, vault, self.audit)
        self.search = SearchService(db)
        self.lock: FolderLock | None = None  # held while open, unless this is a reader sharing the folder
        self.warnings: list[str] = []  # for the user: a backup that failed, files that cannot be made private
        self._sound = False  # checked (or known unchanged) at open: the close may note it as clean

    @property
    def data_dir(self) -> Path:
        return self.layout.root

    @property
    def is_writer(self) -> bool:
        return self.lock is not None

    @classmethod
    def open(cls, data_dir: Path | str, *, write: bool = True, wait_s: float | None = None,
             on_wait: Callable[[int | None], None] | None = None, allow_new: bool = False,
             daily_backup: bool = True) -> Workspace:
        """Open (creating a new folder's database).  `write=False` opens for reading: it shares the
        folder with a busy writer instead of waiting.  `allow_new` lets a folder with evidence but
        no database get an empty one (`restore-backup --empty`).  `daily_backup=False` leaves the
        daily backup to the caller (`daily_backup()`), e.g. after the GUI's first paint."""
        private_umask()
        layout = DataLayout(Path(data_dir)).create()
        folder_lock = FolderLock(layout.root)
        lock: FolderLock | None = folder_lock
        if not folder_lock.acquire(lock_wait_s() if wait_s is None and write else (wait_s or 0.0),
                                   on_wait if write else None):
            if write:
                raise busy_error(layout.root, folder_lock.owner())
            lock = None
        try:
            return cls._open_locked(layout, lock, allow_new, daily_backup)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _open_locked(cls, layout: DataLayout, lock: FolderLock | None, allow_new: bool,
                     daily_backup: bool) -> Workspace:
        vault = Vault(layout.vault)
        if not allow_new and database_is_empty(layout.database) and (
                vault.has_objects() or backups.latest(layout.backups) is not None):
            raise missing_database_error(layout)
        db = Database(layout.database)
        try:
            sound = cls._check(db, layout, unclean=bool(lock and lock.stale_at_acquire))
            if lock is None and schema_version(db.conn) != CURRENT_VERSION:
                raise busy_error(layout.root, FolderLock(layout.root).owner())  # a writer must migrate it
            if not allow_new and schema_version(db.conn) == 0 and (
                    vault.has_objects() or backups.latest(layout.backups) is not None) and \
                    db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                raise missing_database_error(layout)
            migrate(db.conn, layout.database, layout.backups)
        except CorruptDatabaseError as exc:
            db.close()
            if exc.latest_backup is None:
                exc.latest_backup = backups.latest(layout.backups)
            raise
        except sqlite3.DatabaseError as exc:
            db.close()
            from desktop_app.core.storage.faults import corrupt_error, disk_error

            problem = disk_error(exc, layout.root)
            if problem is not None:
                raise problem from exc
            raise corrupt_error(exc, layout.database, backups.latest(layout.backups)) from exc
        except BaseException:
            db.close()
            raise
        workspace = cls(layout, db, vault)
        workspace.lock = lock
        workspace._sound = sound
        if lock is not None:
            try:
                workspace._tidy(daily_backup)
            except BaseException:
                db.close()
                raise
        workspace.warnings.extend(take_permission_warnings())
        return workspace

    @staticmethod
    def _check(db: Database, layout: DataLayout, unclean: bool) -> bool:
        """quick_check when there is reason to doubt the file; raise if it is damaged."""
        if not health.needs_check(layout.database, unclean):
            return True
        started = time.perf_counter()
        found = health.problems(db.conn)
        log.info("quick_check: %s in %.0f ms", "ok" if not found else "damaged", (time.perf_counter() - started) * 1e3)
        if found:
            health.forget(layout.database)
            from desktop_app.core.storage.faults import corrupt_error

            raise corrupt_error(found[0], layout.database, backups.latest(layout.backups))
        health.note_clean(layout.database, time.time())
        return True

    def _tidy(self, daily_backup: bool) -> None:
        """What only the lock holder may do: sweep temporary files of dead processes, set
        unreferenced vault objects aside, tighten old files' modes, take the daily backup."""
        Vault(self.layout.vault).create()
        moved = self.vault.sweep(self.evidence.referenced_hashes())
        if moved:
            log.info("vault sweep: %d temporary files removed or objects set aside", moved)
        report_staging.sweep(self.layout.root)  # unfinished PDFs/ZIPs of killed processes (report/staging.py)
        backups.prune(self.layout.backups, "daily")
        self._tighten_modes()
        if daily_backup:
            self.daily_backup(warn=True)

    def _tighten_modes(self) -> None:
        """Files an older version wrote with the default umask (0644) become 0600."""
        root = self.layout.root
        names = ["papertrail.sqlite3", "papertrail.sqlite3-wal", "papertrail.sqlite3-shm", "settings.json"]
        candidates = [root / n for n in names]
        for folder in (self.layout.backups, self.layout.logs):
            with contextlib.suppress(OSError):
                candidates.extend(p for p in folder.iterdir() if p.is_file())
        folders = [root / "cache", root / "exports"]
        with contextlib.suppress(OSError):
            folders.extend(p for p in (root / "cache").iterdir() if p.is_dir())
        for path in candidates + folders:
            with contextlib.suppress(OSError):
                if path.stat().st_mode & 0o077:
                    make_private(path, 0o700 if path.is_dir() else 0o600)

    def backup(self, label: str) -> Path:
        """A checked backup before a change (label: pre-import, pre-restore…)."""
        return backups.backup(self.db.conn, self.layout.backups, label)

    def daily_backup(self, warn: bool = False) -> Path | None:
        """Today's backup, unless one exists.  With `warn`, a failure becomes a warning in
        `self.warnings` (the command still runs) instead of an exception."""
        if self.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0:
            return None  # a new folder: nothing to keep yet (and an empty "latest" backup would mislead)
        try:
            return backups.daily(self.db.conn, self.layout.backups)
        except AppError as exc:
            if not warn:
                raise
            self.warnings.append(_("The daily backup was not made: {error}").format(error=exc))
            log.warning("daily backup failed: %s", type(exc).__name__)
            return None

    def integrity_problems(self) -> list[str]:
        """PRAGMA integrity_check: [] if the database file is sound."""
        try:
            found = health.problems(self.db.conn, full=True)
        except sqlite3.DatabaseError as exc:
            found = [str(exc)]
        if not found:
            health.note_clean(self.layout.database, time.time())
        return found

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            if self._sound:
                health.note_clean(self.layout.database)  # the file as we leave it: unchanged till next open
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def require_writer(ws: Workspace) -> None:
    if not ws.is_writer:
        raise busy_error(ws.data_dir, FolderLock(ws.data_dir).owner())

