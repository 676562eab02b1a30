"""Issue 13 item 3: command-line users get the rolling backups too (daily, before imports,
migrations and restores), each checked after it is written; a bad one is removed, never "latest"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storage_cli import ok, run

from desktop_app.core.services.workspace import Workspace
from desktop_app.core.storage import backups

SMS_XML = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="1"><sms protocol="0" address="10690000123" date="1767225600000" type="1" subject="null"
 body="逾期通知" read="1" status="-1" /></smses>
"""


def _titles(backup: Path) -> list[str]:
    conn = sqlite3.connect(backup)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM cases")]
    finally:
        conn.close()


def test_the_command_line_takes_the_daily_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok(run(data, "new-case", "--title", "mine"))
    assert list((data / "backups").glob("*.sqlite3")) == []  # a new, empty folder: nothing to keep yet
    ok(run(data, "cases"))
    [daily] = (data / "backups").glob("papertrail-daily-*.sqlite3")
    assert _titles(daily) == ["mine"]
    ok(run(data, "cases"))
    assert len(list((data / "backups").glob("papertrail-daily-*.sqlite3"))) == 1  # once a day


def test_an_import_is_preceded_by_a_checked_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok(run(data, "new-case", "--title", "before the import"))
    source = tmp_path / "sms.xml"
    source.write_text(SMS_XML, "utf-8")
    ok(run(data, "import", "1", str(source), "--all"))
    [pre] = (data / "backups").glob("papertrail-pre-import-*.sqlite3")
    conn = sqlite3.connect(pre)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0  # the state before it
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert pre.stat().st_mode & 0o777 == 0o600
    ok(run(data, "import", "1", str(source), "--all", "--dry-run"))
    assert len(list((data / "backups").glob("papertrail-pre-import-*.sqlite3"))) == 1  # a dry run changes nothing


def test_a_backup_that_does_not_read_back_sound_is_removed_and_reported(workspace: Workspace, monkeypatch) -> None:
    workspace.cases.create("c", "CN")
    good = workspace.backup("manual")
    monkeypatch.setattr(backups, "check", lambda conn: ["*** in database main *** Page 3: btreeInitPage() error"])
    with pytest.raises(backups.BackupError, match="did not read back sound"):
        workspace.backup("manual")
    assert sorted(workspace.layout.backups.iterdir()) == [good]  # no bad file, no .partial
    assert backups.latest(workspace.layout.backups) == good


def test_a_failed_daily_backup_is_a_warning_and_the_command_still_runs(demo_dir: Path, monkeypatch, capsys) -> None:
    import argparse

    from desktop_app.cli import cmd_cases
    from desktop_app.cli.main import run_command

    real_connect = backups.sqlite3.connect

    def connect_full(path, *a, **k):  # the backup's own file cannot be written: the disk is full
        if str(path).endswith(".partial"):
            raise sqlite3.OperationalError("database or disk is full")
        return real_connect(path, *a, **k)

    monkeypatch.setattr(backups.sqlite3, "connect", connect_full)
    args = argparse.Namespace(data_dir=str(demo_dir), command="cases", handler=cmd_cases.cmd_cases, json=False)
    assert run_command(args) == 0
    captured = capsys.readouterr()
    assert "1 " in captured.out  # the case was listed
    assert "warning" in captured.err and "daily backup was not made" in captured.err
    assert f"The disk holding {demo_dir} is full" in captured.err
    assert not list((demo_dir / "backups").glob("*.partial"))
