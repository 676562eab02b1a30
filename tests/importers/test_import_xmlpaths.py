"""The two XML paths: the standard C parser for files that cannot declare entities, defusedxml for the rest.

`xmlstream.plain_prolog` decides.  These tests hold it to refusing every file that could declare an
entity, and hold the two paths to the same records, warnings and errors for every backup we have.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from backup_gen import write_calls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_paths import IMPORTS, SAMPLES
from mutations import mutated

import desktop_app.core.importers.xmlstream as xs
from desktop_app.core.importers import ImportFormatError, detect
from desktop_app.core.importers.model import FileReport

TZ = "Asia/Shanghai"
XML_FIXTURES = sorted(IMPORTS.rglob("*.xml"))
DECL = b"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
SMS = b'<smses count="1"><sms address="10086" date="1710165667512" type="1" body="hi &amp; bye"/></smses>'
ENTITY_DTD = b'<!DOCTYPE smses [<!ENTITY x "xxxxxxxxxx">]>'


def _outcome(path: Path, monkeypatch: pytest.MonkeyPatch, *, safe: bool) -> tuple:
    """Everything a reader hands on for `path`: its records and report, or its error; `safe` forces defusedxml."""
    with monkeypatch.context() as m:
        if safe:
            m.setattr(xs, "plain_prolog", lambda head: False)
        else:  # the C parser, and proof that it was the one used
            assert xs.plain_prolog(_head(path)), path.name
            m.setattr(xs.SafeET, "DefusedXMLParser", _not_called)
        fmt, problem, columns = detect.classify(path, TZ)
        if fmt not in detect.RECORD_FORMATS:
            return ("unsupported", fmt, problem)
        report = FileReport(path, fmt, columns=columns)
        try:
            records = list(detect.reader(report, TZ, None))
        except ImportFormatError as exc:
            return ("error", str(exc))
        return (records, report.records, report.skipped, report.warnings, report.stopped_at)


def _not_called(*args, **kwargs):
    raise AssertionError("defusedxml was used for a file the C parser should read")


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return xs._read_head(fh)


def test_the_fast_path_is_taken_for_every_backup_we_have(tmp_path: Path) -> None:
    generated = write_calls(tmp_path / "calls-gen.xml", 50)
    for path in [*XML_FIXTURES, generated]:
        assert xs.plain_prolog(_head(path)), path.name


@pytest.mark.parametrize("path", XML_FIXTURES, ids=lambda p: p.name)
def test_both_paths_read_every_fixture_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _outcome(path, monkeypatch, safe=False)
    assert fast == _outcome(path, monkeypatch, safe=True)


def test_both_paths_read_generated_and_truncated_backups_the_same(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    whole = write_calls(tmp_path / "calls-gen.xml", 300).read_bytes()
    sample = (SAMPLES / "sbr" / "sms-20240314201507.xml").read_bytes()
    cuts = [("calls", whole, n) for n in (len(whole), 60, 90, 200, 5_000, 17_777, len(whole) - 12)]
    cuts += [("sms", sample, n) for n in (700, 1_500, len(sample) // 2, len(sample) - 20)]
    truncated = 0
    for name, data, n in cuts:
        path = tmp_path / f"{name}-cut.xml"
        path.write_bytes(data[:n])
        fast = _outcome(path, monkeypatch, safe=False)
        assert fast == _outcome(path, monkeypatch, safe=True), (name, n)
        truncated += len(fast) == 5 and bool(fast[4])
    assert truncated >= 6  # most cuts keep their complete records and say where the file broke off


@pytest.mark.parametrize("head", [
    DECL + SMS,
    SMS,
    b"\xef\xbb\xbf" + DECL + SMS,
    b"\n  " + SMS,
    b'<?xml version="1.0" encoding="us-ascii"?>' + SMS,
    b'<?xml version="1.0"?>\n<!-- \xe5\xa4\x87\xe4\xbb\xbd -->\n<?app note?>\n' + SMS,
    DECL + b"<!-- " + b"x" * 60_000 + b" -->" + SMS,
])
def test_plain_prologs(head: bytes) -> None:
    assert xs.plain_prolog(head)


@pytest.mark.parametrize("head", [
    DECL + ENTITY_DTD + SMS,
    DECL + b"<!DOCTYPE smses>" + SMS,
    ENTITY_DTD + SMS,
    b"\xef\xbb\xbf" + ENTITY_DTD + SMS,
    DECL + b"<!-- a comment -->" + ENTITY_DTD + SMS,
    DECL + b"<!-- an old <!DOCTYPE note -->" + SMS,  # a false positive: read by defusedxml, still imported
    DECL + b"<!doctype smses>" + SMS,
    DECL + b'<!DOCTYPE smses SYSTEM "file:///etc/passwd">' + SMS,
    "\ufeff<?xml version='1.0' encoding='UTF-16'?>".encode("utf-16-le") + SMS.decode().encode("utf-16-le"),
    SMS.decode().encode("utf-16"),
    SMS.decode().encode("utf-16-be"),
    b'<?xml version="1.0" encoding="UTF-16"?>' + SMS,
    b'<?xml version="1.0" encoding="GBK"?>' + SMS,
    b'<?xml version="1.0" encoding=UTF-8?>' + SMS,
    DECL + b"<!-- never closed " + SMS,
    DECL + b"<?pi never closed " + SMS,
    DECL + b"<![CDATA[x]]>" + SMS,
    DECL + b"text" + SMS,
    DECL + b"<!-- " + b"x" * 70_000 + b" -->" + SMS,  # the root is not within PROLOG_LIMIT
    b"",
    b"PK\x03\x04",
])
def test_prologs_that_go_to_defusedxml(head: bytes) -> None:
    assert not xs.plain_prolog(head[:xs.PROLOG_LIMIT])


def test_an_old_expat_always_goes_to_defusedxml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xs.pyexpat, "version_info", (2, 4, 0))
    assert not xs.plain_prolog(DECL + SMS)
    monkeypatch.setattr(xs.pyexpat, "version_info", (2, 4, 1))
    assert xs.plain_prolog(DECL + SMS)


def _refused(path: Path) -> str:
    with pytest.raises(ImportFormatError) as info:
        list(detect.reader(FileReport(path, "sbr_sms"), TZ, None))
    return str(info.value)


def test_declared_entities_are_refused_however_the_prolog_is_dressed(tmp_path: Path) -> None:
    body = b'<smses count="1"><sms address="1" date="1710165667512" type="1" body="&x;"/></smses>'
    heads = {
        "plain": DECL + ENTITY_DTD,
        "bom": b"\xef\xbb\xbf" + DECL + ENTITY_DTD,
        "comment": DECL + b"<!-- hello -->\n" + ENTITY_DTD,
        "far": DECL + b"<!-- " + b"x" * 70_000 + b" -->" + ENTITY_DTD,  # past PROLOG_LIMIT
    }
    for name, head in heads.items():
        path = tmp_path / f"sms-{name}.xml"
        path.write_bytes(head + body)
        assert "declares entities" in _refused(path), name


def test_a_utf16_file_declaring_entities_is_refused(tmp_path: Path) -> None:
    text = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE smses [<!ENTITY x "xxxxxxxxxx">]>'
            '<smses count="1"><sms address="1" date="1710165667512" type="1" body="&x;"/></smses>')
    path = tmp_path / "sms-utf16.xml"
    path.write_bytes(text.encode("utf-16"))  # with its byte order mark
    assert not xs.plain_prolog(_head(path))
    assert "declares entities" in _refused(path)


def test_a_utf16_file_without_a_doctype_still_imports_through_defusedxml(tmp_path: Path) -> None:
    path = tmp_path / "sms-utf16.xml"
    path.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>' + SMS.decode()).encode("utf-16"))
    assert not xs.plain_prolog(_head(path))
    records = list(detect.reader(FileReport(path, "sbr_sms"), TZ, None))
    assert [(r.number, r.body) for r in records] == [("10086", "hi & bye")]


def test_a_comment_naming_a_doctype_does_not_stop_an_import(tmp_path: Path) -> None:
    path = tmp_path / "sms-comment.xml"
    path.write_bytes(DECL + b"<!-- exported without <!DOCTYPE smses> -->\n" + SMS)
    assert not xs.plain_prolog(_head(path))
    records = list(detect.reader(FileReport(path, "sbr_sms"), TZ, None))
    assert [(r.number, r.body) for r in records] == [("10086", "hi & bye")]


def test_a_doctype_after_the_root_starts_is_broken_xml_on_the_fast_path(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    late = (f'<smses><!DOCTYPE smses [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<sms address="1" date="1710165667512" type="1" body="&x;"/></smses>')
    inside = tmp_path / "sms-late.xml"
    inside.write_text(late, "utf-8")
    assert xs.plain_prolog(_head(inside))
    fast = _outcome(inside, monkeypatch, safe=False)
    assert fast[0] == "error" and "sms-late.xml, line 1: the XML is broken" in fast[1]
    assert fast == _outcome(inside, monkeypatch, safe=True)
    # After some records: those are kept, and the rest is never parsed.
    after = tmp_path / "sms-after.xml"
    after.write_bytes(SMS[:-len(b"</smses>")] + late[len("<smses>"):].encode())
    fast = _outcome(after, monkeypatch, safe=False)
    assert [r.body for r in fast[0]] == ["hi & bye"] and fast[4] == "line 1"
    assert "TOP SECRET" not in repr(fast)
    assert fast == _outcome(after, monkeypatch, safe=True)


CRAFTED = {
    "wrong-root": DECL + b'<calls count="1"><call number="1" date="1710165667512" type="1"/></calls>',
    "broken": DECL + b'<smses count="2">\n<sms address="1" date="1710165667512" type="1" body="a"/>\n<sms <</smses>',
    "broken-first": DECL + b'<smses count="2">\n<sms address="1" date="1710165667512" type="1" body="a"\n',
    "root-only": DECL + b"<smses",
    "undefined-entity": DECL + b'<smses><sms address="1" date="1710165667512" type="1" body="&x;"/></smses>',
    "surrogates": DECL + b'<smses><sms address="1" date="1710165667512" type="1" body="&#55357;&#56832;&#55357;"/>'
                         b"</smses>",
    "bom-crlf": b"\xef\xbb\xbf" + DECL.replace(b"\n", b"\r\n") + SMS,
    "junk-after": DECL + SMS + b"<smses/>",
    "whitespace-only": b"  \n",
    "nul": DECL + b'<smses><sms address="1\x00" date="1710165667512" type="1"/></smses>',
}


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_both_paths_agree_on_crafted_files(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.core.importers.sbr import read_messages

    path = tmp_path / f"sms-{name}.xml"
    path.write_bytes(CRAFTED[name])

    def outcome(safe: bool) -> tuple:
        with monkeypatch.context() as m:
            if safe:
                m.setattr(xs, "plain_prolog", lambda head: False)
            report = FileReport(path, "sbr_sms")
            try:
                return list(read_messages(path, report, TZ)), report.warnings, report.stopped_at
            except ImportFormatError as exc:
                return ("error", str(exc))

    fast = outcome(safe=False)
    assert fast == outcome(safe=True)
    if name == "wrong-root":
        assert "its root element is <calls>" in fast[1]
    if name == "surrogates":
        assert fast[0][0].body == "\U0001F600\ufffd"


FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
_SOURCES = [(SAMPLES / "sbr" / "calls-20240314201507.xml").read_bytes(),
            (SAMPLES / "sbr" / "sms-20240314201507.xml").read_bytes()]


# Insertions aimed at the choice of parser: DOCTYPEs, a comment naming one, BOMs, a PI, CDATA ends.
_INSERTS = [b"&#55357;", b"&#56832;", b"<", b"\"", b"&", b"&x;", b"\x00", b"<!DOCTYPE x [<!ENTITY x \"e\">]>",
            b"<!-- <!DOCTYPE -->", b"\xef\xbb\xbf", b"\xff\xfe", b"<?pi ?>", b"]]>", b"\xe4\xb8"]
_NAMES = ("calls-fuzz.xml", "sms-fuzz.xml")
_cases = st.sampled_from([0, 1]).flatmap(
    lambda which: st.tuples(st.just(_NAMES[which]), mutated(_SOURCES[which], _INSERTS)))


@FUZZ
@given(case=_cases)
def test_both_paths_agree_on_damaged_backups(case: tuple[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        safe = _outcome(path, monkeypatch, safe=True)
        if xs.plain_prolog(data[:xs.PROLOG_LIMIT]):
            assert _outcome(path, monkeypatch, safe=False) == safe
