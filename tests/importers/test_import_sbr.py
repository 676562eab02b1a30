"""SMS Backup & Restore: calls, SMS, MMS and the file-level traps (research/imports.md §1.5)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from import_paths import PUBLIC, SAMPLES

from desktop_app.core.domain.enums import CallOutcome, Direction, EventKind
from desktop_app.core.importers import ImportFormatError
from desktop_app.core.importers.model import FileReport
from desktop_app.core.importers.sbr import read_calls, read_messages
from desktop_app.core.importers.xmlstream import RepairingReader, repair_surrogates

TZ = "Asia/Shanghai"


def _calls(path: Path) -> tuple[list, FileReport]:
    report = FileReport(path, "sbr_calls")
    return list(read_calls(path, report, TZ)), report


def _messages(path: Path) -> tuple[list, FileReport]:
    report = FileReport(path, "sbr_sms")
    return list(read_messages(path, report, TZ)), report


def test_call_types_dates_and_withheld_numbers() -> None:
    calls, report = _calls(SAMPLES / "sbr" / "calls-20240314201507.xml")
    assert len(calls) == 20 and report.records == 20 and report.skipped == 0
    first = calls[0]
    assert first.when.isoformat() == "2024-03-11T22:01:07+08:00"  # 1710165667512 ms, in Shanghai
    assert (first.direction, first.outcome) == (Direction.INCOMING, CallOutcome.MISSED)
    by_time = {c.when.strftime("%d %H:%M"): c for c in calls}
    assert by_time["12 09:12"].outcome == CallOutcome.ANSWERED and by_time["12 09:12"].duration_s == 95
    assert by_time["12 10:30"].direction == Direction.OUTGOING and by_time["12 10:30"].outcome == CallOutcome.ANSWERED
    assert by_time["12 14:05"].outcome == CallOutcome.VOICEMAIL
    assert by_time["11 22:09"].details["blocked"] is True  # type 6, refused list
    assert by_time["13 11:45"].details["answered_elsewhere"] is True  # type 7
    assert by_time["12 21:48"].number == "-2"  # withheld
    assert by_time["12 21:50"].number == "-1"  # empty number with presentation 3 = unknown
    assert by_time["11 22:01"].contact_name == ""  # "(Unknown)" is no name
    assert by_time["12 09:12"].contact_name == "催收-某某金融"
    assert "89860012345678901234" not in str(by_time["13 12:00"].details)  # an ICCID is not copied whole
    assert not report.warnings


def test_unknown_call_type_is_kept_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "calls-x.xml"
    path.write_text('<calls count="1"><call number="17000001111" duration="3" date="1710165667512" type="42"/>'
                    '</calls>', "utf-8")
    calls, report = _calls(path)
    assert len(calls) == 1 and calls[0].direction is None and calls[0].details["type_code"] == 42
    assert "42" in report.warnings[0] and "record 1" in report.warnings[0]


def test_messages_entities_nulls_drafts_and_mms() -> None:
    messages, report = _messages(SAMPLES / "sbr" / "sms-20240314201507.xml")
    assert report.records == 15 and report.skipped == 1  # the draft
    bodies = [m.body for m in messages]
    assert any("&u=zs&t=1" in b and "<已减免>" in b and '"最后通知"' in b and "'1'" in b for b in bodies)
    assert any("\n你的欠款已经严重逾期。\n" in b for b in bodies)
    assert any("\r\n謝謝" in b for b in bodies)
    assert any("\t分隔\t" in b for b in bodies)
    assert any("👮‍♂️" in b for b in bodies)
    assert any(len(b) > 700 for b in bodies)
    assert all(m.details.get("subject") is None for m in messages)  # "null" subject is no subject
    failed = [m for m in messages if m.details.get("status") == "failed"]
    assert len(failed) == 1 and failed[0].direction == Direction.OUTGOING
    mms = next(m for m in messages if m.details.get("mms"))
    assert mms.kind == EventKind.SMS and mms.number == "17000001111"  # the From address (type 137)
    assert mms.when.isoformat() == "2024-03-12T15:00:00+08:00"
    assert mms.details["sent_at"] == "2024-03-12T15:00:00+08:00"  # date_sent is in seconds for MMS
    assert mms.details["group"] == 3 and mms.contact_name == "催收-某某金融"
    assert mms.body == "这是你签的借款合同，白纸黑字。\n抄送你的紧急联系人。"
    assert [(a.name, a.mime) for a in mms.attachments] == [("contract.png", "image/png")]
    assert mms.attachments[0].data.startswith(b"\x89PNG")


def test_bom_and_a_count_that_lies(tmp_path: Path) -> None:
    text = (SAMPLES / "sbr" / "calls-20240314201507.xml").read_text("utf-8").replace('count="20"', 'count="999"')
    path = tmp_path / "calls-bom.xml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    calls, report = _calls(path)
    assert len(calls) == 20 and not report.stopped_at


def test_surrogate_pairs_are_repaired_not_rejected() -> None:
    messages, _report = _messages(PUBLIC / "ragibson_SMS-MMS-deduplication" / "utf16_encoding.xml")
    assert [m.body for m in messages] == ["Some text content here 😂"] * 2


@pytest.mark.parametrize("block", [1, 3, 5, 7, 16, 4096])
def test_repair_is_the_same_whatever_the_block_size(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop_app.core.importers.xmlstream as xs

    monkeypatch.setattr(xs, "BLOCK", block)
    raw = b'<a b="x&#55357;&#56834;y&#55357;z&#56834;&#x1F30D;&#xD83D;&#xDE02;&amp;"/>'
    out = RepairingReader(io.BytesIO(raw)).read()
    assert out == b'<a b="x&#128514;y&#65533;z&#65533;&#x1F30D;&#128514;&amp;"/>'
    assert out == repair_surrogates(raw)


def test_truncated_file_keeps_complete_records_and_says_where() -> None:
    messages, report = _messages(PUBLIC / "devadvance_sms-backup-reader-2" / "sms_and_mms.xml")
    assert len(messages) > 40
    assert report.stopped_at.startswith("line ")
    assert any("breaks off" in w and "sms_and_mms.xml" in w for w in report.warnings)


def test_truncated_copy_of_our_sample(tmp_path: Path) -> None:
    data = (SAMPLES / "sbr" / "calls-20240314201507.xml").read_bytes()
    path = tmp_path / "calls-cut.xml"
    path.write_bytes(data[: data.index(b"<call number=\"+85291234567\"") + 40])
    calls, report = _calls(path)
    assert len(calls) == 15 and report.stopped_at == "line 20"


def test_empty_sms_element_and_bad_date_are_skipped_with_warnings() -> None:
    messages, report = _messages(PUBLIC / "fkleon_sms-backup-manager" / "invalidSms.xml")
    assert len(messages) == 1 and messages[0].number == "Google" and report.skipped == 1
    messages, report = _messages(PUBLIC / "fkleon_sms-backup-manager" / "invalidSms2.xml")
    assert messages == [] and "today" in report.warnings[0]


def test_corrupt_base64_is_reported_and_the_rest_imported() -> None:
    messages, report = _messages(PUBLIC / "devadvance_sms-backup-reader-2" / "corrupt_attachments.xml")
    assert len(messages) == 2 and all(m.attachments == [] for m in messages)
    assert messages[0].body == "MMS with corrupted base64 image data"
    assert any("corrupt_image.png" in w and "base64" in w for w in report.warnings)


def test_malformed_before_any_record_is_an_error_naming_file_and_line() -> None:
    with pytest.raises(ImportFormatError) as info:
        _messages(PUBLIC / "shruggietech_sms-backup-restore-parser" / "malformed.xml")
    assert str(info.value).startswith("malformed.xml, line 4: ")


def test_external_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    path = tmp_path / "sms-evil.xml"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE smses [<!ENTITY x SYSTEM "file://{secret}">]>'
                    '<smses><sms address="1" date="1710165667512" type="1" body="&x;"/></smses>', "utf-8")
    with pytest.raises(ImportFormatError) as info:
        _messages(path)
    assert "sms-evil.xml" in str(info.value)
    bomb = tmp_path / "sms-bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                    '<smses><sms address="1" date="1710165667512" type="1" body="&b;"/></smses>', "utf-8")
    with pytest.raises(ImportFormatError):
        _messages(bomb)


def test_zip_backup_is_refused_with_advice(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "sms-20240101.xml"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("sms.xml", "<smses/>")
    with pytest.raises(ImportFormatError, match="zip"):
        _messages(path)


def test_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    import tracemalloc

    from backup_gen import write_calls

    peaks = []
    for count in (2_000, 20_000):
        path = write_calls(tmp_path / f"calls-{count}.xml", count)
        report = FileReport(path, "sbr_calls")
        tracemalloc.start()
        n = sum(1 for _record in read_calls(path, report, TZ))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert n == count
    assert peaks[1] < peaks[0] * 1.5 + 512_000, peaks  # ten times the records, about the same peak
