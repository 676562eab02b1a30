"""Issue 19 item 10 in the form: a new case's place, zone, currency and examples fit the user."""

from __future__ import annotations

from desktop_app.ui import case_forms
from desktop_app.ui.case_forms import CaseDialog


def test_english_ui_on_a_us_computer_starts_a_us_case(qtbot, workspace, lang, monkeypatch):
    lang("en")
    monkeypatch.setattr(case_forms, "system_time_zone", lambda: "America/Denver")
    dialog = CaseDialog(workspace, None)
    qtbot.addWidget(dialog)
    assert dialog.jurisdiction.currentData() == "US"
    assert dialog.tz.currentText() == "America/Denver" and dialog.currency.currentText() == "USD"
    assert "Zhaolian" not in dialog.title.placeholderText()
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("CN"))
    assert "Zhaolian" in dialog.title.placeholderText()  # the example follows the place
    assert dialog.currency.currentText() == "CNY"


def test_traditional_chinese_ui_on_a_utc_machine_starts_in_taiwan(qtbot, workspace, lang, monkeypatch):
    lang("zh_TW")
    monkeypatch.setattr(case_forms, "system_time_zone", lambda: "Etc/UTC")
    dialog = CaseDialog(workspace, None)
    qtbot.addWidget(dialog)
    assert (dialog.jurisdiction.currentData(), dialog.tz.currentText(), dialog.currency.currentText()) == (
        "TW", "Asia/Taipei", "TWD")
    dialog.title.setText("中信卡債")
    dialog.accept()
    case = workspace.cases.get(dialog.case_id)
    assert (case.jurisdiction, case.tz, case.currency) == ("TW", "Asia/Taipei", "TWD")
