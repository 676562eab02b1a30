"""Items 7 and 10 for XML backups: UTF-16 files are read, a forbidden character reference costs one
character (not every record after it), and huge tags are bounded instead of costing minutes."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from hostile_cli import assert_clean, run_cli

from desktop_app.core.importers import detect
from desktop_app.core.importers import xmlstream as xs
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.model import FileReport
from desktop_app.core.importers.sbr import read_calls

TZ = "Asia/Shanghai"
DECL = '<?xml version="1.0" encoding="{enc}" standalone="yes" ?>\n'
BODY = ('<smses count="3">\n'
        '<sms address="10086" date="1710165667512" type="1" body="你好 &#55357;&#56832;"/>\n'
        '<sms address="10086" date="1710165668512" type="1" body="{bad}"/>\n'
        '<sms address="10086" date="1710165669512" type="1" body="after"/>\n'
        '</smses>\n')


def _read(path: Path) -> tuple[list, FileReport]:
    fmt, problem, columns = detect.classify(path, TZ)
    assert fmt == "sbr_sms", problem
    report = FileReport(path, fmt, columns=columns)
    return list(detect.reader(report, TZ, None)), report


@pytest.mark.parametrize(("codec", "bom"), [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                            ("utf-16-le", b"")])
def test_a_utf16_backup_is_read(tmp_path: Path, codec: str, bom: bytes) -> None:
    path = tmp_path / "sms-20240314201507.xml"
    path.write_bytes(bom + (DECL.format(enc="UTF-16") + BODY.format(bad="ok")).encode(codec))
    records, report = _read(path)
    assert [r.body for r in records] == ["你好 😀", "ok", "after"] and report.warnings == []


@pytest.mark.parametrize("bad", ["&#1;", "&#xFFFFFFF;", "&#0;", "&#xFFFE;", "&#1114112;", "&#99999999999;"])
def test_one_forbidden_character_reference_costs_one_character(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "sms-bad-ref.xml"
    path.write_text(DECL.format(enc="UTF-8") + BODY.format(bad=f"x{bad}y"), encoding="utf-8")
    records, report = _read(path)
    assert [r.body for r in records] == ["你好 😀", "x\ufffdy", "after"]
    assert not report.stopped_at
    assert report.warnings == ["sms-bad-ref.xml: 1 character references that XML forbids (such as &#1;) were "
                               "replaced by \ufffd (lines 4)."]


def test_the_whole_import_of_a_utf16_file_with_a_bad_reference(case_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "sms-20240314201507.xml"
    path.write_bytes(b"\xff\xfe" + (DECL.format(enc="UTF-16") + BODY.format(bad="&#1;")).encode("utf-16-le"))
    result = run_cli(case_dir, "import", "1", str(path), "--all", "--json")
    assert_clean(result)
    doc = json.loads(result.stdout)
    assert result.returncode == 0 and doc["imported"] == 3 and doc["stopped_at"] == []


def _sms_with(attr_bytes: int, *, part: bool = False) -> bytes:
    """Three messages; the middle one has a `attr_bytes`-long body, or (part=True) an MMS picture that big."""
    big = b"QUFB" * (attr_bytes // 4)
    middle = (b'<mms date="1710165668512" msg_box="1" address="10086"><parts>'
              b'<part seq="0" ct="text/plain" text="see the picture"/>'
              b'<part seq="1" ct="image/jpeg" name="big.jpg" data="' + big + b'" /></parts>'
              b'<addrs><addr address="10086" type="137"/></addrs></mms>\n') if part else (
        b'<sms address="10086" date="1710165668512" type="1" body="' + big + b'"/>\n')
    return (DECL.format(enc="UTF-8").encode() + b'<smses count="3">\n'
            b'<sms address="10086" date="1710165667512" type="1" body="before"/>\n' + middle
            + b'<sms address="10086" date="1710165669512" type="1" body="after"/>\n</smses>\n')


def test_tags_reach_the_parser_whole_so_a_long_one_costs_linear_time() -> None:
    # Expat rescans an unfinished token on every feed: a 50 MB attribute in 16 KB feeds took 144 s.
    data = _sms_with(3 << 20)
    chunks = list(xs.bounded_chunks(io.BytesIO(data).read, 32 << 20))
    assert b"".join(chunks) == data
    assert all(chunk.startswith(b"<") for chunk in chunks[1:])  # never cut inside a tag
    assert max(len(c) for c in chunks) > 3 << 20


def test_a_body_over_the_limit_skips_that_message_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERTRAIL_XML_TOKEN_LIMIT", str(1 << 20))
    path = tmp_path / "sms-huge-body.xml"
    path.write_bytes(_sms_with(3 << 20))
    started = time.monotonic()
    records, report = _read(path)
    assert time.monotonic() - started < 5
    assert [r.body for r in records] == ["before", "after"] and report.skipped == 1
    assert report.warnings == ["sms-huge-body.xml, record 2: this record is larger than 1 MB, far more than a phone "
                               "backup holds; skipped."]


def test_an_mms_part_over_the_limit_is_left_out_with_a_warning(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERTRAIL_XML_TOKEN_LIMIT", str(1 << 20))
    path = tmp_path / "sms-huge-part.xml"
    path.write_bytes(_sms_with(3 << 20, part=True))
    records, report = _read(path)
    assert [(r.body, len(r.attachments)) for r in records] == [("before", 0), ("see the picture", 0), ("after", 0)]
    assert report.warnings == ["sms-huge-part.xml, record 2: an attachment is larger than 1 MB and was left out."]


def test_the_default_limit_reads_a_large_mms_picture_whole(tmp_path: Path) -> None:
    path = tmp_path / "sms-big-part.xml"
    path.write_bytes(_sms_with(4 << 20, part=True))
    records, report = _read(path)
    assert len(records[1].attachments) == 1 and len(records[1].attachments[0].data) == 3 << 20
    assert report.warnings == []


def test_oversized_text_between_tags_is_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERTRAIL_XML_TOKEN_LIMIT", str(1 << 20))
    path = tmp_path / "calls-junk.xml"
    path.write_bytes(b'<calls><call number="1" date="1710165667512" type="1"/>' + b"x" * (3 << 20)
                     + b'<call number="2" date="1710165668512" type="1"/></calls>')
    report = FileReport(path, "sbr_calls")
    assert [r.number for r in read_calls(path, report, TZ)] == ["1", "2"]


def test_an_oversized_comment_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERTRAIL_XML_TOKEN_LIMIT", str(1 << 20))
    path = tmp_path / "calls-junk.xml"
    path.write_bytes(b"<calls><!--" + b"x" * (3 << 20) + b"--></calls>")
    with pytest.raises(ImportFormatError, match=r"^calls-junk.xml: one item in the XML is larger than 1 MB"):
        list(read_calls(path, FileReport(path, "sbr_calls"), TZ))


def test_deep_nesting_stops_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "sms-deep.xml"
    path.write_bytes(DECL.format(enc="UTF-8").encode() + b'<smses><sms address="1" date="1710165667512" type="1"/>'
                     + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</smses>")
    records, report = _read(path)
    assert len(records) == 1 and report.stopped_at == "record 2"
    assert report.warnings == ["sms-deep.xml: the XML is nested more than 64 levels deep at record 2; the 1 complete "
                               "records before it were read."]
    path.write_bytes(DECL.format(enc="UTF-8").encode() + b"<smses>" * 1000 + b"</smses>" * 1000)
    with pytest.raises(ImportFormatError, match="sms-deep.xml: the XML is nested more than 64 levels deep"):
        _read(path)
