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


def quoted(name: str) -> str:
    """A table name for inside double quotes (a hostile file may name a table `we"ird`)."""
    return name.replace('"', '""')


def tables(path: Path) -> dict[str, set[str]]:
    """{table: {column, …}} of a SQLite file."""
    conn = open_readonly(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: {r[1] for r in conn.execute(f'PRAGMA table_info("{quoted(name)}")')} for name in names}
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(path, _("the database cannot be read ({detail})").format(detail=exc)) from None
    finally:
        conn.close()


def require_columns(conn: sqlite3.Connection, path: Path, table: str, *needed: str | tuple[str, ...]) -> set[str]:
    """The columns of `table`; raise ImportFormatError naming the file when one it needs is missing.

    Each item of `needed` is a column, or a tuple of which any one will do.  Phone databases
    differ between versions, but without (say) the number or the date a row cannot be a contact,
    and reading on would fail in the middle with an error that names nothing."""
    try:
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{quoted(table)}")')}
    except sqlite3.DatabaseError as exc:
        raise ImportFormatError(path, _("the database cannot be read ({detail})").format(detail=exc)) from None
    missing = [n if isinstance(n, str) else " / ".join(n) for n in needed
               if not (n in columns if isinstance(n, str) else columns.intersection(n))]
    if missing:
        raise ImportFormatError(path, _("the table {table} has no column {columns}, which we need; the database "
                                        "is damaged or from a version we do not know").format(
                                            table=table, columns=", ".join(missing)))
    return columns


def to_float(value: object) -> float | None:
    """A number stored in a loosely typed SQLite column ('abc', b'..', NaN → None)."""
    try:
        number = float(value)  # type: ignore[arg-type]  # any stored value is tried: float() refuses the rest
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number == number and abs(number) != float("inf") else None
