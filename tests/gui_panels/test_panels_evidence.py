"""The evidence panel: drop to attach, thumbnails, verified state, caption, trash/unlink, open."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from panel_helpers import make_jpeg, make_wav, shot
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from desktop_app.ui.evidence.model import STATE_ROLE
from desktop_app.ui.evidence.panel import EvidencePanel
from desktop_app.ui.workers import wait_all


def _drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPointF(10, 10), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def _panel(qtbot, ws, event_id):
    panel = EvidencePanel(ws)
    qtbot.addWidget(panel)
    panel.resize(760, 360)
    panel.show()
    with qtbot.waitSignal(panel.verified):
        panel.set_event(ws.case_id, event_id)
    return panel


def test_drop_attaches_and_shows_thumbnail_and_state(qtbot, small_case, tmp_path):
    ws = small_case
    photo = make_jpeg(tmp_path / "Screenshot_20260302-231500.jpg", size=(80, 40), orientation=6)
    panel = _panel(qtbot, ws, ws.ids["e1"])
    assert panel.model.rowCount() == 0
    with qtbot.waitSignal(panel.changed, timeout=10_000):
        _drop(panel, [photo, tmp_path])  # a folder in the drop is ignored
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.model.index(0).data(STATE_ROLE) == "ok")
    index = panel.model.index(0)
    assert "E-001" in index.data() and "Screenshot_20260302-231500.jpg" in index.data()
    assert ws.events.get(ws.ids["e1"]).evidence_ids == [panel.model.items[0].id]
    # The thumbnail arrives from a worker, upright: EXIF orientation 6 turns 80×40 into 40×80.
    qtbot.waitUntil(lambda: panel.thumbs.get(panel.model.items[0].sha256, "", "image/jpeg") is not None)
    pixmap = panel.thumbs.get(panel.model.items[0].sha256, "", "image/jpeg")
    assert pixmap.height() > pixmap.width()
    cached = list((ws.data_dir / "cache" / "thumbs").glob("*.png"))
    assert len(cached) == 1 and cached[0].name.startswith(panel.model.items[0].sha256)


def test_altered_vault_file_shows_altered(qtbot, small_case, tmp_path):
    ws = small_case
    ev = ws.evidence.attach(ws.case_id, [make_wav(tmp_path / "rec.wav", 0.2)], [ws.ids["e1"]])[0]
    vault_file = Path(ev.path)
    os.chmod(vault_file, stat.S_IRUSR | stat.S_IWUSR)
    with open(vault_file, "r+b") as fh:
        fh.seek(100)
        fh.write(b"tampered")
    panel = _panel(qtbot, ws, ws.ids["e1"])
    index = panel.model.index(0)
    assert index.data(STATE_ROLE) == "altered"
    assert "Altered" in index.data()
    assert panel.status.text()
    os.remove(vault_file)
    with qtbot.waitSignal(panel.verified):
        panel.refresh()
    assert panel.model.index(0).data(STATE_ROLE) == "missing"


def test_caption_unlink_delete_and_open(qtbot, small_case, tmp_path, monkeypatch):
    ws = small_case
    files = [make_jpeg(tmp_path / "a.jpg"), make_wav(tmp_path / "b.wav", 0.2)]
    ws.evidence.attach(ws.case_id, files, [ws.ids["e1"]])
    panel = _panel(qtbot, ws, ws.ids["e1"])
    assert panel.model.rowCount() == 2
    panel.view.setCurrentIndex(panel.model.index(0))
    assert panel.caption.isEnabled()
    panel.caption.setText("短信威胁截图")
    with qtbot.waitSignal(panel.changed):
        panel.caption.editingFinished.emit()
    assert ws.evidence.list(ws.case_id)[0].caption == "短信威胁截图"
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel.view.setCurrentIndex(panel.model.index(0))
    panel.open_button.click()
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "a.jpg" and copy.read_bytes() == files[0].read_bytes()
    assert not os.access(copy, os.W_OK) or os.geteuid() == 0
    panel.folder_button.click()
    assert Path(opened[1].toLocalFile()) == copy.parent
    # Detach the first: it stays in the case; trash the second: it goes to the trash.
    with qtbot.waitSignal(panel.changed):
        panel.unlink_button.click()
    assert panel.model.rowCount() == 1 and len(ws.evidence.list(ws.case_id)) == 2
    panel.view.setCurrentIndex(panel.model.index(0))
    with qtbot.waitSignal(panel.changed):
        panel.delete_button.click()
    assert panel.model.rowCount() == 0
    assert [e.original_name for e in ws.evidence.trash(ws.case_id)] == ["b.wav"]
    wait_all()


def test_attach_button_uses_file_dialog(qtbot, small_case, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    ws = small_case
    files = [make_jpeg(tmp_path / f"p{i}.jpg", size=(64 + i, 32)) for i in range(3)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files], ""))
    panel = _panel(qtbot, ws, ws.ids["e2"])
    with qtbot.waitSignal(panel.changed, timeout=10_000):
        panel.attach_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)


def test_no_event_means_no_attach(qtbot, small_case, tmp_path):
    ws = small_case
    panel = EvidencePanel(ws)
    qtbot.addWidget(panel)
    panel.set_event(ws.case_id, None)
    assert not panel.attach_button.isEnabled()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(make_jpeg(tmp_path / "x.jpg")))])
    enter = QDragEnterEvent(QPointF(1, 1), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()


def test_evidence_panel_screenshots(qtbot, small_case, tmp_path, lang):
    ws = small_case
    files = [make_jpeg(tmp_path / "Screenshot_20260302-231500_com.tencent.mm.jpg", size=(300, 600)),
             make_wav(tmp_path / "通话录音 13800138000 2026-03-02 23-14-00.wav", 0.3)]
    evs = ws.evidence.attach(ws.case_id, files, [ws.ids["e1"]])
    ws.evidence.update(evs[0].id, caption="微信催收截图：威胁上门")
    for code in ("zh_CN", "en"):
        lang(code)
        panel = _panel(qtbot, ws, ws.ids["e1"])
        qtbot.waitUntil(lambda p=panel: p.thumbs.get(evs[0].sha256, evs[0].path, evs[0].mime) is not None)
        panel.view.setCurrentIndex(panel.model.index(0))
        image: QImage = shot(panel, f"evidence_{code}")
        assert image.exists()
