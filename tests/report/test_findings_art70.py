"""Done-when (issue 14, item 2): Art. 70 of the credit-card measures appears only for a credit-card case —
in the findings JSON and in the dossier — and there it is headed as the regulation it is."""

from __future__ import annotations

from tests.report.findings_helpers import findings_json, findings_part, log, pdf_text


def _case_with_agreement(ws, product: str) -> int:
    case = ws.cases.create(product, "CN", product_type=product)
    log(ws, case.id, "2026-03-02 10:00", "agreement", details={"written": True})
    log(ws, case.id, "2026-03-03 10:00", "sms", summary="又来催收")
    return case.id


def test_art_70_only_for_the_credit_card_case(workspace, data_dir, tmp_path):
    card = _case_with_agreement(workspace, "信用卡")
    loan = _case_with_agreement(workspace, "消费金融分期贷款")

    card_rows = findings_json(data_dir, card, "zh_CN")
    loan_rows = findings_json(data_dir, loan, "zh_CN")
    art70 = [r for r in card_rows if r["citation"]["article"] == "第七十条"]
    assert [r["rule_id"] for r in art70] == ["cn.contact_after_agreement"]
    assert art70[0]["legal_status"] == "regulation" and art70[0]["heading"].startswith("违反《商业银行信用卡")
    assert "第七十条只适用于信用卡。" in art70[0]["notes"]
    assert not any("第七十条" in str(r) or r["rule_id"] == "cn.contact_after_agreement" for r in loan_rows)

    card_pdf = findings_part(pdf_text(data_dir, card, tmp_path / "card.pdf", "zh_CN"), "zh_CN")
    loan_pdf = findings_part(pdf_text(data_dir, loan, tmp_path / "loan.pdf", "zh_CN"), "zh_CN")
    assert "违反《商业银行信用卡业务监督管理办法》第七十条" in card_pdf and "第七十条只适用于信用卡" in card_pdf
    assert "第七十条" not in loan_pdf and "信用卡业务监督管理办法" not in loan_pdf

    en_loan = pdf_text(data_dir, loan, tmp_path / "loan-en.pdf", "en")
    assert "Art.70" not in en_loan and "CreditCardBusiness" not in en_loan
