"""Trash restore; error dialogs; the crash hook's log keeps case data out."""

from __future__ import annotations

import sys
import threading

from panel_helpers import shot
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.errors import CorruptDatabaseError, FileInputError, ValidationError
from desktop_app.ui import errors
from desktop_app.ui.trash import TrashDialog


def test_trash_lists_and_restores(qtbot, small_case):
    ws = small_case
    ids = ws.ids
    ev = ws.evidence.attach(ws.case_id, [_text_file(ws, "note.txt")], [ids["e1"]])[0]
    ws.events.delete(ids["e2"])
    ws.evidence.delete(ev.id)
    dialog = TrashDialog(ws, ws.case_id)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 2
    assert not dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.changed):
        dialog.tree.selectAll()
        dialog.restore_button.click()
    assert dialog.tree.topLevelItemCount() == 0
    assert dialog.empty.isVisible() or not dialog.isVisible()
    assert ws.events.get(ids["e2"]).deleted_at is None
    restored = ws.evidence.get(ev.id)
    assert restored.deleted_at is None and ws.vault.check(restored.sha256) == "ok"


def test_trash_screenshot(qtbot, small_case, lang):
    ws = small_case
    ws.events.delete(ws.ids["e1"])
    for code in ("zh_CN", "en"):
        lang(code)
        dialog = TrashDialog(ws, ws.case_id)
        qtbot.addWidget(dialog)
        dialog.show()
        shot(dialog, f"trash_{code}")


def _text_file(ws, name):
    path = ws.data_dir.parent / name
    path.write_text("催收记录\n", encoding="utf-8")
    return path


def test_error_messages_say_what_to_do(qtbot, tmp_path):
    box = errors.show_error(None, FileInputError(tmp_path / "a.jpg", "no such file"))
    qtbot.addWidget(box)
    assert "a.jpg" in box.text() and box.informativeText()
    backup = tmp_path / "backups" / "papertrail-daily-1.sqlite3"
    box = errors.show_error(None, CorruptDatabaseError("damaged", latest_backup=backup))
    qtbot.addWidget(box)
    assert str(backup) in box.informativeText()
    assert any(b.text() for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole)
    box = errors.show_error(None, ValidationError("A case needs a title."))
    qtbot.addWidget(box)
    assert box.text() == "A case needs a title."
    box = errors.show_error(None, RuntimeError("boom"))
    qtbot.addWidget(box)
    assert "safe" in box.text() and "boom" not in box.text() + box.informativeText()
    box.accept()


def test_excepthook_logs_no_case_data(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc: shown.append(exc) or _Box())
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    try:
        log_file = errors.install_excepthook(tmp_path / "logs")
        try:
            raise ValueError("王经理 called from 13800138000 about case Zhang Wei")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        worker = threading.Thread(target=_fail_in_thread, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(shown) == 2)
    finally:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook
    text = log_file.read_text(encoding="utf-8")
    assert "ValueError" in text and "KeyError" in text
    assert "test_excepthook_logs_no_case_data" in text  # the frames are there
    for secret in ("王经理", "13800138000", "Zhang Wei", "Li Na"):
        assert secret not in text


def _fail_in_thread():
    raise KeyError("Li Na")


class _Box:
    class finished:  # noqa: N801 - mimics a Qt signal
        @staticmethod
        def connect(_fn):
            return None


def test_error_dialog_screenshot(qtbot, lang, tmp_path):
    for code in ("zh_CN", "en"):
        lang(code)
        box = errors.show_error(None, CorruptDatabaseError("papertrail.sqlite3: damaged",
                                                            latest_backup=tmp_path / "backup.sqlite3"))
        qtbot.addWidget(box)
        shot(box, f"error_{code}")
        box.accept()


def test_empty_trash_keeps_its_intro_at_the_top(qtbot, small_case):
    """With the list hidden, the intro stayed put and "empty" took the list's place (no floating text)."""
    dialog = TrashDialog(small_case, small_case.case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.empty.isVisible() and not dialog.tree.isVisible()
    assert dialog.intro.geometry().top() < 30
    assert dialog.empty.geometry().height() > dialog.height() // 2
