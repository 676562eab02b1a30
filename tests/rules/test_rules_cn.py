"""Mainland China pack: each rule, with its boundaries, table-driven."""

from __future__ import annotations

import pytest

from desktop_app.core.rules import Severity, Status


@pytest.mark.parametrize(("when", "flagged"), [
    ("2026-03-02 07:59:59", True),
    ("2026-03-02 08:00:00", False),
    ("2026-03-02 12:00:00", False),
    ("2026-03-02 21:59:59", False),
    ("2026-03-02 22:00:00", True),
    ("2026-03-02 23:59:59", True),
    ("2026-03-03 00:00:00", True),
])
def test_quiet_hours_boundaries(cn, when, flagged):
    e = cn.event(when)
    assert (e.id in cn.flagged("cn.quiet_hours")) is flagged


@pytest.mark.parametrize(("kind", "flagged"), [("call", True), ("sms", True), ("chat", True), ("visit", True),
                                               ("letter", False), ("note", False)])
def test_quiet_hours_kinds(cn, kind, flagged):
    e = cn.event("2026-03-02 23:00", kind)
    assert (e.id in cn.flagged("cn.quiet_hours")) is flagged


def test_quiet_hours_ignores_calls_the_borrower_made(cn):
    cn.event("2026-03-02 23:00", direction="outgoing")
    assert cn.flagged("cn.quiet_hours") == set()


@pytest.mark.parametrize(("when", "flagged"), [("2026-03-02 20:59:59", False), ("2026-03-02 21:00", True)])
def test_quiet_hours_user_parameter(cn, when, flagged):
    e = cn.event(when)
    assert (e.id in cn.flagged("cn.quiet_hours", params={"quiet_start": "21:00"})) is flagged
    finding = cn.findings("cn.quiet_hours", params={"quiet_start": "21:00"})
    if flagged:
        assert finding[0].params == {"quiet_start": "21:00", "quiet_end": "08:00"}


def test_quiet_hours_consent_only_after_request(cn):
    before = cn.event("2026-03-02 22:30")
    cn.request("2026-03-03 09:00", "preferred_hours", hours_from="21:00", hours_to="23:00")
    inside = cn.event("2026-03-03 22:30")
    outside = cn.event("2026-03-03 23:30")
    flagged = cn.flagged("cn.quiet_hours")
    assert before.id in flagged and outside.id in flagged and inside.id not in flagged


def test_request_at_the_same_moment_does_not_count(cn):
    cn.request("2026-03-03 22:30", "preferred_hours", hours_from="21:00", hours_to="23:00")
    same = cn.event("2026-03-03 22:30")
    assert same.id in cn.flagged("cn.quiet_hours")


def _attempts(cn, day, n, outcome="missed", start_hour=9, **kw):
    return [cn.event(f"{day} {start_hour + i // 60:02d}:{i % 60:02d}", call_outcome=outcome, **kw) for i in range(n)]


@pytest.mark.parametrize(("n", "flagged"), [(6, False), (7, True)])
def test_unanswered_attempts_limit(cn, n, flagged):
    calls = _attempts(cn, "2026-03-02", n)
    found = cn.findings("cn.unanswered_attempts_per_day")
    assert bool(found) is flagged
    if flagged:
        assert found[0].count == 7 and set(found[0].event_ids) == {c.id for c in calls}


@pytest.mark.parametrize("outcome", ["missed", "rejected", "voicemail", "busy"])
def test_unanswered_outcomes_count(cn, outcome):
    _attempts(cn, "2026-03-02", 7, outcome)
    assert cn.findings("cn.unanswered_attempts_per_day")


def test_answered_and_outgoing_calls_are_not_unanswered_attempts(cn):
    _attempts(cn, "2026-03-02", 6)
    _attempts(cn, "2026-03-02", 3, "answered", start_hour=12)
    _attempts(cn, "2026-03-02", 3, "missed", start_hour=15, direction="outgoing")
    assert cn.findings("cn.unanswered_attempts_per_day") == []


def test_unanswered_attempts_day_ends_at_midnight(cn):
    for m in range(4):
        cn.event(f"2026-03-31 23:{m * 10:02d}", call_outcome="missed")
        cn.event(f"2026-04-01 00:{m * 10:02d}", call_outcome="missed")
    assert cn.findings("cn.unanswered_attempts_per_day") == []
    cn.event("2026-04-01 00:45", call_outcome="missed")
    cn.event("2026-04-01 00:50", call_outcome="missed")
    cn.event("2026-04-01 00:55", call_outcome="missed")
    found = cn.findings("cn.unanswered_attempts_per_day")
    assert len(found) == 1 and found[0].count == 7 and found[0].first.day == 1


