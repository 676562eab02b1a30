"""The redaction matcher and masks: every written form of a third party's name and number."""

from __future__ import annotations

import pytest

from desktop_app.core.domain.models import Case, Event, Evidence
from desktop_app.core.domain.phones import redacted
from desktop_app.core.report.common import Redactor, ReportOptions
from desktop_app.core.report.redaction import Matcher, redact_tree, strings


@pytest.fixture
def cn() -> Matcher:
    m = Matcher("CN")
    m.add_name("陈秀兰（母亲）", "[A]")
    m.add_name("深圳市南岭精密电子有限公司（单位前台／人事部）", "[B]", organisation=True)
    m.add_name("Maria López", "[C]")
    m.add_name("阿依古丽·买买提", "[D]")
    for value in ("171 3357 0826", "0755-2668 3310", "lxfq_mama_88", "110", "chen.xl@example.com"):
        m.add_number(value)
    m.keep_name("林晓雯")
    m.keep_name("王强")
    return m


def test_masks_keep_at_most_the_last_four_digits():
    assert redacted("171 3357 0826") == "*******0826"
    assert redacted("+86 171-3357-0826") == "*******0826"
    assert redacted("0755-2668 3310") == "*******3310"  # the trunk 0 is not a digit of the number
    assert redacted("(717) 555-0131", "US") == "******0131"
    assert redacted("95588") == "***88" and redacted("110") == "***"


@pytest.mark.parametrize("written", [
    "17133570826", "171 3357 0826", "171-3357-0826", "+86 171 3357 0826", "+8617133570826", "008617133570826",
    "86 17133570826", "(+86) 171.3357.0826", "１７１３３５７０８２６", "＋８６ １７１－３３５７－０８２６", "3357 0826",
    "3570826", "171****0826", "171 **** 0826",
])
def test_every_written_form_of_a_mobile_number(cn, written):
    out = cn(f"她的电话是{written}。")
    assert out == "她的电话是*******0826。", out


@pytest.mark.parametrize("written", ["0755-2668 3310", "(0755) 26683310", "075526683310", "+86 755 2668 3310",
                                     "2668 3310", "2668-3310", "755****3310"])
def test_every_written_form_of_a_landline(cn, written):
    assert cn(f"单位座机{written}") == "单位座机*******3310"


@pytest.mark.parametrize(("written", "expected"), [
    ("母亲陈秀兰说", "母亲[A]说"), ("秀兰接的电话", "[A]接的电话"), ("陈 秀 兰", "[A]"), ("陈秀兰（母亲）", "[A]"),
    ("打給母親陳秀蘭", "打給母親[A]"), ("同事阿依古丽来了", "同事[D]来了"), ("阿依古丽·买买提", "[D]"),
    ("秀蘭說", "[A]說"), ("南嶺精密電子", "[B]"),
    ("去了南岭精密电子前台", "去了[B]前台"), ("深圳市南岭精密电子有限公司", "[B]"),
    ("MARIA LÓPEZ called", "[C] called"), ("Ｍａｒｉａ came", "[C] came"), ("打给María López了", "打给[C]了"),
    ("maria lópez", "[C]"), ("MARIA LOPEZ", "[C]"), ("Lopez", "[C]"),
    ("Mariana is someone else", "Mariana is someone else"),
    ("微信 LXFQ_MAMA_88 发来", "微信 l*********** 发来"), ("邮件 Chen.XL@example.com。", "邮件 c" + "*" * 18 + "。"),
    ("拨打110报警", "拨打110报警"), ("lxfq_mama_889", "lxfq_mama_889"),
])
def test_every_written_form_of_a_name_or_account(cn, written, expected):
    assert cn(written) == expected


def test_what_must_stay(cn):
    kept = "林晓雯 王强 17012345678 2026-03-02 22:15 第12次 6217 0000 1111 5531 金额 3,000.00 元 (17133570827)"
    assert cn(kept) == kept  # the complainant, collectors, dates, other numbers
    assert cn("(17133570826)") == "(*******0826)"


def test_a_name_shared_with_the_complainant_is_hidden_only_in_full():
    m = Matcher("US")
    m.add_name("Rachel Whitfield (sister)", "[A]")
    m.keep_name("Dana Whitfield")
    assert m("Rachel Whitfield and Rachel called Dana Whitfield; Ms. Whitfield") == \
        "[A] and [A] called Dana Whitfield; Ms. Whitfield"


def test_redact_tree_reaches_every_text_but_not_paths_or_hashes():
    from datetime import UTC, datetime

    m = Matcher("CN")
    m.add_name("陈秀兰", "[A]")
    event = Event(id=1, case_id=1, kind="call", start=datetime(2026, 3, 1, tzinfo=UTC), tz="Asia/Shanghai",
                  summary="打给陈秀兰", body="陈秀兰", quotes="a\n陈秀兰", details={"address": "陈秀兰家", "n": 3},
                  source_file="陈秀兰.txt")
    item = Evidence(id=1, case_id=1, exhibit_no=1, sha256="ab" * 32, size=3, original_name="陈秀兰的录音.m4a",
                    mime="audio/mp4", caption="陈秀兰", path="/vault/陈秀兰")
    case = Case(id=1, title="t", statement="陈秀兰", requests=["别打给陈秀兰"])
    out_event, out_item, out_case = (redact_tree(v, m) for v in (event, item, case))
    assert "陈秀兰" not in "".join(strings([out_event, out_item, out_case])).replace("/vault/陈秀兰", "")
    assert out_item.path == "/vault/陈秀兰" and out_item.sha256 == "ab" * 32  # the file must still be found
    assert event.summary == "打给陈秀兰"  # the original is untouched
    assert out_event.kind == event.kind and out_event.details["n"] == 3


def test_redactor_after_gather_does_not_mask_twice(workspace):
    case = workspace.cases.create("r", "CN")
    workspace.parties.add(case.id, "陈秀兰", "third_party", relationship="relative", numbers=["171 3357 0826"])
    redactor = Redactor(workspace.parties.list(case.id), ReportOptions(lang="zh_CN", redact_third_parties=True))
    (party,) = redactor.apply(workspace.parties.list(case.id))
    assert party.name.startswith("第三人") and party.contact_points[0].value == "*******0826"
    redactor.applied = True
    assert redactor.number(party.contact_points[0].value, party.id) == "*******0826"
    assert redactor.text(party.name) == party.name
