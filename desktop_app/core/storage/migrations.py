"""Versioned schema migrations (PRAGMA user_version).

Each step runs in its own transaction, so a crash mid-migration leaves the previous version
intact.  Before touching an existing database we copy it aside with SQLite's backup API.  A
database whose version is newer than this program knows is refused and never written.

To change the schema: add `schema_vN.sql` (or a function) to `STEPS`, never edit a shipped one,
and add `tests/fixtures/db/vN-1.sqlite` so the step is tested from the real previous shape.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.errors import CorruptDatabaseError, NewerDatabaseError, StorageError
from desktop_app.core.i18n import _
from desktop_app.core.storage import backups

Step = Callable[[sqlite3.Connection], None]


def _sql_step(name: str) -> Step:
    def run(conn: sqlite3.Connection) -> None:
        from importlib import resources  # only a new or older database needs a script (~3 ms at startup)

        script = resources.files("desktop_app.core.storage").joinpath(name).read_text("utf-8")
        # executescript() would COMMIT our transaction; run statement by statement instead.
        for statement in _split_sql(script):
            conn.execute(statement)

    run.__name__ = name
    return run


def _split_sql(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


#: STEPS[i] takes the schema from version i to version i + 1.
STEPS: list[Step] = [
    _sql_step("schema_v1.sql"),
    _sql_step("schema_v2.sql"),
]
CURRENT_VERSION = len(STEPS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, db_path: Path | None, backup_dir: Path | None) -> int:
    """Bring the database to CURRENT_VERSION; return the version it had."""
    try:
        version = schema_version(conn)
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StorageError(_("{path}: this SQLite file was not made by Paper Trail; refusing to change it").format(
                path=db_path))
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            _("{path}: the database file is damaged ({error})").format(path=db_path, error=exc),
            latest_backup=backups.latest(backup_dir) if backup_dir else None,
        ) from exc
    if version > CURRENT_VERSION:
        raise NewerDatabaseError(
            _("{path}: this database was written by a newer Paper Trail (schema {version}; this version reads "
              "up to {current}). Update Paper Trail; the file was not changed.").format(
                path=db_path, version=version, current=CURRENT_VERSION)
        )
    if version == CURRENT_VERSION:
        return version
    if version > 0 and db_path is not None and backup_dir is not None:
        backups.backup(conn, backup_dir, f"pre-migration-v{version}")
    for target in range(version + 1, CURRENT_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            STEPS[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute(
                "INSERT OR REPLACE INTO app_meta(key, value) VALUES ('schema_written_by', ?)",
                (f"{__version__} at {datetime.now(UTC).isoformat(timespec='seconds')}",),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return version
