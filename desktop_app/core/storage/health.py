"""Is the database file sound?  Checked cheaply at open, fully by `papertrail verify`.

`PRAGMA quick_check` reads every page (bench/bench_quick_check.py: about 0.2 s for 100,000 events),
too slow to pay at every command.  So it runs at open only when there is a reason to doubt the file:

- the last clean check is more than a day old;
- the last process that wrote here did not close cleanly (it left its lock file behind);
- the file is not the one we left: its size, modification time or inode differ from what was
  noted at the last clean close, so something other than Paper Trail wrote to it (a sync tool,
  a disk error, a user's editor).

The note is `.papertrail-checked` in the data folder (JSON: when, and the file's size, mtime and
inode).  `PRAGMA integrity_check` (indexes too) runs in `verify` and on every backup we restore.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from pathlib import Path

STAMP_NAME = ".papertrail-checked"
MAX_AGE_S = 24 * 3600


def _identity(db_path: Path) -> list[int] | None:
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _stamp_path(db_path: Path) -> Path:
    return db_path.parent / STAMP_NAME


def needs_check(db_path: Path, unclean_shutdown: bool, now: float | None = None) -> bool:
    if unclean_shutdown:
        return True
    try:
        stamp = json.loads(_stamp_path(db_path).read_text("utf-8"))
        checked_at, identity = float(stamp["checked_at"]), stamp["db"]
    except (OSError, ValueError, KeyError, TypeError):
        return True
    now = time.time() if now is None else now
    return now - checked_at > MAX_AGE_S or identity != _identity(db_path)


def note_clean(db_path: Path, checked_at: float | None = None) -> None:
    """Remember that the file, as it is now, is sound (after a clean check, or at a clean close)."""
    path = _stamp_path(db_path)
    if checked_at is None:
        try:
            checked_at = float(json.loads(path.read_text("utf-8"))["checked_at"])
        except (OSError, ValueError, KeyError, TypeError):
            return  # never checked: leave it to the next open
    data = json.dumps({"checked_at": checked_at, "db": _identity(db_path)})
    partial = path.with_name(path.name + ".partial")
    with contextlib.suppress(OSError):  # only a reminder: failing to write it costs a check next time
        partial.write_text(data, "utf-8")
        os.replace(partial, path)


def forget(db_path: Path) -> None:
    with contextlib.suppress(OSError):
        _stamp_path(db_path).unlink()


def problems(conn: sqlite3.Connection, full: bool = False, limit: int = 20) -> list[str]:
    """[] if the file is sound, else SQLite's first `limit` complaints (quick_check, or integrity_check
    when `full`)."""
    from desktop_app.core.storage.faults import is_corruption

    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({int(limit)})").fetchall()]
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):  # so damaged that the check itself cannot read the file
            return [str(exc)]
        raise
    return [] if rows == ["ok"] else rows
