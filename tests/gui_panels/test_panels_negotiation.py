"""The negotiation dialog: loads the stored request, recomputes the schedule live, saves it back."""

from __future__ import annotations

from decimal import Decimal

from panel_helpers import shot
from PySide6.QtCore import QDate

from desktop_app.core.domain.negotiation import Negotiation
from desktop_app.ui.negotiation_form import NegotiationDialog


def test_live_schedule_preview_and_save(qtbot, workspace):
    ws = workspace
    case = ws.cases.create("Card", "CN", balance=Decimal("1200"), product_type="消费贷")
    dialog = NegotiationDialog(ws, case.id)
    qtbot.addWidget(dialog)
    # Defaults: 12 instalments of the 1,200 balance.
    assert dialog.preview.rowCount() == 12 and dialog.schedule.total == Decimal("1200.00")
    dialog.instalments.setValue(5)
    dialog.first_due.setDate(QDate(2026, 5, 31))
    qtbot.waitUntil(lambda: dialog.preview.rowCount() == 5)
    assert "240" in dialog.preview.item(0, 2).text()
    assert dialog.preview.item(1, 1).text() == dialog.preview.item(1, 1).text()  # a date is shown
    assert [i.due.isoformat() for i in dialog.schedule.instalments][:2] == ["2026-05-31", "2026-06-30"]
    dialog.down.setText("200")
    qtbot.waitUntil(lambda: dialog.preview.rowCount() == 6)
    assert dialog.schedule.down_payment.amount == Decimal("200.00")
    assert sum(i.amount for i in dialog.schedule.instalments) == Decimal("1200.00")
    # A plan that cannot be computed says why instead of showing a stale table.
    dialog.down.setText("5000")
    qtbot.waitUntil(lambda: dialog.preview.rowCount() == 0)
    assert dialog.schedule is None and "down payment" in dialog.totals.text()
    dialog.down.setText("")
    # Budget lines feed the "fits?" check.
    dialog.income.set_rows([{"label": "工资", "monthly": "3,000"}])
    dialog.expenses.set_rows([{"label": "房租", "monthly": "2900"}])
    dialog.hardship.set_rows([{"what": "失业", "from_date": "2026-01-05", "ongoing": True, "effect": "无收入"}])
    dialog.update_preview()
    assert "100.00" in dialog.budget_label.text().replace(",", "")
    assert "more than what is left" in dialog.totals.text()
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    saved = Negotiation.from_dict(ws.cases.get(case.id).negotiation)
    assert saved.proposal.instalments == 5 and saved.proposal.first_due.isoformat() == "2026-05-31"
    assert saved.income[0].monthly == Decimal("3000.00") and saved.hardship[0].what == "失业"


def test_bad_value_is_refused_and_shown(qtbot, workspace):
    ws = workspace
    case = ws.cases.create("Loan", "CN", balance=Decimal("500"))
    dialog = NegotiationDialog(ws, case.id)
    qtbot.addWidget(dialog)
    dialog.hardship.set_rows([{"what": "病假", "from_date": "2026-13-40"}])
    dialog.accept()
    assert dialog.error.text() and dialog.tabs.currentIndex() == 1
    assert ws.cases.get(case.id).negotiation == {}


def test_demo_request_and_screenshots(qtbot, demo_workspace, lang):
    ws = demo_workspace
    stored = ws.cases.get(ws.demo_case_id).negotiation
    for code in ("zh_CN", "en"):
        lang(code)
        dialog = NegotiationDialog(ws, ws.demo_case_id)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.income.table.rowCount() == len(stored["income"])
        assert dialog.preview.rowCount() == stored["proposal"]["instalments"]
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            shot(dialog, f"negotiation_{code}_{index}")
    # Saving without changes keeps the parts this dialog does not edit.
    dialog.accept()
    after = ws.cases.get(ws.demo_case_id).negotiation
    assert after["addressee"] == stored["addressee"] and after["commitments"] == stored["commitments"]
