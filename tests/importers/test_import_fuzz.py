"""Fuzzing: random bytes, mutated backup XML and random CSV never raise anything but ImportFormatError."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_paths import SAMPLES
from mutations import mutated

from desktop_app.core.importers import ImportFormatError, detect
from desktop_app.core.importers.csvfiles import ColumnMapping
from desktop_app.core.importers.model import FileReport

TZ = "Asia/Shanghai"
CALLS = (SAMPLES / "sbr" / "calls-20240314201507.xml").read_bytes()
SMS = (SAMPLES / "sbr" / "sms-20240314201507.xml").read_bytes()
# Modest by default so the suite stays fast; FUZZ_EXAMPLES=2000 for a longer hunt.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _parse(data: bytes, name: str, mapping: ColumnMapping | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            fmt, problem, columns = detect.classify(path, TZ)
            if fmt in detect.RECORD_FORMATS:
                report = FileReport(path, fmt, columns=columns)
                for record in detect.reader(report, TZ, mapping):
                    assert record.when.tzinfo is not None
        except ImportFormatError as exc:
            assert path.name in str(exc)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["calls-1.xml", "sms-1.xml", "a.csv", "b.vmsg", "x.mp3", "y.db"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _parse(data, name)


# Insertions that have broken parsers before: surrogate halves, stray markup, "null", entities.
INSERTS = [b"&#55357;", b"&#56832;", b"<", b"\"", b"&", b"null", b"\x00", b"&#xD800;",
           b"<!DOCTYPE x [<!ENTITY e \"e\">]>", b"\xef\xbb\xbf", b"date=\"-1\" ", b"type=\"99\" "]


@FUZZ
@given(mutated(CALLS, INSERTS))
def test_mutated_call_log(data: bytes) -> None:
    _parse(data, "calls-fuzz.xml")


@FUZZ
@given(mutated(SMS, INSERTS))
def test_mutated_messages(data: bytes) -> None:
    _parse(data, "sms-fuzz.xml")


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@FUZZ
@given(st.lists(st.lists(cell, min_size=2, max_size=5), min_size=1, max_size=8),
       st.sampled_from(["auto", "epoch_s", "epoch_ms", "%d/%m/%Y %H:%M"]))
def test_random_csv(rows: list[list[str]], time_format: str) -> None:
    header = ["Time", "Number", "Type", "Body", "Duration"]
    lines = [",".join(header)] + [",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows]
    mapping = ColumnMapping(time="Time", number="Number", direction="Type", body="Body", duration="Duration",
                            time_format=time_format)
    _parse("\n".join(lines).encode("utf-8"), "fuzz.csv", mapping)
