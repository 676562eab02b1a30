"""The negotiation letter as a real PDF: every figure of the plan, in three languages, fonts embedded."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.core.domain.negotiation import Negotiation, compute_schedule
from desktop_app.core.errors import Cancelled, ValidationError
from desktop_app.core.progress import CancelToken, no_progress
from desktop_app.core.report.common import ReportOptions, build_report
from desktop_app.core.report.plan_table import money

D = Decimal

LETTER_DAY = date(2026, 11, 22)
NAME = "张晓梅"
ACCOUNT = "HT-2024-0815-77321"
STAFF = "借款合同 HT-2024-0815-77321"


def make_negotiation_case(ws, tmp_path: Path, *, product: str = "信用卡", currency: str = "CNY",
                          jurisdiction: str = "CN") -> int:
    """A realistic case with a full negotiation request and two hardship documents in the vault."""
    case = ws.cases.create(
        "招商银行信用卡逾期", jurisdiction, platform="招商银行", product_type=product, account_numbers=ACCOUNT,
        principal=D("48000"), balance=D("53217.45"), currency=currency, overdue_since=date(2026, 7, 10),
        borrower_name=NAME, borrower_contact="138 0013 8000", borrower_address="上海市浦东新区张杨路 100 弄 5 号",
        borrower_id_number="310115199001011234")
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "解除劳动合同通知书.txt").write_text("解除劳动合同通知书\n2026年6月1日", encoding="utf-8")
    (docs / "bank_statement_2026.csv").write_text("date,amount\n2026-10-15,4800.00\n", encoding="utf-8")
    ev = ws.evidence.attach(case.id, sorted(docs.iterdir()), caption="困难证明")
    neg = Negotiation.from_dict({
        "addressee": {"organisation": "招商银行信用卡中心", "department": "客户服务部", "method": "post_tracked",
                      "address": "上海市浦东新区陆家嘴环路 1088 号"},
        "income": [{"label": "新工作工资（税后）", "monthly": "4800"}, {"label": "兼职收入", "monthly": "600.50"}],
        "expenses": [{"label": "房租", "monthly": "1500"}, {"label": "伙食与交通", "monthly": "1200"},
                     {"label": "孩子学费（月均）", "monthly": "500"}],
        "other_debts": [{"creditor": "某消费金融公司", "balance": "12000", "monthly_payment": "600", "overdue": True}],
        "hardship": [{"what": "公司裁员，本人被解除劳动合同", "from_date": "2026-06-01", "ongoing": False,
                      "to_date": "2026-09-30", "effect": "失业四个月，无工资收入",
                      "income_before": "9500", "income_after": "0"},
                     {"what": "重新就业，收入减少", "from_date": "2026-10-08", "ongoing": True,
                      "income_before": "9500", "income_after": "4800"}],
        "proposal": {"kind": "longer_term", "instalments": 36, "first_due": "2027-01-31", "down_payment": "1000",
                     "down_payment_date": "2026-12-15", "waive_penalty_and_fees": True},
        "commitments": ["每月工资到账后第一时间还款"],
        "contact_preference": "短信 138 0013 8000，工作日 9:00–18:00",
        "evidence_ids": [e.id for e in ev],
        "place": "上海", "letter_date": LETTER_DAY.isoformat(),
    })
    ws.cases.update(case.id, negotiation=neg.to_dict())
    return case.id


def pdf_text(path: Path) -> tuple[str, str]:
    """(pypdf text, pdftotext text), each with whitespace removed so wrapped lines still match."""
    a = "".join(page.extract_text() for page in PdfReader(path).pages)
    b = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                       check=True).stdout
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    return squash(a), squash(b)


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW", "en"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_letter_holds_every_figure_in_each_language(workspace, tmp_path: Path, lang: str, paper: str) -> None:
    case_id = make_negotiation_case(workspace, tmp_path)
    out = tmp_path / f"letter-{lang}.pdf"
    result = build_report(workspace, case_id, ReportOptions(kind="negotiation", lang=lang, paper=paper), out)
    assert result.paths == [out] and out.exists() and result.pages >= 2

    case = workspace.cases.get(case_id)
    neg = Negotiation.from_dict(case.negotiation)
    schedule = compute_schedule(neg.proposal, neg.proposal.default_base(case), today=LETTER_DAY, credit_card=True)
    assert len(schedule.instalments) == 37 and schedule.total == D("53217.45")

    for text in pdf_text(out):
        assert "\ufffd" not in text
        for needle in (NAME, ACCOUNT, "310115199001011234", "招商银行"):
            assert needle in text, needle
        for item in schedule.instalments:
            assert item.due.isoformat() in text
            assert money(item.amount, "CNY", lang) in text
        assert money(schedule.total, "CNY", lang) in text
        assert money(D("53217.45"), "CNY", lang) in text
        assert money(D("1600.50"), "CNY", lang) in text  # disposable: 5400.50 − 3200 − 600
        for e in workspace.evidence.list(case_id):
            assert e.sha256 in text and e.exhibit in text
        if lang == "zh_CN":
            assert "关于招商银行信用卡欠款协商还款的申请" in text
            assert "第七十条" in text and "不再向任何银行申请信用卡" in text and "贵行" in text
        elif lang == "zh_TW":
            assert "協商還款" in text and "貴行" in text
        else:
            assert "Article70" in text and "willingtorepay" in text

    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column: every font embedded
    expected = "NotoSansTC" if lang == "zh_TW" else "NotoSansSC"
    assert any(expected in row for row in rows)


def test_metadata_outline_and_money_formats(workspace, tmp_path: Path) -> None:
    case_id = make_negotiation_case(workspace, tmp_path, product="consumer loan", currency="TWD", jurisdiction="TW")
    out = tmp_path / "tw.pdf"
    result = build_report(workspace, case_id, ReportOptions(kind="negotiation", lang="zh_TW"), out)
    reader = PdfReader(out)
    assert reader.metadata.title == "關於招商银行借款協商還款的申請"  # user text stays as typed
    assert reader.metadata.author == NAME
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert any("還款方案" in t for t in titles)
    text = pdf_text(out)[1]
    assert "NT$53,217.45" in text and "第七十條" not in text and "貴公司" in text
    assert result.warnings == []  # a complete request raises nothing to fix


def test_money_formats() -> None:
    assert money(D("1234567.5"), "CNY", "zh_CN") == "¥1,234,567.50"
    assert money(D("980"), "USD", "en") == "$980.00"
    assert money(D("980"), "USD", "zh_CN") == "US$980.00"
    assert money(D("-12.3"), "GBP", "en") == "−£12.30"
    assert money(D("5"), "HKD", "zh_TW") == "HK$5.00"
    assert money(D("5"), "CHF", "en") == "CHF 5.00"


def test_warnings_for_an_unaffordable_incomplete_request(workspace, tmp_path: Path) -> None:
    case = workspace.cases.create("Loan", "US", balance=D("9000"), product_type="personal loan")
    neg = Negotiation.from_dict({"income": [{"label": "Pay", "monthly": "1000"}],
                                 "expenses": [{"label": "Rent", "monthly": "900"}],
                                 "proposal": {"instalments": 10, "first_due": "2027-02-01"}, "evidence_ids": [999]})
    workspace.cases.update(case.id, negotiation=neg.to_dict())
    out = tmp_path / "us.pdf"
    result = build_report(workspace, case.id, ReportOptions(kind="negotiation", lang="en", paper="letter"), out)
    joined = " ".join(result.warnings)
    for part in ("name", "account number", "hardship", "900.00", "vault"):
        assert part in joined, part
    text = pdf_text(out)[1]
    assert "$900.00" in text and "Nodocumentsareattached" in text and "Article70" not in text


def test_a_plan_that_cannot_be_computed_writes_nothing(workspace, tmp_path: Path) -> None:
    case = workspace.cases.create("No balance", "CN")
    workspace.cases.update(case.id, negotiation={"proposal": {"instalments": 12}})
    out = tmp_path / "none.pdf"
    with pytest.raises(ValidationError):
        build_report(workspace, case.id, ReportOptions(kind="negotiation"), out)
    assert not out.exists() and list(tmp_path.glob("*.part")) == []


def test_no_figures_no_finance_table(workspace, tmp_path: Path) -> None:
    case = workspace.cases.create("Card", "UK", balance=D("2400"), product_type="credit card", borrower_name="Ann Lee",
                                  account_numbers="4929 0000 1111 2222")
    workspace.cases.update(case.id, negotiation={"hardship": [{"what": "Made redundant", "from_date": "2026-09-01"}],
                                                 "proposal": {"instalments": 24, "first_due": "2027-01-28"}})
    out = tmp_path / "uk.pdf"
    result = build_report(workspace, case.id, ReportOptions(kind="negotiation", lang="en"), out)
    text = pdf_text(out)[1]
    assert "Mycurrentfinances" not in text and "£100.00" in text and "CONC7.3" in text
    assert "Article70" not in text  # a UK card: no mainland rule cited
    assert any("income and expenses are missing" in w for w in result.warnings)


def test_cancel_during_layout_leaves_no_file(workspace, tmp_path: Path) -> None:
    case_id = make_negotiation_case(workspace, tmp_path)
    out = tmp_path / "cancelled.pdf"
    token = CancelToken()

    def progress(done: int, total: int, label: str = "") -> None:
        if done >= 20:  # the layout has started: cancel in the middle of writing the PDF
            token.cancel()

    with pytest.raises(Cancelled):
        build_report(workspace, case_id, ReportOptions(kind="negotiation"), out, progress, token)
    assert not out.exists()
    assert [p for p in tmp_path.iterdir() if p.suffix in (".part", ".pdf")] == []
    from desktop_app.core.report.staging import staging_root

    assert list(staging_root(workspace.layout.root).iterdir()) == []  # nor in the data folder's staging area
    build_report(workspace, case_id, ReportOptions(kind="negotiation"), out, no_progress)
    assert out.exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler")
def test_pages_render(workspace, tmp_path: Path) -> None:
    case_id = make_negotiation_case(workspace, tmp_path)
    out = tmp_path / "r.pdf"
    build_report(workspace, case_id, ReportOptions(kind="negotiation", lang="zh_CN"), out)
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")], check=True)
    assert list(tmp_path.glob("p-*.png"))