def test_unanswered_attempts_count_every_calling_number(cn):
    for i in range(7):
        cn.event(f"2026-03-02 10:{i:02d}", call_outcome="missed", contact_value=f"1380013800{i}")
    found = cn.findings("cn.unanswered_attempts_per_day")
    assert found and "138****8000" in found[0].explanation


@pytest.mark.parametrize(("n", "flagged"), [(3, False), (4, True)])
def test_connected_calls_limit(cn, n, flagged):
    _attempts(cn, "2026-03-02", n, "answered")
    _attempts(cn, "2026-03-02", 5, "missed", start_hour=14)
    assert bool(cn.findings("cn.connected_calls_per_day")) is flagged


def test_connected_calls_across_lender_and_agencies(cn):
    agency = cn.party("Agency", "agency")
    platform = cn.party("Platform", "platform")
    _attempts(cn, "2026-03-02", 2, "answered", party_id=agency)
    _attempts(cn, "2026-03-02", 2, "answered", start_hour=15, party_id=platform)
    assert cn.findings("cn.connected_calls_per_day")[0].count == 4


def test_third_party_contact_categories(cn):
    mother = cn.party("Mother", "third_party", "relative")
    boss = cn.party("Boss", "third_party", "employer")
    plain = cn.event("2026-03-02 10:00", target_party_id=mother)  # borrower not reached before
    cn.request("2026-03-02 12:00", "stop_third_party", target_party_id=mother)
    again = cn.event("2026-03-03 10:00", target_party_id=mother)
    told = cn.event("2026-03-04 10:00", target_party_id=boss, conduct=["third_party_disclosure"])
    cn.event("2026-03-05 10:00")  # the borrower answered
    reachable = cn.event("2026-03-06 10:00", target_party_id=boss)
    by_event = {tuple(f.event_ids): f for f in cn.findings("cn.third_party_contact")}
    assert by_event[(plain.id,)].severity == Severity.WARNING
    assert by_event[(again.id,)].severity == Severity.VIOLATION and "asking the collectors to stop" in \
        by_event[(again.id,)].explanation
    assert "disclosed" in by_event[(told.id,)].explanation
    assert "answered a collection call" in by_event[(reachable.id,)].explanation
    assert by_event[(reachable.id,)].unverified and not by_event[(told.id,)].unverified
    assert by_event[(told.id,)].subject == "Boss (Employer): debt disclosed"


def test_stop_request_for_another_person_does_not_apply(cn):
    mother = cn.party("Mother", "third_party", "relative")
    friend = cn.party("Friend", "third_party", "friend")
    cn.request("2026-03-02 12:00", "stop_third_party", target_party_id=friend)
    e = cn.event("2026-03-03 10:00", target_party_id=mother)
    assert cn.findings("cn.third_party_contact")[0].severity == Severity.WARNING
    assert cn.findings("cn.third_party_contact")[0].event_ids == [e.id]


def test_third_party_rule_cites_credit_card_regulation_only_for_cards(cn):
    mother = cn.party("Mother", "third_party", "relative")
    cn.event("2026-03-02 10:00", target_party_id=mother, conduct=["third_party_disclosure"])
    assert [c.article for c in cn.findings("cn.third_party_contact")[0].also_cited] == []
    cn.case.product_type = "信用卡"
    assert [c.article for c in cn.findings("cn.third_party_contact")[0].also_cited] == ["Art. 68"]


@pytest.mark.parametrize("tick", ["impersonation", "threat", "abuse", "false_legal_claim", "false_credit_claim",
                                  "public_shaming", "entered_without_consent", "extra_fees", "pressure_to_borrow",
                                  "private_phone"])
def test_prohibited_conduct_each_tick(cn, tick):
    e = cn.event("2026-03-02 10:00", conduct=[tick])
    found = cn.findings("cn.prohibited_conduct")
    assert len(found) == 1 and found[0].event_ids == [e.id]
    assert found[0].status == Status.INDUSTRY_GUIDELINE and ": " in found[0].title


