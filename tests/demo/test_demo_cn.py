"""The Chinese demo case: content the other parts of the app rely on, determinism, idempotence."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.core.demo import ensure_demo
from desktop_app.core.domain.enums import CallOutcome, EventKind, PartyRole, Target
from desktop_app.core.domain.negotiation import Negotiation, compute_schedule
from desktop_app.core.services.workspace import Workspace


@pytest.fixture
def cn(demo_workspace):
    ws = demo_workspace
    case_id = ws.demo_case_id
    return ws, ws.cases.get(case_id), ws.events.list(case_id), ws.parties.list(case_id), ws.evidence.list(case_id)


def _counts(ws: Workspace) -> dict[str, int]:
    return {t: ws.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("cases", "events", "parties", "contact_points", "evidence", "event_evidence")}


def test_ensure_demo_is_idempotent(demo_workspace):
    ws = demo_workspace
    before = _counts(ws)
    assert ensure_demo(ws, "cn") == ws.demo_case_id
    assert _counts(ws) == before


def test_case_fields_are_filled(cn):
    _, case, _, _, _ = cn
    assert case.is_demo and case.jurisdiction.value == "CN" and case.tz == "Asia/Shanghai"
    assert case.status.value == "negotiating" and case.currency == "CNY" and case.product_type == "消费分期"
    assert case.platform == "乐享分期" and case.funder == "安和消费金融有限公司"
    assert case.principal == 18000 and case.balance is not None and case.balance > 0
    assert case.overdue_since == date(2025, 12, 18)
    assert case.borrower_name and case.borrower_contact and case.borrower_address and case.account_numbers
    assert "林晓雯" in case.statement and 4 <= len(case.requests) <= 6
    neg = Negotiation.from_dict(case.negotiation)
    assert neg.income and neg.expenses and len(neg.hardship) == 2 and neg.proposal.instalments == 24
    assert neg.hardship[0].from_date is not None and neg.evidence_ids
    schedule = compute_schedule(neg.proposal, neg.proposal.default_base(case), today=neg.letter_date)
    assert not schedule.warnings and neg.budget().fits(schedule.instalments[0].amount)  # an affordable plan


def test_size_span_parties_and_files(cn):
    ws, _, events, parties, evidence = cn
    assert len(events) >= 70
    assert (events[-1].start - events[0].start).days >= 35
    assert len(parties) >= 8
    roles = Counter(p.role for p in parties)
    assert roles[PartyRole.COLLECTOR] == 3 and roles[PartyRole.UNKNOWN] == 1
    assert all(p.badge_no and len(p.contact_points) >= 2 for p in parties if p.role == PartyRole.COLLECTOR)
    assert len(evidence) >= 8
    for item in evidence:
        assert item.event_ids, item.original_name
        assert hashlib.sha256(Path(item.path).read_bytes()).hexdigest() == item.sha256
    mimes = {v.mime for v in evidence}
    assert {"image/png", "image/jpeg", "audio/x-wav", "text/plain"} <= mimes


def test_calls_link_to_parties_by_number(cn):
    _, _, events, parties, _ = cn
    names = {p.id: p.name for p in parties}
    incoming = [e for e in events if e.kind == EventKind.CALL and e.direction.value == "incoming"
                and e.contact_value != "未知号码"]
    assert incoming and all(e.party_id in names for e in incoming)


def test_night_early_and_frequency_patterns(cn):
    _, _, events, _, _ = cn
    calls = [e for e in events if e.kind == EventKind.CALL and e.direction.value == "incoming"]
    hours = {e.start.hour for e in calls}
    assert {22, 23, 0} <= hours and (6 in hours or 7 in hours)
    unanswered = Counter((e.start.date(), e.contact_key) for e in calls if not e.connected)
    assert sum(1 for n in unanswered.values() if n > 6) >= 2
    connected = Counter(e.start.date() for e in calls if e.connected and e.target == Target.BORROWER)
    assert max(connected.values()) > 3
    assert {e.call_outcome for e in calls} >= {CallOutcome.ANSWERED, CallOutcome.MISSED, CallOutcome.REJECTED}
    assert any(e.kind == EventKind.CALL and e.direction.value == "outgoing" for e in events)


def test_conduct_and_special_events(cn):
    _, _, events, parties, _ = cn
    by_role = {p.role: p.id for p in parties}
    ticks = Counter(c.value for e in events for c in e.conduct)
    for tick in ("threat", "false_legal_claim", "false_credit_claim", "impersonation", "third_party_disclosure",
                 "visit_without_notice", "refused_id", "personal_account_payment", "pressure_to_borrow",
                 "extra_fees", "private_phone", "abuse"):
        assert ticks[tick] >= 1, tick
    home = [e for e in events if e.kind == EventKind.VISIT and e.details.get("place") == "home"]
    assert len(home) == 1 and home[0].details["people_count"] == 2 and home[0].details["id_shown"] is False
    assert home[0].details["notice_given"] is False and home[0].evidence_ids
    work = [e for e in events if e.kind == EventKind.VISIT and e.details.get("place") == "work"]
    assert len(work) == 1 and work[0].details["people_count"] == 1
    impostor = [e for e in events if "personal_account_payment" in e.conduct]
    assert impostor and all(e.party_id == by_role[PartyRole.UNKNOWN] for e in impostor)
    assert len([e for e in events if e.kind == EventKind.NEGOTIATION]) == 2
    assert all(e.details.get("outcome") for e in events if e.kind == EventKind.NEGOTIATION)
    payments = [e for e in events if e.kind == EventKind.PAYMENT]
    assert len(payments) == 1 and payments[0].details["amount"] == "2000.00"
    complaints = {e.details["channel"]: e for e in events if e.kind == EventKind.COMPLAINT}
    assert set(complaints) == {"platform", "12378"}
    assert all(c.details["ticket_no"] and c.details["reply_due"] for c in complaints.values())
    sms = [e for e in events if e.kind == EventKind.SMS]
    assert sms and all(e.body for e in sms) and any("拘留" in e.body for e in sms)
    assert sum(1 for e in events if e.quotes) >= 15


def test_contact_after_requests(cn):
    _, _, events, _, _ = cn
    requests = {e.details["request_type"]: e for e in events if e.kind == EventKind.USER_REQUEST}
    assert set(requests) >= {"stop_third_party", "no_work_contact"}
    stop = requests["stop_third_party"]
    relative = stop.details["target_party_id"]
    after = [e for e in events if e.start > stop.start and e.target_party_id == relative
             and "third_party_disclosure" in e.conduct]
    assert after
    no_work = requests["no_work_contact"]
    work_ids = {e.target_party_id for e in events if e.target == Target.THIRD_PARTY and e.start < no_work.start
                and e.target_party_id != relative}
    later = [e for e in events if e.start > no_work.start and e.kind == EventKind.CALL
             and e.target == Target.THIRD_PARTY and e.target_party_id != relative]
    assert work_ids and len(later) >= 2


def test_follow_ups_due_now_and_later(cn):
    ws, case, events, _, _ = cn
    today = date.today()
    open_ups = [e for e in events if e.follow_up and not e.follow_up_done]
    assert sum(1 for e in open_ups if abs((e.follow_up - today).days) <= 7) >= 2
    assert any(e.follow_up > date(2026, 3, 31) for e in open_ups)
    assert any(e.follow_up_done for e in events if e.follow_up)
    assert ws.events.follow_ups(case.id, until=today + timedelta(days=7))


def test_two_character_search(cn):
    ws, case, events, parties, _ = cn
    names = {p.id: p.name for p in parties}
    for word in ("律师", "拘留", "单位"):
        expected = {e.id for e in events if word in e.summary + e.body + e.quotes}
        found = set(ws.search.search_ids(case.id, word))
        assert expected and expected <= found, word
        for e in events:
            if e.id in found - expected:
                assert word in names.get(e.party_id, "") + e.contact_value, (word, e.id)


def test_same_bytes_in_two_folders(tmp_path):
    hashes = []
    for name in ("a", "b"):
        with Workspace.open(tmp_path / name) as ws:
            case_id = ensure_demo(ws, "cn")
            hashes.append([(v.original_name, v.sha256) for v in ws.evidence.list(case_id)])
    assert hashes[0] == hashes[1] and len(hashes[0]) >= 8


def test_failure_leaves_nothing(tmp_path, monkeypatch):
    from desktop_app.core.demo import cn_files

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(cn_files, "door_photo", boom)
    with Workspace.open(tmp_path / "d") as ws:
        with pytest.raises(RuntimeError):
            ensure_demo(ws, "cn")
        assert _counts(ws) == dict.fromkeys(_counts(ws), 0)
        assert ws.cases.find_demo("cn") is None
