"""The report dialog, driven like a user would: choose, build, preview, cancel, errors."""

from __future__ import annotations

import threading
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.domain.negotiation import Negotiation
from desktop_app.core.i18n import current_language, set_language
from desktop_app.ui import report_dialog
from desktop_app.ui.report_dialog import ReportDialog

SHOTS = Path("/tmp/report_dialog_shots")

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _fonts_and_language(qapp):
    from desktop_app.ui.fonts import register_app_fonts

    register_app_fonts()
    before = current_language()
    yield
    set_language(before)


def make_case(ws, *, card: bool = True, negotiation: bool = True) -> int:
    product = "信用卡" if card else "消费分期"
    case = ws.cases.create("中信银行信用卡逾期", "CN", platform="中信银行", product_type=product,
                           account_numbers="6225-8800-1234-5678", principal=Decimal("30000"),
                           balance=Decimal("32456.78"), overdue_since=date(2026, 6, 1), borrower_name="陈美玲",
                           borrower_contact="139 0013 9000")
    ws.events.log(case.id, "call", datetime(2026, 8, 2, 22, 40), contact_value="13800138000", direction="incoming",
                  call_outcome="answered", duration_s=120, summary="深夜催收电话")
    ws.events.log(case.id, "sms", datetime(2026, 8, 3, 9, 0), contact_value="106900001234", body="请尽快还款")
    if negotiation:
        neg = Negotiation.from_dict({
            "income": [{"label": "工资", "monthly": "5200"}], "expenses": [{"label": "房租", "monthly": "1800"}],
            "hardship": [{"what": "住院手术", "from_date": "2026-05-10", "to_date": "2026-07-20", "ongoing": False}],
            "proposal": {"kind": "longer_term", "instalments": 24, "first_due": "2027-01-20"},
            "letter_date": "2026-11-22"})
        ws.cases.update(case.id, negotiation=neg.to_dict())
    return case.id


def shot(widget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    widget.grab().save(str(path))
    return path


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_negotiation_in_traditional_chinese_builds_and_previews(qtbot, workspace) -> None:
    set_language("zh_CN")
    case_id = make_case(workspace)
    dialog = ReportDialog(workspace, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lang.currentData() == "zh_CN"  # the UI language by default
    assert dialog.notice.isHidden() and not dialog.no_documents.isVisibleTo(dialog)
    choose(dialog.kind, "negotiation")
    assert dialog.no_documents.isVisibleTo(dialog)  # nothing attached yet: the dialog says so
    assert dialog.notice.isVisibleTo(dialog)
    assert "第七十条" in dialog.notice.text() and "60" in dialog.notice.text()
    assert "可能拒绝" in dialog.notice.text()  # other lenders may refuse: a voluntary negotiation
    assert not dialog.redact.isVisibleTo(dialog) and not dialog.lists.isVisibleTo(dialog)  # nothing to choose
    choose(dialog.lang, "zh_TW")
    out = Path(dialog.out.text())
    assert out.parent == workspace.layout.exports and out.name.endswith("negotiation_zh_TW.pdf")
    shot(dialog, "dialog_zh_CN_before")

    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.result is not None, timeout=30_000)
    assert out.exists()
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "協商還款" in text and "陳美玲" not in text and "陈美玲" in text  # the name as the user typed it
    assert len(dialog.preview.page_labels) >= 1
    assert not dialog.preview.page_labels[0].pixmap().isNull()
    assert dialog.open_button.isEnabled() and dialog.print_button.isEnabled() and dialog.folder_button.isEnabled()
    assert str(out) in dialog.status.text()
    shot(dialog, "dialog_zh_CN_built")


def test_cancel_leaves_no_file(qtbot, workspace, monkeypatch) -> None:
    set_language("en")
    case_id = make_case(workspace)
    started = threading.Event()
    real = report_dialog.build_documents

    def slow(ws, cid, options, out, zip_path, progress, cancel):
        def held(done, total, label=""):
            progress(done, total, label)
            if not started.is_set():
                started.set()
                cancel._event.wait(20)  # a long build: hold here until the user presses Cancel
        return real(ws, cid, options, out, zip_path, held, cancel)

    monkeypatch.setattr(report_dialog, "build_documents", slow)
    dialog = ReportDialog(workspace, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.kind, "negotiation")
    out = Path(dialog.out.text())
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: started.is_set() and dialog.cancel_button.isVisible(), timeout=10_000)
    assert not dialog.build_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=20_000)
    assert not out.exists()
    assert list(out.parent.glob("*.part")) == []
    assert "Cancelled" in dialog.status.text()
    assert dialog.build_button.isEnabled() and not dialog.open_button.isEnabled()


