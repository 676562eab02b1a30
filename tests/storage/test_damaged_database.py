"""Issue 13 item 2: a damaged database is noticed before anything is written to it, and every
command says so in one line naming the file and the latest backup (never exit 0, never the
"unexpected error" exit 70).  `verify` runs the full integrity_check."""

from __future__ import annotations

import argparse
import os
import sqlite3
import time
from pathlib import Path

import pytest
from storage_cli import file_digest, ok, one_clean_error, run

SMS_XML = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="1"><sms protocol="0" address="10690000123" date="1767225600000" type="1" subject="null"
 body="逾期通知" read="1" status="-1" /></smses>
"""


def _damage(db: Path) -> None:
    """8 KiB of random bytes in the middle of the file, after a checkpoint (so the damage is in the file)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek(size // 2 - 4096)
        fh.write(os.urandom(8192))
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError as exc:
        assert "malformed" in str(exc)
    finally:
        conn.close()


@pytest.fixture
def damaged(demo_dir: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    ok(run(demo_dir, "cases"))  # takes the daily backup
    [backup] = (demo_dir / "backups").glob("papertrail-daily-*.sqlite3")
    db = demo_dir / "papertrail.sqlite3"
    _damage(db)
    source = tmp_path / "sms.xml"
    source.write_text(SMS_XML, "utf-8")
    return demo_dir, backup, source


def test_no_command_writes_into_a_damaged_database(damaged) -> None:
    data, backup, source = damaged
    db = data / "papertrail.sqlite3"
    before = file_digest(db)
    backups_before = sorted(p.name for p in (data / "backups").iterdir())
    for command in (["import", "1", str(source), "--all"], ["cases"], ["show", "1"], ["show", "1", "--json"],
                    ["verify"], ["verify", "--json"], ["new-case", "--title", "x"]):
        line = one_clean_error(run(data, *command), str(db), "damaged", str(backup), "restore-backup")
        assert "not usable" not in line
        assert file_digest(db) == before, command  # nothing was written
    assert sorted(p.name for p in (data / "backups").iterdir()) == backups_before  # no backup of a damaged file
    ok(run(data, "restore-backup"))
    [aside] = data.glob("papertrail.sqlite3.damaged-*")
    assert file_digest(aside) == before  # the damaged file is kept, never deleted
    ok(run(data, "verify"))


def test_damage_found_while_a_command_runs_is_named_not_unexpected(tmp_path: Path, capsys) -> None:
    """A page that breaks after the open's check (or between checks) still gives the clear message."""
    from desktop_app.cli.main import run_command
    from desktop_app.core.services.workspace import Workspace

    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        ws.cases.create("c", "CN")

    def broken(_args, _ws):
        raise sqlite3.DatabaseError("database disk image is malformed")

    code = run_command(argparse.Namespace(data_dir=str(data), command="cases", handler=broken))
    err = capsys.readouterr().err
    from desktop_app.core.storage.backups import latest

    backup = latest(data / "backups")
    assert backup is not None
    assert code not in (0, 70)
    assert str(data / "papertrail.sqlite3") in err and str(backup) in err and "damaged" in err
    from desktop_app.core.storage import health

    assert health.needs_check(data / "papertrail.sqlite3", unclean_shutdown=False)  # checked again at next open


def test_quick_check_runs_when_there_is_reason_and_not_otherwise(tmp_path: Path) -> None:
    from desktop_app.core.storage import health

    data = tmp_path / "data"
    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(data) as ws:
        ws.cases.create("c", "CN")
    db = data / "papertrail.sqlite3"
    assert not health.needs_check(db, unclean_shutdown=False)  # closed cleanly a moment ago
    assert health.needs_check(db, unclean_shutdown=True)
    assert health.needs_check(db, unclean_shutdown=False, now=time.time() + 25 * 3600)  # a day later
    with open(db, "r+b") as fh:  # another program wrote to it
        fh.seek(100)
        fh.write(fh.read(1))
    assert health.needs_check(db, unclean_shutdown=False)


def test_a_process_killed_holding_the_folder_means_a_check_at_the_next_open(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = tmp_path / "data"
    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(data) as ws:
        ws.cases.create("c", "CN")
    code = ("import os, sys; from desktop_app.core.services.workspace import Workspace; "
            "ws = Workspace.open(sys.argv[1]); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(data)], check=True, timeout=60)
    from desktop_app.core.storage.lock import FolderLock

    lock = FolderLock(data)
    assert lock.acquire()
    try:
        assert lock.stale_at_acquire  # the dead process's lock file was found: it did not close cleanly
    finally:
        lock.release()


def test_the_damage_is_said_in_one_short_line() -> None:
    """quick_check lists up to 20 complaints under a header; the user's line shows the first one."""
    from desktop_app.core.storage.faults import corrupt_error

    report = "*** in database main ***\nPage 32: btreeInitPage() returns error code 11\nOn tree page 31 cell 7: x"
    text = str(corrupt_error(report, Path("/d/papertrail.sqlite3"), None))
    assert "\n" not in text and "***" not in text
    assert "Page 32: btreeInitPage() returns error code 11 …" in text
