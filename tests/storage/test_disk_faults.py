"""Issue 13 item 6: a full disk (ENOSPC, SQLITE_FULL) or a failing one (EIO, SQLITE_IOERR) while
writing the vault, an import, a backup or the database.  The message names the real problem — the
disk holding the data folder, and how much is free — never the source file ("could not be read")
and never calls the intact database "not usable".  Afterwards the database passes integrity_check
and nothing is partial: no event rows without their evidence, no half file in the vault."""

from __future__ import annotations

import argparse
import errno
import io
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from storage_cli import integrity

from desktop_app.core.errors import AppError, DataFolderIOError, DiskFullError
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.storage import backups
from desktop_app.core.storage.db import Database

FAULTS = [pytest.param(errno.ENOSPC, DiskFullError, "is full", id="ENOSPC"),
          pytest.param(errno.EIO, DataFolderIOError, "input/output error", id="EIO")]


class _FailingFile(io.RawIOBase):
    """A vault temp file whose disk gives out after the first MiB."""

    def __init__(self, real, code: int) -> None:
        self.real, self.code, self.written = real, code, 0

    def write(self, data) -> int:
        if self.written >= 1 << 20:
            raise OSError(self.code, os.strerror(self.code))
        self.written += len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.real.close()


def _break_vault_writes(monkeypatch, code: int) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return _FailingFile(handle, code) if "w" in mode else handle

    monkeypatch.setattr(os, "fdopen", fdopen)


def _nothing_partial(ws: Workspace, evidence_before: int, events_before: int) -> None:
    assert integrity(ws.layout.database) == "ok"
    assert ws.db.execute("SELECT count(*) FROM evidence").fetchone()[0] == evidence_before
    assert ws.db.execute("SELECT count(*) FROM events").fetchone()[0] == events_before
    assert list(ws.vault.tmp.iterdir()) == []
    for obj in ws.vault.objects.rglob("*"):  # every stored file is whole: its name is its content's hash
        if obj.is_file():
            import hashlib

            assert hashlib.sha256(obj.read_bytes()).hexdigest() == obj.name


def _counts(ws: Workspace) -> tuple[int, int]:
    return (ws.db.execute("SELECT count(*) FROM evidence").fetchone()[0],
            ws.db.execute("SELECT count(*) FROM events").fetchone()[0])


@pytest.mark.parametrize(("code", "kind", "words"), FAULTS)
def test_attach_on_a_failing_disk_names_the_data_folder(demo_workspace, tmp_path: Path, monkeypatch, capsys,
                                                        code: int, kind: type, words: str) -> None:
    ws = demo_workspace
    case_id = ws.demo_case_id
    event_id = ws.events.list(case_id)[0].id
    source = tmp_path / "photo.jpg"
    source.write_bytes(os.urandom(3 << 20))
    before = _counts(ws)
    _break_vault_writes(monkeypatch, code)
    with pytest.raises(kind) as info:
        ws.evidence.attach(case_id, [source], [event_id])
    message = str(info.value)
    assert f"The disk holding {ws.data_dir}" in message and words in message
    assert "could not be read" not in message and str(source) not in message
    if code == errno.ENOSPC:
        assert " MB free" in message
    _nothing_partial(ws, *before)

    # The same through the command line: one line, not "unexpected", not the source's fault.
    from desktop_app.cli import cmd_cases
    from desktop_app.cli.main import run_command

    args = argparse.Namespace(data_dir=str(ws.data_dir), command="attach", handler=cmd_cases.cmd_attach,
                              case=case_id, event=event_id, files=[source], caption="", json=False)
    assert run_command(args) == kind.exit_code
    err = capsys.readouterr().err
    assert f"The disk holding {ws.data_dir}" in err and "could not be read" not in err and "unexpected" not in err


@pytest.mark.parametrize(("code", "kind", "words"), FAULTS)
def test_import_with_recordings_on_a_failing_disk_imports_nothing(workspace, tmp_path: Path, monkeypatch,
                                                                  code: int, kind: type, words: str) -> None:
    from desktop_app.core.importers.service import run_import

    case_id = workspace.cases.create("import", "CN").id
    folder = tmp_path / "phone"
    folder.mkdir()
    (folder / "录音_13800138000_20260301093000.m4a").write_bytes(os.urandom(3 << 20))
    (folder / "Screenshot_20260301-101500.png").write_bytes(os.urandom(3 << 20))
    before = _counts(workspace)
    _break_vault_writes(monkeypatch, code)
    with pytest.raises(kind, match=words):
        run_import(workspace, case_id, [folder], all=True)
    _nothing_partial(workspace, *before)


