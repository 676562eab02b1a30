"""Every field of every entry reaches the dossier whole, at any length (issue 14, item 1).

The extracted text is cropped to the page body (no running header or footer between the two
halves of a paragraph that crosses a page) and compared with all whitespace removed, since
pdftotext breaks CJK lines wherever the PDF does.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from report_case_builder import squash

from desktop_app.core.demo import ensure_demo
from desktop_app.core.report.common import ReportOptions, build_report

# 5,000 characters each, made of numbered sentences so that a missing piece shows where it was.
ZH = "".join(f"第{i:04d}句：催收员说要上门找我家人😡𠮷。" for i in range(250))[:5000]
EN = "".join(f"Sentence {i:04d}: the collector said he would come to my work. " for i in range(100))[:5000]


def body_text(path: Path) -> str:
    """The text of the page bodies only (A4: the header sits above 45 pt, the footer below 803 pt)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-x", "0", "-y", "45", "-W", "595", "-H", "758",
                          str(path), "-"], check=True, capture_output=True, text=True).stdout
    return squash(out)


def _long_case(ws, text: str) -> dict[str, str]:
    """A case whose every free-text field is 5,000 characters; returns field → text."""
    fields = {
        "statement": text + "\n\n" + text[::-1],
        "request": text,
        "summary": "S:" + text,
        "body": "B:" + text + "\nsecond line of the body " + text[:50],
        "quotes": "\n".join(["Q1:" + text[:70], "Q2:" + text, "Q3: the last line"]),
        "sms": "M:" + text,
        "complaint": "C:" + text,
        "outcome": "O:" + text,
        "caption": "P:" + text,
        "contact": "K:" + text,
    }
    case = ws.cases.create("Long entries", "CN", borrower_name="Zhang Wei", statement=fields["statement"],
                           requests=[fields["request"]], borrower_contact=fields["contact"])
    collector = ws.parties.add(case.id, "N:" + text, "collector")
    fields["name"] = "N:" + text
    call = ws.events.log(case.id, "call", datetime(2026, 3, 2, 10), direction="incoming", call_outcome="answered",
                         summary=fields["summary"], body=fields["body"], quotes=fields["quotes"],
                         party_id=collector.id)
    fields["number"] = "1" * 900
    ws.events.log(case.id, "call", datetime(2026, 3, 2, 11), direction="incoming", contact_value=fields["number"])
    ws.evidence.record(case.id, [ws.evidence.store_bytes(case.id, b"a note", "note.txt")], [call.id],
                       fields["caption"])
    ws.events.log(case.id, "sms", datetime(2026, 3, 3, 10), direction="incoming", summary="",
                  body=fields["sms"])
    ws.events.log(case.id, "complaint", datetime(2026, 3, 4, 10), summary=fields["complaint"],
                  details={"channel": "12378", "outcome": fields["outcome"]})
    fields["case_id"] = str(case.id)
    return fields


@pytest.mark.parametrize(("lang", "text"), [("zh_CN", ZH), ("en", EN)])
def test_5000_character_fields_are_printed_whole(workspace, tmp_path, lang, text) -> None:
    fields = _long_case(workspace, text)
    out = tmp_path / "long.pdf"
    result = build_report(workspace, int(fields.pop("case_id")), ReportOptions(lang=lang), out)
    assert result.pages > 5
    flat = body_text(out)
    for name, value in fields.items():
        for line in value.split("\n"):
            assert squash(line) in flat, (lang, name, line[:40])
    # The table cells point to where the rest is, by page.
    assert ("Fulltext:page" if lang == "en" else "全文：第") in flat


def test_every_line_of_a_quote_is_printed(workspace, tmp_path) -> None:
    case = workspace.cases.create("Quotes", "US", borrower_name="Dana")
    workspace.events.log(case.id, "call", datetime(2026, 3, 2, 10), direction="incoming", summary="call",
                         quotes="first line\nsecond line\n\nthird line after a blank one")
    out = tmp_path / "quotes.pdf"
    build_report(workspace, case.id, ReportOptions(lang="en"), out)
    flat = body_text(out)
    for line in ("“firstline”", "“secondline”", "“thirdlineafterablankone”"):
        assert line in flat


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW", "en"])
def test_demo_dossiers_keep_the_second_quote(demo_workspace, tmp_path, lang) -> None:
    """The very words that prove the misconduct, which `splitlines()[0]` used to drop."""
    ws = demo_workspace
    for demo, quote in (("cn", "你这种人就是骗子，借钱不还的老赖"),
                        ("us", "If you don't pay, the sheriff will come to your job and arrest you")):
        out = tmp_path / f"{demo}-{lang}.pdf"
        build_report(ws, ensure_demo(ws, demo), ReportOptions(lang=lang), out)
        flat = body_text(out)
        assert squash(quote) in flat, (demo, lang)
    if lang == "en":  # the demo's 720×1480 screenshots are printed reduced, and say so
        assert "Reducedcopyforprinting(486×1000pixels).Theoriginalfileis" in flat
        assert "720×1480pixels,withtheSHA-256below" in flat


