"""The SQLite store: migrations from every earlier version, refusals, transactions, audit log."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core.errors import CorruptDatabaseError, NewerDatabaseError, StorageError
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.storage import migrations
from desktop_app.core.storage.migrations import CURRENT_VERSION

FIXTURE_DBS = sorted((Path(__file__).parent.parent / "fixtures" / "db").glob("v*.sqlite3"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _install_fixture(fixture: Path, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    db = data_dir / "papertrail.sqlite3"
    shutil.copyfile(fixture, db)
    vault = fixture.with_name(fixture.stem + "-vault")
    if vault.is_dir():
        shutil.copytree(vault, data_dir / "vault" / "objects")
    return db


def test_there_is_a_fixture_for_every_shipped_version() -> None:
    versions = {int(p.stem[1:]) for p in FIXTURE_DBS}
    assert versions == set(range(1, CURRENT_VERSION + 1)), "add tools/make_fixture_db.py output for each version"


@pytest.mark.parametrize("fixture", FIXTURE_DBS, ids=lambda p: p.stem)
def test_every_earlier_version_opens_and_keeps_its_data(fixture: Path, tmp_path: Path) -> None:
    _install_fixture(fixture, tmp_path / "data")
    with Workspace.open(tmp_path / "data") as ws:
        assert migrations.schema_version(ws.db.conn) == CURRENT_VERSION
        [summary] = ws.cases.list()
        assert summary.title == "固定样本 Fixture case"
        events = ws.events.list(summary.id)
        assert [e.kind.value for e in events] == ["call", "sms"]
        assert events[1].body == "你已被列入黑名单 😀 𠮷"
        assert events[0].start.isoformat() == "2026-03-02T23:14:00+08:00"
        assert ws.search.search_ids(summary.id, "律师") == [events[0].id]
        assert ws.search.search_ids(summary.id, "催收员乙") == [events[0].id]  # renamed party is searchable
        assert all(r.state.value == "ok" for r in ws.evidence.verify())


def test_a_migration_step_backs_up_first_and_is_all_or_nothing(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        ws.cases.create("before", "CN")

    def broken_step(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE cases ADD COLUMN colour TEXT")
        raise RuntimeError("power cut in the middle of the step")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, broken_step])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", len(migrations.STEPS))
    with pytest.raises(RuntimeError):
        Workspace.open(data)
    conn = sqlite3.connect(data / "papertrail.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    assert "colour" not in [r[1] for r in conn.execute("PRAGMA table_info(cases)")]
    conn.close()
    assert list((data / "backups").glob(f"papertrail-pre-migration-v{CURRENT_VERSION}-*.sqlite3"))

    def good_step(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE cases ADD COLUMN colour TEXT")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS[:-1], good_step])
    with Workspace.open(data) as ws:
        assert migrations.schema_version(ws.db.conn) == CURRENT_VERSION + 1
        assert [c.title for c in ws.cases.list()] == ["before"]


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        ws.cases.create("mine", "CN")
        ws.db.conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
        ws.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = data / "papertrail.sqlite3"
    before = _digest(db)
    with pytest.raises(NewerDatabaseError, match="newer Paper Trail"):
        Workspace.open(data)
    assert _digest(db) == before


def test_a_corrupt_database_names_the_file_and_offers_the_latest_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        ws.cases.create("mine", "CN")
        backup = ws.daily_backup()
    assert backup is not None and backup.exists()
    db = data / "papertrail.sqlite3"
    for extra in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        extra.unlink(missing_ok=True)
    db.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(CorruptDatabaseError) as info:
        Workspace.open(data)
    assert str(db) in str(info.value)
    assert info.value.latest_backup == backup


def test_a_foreign_sqlite_file_is_not_adopted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / "papertrail.sqlite3")
    conn.execute("CREATE TABLE photos(id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="not made by Paper Trail"):
        Workspace.open(data)


def test_connections_use_wal_and_foreign_keys(workspace: Workspace) -> None:
    conn = workspace.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_data_folders_are_private(workspace: Workspace) -> None:
    for folder in (workspace.data_dir, workspace.layout.vault, workspace.layout.backups, workspace.layout.logs):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_audit_log_is_append_only(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        workspace.db.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        workspace.db.execute("UPDATE audit_log SET action = 'x'")
    assert workspace.audit.history("case", case.id)[0].action == "create"


def test_a_failed_multi_row_change_leaves_nothing(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    with pytest.raises(RuntimeError), workspace.db.transaction():
        for minute in range(10):
            workspace.events.log(case.id, "call", datetime(2026, 3, 1, 9, minute))
        raise RuntimeError("boom")
    assert workspace.events.count(case.id) == 0


def test_audit_says_when_recorded_and_whether_edited(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    first = workspace.events.log(case.id, "call", datetime(2026, 3, 1, 9, 0))
    second = workspace.events.log(case.id, "call", datetime(2026, 3, 1, 10, 0))
    workspace.events.update(second.id, summary="edited later")
    info = workspace.audit.recorded_and_edited(case.id)
    assert info[first.id][1] is None
    assert info[second.id][1] is not None
    assert workspace.audit.history("event", second.id)[-1].fields == ["summary"]


def test_daily_backup_is_made_once_a_day_and_pruned(workspace: Workspace) -> None:
    workspace.cases.create("c", "CN")
    assert workspace.daily_backup() is not None
    assert workspace.daily_backup() is None
    [backup] = workspace.layout.backups.glob("papertrail-daily-*.sqlite3")
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT title FROM cases").fetchall() == [("c",)]
    conn.close()


def test_log_keeps_timestamps_but_not_case_data(tmp_path: Path) -> None:
    import logging

    from desktop_app.core.log import setup_logging

    path = setup_logging(tmp_path / "logs")
    logging.getLogger("paper.test").warning("sms from 13800138000 said 你已被起诉")
    for handler in logging.getLogger().handlers:
        handler.flush()
    line = [x for x in path.read_text("utf-8").splitlines() if "paper.test" in x][-1]
    assert "13800138000" not in line and "起诉" not in line
    assert line[:4].isdigit() and "[number]" not in line[:25]  # the timestamp survives


def test_a_full_log_is_rotated_when_logging_starts(tmp_path: Path) -> None:
    from desktop_app.core.log import KEEP, MAX_BYTES, setup_logging

    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "papertrail.log").write_bytes(b"x" * MAX_BYTES)
    for n in range(1, KEEP + 1):
        (folder / f"papertrail.log.{n}").write_text(f"old {n}")
    path = setup_logging(folder)
    assert path.stat().st_size < MAX_BYTES
    assert (folder / "papertrail.log.1").stat().st_size == MAX_BYTES
    assert [(folder / f"papertrail.log.{n}").read_text() for n in range(2, KEEP + 1)] == ["old 1", "old 2"]
    assert not (folder / f"papertrail.log.{KEEP + 1}").exists()  # the oldest one is gone, not piled up
