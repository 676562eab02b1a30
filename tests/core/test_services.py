"""The services the GUI and the command line share."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.core.domain.enums import Conduct, EventKind
from desktop_app.core.errors import NotFoundError, ValidationError
from desktop_app.core.services.workspace import Workspace


def test_case_fields_round_trip(workspace: Workspace) -> None:
    case = workspace.cases.create("分期乐逾期", "CN", platform="示例分期", principal=Decimal("10000.00"),
                                  balance=Decimal("8321.17"), overdue_since=date(2026, 1, 15),
                                  requests=["停止骚扰", "提供录音"])
    assert case.tz == "Asia/Shanghai" and case.currency == "CNY"
    again = workspace.cases.update(case.id, status="negotiating", balance=Decimal("8000.01"))
    assert again.balance == Decimal("8000.01") and again.status.value == "negotiating"
    assert again.requests == ["停止骚扰", "提供录音"]
    assert workspace.audit.history("case", case.id)[-1].fields == ["balance", "status"]


@pytest.mark.parametrize("kwargs, field", [
    ({"title": " "}, "title"),
    ({"title": "x", "jurisdiction": "Mars"}, "jurisdiction"),
    ({"title": "x", "tz": "Asia/Nowhere"}, "tz"),
])
def test_case_validation(workspace: Workspace, kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        workspace.cases.create(**kwargs)
    assert info.value.field == field


def test_event_times_keep_local_wall_time_and_zone(workspace: Workspace) -> None:
    case = workspace.cases.create("us", "US")
    # 01:30 on the autumn DST day in New York happens twice; fold=1 is the second (EST).
    first = workspace.events.log(case.id, "call", datetime(2026, 11, 1, 1, 30))
    second = workspace.events.log(case.id, "call", datetime(2026, 11, 1, 1, 30, fold=1))
    assert first.start.isoformat() == "2026-11-01T01:30:00-04:00"
    assert second.start.isoformat() == "2026-11-01T01:30:00-05:00"
    assert [e.id for e in workspace.events.list(case.id)] == [first.id, second.id]


def test_event_validation_messages(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    start = datetime(2026, 3, 1, 9, 0)
    with pytest.raises(ValidationError, match="end is before the start") as info:
        workspace.events.log(case.id, "call", start, end=datetime(2026, 3, 1, 8, 0))
    assert info.value.field == "end"
    with pytest.raises(ValidationError, match="negative"):
        workspace.events.log(case.id, "call", start, duration_s=-5)
    with pytest.raises(ValidationError):
        workspace.events.log(case.id, "teleport", start)
    with pytest.raises(ValidationError):
        workspace.events.log(case.id, "call", start, conduct=["rudeness"])
    with pytest.raises(NotFoundError, match="no case with id 999"):
        workspace.events.log(999, "call", start)
    with pytest.raises(NotFoundError, match="no event with id 12345"):
        workspace.events.get(12345)
    assert workspace.events.count(case.id) == 0


def test_events_link_to_parties_by_number_however_written(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    collector = workspace.parties.add(case.id, "张催收", "collector", numbers=["+86 170 0000 1111"])
    for written in ("17000001111", "0086 170-0000-1111", "１７０００００１１１１", "17951 17000001111"):
        event = workspace.events.log(case.id, "call", datetime(2026, 3, 1, 9, 0), contact_value=written)
        assert event.party_id == collector.id, written
    withheld = workspace.events.log(case.id, "call", datetime(2026, 3, 1, 9, 0), contact_value="-2")
    assert withheld.party_id is None and withheld.contact_key == "withheld"
    assert workspace.parties.stats(case.id)[collector.id].contacts == 4


def test_merge_moves_events_numbers_and_retires_the_other(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    keep = workspace.parties.add(case.id, "王某", "collector", numbers=["17000001111"])
    gone = workspace.parties.add(case.id, "小王", "collector", numbers=["17100002222"])
    e = workspace.events.log(case.id, "call", datetime(2026, 3, 1, 9, 0), contact_value="17100002222")
    assert e.party_id == gone.id
    merged = workspace.parties.merge(keep.id, gone.id)
    assert {cp.value for cp in merged.contact_points} == {"17000001111", "17100002222"}
    assert workspace.events.get(e.id).party_id == keep.id
    assert [p.id for p in workspace.parties.list(case.id)] == [keep.id]
    with pytest.raises(ValidationError):
        workspace.parties.merge(keep.id, keep.id)


def test_trash_and_restore_keep_evidence(workspace: Workspace, tmp_path: Path) -> None:
    case = workspace.cases.create("c", "CN")
    event = workspace.events.log(case.id, "sms", datetime(2026, 3, 1, 9, 0), body="还钱")
    note = tmp_path / "n.txt"
    note.write_text("x")
    [evidence] = workspace.evidence.attach(case.id, [note], [event.id])
    workspace.events.delete(event.id)
    assert workspace.events.count(case.id) == 0
    assert [e.id for e in workspace.events.trash(case.id)] == [event.id]
    workspace.evidence.delete(evidence.id)
    assert Path(evidence.path).exists()  # the vault file stays while a row refers to it
    workspace.events.restore(event.id)
    workspace.evidence.restore(evidence.id)
    assert workspace.events.get(event.id).evidence_ids == [evidence.id]


def test_exhibit_numbers_are_stable_and_never_reused(workspace: Workspace, tmp_path: Path) -> None:
    case = workspace.cases.create("c", "CN")
    files = []
    for i in range(3):
        p = tmp_path / f"f{i}.txt"
        p.write_text(f"file {i}")
        files.append(p)
    first = workspace.evidence.attach(case.id, files[:2])
    workspace.evidence.delete(first[1].id)
    [third] = workspace.evidence.attach(case.id, files[2:])
    assert [e.exhibit for e in first] + [third.exhibit] == ["E-001", "E-002", "E-003"]
    [again] = workspace.evidence.attach(case.id, files[:1])  # same content: same exhibit
    assert again.exhibit == "E-001"
    other = workspace.cases.create("other", "CN")
    assert workspace.evidence.attach(other.id, files[:1])[0].exhibit == "E-001"


def test_attach_is_all_or_nothing_on_a_bad_name(workspace: Workspace, tmp_path: Path) -> None:
    case = workspace.cases.create("c", "CN")
    good = tmp_path / "good.txt"
    good.write_text("x")
    with pytest.raises(Exception, match="no such file"):
        workspace.evidence.attach(case.id, [good, tmp_path / "missing.png"])
    assert workspace.evidence.list(case.id) == []
    with pytest.raises(NotFoundError):
        workspace.evidence.attach(case.id, [good], [4242])


def test_search_finds_short_and_long_chinese_and_all_words(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    a = workspace.events.log(case.id, "sms", datetime(2026, 3, 1, 9, 0), body="你的案件已移交律师事务所，将起诉")
    b = workspace.events.log(case.id, "call", datetime(2026, 3, 2, 9, 0), summary="威胁要去单位",
                             quotes="“明天就去你公司”")
    party = workspace.parties.add(case.id, "赵经理", "collector")
    c = workspace.events.log(case.id, "call", datetime(2026, 3, 3, 9, 0), party_id=party.id, summary="Night call")
    s = workspace.search
    assert s.search_ids(case.id, "律师") == [a.id]  # two characters: below the trigram limit
    assert s.search_ids(case.id, "律师事务所") == [a.id]
    assert s.search_ids(case.id, "公司") == [b.id]  # found in quotes
    assert s.search_ids(case.id, "赵经理") == [c.id]  # found by party name
    assert s.search_ids(case.id, "night") == [c.id]  # case-insensitive
    assert s.search_ids(case.id, "律师 起诉") == [a.id]
    assert s.search_ids(case.id, "律师 单位") == []
    assert s.search_ids(case.id, "100%") == []
    workspace.events.delete(a.id)
    assert s.search_ids(case.id, "律师") == []


def test_follow_ups(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    due = workspace.events.log(case.id, "complaint", datetime(2026, 3, 1, 9, 0), follow_up=date(2026, 3, 16))
    workspace.events.log(case.id, "call", datetime(2026, 3, 2, 9, 0), follow_up=date(2026, 4, 1))
    assert [e.id for e in workspace.events.follow_ups(until=date(2026, 3, 20))] == [due.id]
    workspace.events.update(due.id, follow_up_done=True)
    assert workspace.events.follow_ups(until=date(2026, 3, 20)) == []


def test_conduct_ticks_round_trip(workspace: Workspace) -> None:
    case = workspace.cases.create("c", "CN")
    event = workspace.events.log(case.id, EventKind.VISIT, datetime(2026, 3, 1, 21, 0),
                                 conduct=["refused_id", Conduct.VISIT_WITHOUT_NOTICE],
                                 details={"people_count": 2, "id_shown": False})
    assert set(event.conduct) == {Conduct.REFUSED_ID, Conduct.VISIT_WITHOUT_NOTICE}
    assert event.details == {"people_count": 2, "id_shown": False}
