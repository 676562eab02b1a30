"""Languages: chosen from the system on first run, switched in Settings, and the open window follows."""

from __future__ import annotations

import json

from PySide6.QtCore import QLocale, Qt

from desktop_app.core.i18n import current_language
from desktop_app.ui.settings import Settings


def test_first_run_takes_the_system_language(tmp_path, monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    assert Settings.load(tmp_path / "settings.json").language == "zh_TW"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert Settings.load(tmp_path / "settings.json").language == "zh_CN"


def test_settings_survive_a_damaged_file_and_save_atomically(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    settings = Settings.load(path)
    assert settings.last_case_id is None
    settings.language = "en"
    settings.last_case_id = 7
    settings.remember_party(7, 3, "13800138000")
    settings.save()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["last_case_id"] == 7 and data["language"] == "en"
    again = Settings.load(path)
    assert again.last_party_for(7) == (3, "13800138000")
    assert not (tmp_path / "settings.tmp").exists()


def test_switching_language_in_settings_retranslates_the_window(qtbot, case_window, qapp):
    w = case_window
    first = w.ws.events.list(w.ids["case"])[0]
    w.select_events([first.id])
    assert w.actions.log_call.text() == "Log a &call now"
    dialog = w.show_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_TW"))
    dialog.accept()
    assert current_language() == "zh_TW"
    assert w.actions.log_call.text() == "立即記錄來電(&C)"
    assert "Ctrl+L" in w.actions.log_call.toolTip()
    assert [a.text() for a in w.menuBar().actions()][0] == "案件(&C)"
    assert w.timeline.proxy.headerData(0, Qt.Orientation.Horizontal) == "類型"
    assert w.timeline.search.placeholderText().startswith("搜尋")
    assert w.timeline.kind.itemText(0) == "全部類型"
    assert "筆紀錄" in w.timeline.count.text()
    # The editor is rebuilt in the new language and still shows the same entry.
    assert w.detail.current_id() == first.id
    assert w.detail.editor.save_button.text() == "儲存"
    assert QLocale().name() == "zh_TW"
    assert w.empty.new_button.text() == "新增案件"
    assert Settings.load(w.ws.layout.settings).language == "zh_TW"
    # And back to English.
    w.change_language("en")
    assert w.actions.log_call.text() == "Log a &call now"
    assert w.timeline.kind.itemText(0) == "All kinds"


def test_every_control_of_the_editor_has_an_accessible_name(qtbot, case_window):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    w = case_window
    w.select_events([w.ws.events.list(w.ids["case"])[0].id])
    editor = w.detail.editor
    inner = ("QDateTimeEdit", "QDateEdit", "QTimeEdit", "QSpinBox", "QAbstractSpinBox")  # their own line edits
    unnamed = []
    for cls in (QLineEdit, QComboBox, QPlainTextEdit, QAbstractButton):
        for control in editor.findChildren(cls):
            if not control.isVisibleTo(editor) or type(control.parent()).__name__ in inner:
                continue
            if isinstance(control, QAbstractButton) and control.text():
                continue  # a button's text is its name
            if not control.accessibleName():
                unnamed.append(f"{type(control).__name__} {control.objectName()}")
    assert unnamed == []


def test_chinese_renders_with_the_shipped_fonts(qapp):
    """No system CJK font is needed: the UI font is the shipped Noto face for each language."""
    from PySide6.QtGui import QFontMetrics, QRawFont

    from desktop_app.ui.application import apply_language

    for lang, family, text in (("zh_CN", "Noto Sans SC", "记录来电违规"), ("zh_TW", "Noto Sans TC", "記錄來電違規")):
        apply_language(qapp, lang)
        font = qapp.font()
        assert font.families()[0] == family
        raw = QRawFont.fromFont(font)
        assert raw.isValid() and raw.familyName() == family
        assert all(raw.supportsCharacter(ord(ch)) for ch in text)
        assert QFontMetrics(font).horizontalAdvance(text) > 0
    apply_language(qapp, "en")


def test_switching_language_keeps_unsaved_edits(qtbot, case_window):
    w = case_window
    first = w.ws.events.list(w.ids["case"])[0]
    w.select_events([first.id])
    w.detail.editor.summary.setText("切换语言前的修改")
    w.change_language("zh_CN")
    assert w.ws.events.get(first.id).summary == "切换语言前的修改"  # saved, not lost
    assert w.detail.editor.summary.text() == "切换语言前的修改"
    w.change_language("en")
