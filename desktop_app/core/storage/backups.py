"""Rolling backups of the database with SQLite's online backup API.

A backup is a consistent snapshot even while the app writes.  `daily()` makes at most one a
day (the app calls it at start); migrations make one before they change anything.  The newest
`KEEP` of each kind are kept.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

KEEP = 7


def backup(conn: sqlite3.Connection, folder: Path, label: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    final = folder / f"papertrail-{label}-{stamp}.sqlite3"
    partial = final.with_suffix(".partial")
    target = sqlite3.connect(str(partial))
    try:
        conn.backup(target)
    finally:
        target.close()
    os.chmod(partial, 0o600)
    os.replace(partial, final)  # a kill mid-backup leaves only a .partial, swept by prune()
    prune(folder, label)
    return final


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


def latest(folder: Path | None) -> Path | None:
    if folder is None or not folder.is_dir():
        return None
    found = sorted(folder.glob("papertrail-*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    return found[0] if found else None