def test_prohibited_conduct_counts_in_calls_the_borrower_made(cn):
    e = cn.event("2026-03-02 10:00", direction="outgoing", conduct=["threat"])
    assert cn.flagged("cn.prohibited_conduct") == {e.id}


def test_entry_without_consent_from_visit_details(cn):
    e = cn.event("2026-03-02 10:00", "visit", details={"entered_without_consent": True, "people_count": 2})
    assert cn.flagged("cn.prohibited_conduct") == {e.id}


@pytest.mark.parametrize(("details", "conduct", "subtitles"), [
    ({"people_count": 1, "id_shown": True}, [], {"fewer than two visitors"}),
    ({"people_count": 2, "id_shown": True}, [], set()),
    ({"people_count": 3, "id_shown": False}, [], {"no ID shown"}),
    ({"people_count": 2}, ["refused_id"], {"no ID shown"}),
    ({}, [], set()),
])
def test_visit_conduct(cn, details, conduct, subtitles):
    cn.event("2026-03-02 10:00", "visit", details=details, conduct=conduct)
    found = cn.findings("cn.visit_conduct")
    assert {f.title.split(": ")[1] for f in found} == subtitles
    for f in found:
        assert f.unverified is (f.title.endswith("no ID shown"))


def test_contact_after_agreement(cn):
    before = cn.event("2026-03-01 10:00")
    agreement = cn.event("2026-03-02 10:00", "agreement", details={"written": True})
    after = cn.event("2026-03-03 10:00", "sms")
    # Not a credit card: Art. 70 of the credit-card measures does not apply, so the rule stays silent.
    assert cn.findings("cn.contact_after_agreement") == []
    cn.case.product_type = "credit card"
    found = cn.findings("cn.contact_after_agreement")
    assert found[0].event_ids == [agreement.id, after.id] and before.id not in found[0].event_ids
    assert found[0].severity == Severity.VIOLATION and found[0].citation.article == "Art. 70"
    assert "Art. 70 applies to credit cards only." in found[0].notes


def test_impostor_warnings(cn):
    agency = cn.party("Agency", "agency")
    unknown = cn.event("2026-03-02 10:00", summary="说可以上门协商，先交服务费")
    cn.event("2026-03-02 11:00", summary="上门协商", party_id=agency)  # known agency: not an impostor sign
    account = cn.event("2026-03-02 12:00", conduct=["personal_account_payment"])
    found = cn.findings("cn.impostor_risk")
    assert {tuple(f.event_ids) for f in found} == {(unknown.id,), (account.id,)}
    assert all(f.severity == Severity.WARNING and f.status == Status.NO_RULE for f in found)


def test_findings_in_chinese(cn):
    cn.event("2026-03-02 23:00")
    found = cn.findings("cn.quiet_hours", lang="zh_CN")[0]
    assert found.title == "夜间休息时段催收"
    assert "22:00" in found.explanation and "次" in found.explanation
    assert found.citation.instrument.startswith("中国银行业协会")
    tw = cn.findings("cn.quiet_hours", lang="zh_TW")[0]
    assert tw.title != found.title and "催收" in tw.title


def test_agreement_that_only_pauses_collection(cn):
    cn.case.product_type = "信用卡"
    cn.event("2026-03-05 10:00", "payment")
    pause = cn.event("2026-03-05 10:15", "agreement", details={"written": False, "pause_until": "2026-03-12"})
    inside = cn.event("2026-03-12 23:59", "call", call_outcome="missed")
    outside = cn.event("2026-03-13 00:00", "call", call_outcome="missed")
    found = cn.findings("cn.contact_after_agreement")
    assert len(found) == 1 and found[0].event_ids == [pause.id, inside.id] and outside.id not in found[0].event_ids
    assert found[0].context_ids == [pause.id] and "2026-03-12" in found[0].explanation
    assert "not in writing" in found[0].explanation


def test_each_agreement_governs_until_the_next(cn):
    cn.case.product_type = "信用卡"
    first = cn.event("2026-03-01 10:00", "agreement", details={"written": True})
    a = cn.event("2026-03-02 10:00", "sms")
    second = cn.event("2026-03-03 10:00", "agreement", details={"written": True})
    b = cn.event("2026-03-04 10:00", "sms")
    found = cn.findings("cn.contact_after_agreement")
    assert sorted(f.event_ids for f in found) == [[first.id, a.id], [second.id, b.id]]
