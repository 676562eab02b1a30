"""Issue 13 item 1, the GUI's start: a folder whose database is gone is shown as such, with the
offer to restore the latest backup; nothing is created silently and nothing restored unasked."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def _lose_database(data: Path) -> None:
    for name in ("papertrail.sqlite3", "papertrail.sqlite3-wal", "papertrail.sqlite3-shm"):
        (data / name).unlink(missing_ok=True)


def _with_backup(demo_dir: Path) -> Path:
    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(demo_dir) as ws:
        return ws.backup("manual")


def test_start_offers_the_backup_and_restores_only_when_asked(qtbot, demo_dir: Path, monkeypatch) -> None:
    from desktop_app.ui import launch
    from desktop_app.ui.application import SingleInstance

    backup = _with_backup(demo_dir)
    _lose_database(demo_dir)
    shown = []
    monkeypatch.setattr(launch, "ask_restore", lambda problem: shown.append(problem) or False)
    instance = SingleInstance(demo_dir)
    assert instance.acquire(listen=False)
    code = launch._open_workspace(demo_dir, instance)
    assert isinstance(code, int) and code != 0
    assert shown[0].latest_backup == backup and str(demo_dir) in str(shown[0])
    assert not (demo_dir / "papertrail.sqlite3").exists()  # declined: nothing created

    monkeypatch.setattr(launch, "ask_restore", lambda problem: True)
    assert instance.acquire(listen=False)
    ws = launch._open_workspace(demo_dir, instance)
    try:
        assert [c.is_demo for c in ws.cases.list()] == [True]
        assert len(ws.evidence.list(ws.cases.list()[0].id)) == 9
    finally:
        ws.close()
        instance.release()


def test_the_offer_names_the_backup_and_says_nothing_is_deleted(qtbot, demo_dir: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.services.workspace import Workspace
    from desktop_app.ui.recovery import ask_restore

    backup = _with_backup(demo_dir)
    _lose_database(demo_dir)
    from desktop_app.core.errors import MissingDatabaseError

    with pytest.raises(MissingDatabaseError) as info:
        Workspace.open(demo_dir)
    seen = {}

    def click_restore(box: QMessageBox) -> int:
        seen["text"], seen["info"] = box.text(), box.informativeText()
        [restore_button] = [b for b in box.buttons() if b.text() == "Restore the backup"]
        restore_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_restore)
    assert ask_restore(info.value) is True
    assert str(backup) in seen["info"] and "never deleted" in seen["info"]
    assert "missing or empty" in seen["text"]


def test_with_no_backup_the_app_offers_an_empty_database_keeping_the_files(qtbot, demo_dir: Path,
                                                                            monkeypatch) -> None:
    import os
    import time

    from desktop_app.ui import launch
    from desktop_app.ui.application import SingleInstance

    old = time.time() - 7200
    files = [p for p in (demo_dir / "vault" / "objects").rglob("*") if p.is_file()]
    for path in files:
        os.utime(path, (old, old))
    _lose_database(demo_dir)
    asked = []
    monkeypatch.setattr(launch, "ask_restore", lambda problem: pytest.fail("there is no backup to offer"))
    monkeypatch.setattr(launch, "ask_start_empty", lambda problem: asked.append(str(problem)) or True)
    instance = SingleInstance(demo_dir)
    assert instance.acquire(listen=False)
    ws = launch._open_workspace(demo_dir, instance)
    try:
        assert "no backup" in asked[0]
        assert ws.cases.list() == []
        assert sorted(o.sha256 for o in ws.vault.list_orphans()) == sorted(p.name for p in files)
    finally:
        ws.close()
        instance.release()
