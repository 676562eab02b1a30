"""The report dialog with an altered exhibit: the build stops and names it, and the user may choose
to leave such exhibits out (issue 13, item 4)."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.i18n import current_language, set_language
from desktop_app.ui.report_dialog import ReportDialog

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _language(qapp):
    before = current_language()
    yield
    set_language(before)


def test_an_altered_exhibit_stops_the_build_until_the_user_leaves_it_out(qtbot, workspace) -> None:
    set_language("en")
    ws = workspace
    case = ws.cases.create("Altered", "US", borrower_name="Dana")
    event = ws.events.log(case.id, "call", datetime(2026, 3, 2, 10), direction="incoming", summary="a call")
    item = ws.evidence.record(case.id, [ws.evidence.store_bytes(case.id, b"note typed by me", "note.txt")],
                              [event.id], "my note")[0]
    vault = Path(item.path)
    vault.chmod(0o600)
    vault.write_bytes(b"note typed by XX")  # same size, other bytes
    dialog = ReportDialog(ws, case.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.leave_out.isChecked() and not dialog.options().leave_out_unverified
    out = Path(dialog.out.text())
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.findChild(QMessageBox, "errorDialog") is not None,
                    timeout=30_000)
    box = dialog.findChild(QMessageBox, "errorDialog")
    assert "E-001 (note.txt) no longer matches its SHA-256" in box.text()
    assert "Leave out exhibits" in box.informativeText()
    assert not out.exists()
    box.close()
    box.deleteLater()

    dialog.leave_out.setChecked(True)
    dialog.zip.setChecked(True)  # the package still refuses: it must hold the originals
    assert dialog.options().leave_out_unverified
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.result is not None, timeout=30_000)
    assert dialog.package is None
    assert "No evidence package was made" in dialog.status.text() and "E-001" in dialog.status.text()
    assert not list(out.parent.glob("*.zip"))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "E-001·note.txt:thestoredfilenolongermatchestheSHA-256" in flat
    # The letter lists its attachments' SHA-256 too, so the choice stays offered for it.
    dialog.kind.setCurrentIndex(dialog.kind.findData("negotiation"))
    assert dialog.leave_out.isVisible()
