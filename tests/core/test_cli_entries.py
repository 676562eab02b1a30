"""`papertrail add`, `edit` and `edit-case`: every entry the app can hold, made from the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from test_cli import one_clean_error, run

LONG = "催收员在电话里说：" + "你再不还钱我们就去你单位找你，" * 330  # ~5,000 characters
ODD = "𠮷𡈽𪚥 \u202eevil.txt 😀 tab\there"


def _case(data: Path, *extra: str) -> int:
    return int(run(data, "new-case", "--title", "T", *extra).stdout.strip())


def _event_rows(data: Path) -> int:
    conn = sqlite3.connect(data / "papertrail.sqlite3")
    try:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        conn.close()


def test_add_stores_every_field_whole(tmp_path: Path) -> None:
    data = tmp_path / "d"
    case = _case(data)
    party = json.loads(run(data, "show", str(case), "--json").stdout)  # no parties yet: log by number
    assert party["parties"] == []
    result = run(data, "add", str(case), "--kind", "call", "--time", "2026-03-03T22:15", "--number", "171 1234 0826",
                 "--outcome", "answered", "--duration", "95", "--summary", LONG, "--body", f"第一行\n{ODD}\n第三行",
                 "--quote", "你这种人就是骗子，借钱不还的老赖", "--quote", "line two\nline three",
                 "--conduct", "abuse", "--conduct", "threat", "--detail", "people_count=2", "--detail", "place=单位",
                 "--follow-up", "2026-03-10", "--follow-up-note", "投诉", "--json")
    event = json.loads(result.stdout)
    assert event["kind"] == "call" and event["direction"] == "incoming"  # a contact defaults to incoming
    assert event["start"] == "2026-03-03T22:15:00+08:00"
    assert event["summary"] == LONG and len(LONG) > 4900
    assert event["body"] == f"第一行\n{ODD}\n第三行"
    assert event["quotes"].splitlines() == ["你这种人就是骗子，借钱不还的老赖", "line two", "line three"]
    assert event["conduct"] == ["abuse", "threat"]
    assert event["details"] == {"people_count": 2, "place": "单位"}
    assert event["number_key"] == "+8617112340826"
    assert event["follow_up"] == "2026-03-10" and event["duration_s"] == 95
    shown = json.loads(run(data, "show", str(case), "--json").stdout)["events"]
    assert [e["id"] for e in shown] == [event["id"]] and shown[0]["summary"] == LONG


def test_add_message_alias_and_default_time(tmp_path: Path) -> None:
    data = tmp_path / "d"
    case = _case(data, "--jurisdiction", "US")
    event = json.loads(run(data, "add", str(case), "--kind", "message", "--body", "Pay today", "--json").stdout)
    assert event["kind"] == "sms" and event["tz"] == "America/New_York"
    assert event["start"]  # now, in the case's zone
    note = json.loads(run(data, "add", str(case), "--kind", "note", "--summary", "n", "--json").stdout)
    assert note["direction"] is None  # only contacts get a direction by default


def test_add_refuses_bad_input_with_one_line_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "d"
    case = _case(data)
    other = _case(data)
    stranger = json.loads(run(data, "add", str(other), "--kind", "note", "--json").stdout)["id"]
    before = _event_rows(data)
    one_clean_error(run(data, "add", str(case), "--kind", "call", "--time", "yesterday", check=False),
                    "--time", "yesterday")
    one_clean_error(run(data, "add", str(case), "--kind", "call", "--time", "2026-03-03T22:15",
                        "--end", "2026-03-03T22:00", check=False), "end")
    one_clean_error(run(data, "add", str(case), "--kind", "call", "--party", "999", check=False), "999")
    one_clean_error(run(data, "add", str(case), "--kind", "call", "--duration", "-5", check=False), "negative")
    one_clean_error(run(data, "add", str(case), "--kind", "call", "--tz", "Mars/Base", check=False), "Mars/Base")
    one_clean_error(run(data, "add", "999", "--kind", "call", check=False), "999")
    one_clean_error(run(data, "add", str(case), "--kind", "note", "--body-file", str(tmp_path / "none.txt"),
                        check=False), "none.txt")
    one_clean_error(run(data, "add", str(case), "--kind", "note", "--detail", "novalue", check=False), "novalue")
    one_clean_error(run(data, "edit", str(stranger), "--follow-up", "31/03/2026", check=False), "31/03/2026")
    bad = run(data, "add", str(case), "--kind", "call", "--conduct", "rude", check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "rude" in bad.stderr
    assert _event_rows(data) == before


def test_edit_changes_only_what_it_names(tmp_path: Path) -> None:
    data = tmp_path / "d"
    case = _case(data)
    event = json.loads(run(data, "add", str(case), "--kind", "visit", "--time", "2026-03-05 09:30",
                           "--summary", "两人上门", "--quote", "开门", "--conduct", "visit_without_notice",
                           "--detail", "people_count=2", "--json").stdout)
    edited = json.loads(run(data, "edit", str(event["id"]), "--body-file", str(_file(tmp_path, LONG)),
                            "--detail", "place=家门口", "--json").stdout)
    assert edited["body"] == LONG
    assert edited["summary"] == "两人上门" and edited["quotes"] == "开门"
    assert edited["conduct"] == ["visit_without_notice"]
    suggested = {"suggested_conduct", "suggestion_spans"}  # the collector's words suggest conduct (issue 18)
    assert edited["suggested_conduct"] == ["third_party_disclosure"]
    assert {k: v for k, v in edited["details"].items() if k not in suggested} == {
        "people_count": 2, "place": "家门口"}  # details merge, not replace
    assert edited["start"] == event["start"]
    cleared = json.loads(run(data, "edit", str(event["id"]), "--no-conduct", "--no-quotes", "--time",
                             "2026-03-05T10:00+08:00", "--json").stdout)
    assert cleared["conduct"] == [] and cleared["quotes"] == ""
    assert cleared["start"] == "2026-03-05T10:00:00+08:00"
    one_clean_error(run(data, "edit", str(event["id"]), check=False), "nothing to change")
    one_clean_error(run(data, "edit", "999", "--summary", "x", check=False), "999")
    one_clean_error(run(data, "edit", str(event["id"]), "--conduct", "threat", "--no-conduct", check=False),
                    "--no-conduct")


def test_edit_case_statement_and_requests(tmp_path: Path) -> None:
    data = tmp_path / "d"
    case = _case(data)
    statement = "\n".join(f"第{i}段：{LONG[:200]}" for i in range(25))
    result = json.loads(run(data, "edit-case", str(case), "--statement-file", str(_file(tmp_path, statement)),
                            "--request", "停止骚扰", "--request", "书面道歉", "--product-type", "credit_card",
                            "--json").stdout)
    assert result["statement"] == statement
    assert result["requests"] == ["停止骚扰", "书面道歉"]
    assert result["product_type"] == "credit_card"
    one_clean_error(run(data, "edit-case", str(case), check=False), "nothing to change")
    one_clean_error(run(data, "edit-case", str(case), "--title", " ", check=False), "title")


def _file(folder: Path, text: str) -> Path:
    path = folder / f"text-{abs(hash(text))}.txt"
    path.write_text(text, "utf-8")
    return path
