"""Previews: image upright, PDF first page, text in three encodings, audio with duration; the drop plan."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from panel_helpers import make_jpeg, make_wav, shot
from PySide6.QtWidgets import QDialog

from desktop_app.core.domain.enums import CaptureSource, EventKind
from desktop_app.ui.evidence import drop
from desktop_app.ui.evidence.loaders import decode_text, load_preview
from desktop_app.ui.evidence.preview import PreviewDialog


def _make_pdf(path: Path, pages: int = 2) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        c.drawString(72, 720, f"Page {n + 1} of the repayment letter")
        c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])
def test_text_encodings(encoding):
    text = "催收员说：不还钱就通知你单位。\n第二行"
    decoded, name = decode_text(text.encode(encoding))
    assert decoded == text
    assert name.replace("-", "").lower().startswith(encoding.replace("-", "")[:5])


def test_text_cut_mid_character_still_decodes():
    data = ("短信" * 10).encode("utf-8")[:-1]
    decoded, name = decode_text(data)
    assert decoded.startswith("短信短信") and name == "UTF-8"


def _evidence(ws, path: Path):
    return ws.evidence.attach(ws.case_id, [path], [ws.ids["e1"]])[0]


def test_preview_pdf_image_and_text(qtbot, small_case, tmp_path):
    ws = small_case
    pdf = _evidence(ws, _make_pdf(tmp_path / "letter.pdf", pages=3))
    content = load_preview(pdf.path, pdf.mime)
    assert content.kind == "pdf" and content.pages == 3 and content.png.startswith(b"\x89PNG")
    dialog = PreviewDialog(pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview.content is not None and dialog.preview.content.kind == "pdf")
    assert "3" in dialog.preview.note.text()
    assert not dialog.preview.image.pixmap().isNull()

    photo = _evidence(ws, make_jpeg(tmp_path / "rot.jpg", size=(80, 40), orientation=6))
    dialog.preview.show_evidence(photo)
    qtbot.waitUntil(lambda: dialog.preview.content is not None and dialog.preview.content.kind == "image")
    pixmap = dialog.preview.image.pixmap()
    assert pixmap.height() > pixmap.width()  # EXIF orientation applied

    note = tmp_path / "sms.txt"
    note.write_bytes("【某某金融】您已逾期，将通知您的紧急联系人。".encode("gb18030"))
    text_ev = _evidence(ws, note)
    dialog.preview.show_evidence(text_ev)
    qtbot.waitUntil(lambda: dialog.preview.content is not None and dialog.preview.content.kind == "text")
    assert "紧急联系人" in dialog.preview.text.toPlainText()
    assert "GB18030" in dialog.preview.note.text()


def test_audio_preview_reaches_duration(qtbot, small_case, tmp_path):
    ws = small_case
    wav = _evidence(ws, make_wav(tmp_path / "call.wav", seconds=2.0))
    dialog = PreviewDialog(wav)
    qtbot.addWidget(dialog)
    dialog.show()
    player = dialog.preview.audio
    qtbot.waitUntil(lambda: player.duration_ms > 0, timeout=10_000)
    assert 1900 <= player.duration_ms <= 2100
    assert player.slider.maximum() == player.duration_ms
    assert player.time_label.text().endswith("0:02")
    assert player.play_button.isEnabled()
    player.toggle()  # plays (silently, with no sound device) and must not raise
    player.stop()
    dialog.reject()


def test_preview_screenshots(qtbot, small_case, tmp_path, lang):
    ws = small_case
    wav = _evidence(ws, make_wav(tmp_path / "通话录音.wav", seconds=1.0))
    for code in ("zh_CN", "en"):
        lang(code)
        dialog = PreviewDialog(wav)
        qtbot.addWidget(dialog)
        dialog.resize(560, 260)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: d.preview.audio.duration_ms > 0, timeout=10_000)
        shot(dialog, f"preview_audio_{code}")
        dialog.reject()


def test_timeline_drop_plan_dialog_and_apply(qtbot, small_case, tmp_path, lang):
    ws = small_case
    shot_file = make_jpeg(tmp_path / "Screenshot_20260305-201507_com.tencent.mm.jpg")
    photo = make_jpeg(tmp_path / "door.jpg", size=(70, 30), when="2026:03:06 08:30:00")
    rec = make_wav(tmp_path / "13800138000_20260302231400.wav", 0.2)
    items = drop.plan_drop(ws, ws.case_id, [shot_file, photo, rec, tmp_path])
    assert [i.path.name for i in items] == [shot_file.name, photo.name, rec.name]
    assert items[0].capture_time.replace(tzinfo=None) == datetime(2026, 3, 5, 20, 15, 7)
    assert items[0].capture_source == CaptureSource.FILENAME and items[0].kind == EventKind.CHAT
    assert items[1].capture_source == CaptureSource.EXIF
    assert items[2].kind == EventKind.CALL
    lang("zh_CN")
    dialog = drop.TimelineDropDialog(ws, ws.case_id, items)
    qtbot.addWidget(dialog)
    dialog.show()
    shot(dialog, "timeline_drop_zh_CN")
    # The photo becomes a visit; the recording is attached to the 23:14 call (nearest in time: first).
    dialog.kind_boxes[1].setCurrentIndex(dialog.kind_boxes[1].findData("visit"))
    assert dialog.action_boxes[2].itemData(1) == ws.ids["e1"]
    dialog.action_boxes[2].setCurrentIndex(1)
    assert not dialog.kind_boxes[2].isEnabled()
    dialog.accept()
    plan = dialog.plan()
    before = ws.events.count(ws.case_id)
    affected = drop.apply_plan(ws, ws.case_id, plan)
    assert len(affected) == 3 and ws.ids["e1"] in affected
    assert ws.events.count(ws.case_id) == before + 2
    visit = ws.events.get(affected[1])
    assert visit.kind == EventKind.VISIT and visit.start.hour == 8 and len(visit.evidence_ids) == 1
    assert len(ws.events.get(ws.ids["e1"]).evidence_ids) == 1


def test_handle_timeline_drop_end_to_end(qtbot, small_case, tmp_path, monkeypatch):
    ws = small_case
    monkeypatch.setattr(drop.TimelineDropDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    ids = drop.handle_timeline_drop(None, ws, ws.case_id, [make_jpeg(tmp_path / "IMG_20260307_101010.jpg")])
    assert len(ids) == 1
    event = ws.events.get(ids[0])
    assert event.kind == EventKind.NOTE and event.start.day == 7 and len(event.evidence_ids) == 1
    monkeypatch.setattr(drop.TimelineDropDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert drop.handle_timeline_drop(None, ws, ws.case_id, [make_jpeg(tmp_path / "b.jpg", size=(9, 9))]) == []


def test_preview_works_without_the_audio_libraries(qtbot, small_case, tmp_path, monkeypatch):
    """QtMultimedia needs libpulse and FFmpeg; without them only recordings lose their preview."""
    import subprocess
    import sys

    probe = ("import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
             "from desktop_app.ui.evidence.preview import PreviewDialog;"
             "print('PySide6.QtMultimedia' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert loaded.stdout.strip().endswith("False")  # not imported until a recording is shown

    monkeypatch.setitem(sys.modules, "desktop_app.ui.evidence.audio", None)  # its import now fails
    ws = small_case
    wav = _evidence(ws, make_wav(tmp_path / "call.wav", seconds=1.0))
    dialog = PreviewDialog(wav)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preview.audio is None
    assert "cannot be played" in dialog.preview.message.text()
    dialog.reject()
