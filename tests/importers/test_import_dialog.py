"""The import dialog, driven like a user would: preview, tick, import, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_paths import SAMPLES
from PySide6.QtCore import Qt

from desktop_app.ui.import_dialog import CHOOSE, DONE, PREVIEW, ImportDialog

pytestmark = pytest.mark.gui
CALLS = SAMPLES / "sbr" / "calls-20240314201507.xml"
SMS = SAMPLES / "sbr" / "sms-20240314201507.xml"


def _wait_page(qtbot, dialog: ImportDialog, page: int) -> None:
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == page and dialog.task is None, timeout=20_000)


def test_preview_ticks_collectors_and_imports_only_them(qtbot, workspace, case_id: int) -> None:
    dialog = ImportDialog(workspace, case_id, paths=[CALLS, SMS])
    qtbot.addWidget(dialog)
    _wait_page(qtbot, dialog, PREVIEW)
    table = dialog.table
    rows = {table.item(r, 0).data(Qt.ItemDataRole.UserRole): r for r in range(table.rowCount())}
    assert table.item(rows["+8617000001111"], 0).checkState() == Qt.CheckState.Checked
    assert table.item(rows["withheld"], 0).checkState() == Qt.CheckState.Unchecked
    assert "34" in dialog.summary.text()
    dialog.table.set_all("none")
    assert not dialog.import_button.isEnabled()
    table.item(rows["+8617000001111"], 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert result.imported == 13 and workspace.events.count(case_id) == 13
    _wait_page(qtbot, dialog, DONE)
    assert "13" in dialog.done_label.text()


def test_cancelling_an_import_keeps_nothing(qtbot, workspace, case_id: int, tmp_path: Path) -> None:
    from backup_gen import write_calls

    big = write_calls(tmp_path / "calls-big.xml", 4000)
    dialog = ImportDialog(workspace, case_id, paths=[big])
    qtbot.addWidget(dialog)
    _wait_page(qtbot, dialog, PREVIEW)
    dialog.table.set_all("all")
    dialog.start_import()
    dialog._cancel()
    _wait_page(qtbot, dialog, DONE)
    assert "nothing" in dialog.done_label.text().lower() or dialog.result is not None
    if dialog.result is None:  # the cancel arrived in time (the usual case)
        assert workspace.events.count(case_id) == 0
        assert workspace.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_a_broken_file_shows_a_message_and_goes_back(qtbot, workspace, case_id: int, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("desktop_app.ui.import_dialog.show_error", lambda parent, exc: shown.append(str(exc)))
    bad = SAMPLES.parent / "public" / "shruggietech_sms-backup-restore-parser" / "malformed.xml"
    dialog = ImportDialog(workspace, case_id, paths=[bad])
    qtbot.addWidget(dialog)
    _wait_page(qtbot, dialog, PREVIEW)
    assert "malformed.xml, line 4" in dialog.file_notes.text()
    dialog.start_import()
    _wait_page(qtbot, dialog, PREVIEW)
    assert shown and shown[0].startswith("malformed.xml, line 4")


def test_plain_csv_shows_the_column_mapping(qtbot, workspace, case_id: int, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("When,Who,Text\n2024-03-12 09:00,17000001111,pay now\n", "utf-8")
    dialog = ImportDialog(workspace, case_id, paths=[path])
    qtbot.addWidget(dialog)
    _wait_page(qtbot, dialog, PREVIEW)
    assert not dialog.mapping_box.isHidden()
    mapping = dialog.mapping_box.mapping()
    assert (mapping.time, mapping.number, mapping.body) == ("When", "Who", "Text")
    assert dialog.table.rowCount() == 1
    assert dialog.pages.currentIndex() != CHOOSE
