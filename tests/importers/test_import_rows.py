"""The values an import stores for a record: the same as before the row builder was made cheaper.

`event_row` and `dedupe_key` are held to a reference written the plain way (`to_storage(localise(...))`,
`.value` on each enum, the epoch read from the record's own time) for records around daylight-saving
changes in New York and London, in Shanghai (none), across zones, in a repeated hour (both folds)
and a skipped one.  `dedupe_key` is stored, so two of its values are also pinned literally.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_app.core.domain.enums import CallOutcome, Direction, EventKind
from desktop_app.core.domain.phones import analyse
from desktop_app.core.domain.times import localise, to_storage
from desktop_app.core.importers.common import parse_epoch
from desktop_app.core.importers.model import Attachment, FileReport, Record
from desktop_app.core.importers.service import _details_json, dedupe_key, event_row

ZONES = ["America/New_York", "Europe/London", "Asia/Shanghai"]
# UTC instants of the 2024 changes: New York 10 Mar / 3 Nov, London 31 Mar / 27 Oct.
CHANGES = [datetime(2024, 3, 10, 7, tzinfo=UTC), datetime(2024, 11, 3, 6, tzinfo=UTC),
           datetime(2024, 3, 31, 1, tzinfo=UTC), datetime(2024, 10, 27, 1, tzinfo=UTC)]
_SPACE = re.compile(r"\s+")


def _reference_dedupe(record: Record, key: str) -> str:
    if record.body or record.attachments:
        body = _SPACE.sub(" ", record.body).strip()
        names = ",".join(sorted(a.name for a in record.attachments))
        digest = hashlib.sha1(f"{body}|{names}".encode()).hexdigest()
    else:
        digest = hashlib.sha1(b"|").hexdigest()
    direction = record.direction.value if record.direction else ""
    text = f"{record.kind.value}|{key}|{int(record.when.timestamp())}|{direction}|{digest}"
    return hashlib.sha1(text.encode()).hexdigest()


def _reference_row(case_id, record, info, party_id, report, import_id, tz, now) -> tuple:
    start_local, start_utc, fold = to_storage(localise(record.when, tz))
    details, body = record.details, record.body
    if record.kind == EventKind.CALL:
        if body:
            details = {**details, "note": body}
        body = ""
    contact = record.number.strip()
    return (case_id, record.kind.value, start_local, start_utc, fold, tz, record.duration_s,
            record.direction.value if record.direction else None,
            record.outcome.value if record.outcome else None,
            party_id, contact, info.key if contact else "", body,
            json.dumps(details, ensure_ascii=False, default=str) if details else "{}",
            report.format, report.name, report.sha256, _reference_dedupe(record, info.key), import_id, now, now)


def _instants() -> list[int]:
    """Epoch seconds every 10 minutes for three hours either side of each change, and a second either side."""
    out = []
    for change in CHANGES:
        edge = int(change.timestamp())
        out += [edge + step * 600 for step in range(-18, 19)] + [edge - 1, edge + 1, edge + 3599, edge + 3600]
    return out


def _times() -> list[datetime]:
    """The record times a parser can hand over: epoch values read in each zone, wall times (both folds
    of a repeated hour, a skipped hour), UTC and fixed offsets, and a naive time."""
    out = [parse_epoch(str(s * 1000), zone, "ms") for zone in ZONES for s in _instants()]
    ny, london = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")
    for fold in (0, 1):
        out += [datetime(2024, 11, 3, 1, 30, fold=fold, tzinfo=ny), datetime(2024, 10, 27, 1, 15, fold=fold,
                                                                                tzinfo=london)]
    out += [datetime(2024, 3, 10, 2, 30, tzinfo=ny), datetime(2024, 3, 31, 1, 30, tzinfo=london)]  # skipped hours
    other_ny = ZoneInfo.no_cache("America/New_York")  # the same zone, another object: localise really converts
    out += [datetime(2024, 3, 10, 2, 30, tzinfo=other_ny), datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=other_ny)]
    out += [datetime.fromtimestamp(s, UTC) for s in _instants()[::7]]
    out += [datetime(2024, 11, 3, 1, 30, tzinfo=timezone(timedelta(hours=-5))), datetime(2024, 11, 3, 1, 30)]
    return out


def test_the_times_cover_both_folds_and_every_offset() -> None:
    times = _times()
    assert {t.fold for t in times} == {0, 1}
    assert {t.utcoffset() for t in times if t.tzinfo} >= {timedelta(hours=h) for h in (-5, -4, 0, 1, 8)}


@pytest.mark.parametrize("tz", ZONES)
def test_rows_are_what_the_plain_way_stores_across_daylight_saving_changes(tz: str) -> None:
    report = FileReport(Path("/backups/calls-20241103.xml"), "sbr_calls", sha256="ab" * 32)
    kinds = [(EventKind.CALL, Direction.INCOMING, CallOutcome.MISSED, "", {}),
             (EventKind.CALL, Direction.OUTGOING, None, "a note", {"sim": "1234"}),
             (EventKind.CALL, None, None, "", {"type_code": 42, "blocked": True}),
             (EventKind.SMS, Direction.INCOMING, None, "请于今日  还款\n", {"channel": "sms", "sent_at": "x"}),
             (EventKind.CHAT, Direction.OUTGOING, None, "ok", {"channel": "wechat"})]
    checked = folds = 0
    for n, when in enumerate(_times()):
        kind, direction, outcome, body, details = kinds[n % len(kinds)]
        number = ("170 0000 1111", "+8613800138000", "-2", "10086", "")[n % 5]
        record = Record(kind, when, number, direction, outcome, n % 90 if kind == EventKind.CALL else None, body,
                        "", dict(details), f"record {n}")
        info = analyse(number, "CN")
        row = event_row(7, record, info, n % 3 or None, report, 3, tz, "2026-01-01T00:00:00+00:00")
        assert row == _reference_row(7, record, info, n % 3 or None, report, 3, tz, "2026-01-01T00:00:00+00:00"), when
        assert dedupe_key(record, info.key) == _reference_dedupe(record, info.key)
        checked += 1
        folds += row[4]
    assert checked > 400 and (folds > 0) == (tz != "Asia/Shanghai")


def test_messages_with_parts_keep_their_dedupe_key() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    record = Record(EventKind.SMS, datetime.fromtimestamp(1710165667, shanghai), "10086", Direction.OUTGOING,
                    None, None, "  还款  提醒 ", "", {}, "",
                    [Attachment("b.jpg", "image/jpeg", b"x"), Attachment("a.png", "image/png", b"y")])
    assert dedupe_key(record, "short:CN:10086") == _reference_dedupe(record, "short:CN:10086")


def test_dedupe_keys_are_pinned() -> None:
    """Values computed before the row builder changed: a re-import finds old imports only if these hold."""
    ny, shanghai = ZoneInfo("America/New_York"), ZoneInfo("Asia/Shanghai")
    call = Record(EventKind.CALL, datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=ny), "170 0000 1111",
                  Direction.INCOMING, CallOutcome.MISSED, 0)
    sms = Record(EventKind.SMS, datetime.fromtimestamp(1710165667, shanghai), "10086", Direction.OUTGOING, None,
                 None, "  还款  提醒 ", "", {}, "",
                 [Attachment("b.jpg", "image/jpeg", b"x"), Attachment("a.png", "image/png", b"y")])
    assert dedupe_key(call, "+8617000001111") == "0965561b0b29825c47490bc6d58ddd68c6a9e476"
    assert dedupe_key(sms, "short:CN:10086") == "e28aa064d7af455427c586f5b3e474341e8b2c69"
    report = FileReport(Path("calls.xml"), "sbr_calls")
    row = event_row(1, call, analyse("170 0000 1111", "CN"), None, report, 1, "America/New_York", "now")
    assert row[2:5] == ("2024-11-03T01:30:00-05:00", 1730615400, 1)
    assert row[17] == "0965561b0b29825c47490bc6d58ddd68c6a9e476"


@pytest.mark.parametrize("details", [
    {"sim": "1234"}, {"contact_name": "催收-某某金融", "blocked": True, "sim": "1"}, {"type_code": None},
    {"type_code": 42, "answered_elsewhere": True, "note": 'a "quoted"\n\ttab \\ \x00 \u2028 😂'},
    {"group": 3, "mms": True, "channel": "sms", "subject": "", "sent_at": "2024-03-11T22:01:07+08:00"},
    {"ratio": 0.1, "big": 10**30, "neg": -1.5e-300, "nan": float("nan"), "inf": float("-inf"), "zero": False},
    {"nested": {"list": [1, "二", None, [True, {"k": "v"}]], "empty": {}}, "tuple": (1, 2)},
    {1: "int key", 2.5: "float key", False: "bool key", None: "none key"},
    {"when": datetime(2024, 3, 11, 22, 1, tzinfo=UTC), "path": Path("a/b.jpg"), "bytes": b"\xff"},
])
def test_details_text_is_what_json_dumps_writes(details: dict) -> None:
    assert _details_json(details) == json.dumps(details, ensure_ascii=False, default=str)


def test_details_that_json_refuses_are_refused_and_leave_nothing_behind() -> None:
    bad = {"ok": 1, (1, 2): "a tuple key"}
    with pytest.raises(TypeError):
        json.dumps(bad, ensure_ascii=False, default=str)
    with pytest.raises(TypeError):
        _details_json(bad)
    again = {"ok": 1}
    assert _details_json(again) == '{"ok": 1}'  # no state kept from the failed call
