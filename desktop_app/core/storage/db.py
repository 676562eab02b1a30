"""One SQLite file per data folder: WAL, foreign keys, explicit transactions.

`Database` hands each thread its own connection (sqlite3 connections must not be shared
across threads), so a GUI worker and the GUI thread can both use the services.  Every change
that touches more than one row runs inside `with db.transaction():` — BEGIN IMMEDIATE, then
COMMIT, or ROLLBACK on any exception — so a crash or a kill leaves either all or nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop_app.core.errors import CorruptDatabaseError, StorageError
from desktop_app.core.i18n import _

BUSY_TIMEOUT_MS = 10_000


def connect(path: Path | str) -> sqlite3.Connection:
    """Open a connection with the settings every connection of ours must have."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if str(path) != ":memory:":
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageError(_("{path}: could not switch the database to WAL mode ({mode})").format(
                    path=path, mode=mode))
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed data
        conn.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as exc:
        if str(path) != ":memory:":
            from desktop_app.core.storage.faults import disk_error

            problem = disk_error(exc, Path(path).parent)  # a full disk is not a damaged database
            if problem is not None:
                raise problem from exc
        raise CorruptDatabaseError(_("{path}: not a usable Paper Trail database ({error})").format(
            path=path, error=exc)) from exc
    return conn


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added.  sqlite3 types `lastrowid` as optional (it is None
    only before any INSERT on the connection), so the check lives here once."""
    if cur.lastrowid is None:
        raise RuntimeError("the statement inserted no row")
    return cur.lastrowid


class Database:
    """A path plus one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing; nested use joins the outer transaction."""
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                # SQLite may already have rolled back by itself (a full disk, an I/O error).
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            else:
                try:
                    conn.execute("COMMIT")
                except sqlite3.Error:
                    if conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
        except sqlite3.Error as exc:
            self._raise_storage_problem(exc)
            raise

    def _raise_storage_problem(self, exc: sqlite3.Error) -> None:
        """A full disk, an I/O error or a damaged file, said as such (naming the folder or file)."""
        if str(self.path) == ":memory:":
            return
        from desktop_app.core.storage.faults import translate

        problem = translate(exc, self.path)
        if problem is not None:
            raise problem from exc

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()