def _sms_backup(path: Path, n: int) -> Path:
    rows = "".join(f'<sms protocol="0" address="1069{i % 50:07d}" date="{1767225600000 + i * 60000}" type="1" '
                   f'subject="null" body="第{i}条：逾期通知，请尽快处理你的账单" read="1" status="-1" />\n'
                   for i in range(n))
    path.write_text(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"{n}\">\n{rows}"
                    "</smses>\n", "utf-8")
    return path


def test_import_into_a_full_database_says_the_disk_is_full_and_keeps_it_intact(workspace, tmp_path: Path) -> None:
    """SQLITE_FULL for real: the connection may not grow the file past its current size."""
    from desktop_app.core.importers.service import run_import

    case_id = workspace.cases.create("import", "CN").id
    source = _sms_backup(tmp_path / "sms.xml", 3000)
    before = _counts(workspace)
    pages = workspace.db.execute("PRAGMA page_count").fetchone()[0]
    workspace.db.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(DiskFullError) as info:
        run_import(workspace, case_id, [source], all=True)
    assert f"The disk holding {workspace.data_dir} is full" in str(info.value)
    assert "not usable" not in str(info.value) and "damaged" not in str(info.value)
    workspace.db.execute("PRAGMA max_page_count = 1073741823")
    _nothing_partial(workspace, *before)
    assert workspace.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    result = run_import(workspace, case_id, [source], all=True)  # with room again, it all goes in
    assert result.imported == 3000


class _IOErrorOnCommit:
    """The connection, except that COMMIT meets a disk I/O error (as SQLITE_IOERR_WRITE would)."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self._real = real

    def execute(self, sql, *args):
        if sql == "COMMIT":
            raise sqlite3.OperationalError("disk I/O error")
        return self._real.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._real, name)


def test_an_io_error_at_commit_is_the_disks_fault_and_leaves_nothing(workspace, monkeypatch) -> None:
    case_id = workspace.cases.create("c", "CN").id
    real = Database.conn.fget
    monkeypatch.setattr(Database, "conn", property(lambda self: _IOErrorOnCommit(real(self))))
    with pytest.raises(DataFolderIOError, match="input/output error") as info:
        workspace.events.log(case_id, "call", datetime(2026, 3, 1, 9, 0))
    assert str(workspace.data_dir) in str(info.value)
    monkeypatch.undo()
    assert workspace.events.count(case_id) == 0
    assert integrity(workspace.layout.database) == "ok"


@pytest.mark.parametrize(("code", "kind", "words"), FAULTS)
def test_a_backup_on_a_failing_disk_is_reported_and_leaves_no_file(workspace, monkeypatch, code: int, kind: type,
                                                                   words: str) -> None:
    workspace.cases.create("c", "CN")
    real_replace = os.replace

    def replace(src, dst, *a, **k):
        if str(dst).endswith(".sqlite3") and "backups" in str(dst):
            raise OSError(code, os.strerror(code))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(kind, match=words):
        workspace.backup("manual")
    assert list(workspace.layout.backups.iterdir()) == []
    assert backups.latest(workspace.layout.backups) is None


def test_opening_on_a_full_disk_does_not_call_the_database_unusable(tmp_path: Path, monkeypatch) -> None:
    from desktop_app.core.storage import db as db_module

    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        ws.cases.create("c", "CN")
    real = db_module.sqlite3.connect

    class FullOnWal:
        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *a):
            if "journal_mode" in sql:
                raise sqlite3.OperationalError("database or disk is full")
            return self._conn.execute(sql, *a)

        def __setattr__(self, name, value):
            if name == "_conn":
                object.__setattr__(self, name, value)
            else:
                setattr(self._conn, name, value)

    monkeypatch.setattr(db_module.sqlite3, "connect", lambda *a, **k: FullOnWal(real(*a, **k)))
    with pytest.raises(AppError) as info:
        Workspace.open(data)
    assert isinstance(info.value, DiskFullError), info.value
    assert "not usable" not in str(info.value)


def test_a_full_disk_anywhere_in_the_data_folder_is_named_by_the_command_line(tmp_path: Path, monkeypatch,
                                                                              capsys) -> None:
    from desktop_app.cli.main import run_command

    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        ws.cases.create("c", "CN")

    def handler(_args, ws):  # e.g. a thumbnail or log file the command writes in the data folder
        raise OSError(errno.ENOSPC, "No space left on device", str(ws.data_dir / "cache" / "x.png"))

    assert run_command(argparse.Namespace(data_dir=str(data), command="cases", handler=handler)) == 2
    err = capsys.readouterr().err
    assert f"The disk holding {data} is full" in err and "unexpected" not in err
