"""Reading someone else's SQLite file without ever changing it.

`immutable=1` stops SQLite from creating -wal/-shm files or rolling back a journal next to the
original, so a phone backup stays byte-for-byte what the user brought.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.request import pathname2url

from desktop_app.core.i18n import _
from desktop_app.core.importers.errors import ImportFormatError


def open_readonly(path: Path) -> sqlite3.Connection:
    uri = "file:" + pathname2url(str(Path(path).resolve())) + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        conn.row_factory = sqlite3.Row
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(path, _("the database cannot be read ({detail}); if it comes from an encrypted "
                                        "backup, decrypt it first").format(detail=exc)) from None
    return conn


def tables(path: Path) -> dict[str, set[str]]:
    """{table: {column, …}} of a SQLite file."""
    conn = open_readonly(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')} for name in names}
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(path, _("the database cannot be read ({detail})").format(detail=exc)) from None
    finally:
        conn.close()
