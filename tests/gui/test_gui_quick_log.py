"""Quick log: shortcut, number, outcome by key, Enter — and the last number comes back next time."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from desktop_app.core.domain.enums import CallOutcome, EventKind
from desktop_app.core.i18n import set_language


def _dialog(window):
    return window._dialogs[-1]


def test_ctrl_l_logs_a_call_with_the_keyboard_only(qtbot, case_window):
    w, ws = case_window, case_window.ws
    before = ws.events.count(w.ids["case"])
    assert w.actions.log_call.shortcut() == QKeySequence("Ctrl+L")
    assert "Ctrl+L" in w.actions.log_call.toolTip()
    w.timeline.table.setFocus()
    QTest.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(w)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.focusWidget() is dialog.number
    QTest.keyClicks(dialog.number, "13800138000")
    QTest.keyClick(dialog, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # 2 = missed
    assert dialog.outcome_group.checkedId() == 1
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert ws.events.count(w.ids["case"]) == before + 1
    newest = max(ws.events.list(w.ids["case"]), key=lambda e: e.id)
    assert newest.kind == EventKind.CALL
    assert newest.call_outcome == CallOutcome.MISSED
    assert newest.contact_value == "13800138000"
    assert newest.party_id == w.ids["wang"]  # the known number found its collector
    # The new entry is selected and shown in the editor.
    assert w.timeline.current_event_id() == newest.id
    assert w.detail.editor.record.id == newest.id


def test_the_last_number_and_party_are_prefilled(qtbot, case_window):
    w = case_window
    first = w.quick_log("call")
    first.number.setText("13900139000")
    first._match_party()
    first.accept()
    second = w.quick_log("call")
    assert second.number.text() == "13900139000"
    assert second.party.currentData() == w.ids["li"]
    second.reject()


def test_a_bad_duration_is_explained_and_nothing_is_saved(qtbot, case_window):
    w, ws = case_window, case_window.ws
    before = ws.events.count(w.ids["case"])
    dialog = w.quick_log("call")
    dialog.duration.setText("-3:00")
    dialog.accept()
    assert dialog.isVisible()
    assert "negative" in dialog.error.text()
    assert ws.events.count(w.ids["case"]) == before
    dialog.duration.setText("3:25")
    dialog.accept()
    newest = max(ws.events.list(w.ids["case"]), key=lambda e: e.id)
    assert newest.duration_s == 205


def test_log_a_message_keeps_the_full_text(qtbot, case_window):
    w, ws = case_window, case_window.ws
    QTest.keyClick(w, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(w)
    assert dialog.mode == "message"
    dialog.channel.setCurrentIndex(dialog.channel.findData("wechat"))
    dialog.text.setPlainText("再不还款就去你单位\n第二行")
    QTest.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    newest = max(ws.events.list(w.ids["case"]), key=lambda e: e.id)
    assert newest.kind == EventKind.CHAT
    assert newest.body == "再不还款就去你单位\n第二行"
    assert newest.details["channel"] == "wechat"
    assert newest.summary == "再不还款就去你单位"


def test_log_a_visit_records_the_visit_facts(qtbot, case_window):
    w, ws = case_window, case_window.ws
    QTest.keyClick(w, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = _dialog(w)
    assert dialog.mode == "visit"
    dialog.people.setValue(3)
    dialog.id_shown.set_value(False)
    dialog.entered.set_value(True)
    dialog.conduct[next(iter(dialog.conduct))].setChecked(True)
    dialog.accept()
    newest = max(ws.events.list(w.ids["case"]), key=lambda e: e.id)
    assert newest.kind == EventKind.VISIT
    assert newest.details["people_count"] == 3
    assert newest.details["id_shown"] is False
    assert newest.details["entered_without_consent"] is True
    assert "notice_given" not in newest.details  # "not recorded" stays unrecorded
    assert newest.conduct


def _mnemonics(dialog) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = []
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        if widget.isVisibleTo(dialog):
            keys += [m.upper() for m in re.findall(r"(?<!&)&([^&\s])", widget.text())]
    return keys


@pytest.mark.parametrize("language", ["en", "zh_CN", "zh_TW"])
@pytest.mark.parametrize("mode", ["call", "message", "visit"])
def test_each_quick_log_field_has_its_own_alt_key(qtbot, qapp, case_window, language, mode):
    """Two fields sharing Alt+W (When and Where) left the second unreachable from the keyboard."""
    from desktop_app.ui.application import apply_language

    set_language(language)
    apply_language(qapp, language)
    try:
        dialog = case_window.quick_log(mode)
        keys = _mnemonics(dialog)
        assert keys and len(keys) == len(set(keys)), keys
        dialog.reject()
    finally:
        set_language("en")
        apply_language(qapp, "en")
