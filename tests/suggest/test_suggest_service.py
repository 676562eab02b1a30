"""Suggested conduct kept apart from confirmed conduct: logging, editing, review, import, findings."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core.domain import serialize
from desktop_app.core.errors import ValidationError
from desktop_app.core.importers import run_import
from desktop_app.core.rules import evaluate_case
from desktop_app.core.suggest import DISMISSED, SPANS, SUGGESTED
from desktop_app.core.suggest.summary import annotate_findings, counts, unreviewed_lines

SMS = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "samples" / "sbr" / "sms-20240314201507.xml"
THREAT = "再不还钱就把你的事发到你的通讯录，你这个老赖"


@pytest.fixture
def case_id(workspace) -> int:
    return workspace.cases.create("Suggestions", "CN").id


def _sms(ws, case_id: int, body: str, **fields):
    return ws.events.log(case_id, "sms", datetime(2026, 3, 1, 10, 0), body=body, **fields)


def test_a_logged_message_gets_suggestions_apart_from_its_conduct(workspace, case_id: int) -> None:
    e = _sms(workspace, case_id, THREAT)
    assert e.conduct == []
    assert e.details[SUGGESTED] == ["third_party_disclosure", "abuse"]
    spans = e.details[SPANS]
    assert [THREAT[s["start"]:s["end"]] for s in spans] == ["发到你的通讯录", "老赖"]
    assert {s["field"] for s in spans} == {"body"} and all(s["pattern"] for s in spans)
    out = serialize.event(e)
    assert out["suggested_conduct"] == ["third_party_disclosure", "abuse"] and out["conduct"] == []
    # A suggestion is not a fact: the rules do not see it until the user confirms it.
    assert not [f for f in evaluate_case(workspace, case_id, "cn") if f.rule_id == "cn.prohibited_conduct"]
    workspace.events.confirm(e.id, "abuse")
    found = [f for f in evaluate_case(workspace, case_id, "cn") if f.rule_id == "cn.prohibited_conduct"]
    assert [f.event_ids for f in found] == [[e.id]]


def test_quotes_are_read_and_the_summary_is_not(workspace, case_id: int) -> None:
    e = workspace.events.log(case_id, "call", datetime(2026, 3, 1, 10, 0), call_outcome="answered",
                             summary="He said they would call my boss", quotes="不还钱就打断你的腿")
    assert e.details[SUGGESTED] == ["threat"]
    assert e.details[SPANS][0]["field"] == "quotes"


@pytest.mark.parametrize(("kind", "direction"), [("sms", "outgoing"), ("note", None), ("payment", None)])
def test_the_users_own_words_never_get_suggestions(workspace, case_id: int, kind: str, direction) -> None:
    e = workspace.events.log(case_id, kind, datetime(2026, 3, 1), body=THREAT, direction=direction)
    assert SUGGESTED not in e.details and SPANS not in e.details


def test_editing_recomputes_and_keeps_the_users_decisions(workspace, case_id: int) -> None:
    e = _sms(workspace, case_id, THREAT)
    workspace.events.dismiss(e.id, "third_party_disclosure")
    workspace.events.confirm(e.id, "abuse")
    e = workspace.events.get(e.id)
    assert e.details[DISMISSED] == ["third_party_disclosure"] and SUGGESTED not in e.details
    assert [c.value for c in e.conduct] == ["abuse"]
    e = workspace.events.update(e.id, body=THREAT + "。明天去你家泼油漆")
    assert e.details[SUGGESTED] == ["threat"]  # the new words; not the dismissed or the confirmed conduct
    e = workspace.events.update(e.id, body="您本期账单 1,280 元，请按时还款。")
    assert SUGGESTED not in e.details and SPANS not in e.details and e.details[DISMISSED]
    e = workspace.events.update(e.id, body=THREAT, direction="outgoing")
    assert SUGGESTED not in e.details


def test_review_lists_by_kind_and_is_all_or_nothing(workspace, case_id: int) -> None:
    a = _sms(workspace, case_id, THREAT)
    b = _sms(workspace, case_id, "明天去你家泼油漆")
    c = _sms(workspace, case_id, "我们不会联系您的家人")
    assert [e.id for e in workspace.events.suggestions(case_id)] == [a.id, b.id]
    assert [e.id for e in workspace.events.suggestions(case_id, "threat")] == [b.id]
    assert c.details == {}
    with pytest.raises(ValidationError, match="no open suggestion"):
        workspace.events.review([(a.id, "abuse", True), (b.id, "abuse", True)])
    assert workspace.events.get(a.id).conduct == []  # the first decision was rolled back
    assert workspace.events.review([(a.id, "abuse", True), (b.id, "threat", False)]) == 2
    assert [e.id for e in workspace.events.suggestions(case_id)] == [a.id]
    workspace.events.delete(a.id)
    assert workspace.events.suggestions(case_id) == []


def test_counts_and_findings_tell_suggested_from_confirmed(workspace, case_id: int) -> None:
    a = _sms(workspace, case_id, "你这个老赖")
    _sms(workspace, case_id, "不要脸的东西，你个垃圾")
    workspace.events.confirm(a.id, "abuse")
    assert counts(workspace, case_id) == {"abuse": {"confirmed": 1, "suggested": 1}}
    findings = annotate_findings(workspace, case_id, "cn",
                                 [f.to_json() for f in evaluate_case(workspace, case_id, "cn")])
    abuse = [f for f in findings if f.get("conduct") == "abuse"]
    assert len(abuse) == 1 and abuse[0]["confirmed_count"] == 1 and abuse[0]["suggested_count"] == 1
    assert unreviewed_lines(workspace, case_id) == [
        "1 message contains words suggesting: Abuse or insults, not yet reviewed."]


def test_an_import_attaches_suggestions_to_incoming_messages_only(workspace, case_id: int) -> None:
    run_import(workspace, case_id, [SMS], all=True)
    rows = workspace.db.execute("SELECT direction, body, details FROM events WHERE kind = 'sms'").fetchall()
    suggested = {r["body"]: json.loads(r["details"]) for r in rows if SUGGESTED in r["details"]}
    assert any("紧急联系人和单位" in body and d[SUGGESTED] == ["third_party_disclosure"]
               for body, d in suggested.items())
    assert all(r["direction"] != "outgoing" for r in rows if SUGGESTED in r["details"])
    outgoing = [r for r in rows if r["direction"] == "outgoing" and "家人" in r["body"]]
    assert outgoing and SUGGESTED not in outgoing[0]["details"]
    clean = [r for r in rows if "FINAL NOTICE" in r["body"]]
    assert SUGGESTED not in clean[0]["details"]
    # The import stores what EventService would store for the same message.
    for body, details in suggested.items():
        event = _sms(workspace, case_id, body, details={k: v for k, v in details.items()
                                                        if k not in (SUGGESTED, SPANS)})
        assert event.details[SPANS] == details[SPANS], body


def test_the_unreviewed_sentence_comes_in_the_documents_language(workspace, case_id: int) -> None:
    _sms(workspace, case_id, "你这个老赖")
    _sms(workspace, case_id, "欠钱不还的人渣")
    assert unreviewed_lines(workspace, case_id, "en") == [
        "2 messages contain words suggesting: Abuse or insults, not yet reviewed."]
    zh = unreviewed_lines(workspace, case_id, "zh_CN")
    assert zh and zh[0].startswith("有 2 条消息的措辞提示：") and zh[0].endswith("尚未核对。")
