"""Files dropped on the timeline become entries; files dropped on an entry's evidence are attached;
Tools ▸ Verify evidence reports each file's state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QDialog

from desktop_app.core.vault.vault import FileState


def _png(path: Path, colour: str) -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def _drop(widget, paths: list[Path]) -> None:
    """What the window system sends for a drag from a file manager: enter, then drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the widget refused the drag"
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_dropping_files_on_the_timeline_makes_entries(qtbot, case_window, tmp_path, monkeypatch):
    from desktop_app.ui.evidence import drop

    w, ws = case_window, case_window.ws
    before = ws.events.count(w.ids["case"])
    # The drop dialog is modal: accept its proposal (one new entry per file) without showing it.
    monkeypatch.setattr(drop.TimelineDropDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    files = [_png(tmp_path / "IMG_20260305_221500.png", "red"), _png(tmp_path / "shot2.png", "blue")]
    _drop(w.timeline.table.viewport(), files)
    qtbot.waitUntil(lambda: ws.events.count(w.ids["case"]) == before + 2, timeout=10000)
    assert len(ws.evidence.list(w.ids["case"])) == 2
    assert w.timeline.proxy.rowCount() == before + 2
    selected = w.timeline.selected_event_ids()
    assert selected and all(ws.events.get(i).evidence_ids for i in selected)


def test_dropping_a_file_on_the_entrys_evidence_attaches_it(qtbot, case_window, tmp_path):
    w, ws = case_window, case_window.ws
    event = ws.events.list(w.ids["case"])[0]
    w.select_events([event.id])
    panel = w.detail.evidence
    assert panel is not None, "the evidence panel is part of the detail pane"
    with qtbot.waitSignal(panel.changed, timeout=10000):
        _drop(panel, [_png(tmp_path / "threat.png", "green")])
    assert len(ws.events.get(event.id).evidence_ids) == 1
    qtbot.waitUntil(lambda: w.timeline.proxy.index(0, 5).data() == "1", timeout=5000)  # the Files column


def test_verify_evidence_reports_intact_and_altered_files(qtbot, case_window, tmp_path):
    w, ws = case_window, case_window.ws
    event = ws.events.list(w.ids["case"])[0]
    good = ws.evidence.attach(w.ids["case"], [_png(tmp_path / "a.png", "red")], event_ids=[event.id])[0]
    bad = ws.evidence.attach(w.ids["case"], [_png(tmp_path / "b.png", "blue")], event_ids=[event.id])[0]
    stored = Path(ws.evidence.get(bad.id).path)
    stored.chmod(0o600)
    stored.write_bytes(b"tampered")
    task = w.verify_evidence()
    qtbot.waitUntil(lambda: any(type(d).__name__ == "VerifyDialog" for d in w._dialogs), timeout=10000)
    dialog = next(d for d in w._dialogs if type(d).__name__ == "VerifyDialog")
    states = {r.evidence.id: r.state for r in dialog.results}
    assert states == {good.id: FileState.OK, bad.id: FileState.ALTERED}
    assert dialog.table.rowCount() == 2
    assert "1 intact, 1 altered" in dialog.summary.text()
    dialog.close()
    task.dialog.close()


def test_verify_evidence_names_the_orphans_kept_in_the_vault(qtbot, case_window):
    """Vault files no entry refers to are kept, never deleted (issue 13, item 1): the app says so."""
    w, ws = case_window, case_window.ws
    ws.vault.orphans.mkdir(parents=True, exist_ok=True)
    (ws.vault.orphans / ("ab" * 32)).write_bytes(b"a screenshot nobody links to")
    task = w.verify_evidence()
    qtbot.waitUntil(lambda: any(type(d).__name__ == "VerifyDialog" for d in w._dialogs), timeout=10000)
    dialog = next(d for d in w._dialogs if type(d).__name__ == "VerifyDialog")
    text = dialog.summary.text()
    assert "1 file in the vault belongs to no entry" in text and "papertrail orphans" in text
    dialog.close()
    task.dialog.close()