@pytest.mark.parametrize(("lang", "text"), [("zh_CN", ZH), ("en", EN)])
def test_negotiation_letter_free_text_is_printed_whole(workspace, tmp_path, lang, text) -> None:
    from decimal import Decimal

    from desktop_app.core.domain.negotiation import Negotiation

    fields = {"what": "W:" + text, "effect": "E:" + text, "commitment": "C:" + text, "contact": "H:" + text,
              "address": "A:" + text, "home": "D:" + text}
    # The applicant's address sits in a table: a cell taller than a page used to stop the build.
    case = workspace.cases.create("Letter", "CN", borrower_name="Zhang Wei", product_type="信用卡",
                                  balance=Decimal("30000"), principal=Decimal("30000"), borrower_address=fields["home"])
    neg = Negotiation.from_dict({
        "income": [{"label": "salary", "monthly": "5200"}], "expenses": [{"label": "rent", "monthly": "1800"}],
        "hardship": [{"what": fields["what"], "effect": fields["effect"], "from_date": "2026-05-10"}],
        "commitments": [fields["commitment"]], "contact_preference": fields["contact"],
        "addressee": {"address": fields["address"]},
        "proposal": {"kind": "longer_term", "instalments": 24, "first_due": "2027-01-20"},
        "letter_date": "2026-11-22"})
    workspace.cases.update(case.id, negotiation=neg.to_dict())
    out = tmp_path / "letter.pdf"
    build_report(workspace, case.id, ReportOptions(kind="negotiation", lang=lang), out)
    flat = body_text(out)
    for name, value in fields.items():
        assert squash(value) in flat, (lang, name)


def test_every_recorded_detail_of_an_entry_is_printed(workspace, tmp_path) -> None:
    """A visit's facts (people, ID, consent) and an agreement's terms, not only the summary."""
    case = workspace.cases.create("Details", "US", borrower_name="Dana")
    workspace.events.log(case.id, "visit", datetime(2026, 3, 2, 21), summary="two men at the door",
                         details={"place": "home", "address": "12 Elm St", "people_count": 3, "id_shown": False,
                                  "entered_without_consent": True, "claimed_identity": "the sheriff"})
    workspace.events.log(case.id, "agreement", datetime(2026, 3, 3, 10), summary="payment plan",
                         details={"written": True, "terms": "T:" + EN, "instalments": 12})
    out = tmp_path / "details.pdf"
    build_report(workspace, case.id, ReportOptions(lang="en"), out)
    flat = body_text(out)
    for text in ("Visit address: 12 Elm St", "People who came: 3", "Every visitor showed ID: no",
                 "Came in without the complainant's consent: yes", "Said they were: the sheriff",
                 "In writing: yes", "Number of instalments: 12", "T:" + EN):
        assert squash(text) in flat, text


def test_text_exhibits_print_as_written_and_say_where_they_stop(workspace, tmp_path) -> None:
    """A transcript saved as GB18030 (Notepad in China) used to print as question marks; one longer
    than the printed limit now says that the rest is in the evidence package."""
    from desktop_app.core.report.exhibits import TEXT_LIMIT

    case = workspace.cases.create("Texts", "CN", borrower_name="张伟")
    gb = "催收员说：“你这种人就是骗子，借钱不还的老赖。”"
    long_text = "".join(f"第{i:05d}行。" for i in range(TEXT_LIMIT // 6))
    for data, name in ((gb.encode("gb18030"), "转录.txt"), (long_text.encode("utf-8"), "长转录.txt")):
        workspace.evidence.record(case.id, [workspace.evidence.store_bytes(case.id, data, name)])
    out = tmp_path / "texts.pdf"
    build_report(workspace, case.id, ReportOptions(lang="zh_CN"), out)
    flat = body_text(out)
    assert squash(gb) in flat
    assert squash(long_text[:TEXT_LIMIT]) in flat
    assert "以上为节录；完整文件见证据包中的E-002_长转录.txt。" in flat
