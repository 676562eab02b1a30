"""The case dialog: create, validation shown next to the field, edit, requests list, time zone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from panel_helpers import shot
from PySide6.QtCore import QDate

from desktop_app.ui.case_forms import CaseDialog, parse_amount


def test_parse_amount():
    assert parse_amount("12,000.50") == Decimal("12000.50")
    assert parse_amount("１２０００") == Decimal("12000")
    assert parse_amount("¥ 3 000") == Decimal("3000")
    assert parse_amount("") is None
    with pytest.raises(ValueError):
        parse_amount("about 3k")


def test_create_with_validation(qtbot, workspace):
    ws = workspace
    dialog = CaseDialog(ws, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("CN"))  # a Mainland case in the English UI
    dialog.accept()  # no title
    assert dialog.case_id is None and dialog.errors["title"].isVisible()
    assert "title" in dialog.errors["title"].text()
    dialog.title.setText("借呗 逾期")
    dialog.balance.setText("三万")
    dialog.accept()
    assert dialog.case_id is None and dialog.errors["balance"].text()
    assert not dialog.errors["title"].isVisible()
    dialog.balance.setText("30,500.75")
    dialog.tz.setCurrentText("Mars/Olympus")
    dialog.accept()
    assert dialog.case_id is None and dialog.errors["tz"].isVisible()
    dialog.tz.setCurrentText("Asia/Shanghai")
    dialog.platform.setText("支付宝借呗")
    dialog.overdue.setDate(QDate(2026, 1, 15))
    dialog.b_name.setText("张伟")
    dialog.statement.setPlainText("从二月起每天接到十几个催收电话。")
    dialog.requests.add()
    dialog.requests.table.item(0, 0).setText("责令停止骚扰")
    dialog.requests.add()
    dialog.requests.table.item(1, 0).setText("核实债务金额")
    dialog.requests.move(-1)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    case = ws.cases.get(dialog.case_id)
    assert case.title == "借呗 逾期" and case.balance == Decimal("30500.75") and case.currency == "CNY"
    assert case.overdue_since == date(2026, 1, 15) and case.borrower_name == "张伟"
    assert case.requests == ["核实债务金额", "责令停止骚扰"]


def test_jurisdiction_moves_defaults_and_edit_keeps_values(qtbot, workspace):
    ws = workspace
    dialog = CaseDialog(ws, None)
    qtbot.addWidget(dialog)
    dialog.title.setText("Chase card")
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("US"))
    assert dialog.tz.currentText() == "America/New_York" and dialog.currency.currentText() == "USD"
    dialog.tz.setCurrentText("America/Chicago")
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("UK"))
    assert dialog.tz.currentText() == "America/Chicago"  # the user's own choice is kept
    dialog.accept()
    case = ws.cases.get(dialog.case_id)
    assert case.jurisdiction == "UK" and case.tz == "America/Chicago" and case.currency == "GBP"
    ws.cases.update(case.id, principal=Decimal("1234.5"))
    edit = CaseDialog(ws, case.id)
    qtbot.addWidget(edit)
    assert edit.title.text() == "Chase card" and parse_amount(edit.principal.text()) == Decimal("1234.50")
    edit.status.setCurrentIndex(edit.status.findData("negotiating"))
    edit.accept()
    after = ws.cases.get(case.id)
    assert after.status == "negotiating" and after.principal == Decimal("1234.50") and after.overdue_since is None


def test_case_dialog_screenshots(qtbot, demo_workspace, lang):
    ws = demo_workspace
    for code in ("zh_CN", "en"):
        lang(code)
        dialog = CaseDialog(ws, ws.demo_case_id)
        qtbot.addWidget(dialog)
        dialog.show()
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            shot(dialog, f"case_{code}_{index}")
