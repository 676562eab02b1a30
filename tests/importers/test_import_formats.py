"""iPhone, Huawei, OPPO/VMSG and CSV exports."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from import_paths import SAMPLES

from desktop_app.core.domain.enums import CallOutcome, Direction, EventKind
from desktop_app.core.importers import ColumnMapping, ImportFormatError, csvfiles, detect, guess_mapping, ios, vendor
from desktop_app.core.importers.model import FileReport

TZ = "Asia/Shanghai"


def _read(path: Path, fmt: str, mapping: ColumnMapping | None = None) -> tuple[list, FileReport]:
    fmt2, problem, columns = detect.classify(path, TZ)
    assert (fmt2, problem) == (fmt, "")
    report = FileReport(path, fmt, columns=columns)
    return list(detect.reader(report, TZ, mapping)), report


def test_iphone_call_history_core_data_times() -> None:
    calls, _r = _read(SAMPLES / "ios" / "CallHistory.storedata", "ios_calls")
    assert len(calls) == 5
    first = calls[0]
    assert first.when.isoformat() == "2024-03-11T22:01:07+08:00"  # 731858467.512 s after 2001-01-01 UTC
    assert (first.direction, first.outcome) == (Direction.INCOMING, CallOutcome.MISSED)
    out = next(c for c in calls if c.direction == Direction.OUTGOING)
    assert out.duration_s == 312 and out.outcome == CallOutcome.ANSWERED
    assert any(c.number == "0755-86001234" for c in calls)  # the BLOB address, decoded
    wechat = next(c for c in calls if c.number == "wxid_fake_collector")
    assert wechat.details["channel"] == "wechat"


def test_iphone_messages_nanoseconds_and_legacy_seconds() -> None:
    messages, report = _read(SAMPLES / "ios" / "sms.db", "ios_sms")
    assert len(messages) == 5 and report.skipped == 0
    by_body = {m.body: m for m in messages}
    assert by_body["张三你好：\n你的欠款已经严重逾期。"].when.isoformat() == "2024-03-11T21:55:41+08:00"
    assert by_body["旧格式：秒级时间戳"].when.year == 2016
    assert by_body["请不要再骚扰我的家人。"].direction == Direction.OUTGOING
    assert by_body[""].details["text_unavailable"] is True


def test_attributed_body_text() -> None:
    blob = b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject" \
           b"\x00\x85\x92\x84\x84\x84\x08NSString\x01\x94\x84\x01+\x09\xe4\xbd\xa0\xe5\xa5\xbd!!!\x86"
    assert ios.attributed_text(blob) == "你好!!!"
    assert ios.attributed_text(b"junk") == ""


def test_iphone_backup_folder_via_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "00008030-001A"
    folder.mkdir()
    ids = {"Library/SMS/sms.db": "3d0d7e5fb2ce288813306e4d4636395e047a3d28",
           "Library/CallHistoryDB/CallHistory.storedata": "5a4935c78a5255723f707230a451d79c540d2741"}
    with sqlite3.connect(folder / "Manifest.db") as conn:
        conn.execute("CREATE TABLE Files (fileID TEXT, domain TEXT, relativePath TEXT, flags INT, file BLOB)")
        for rel, file_id in ids.items():
            conn.execute("INSERT INTO Files VALUES (?, 'HomeDomain', ?, 1, NULL)", (file_id, rel))
            (folder / file_id[:2]).mkdir()
            source = SAMPLES / "ios" / ("sms.db" if rel.endswith("sms.db") else "CallHistory.storedata")
            shutil.copy(source, folder / file_id[:2] / file_id)
    reports = detect.expand([folder], TZ)
    assert sorted(r.format for r in reports) == ["ios_calls", "ios_sms"]


def test_encrypted_iphone_backup_says_so(tmp_path: Path) -> None:
    (tmp_path / "Manifest.db").write_bytes(b"\x8f" * 4096)  # encrypted Manifest.db is not SQLite
    with pytest.raises(ImportFormatError, match="Manifest.db"):
        detect.expand([tmp_path], TZ)


def test_huawei_backup_tags_and_messages() -> None:
    calls, _r = _read(SAMPLES / "huawei" / "db" / "calllog.db", "huawei_calls")
    assert len(calls) == 4 and calls[0].details["phone_tag"] == "催收"
    messages, _r = _read(SAMPLES / "huawei" / "db" / "sms.db", "huawei_sms")
    assert len(messages) == 3 and messages[2].body.endswith("😡") and messages[2].direction == Direction.OUTGOING


def test_oppo_call_log_and_vmsg() -> None:
    calls, _r = _read(SAMPLES / "oppo" / "callrecord_backup.xml", "oppo_calls")
    assert len(calls) == 4 and calls[2].contact_name == "催收-某某金融" and calls[0].contact_name == ""
    messages, report = _read(SAMPLES / "oppo" / "sms.vmsg", "vmsg")
    assert len(messages) == 3 and report.records == 3
    assert messages[0].body == "张三你好：\n你的欠款已经严重逾期。"
    assert messages[1].direction == Direction.OUTGOING
    assert messages[2].number == "1069088812345" and messages[2].body.endswith("退订回T")


def test_memotrace_wechat_csv() -> None:
    rows, _r = _read(SAMPLES / "wechat" / "催收-某某金融_utf8.csv", "wechat_csv")
    assert len(rows) == 5
    assert rows[0].kind == EventKind.CHAT and rows[0].number == "wxid_fake_collector"
    assert rows[1].direction == Direction.OUTGOING and rows[1].number == "wxid_fake_collector"
    assert rows[2].body == "[图片]"
    call = rows[3]
    assert call.kind == EventKind.CALL and call.duration_s == 48 and call.details["channel"] == "wechat"
    assert rows[4].details["system"] is True and "撤回" in rows[4].body
    assert rows[0].when.isoformat() == "2024-03-13T19:00:00+08:00"


def test_imazing_csv() -> None:
    rows, _r = _read(SAMPLES / "imazing" / "Messages - +86 170 0000 1111.csv", "imazing_csv")
    assert len(rows) == 3
    assert rows[0].number == "+86 170 0000 1111" and rows[0].body.startswith("张三你好")
    assert rows[1].direction == Direction.OUTGOING and rows[1].body == '请不要再骚扰我的家人，"谢谢"。'
    assert rows[2].number == "collections@acme-recovery.example"
    assert rows[2].details["attachment_name"] == "IMG_0001.jpeg"


def test_generic_csv_with_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "通话记录.csv"
    path.write_bytes("号码,时间,类型,时长\n17000001111,2024/03/12 09:12:03,来电,1分35秒\n"
                     "17000001111,2024/03/12 10:30:00,呼出,00:05:12\n021-60001234,bad,未接,0\n".encode("gb18030"))
    fmt, _p, columns = detect.classify(path, TZ)
    assert fmt == "csv" and columns == ["号码", "时间", "类型", "时长"]
    guessed = guess_mapping(columns)
    assert guessed is not None and (guessed.time, guessed.number, guessed.duration) == ("时间", "号码", "时长")
    report = FileReport(path, "csv", columns=columns)
    rows = list(csvfiles.read_generic(path, report, TZ, guessed))
    assert [(r.kind, r.direction, r.duration_s) for r in rows] == [
        (EventKind.CALL, Direction.INCOMING, 95), (EventKind.CALL, Direction.OUTGOING, 312)]
    assert report.skipped == 1 and "line 4" in report.warnings[0]
    with pytest.raises(ImportFormatError, match="不存在|does not have"):
        list(csvfiles.read_generic(path, report, TZ, ColumnMapping(time="Date", number="号码")))


def test_mapping_from_the_command_line() -> None:
    mapping = ColumnMapping.parse("time=Date, number=Phone,body=Text", "%d/%m/%Y %H:%M")
    assert (mapping.time, mapping.number, mapping.body, mapping.time_format) == ("Date", "Phone", "Text",
                                                                                 "%d/%m/%Y %H:%M")
    with pytest.raises(ImportFormatError):
        ColumnMapping.parse("body=Text")
    assert csvfiles.parse_time("13/03/2024 19:00", TZ, "%d/%m/%Y %H:%M").isoformat() == "2024-03-13T19:00:00+08:00"
    assert csvfiles.parse_time("1710327600", TZ).isoformat() == "2024-03-13T19:00:00+08:00"
    assert csvfiles.parse_time("1710327600000", TZ, "epoch_ms").hour == 19


def test_unsupported_files_get_a_clear_reason(tmp_path: Path) -> None:
    (tmp_path / "notes.xml").write_text("<notes><n/></notes>", "utf-8")
    (tmp_path / "song.mp3").write_bytes(b"ID3\x03" + b"\x00" * 100)
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02" * 10)
    for name, word in (("notes.xml", "<notes>"), ("song.mp3", "name"), ("blob.bin", "phone export")):
        fmt, problem, _c = detect.classify(tmp_path / name, TZ)
        assert fmt == "unsupported" and word in problem, (name, problem)


def test_vendor_database_read_only(tmp_path: Path) -> None:
    copy = tmp_path / "calllog.db"
    shutil.copy(SAMPLES / "huawei" / "db" / "calllog.db", copy)
    before = copy.read_bytes()
    list(vendor.read_huawei_calls(copy, FileReport(copy, "huawei_calls"), TZ))
    assert copy.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["calllog.db"]