def test_notice_for_a_non_card_loan_and_an_empty_request(qtbot, workspace) -> None:
    set_language("en")
    case_id = make_case(workspace, card=False, negotiation=False)
    dialog = ReportDialog(workspace, case_id)
    qtbot.addWidget(dialog)
    choose(dialog.kind, "negotiation")
    text = dialog.notice.text()
    assert "does not apply" in text and "voluntary" in text and "not filled in" in text


def test_a_plan_that_cannot_be_computed_shows_what_to_do(qtbot, workspace) -> None:
    set_language("en")
    case = workspace.cases.create("No balance", "CN", product_type="信用卡")
    workspace.cases.update(case.id, negotiation={"proposal": {"instalments": 6}})
    dialog = ReportDialog(workspace, case.id)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.kind, "negotiation")
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.findChild(QMessageBox, "errorDialog") is not None,
                    timeout=20_000)
    box = dialog.findChild(QMessageBox, "errorDialog")
    assert "amount to repay" in box.text()
    assert "negotiation request form" in box.informativeText()
    assert not Path(dialog.out.text()).exists()
    box.close()


def test_complaint_with_evidence_package_and_left_out_event(qtbot, workspace) -> None:
    set_language("en")
    case_id = make_case(workspace)
    dialog = ReportDialog(workspace, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.event_list.count() == 2
    dialog.event_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.zip.setChecked(True)
    options = dialog.options()
    assert options.kind == "complaint" and len(options.exclude_event_ids) == 1
    shot(dialog, "dialog_en_complaint")
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=60_000)
    assert dialog.result is not None, dialog.status.text()
    assert dialog.result.paths[0].exists() and dialog.package is not None and dialog.package.path.exists()
    choose(dialog.kind, "negotiation")
    choose(dialog.lang, "en")
    shot(dialog, "dialog_en_negotiation")


def test_only_hardship_documents_are_offered_and_can_be_left_out(qtbot, workspace, tmp_path: Path) -> None:
    set_language("en")
    case_id = make_case(workspace)
    (tmp_path / "hospital_bill.txt").write_text("住院费用清单", encoding="utf-8")
    (tmp_path / "collector_sms.txt").write_text("催收短信截图说明", encoding="utf-8")
    bill, sms = workspace.evidence.attach(case_id, [tmp_path / "hospital_bill.txt", tmp_path / "collector_sms.txt"])
    neg = Negotiation.from_dict(workspace.cases.get(case_id).negotiation)
    neg.evidence_ids = [bill.id]
    workspace.cases.update(case_id, negotiation=neg.to_dict())

    dialog = ReportDialog(workspace, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.kind, "negotiation")
    shown = [dialog.exhibit_list.item(i) for i in range(dialog.exhibit_list.count())
             if not dialog.exhibit_list.item(i).isHidden()]
    assert [item.data(Qt.ItemDataRole.UserRole) for item in shown] == [bill.id]
    assert dialog.lists.isVisibleTo(dialog) and not dialog.no_documents.isVisibleTo(dialog)

    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.result is not None, timeout=30_000)
    text = "".join(p.extract_text() for p in PdfReader(dialog.result.paths[0]).pages)
    assert bill.sha256 in text and sms.sha256 not in text

    shown[0].setCheckState(Qt.CheckState.Unchecked)  # the user leaves the bill out this time
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.result is not None, timeout=30_000)
    text = "".join(p.extract_text() for p in PdfReader(dialog.result.paths[0]).pages)
    assert bill.sha256 not in text and "No documents are attached" in text
