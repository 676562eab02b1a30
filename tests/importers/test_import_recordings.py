"""Call recordings: every sample name in MANIFEST.tsv parses, and each is matched to its call."""

from __future__ import annotations

import csv
import wave
from pathlib import Path

import pytest
from import_paths import SAMPLES

from desktop_app.core.domain.phones import analyse
from desktop_app.core.importers import run_import
from desktop_app.core.importers.recordings import parse_name

TZ = "Asia/Shanghai"
with open(SAMPLES / "recordings" / "MANIFEST.tsv", encoding="utf-8") as _fh:
    MANIFEST = list(csv.DictReader(_fh, delimiter="\t"))


@pytest.mark.parametrize("row", MANIFEST, ids=[Path(r["path"]).name for r in MANIFEST])
def test_every_sample_name_gives_its_number_and_time(row: dict[str, str]) -> None:
    parsed = parse_name(Path(row["path"]).name, TZ)
    assert parsed is not None
    assert parsed.when.strftime("%Y-%m-%d %H:%M:%S").startswith(row["expected_local_time(Asia/Shanghai)"])
    assert parsed.precision_s == (60 if row["precision"] == "min" else 1)
    expected = row["expected_number"]
    if expected.startswith("("):  # name only
        assert parsed.number == "" and parsed.name == "催收-某某金融"
    else:
        assert analyse(parsed.number).key == analyse(expected.split(" ")[0]).key


def test_names_with_separators_and_text_in_parentheses() -> None:
    odd = parse_name("通话录音@聚思鸿interview_schedule(041139050508)_20180129140127.mp3", TZ)
    assert odd.number == "041139050508" and odd.name == "聚思鸿interview_schedule"
    text = parse_name("Вызов@112(Экстренный номер)_20200101120000.mp3", TZ)
    assert text.number == "112"
    assert parse_name("holiday.mp3", TZ) is None and parse_name("a_20240312091203.txt", TZ) is None


def test_recordings_attach_to_their_calls(workspace, case_id: int, tmp_path: Path) -> None:
    # The samples are empty placeholders, i.e. twelve copies of the same (empty) content; give each its own.
    folder = tmp_path / "recordings"
    for source in (SAMPLES / "recordings").rglob("*"):
        if source.is_file() and source.name != "MANIFEST.tsv":
            target = folder / source.relative_to(SAMPLES / "recordings")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.name.encode())
    paths = [SAMPLES / "sbr" / "calls-20240314201507.xml", folder]
    result = run_import(workspace, case_id, paths, numbers=["17000001111"])
    events = workspace.events.list(case_id)
    answered = {e.start.strftime("%H:%M"): e for e in events if e.duration_s in (95, 312)}
    assert answered["09:12"].evidence_ids and answered["10:30"].evidence_ids
    # 10 of the 12 sample names are this number's (by number or by the contact name in the call log).
    assert result.recordings_linked == 10 and result.recordings_unmatched == []
    missed = [e for e in events if e.call_outcome and e.call_outcome.value in ("missed", "rejected")]
    assert all(not e.evidence_ids for e in missed)  # never on a call that did not connect
    assert len(answered["09:12"].evidence_ids) == 6 and len(answered["10:30"].evidence_ids) == 4
    again = run_import(workspace, case_id, paths, numbers=["17000001111"])
    assert again.imported == 0 and again.recordings_linked == 0 and again.duplicates == 7 + 10  # 7 calls, 10 recordings


def _wav(path: Path, seconds: float) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * int(8000 * seconds))
    return path


def test_audio_length_breaks_a_tie(workspace, case_id: int, tmp_path: Path) -> None:
    calls = tmp_path / "calls-tie.xml"
    # Two answered calls from the same number, 40 s apart; the recording time fits both.
    calls.write_text('<calls count="2">'
                     '<call number="17000001111" duration="300" date="1710205900000" type="1"/>'
                     '<call number="17000001111" duration="20" date="1710205940000" type="1"/>'
                     '</calls>', "utf-8")
    rec = _wav(tmp_path / "17000001111_20240312091920.wav", 20)
    run_import(workspace, case_id, [calls, rec], numbers=["17000001111"])
    linked = [e for e in workspace.events.list(case_id) if e.evidence_ids]
    assert [e.duration_s for e in linked] == [20]
    evidence = workspace.evidence.get(linked[0].evidence_ids[0])
    assert evidence.duration_s == pytest.approx(20, abs=0.1) and evidence.capture_source.value == "filename"


def test_unmatched_name_only_recording_is_reported_not_guessed(workspace, case_id: int, tmp_path: Path) -> None:
    rec = tmp_path / "某某人_20240101120000.m4a"
    rec.write_bytes(b"")
    result = run_import(workspace, case_id, [rec], numbers=["17000001111"])
    assert result.imported == 0 and result.recordings_unmatched == [rec.name]
    assert workspace.evidence.list(case_id) == []


def test_recording_without_a_call_log_becomes_a_call(workspace, case_id: int) -> None:
    rec = next((SAMPLES / "recordings" / "samsung").rglob("*.m4a"))
    result = run_import(workspace, case_id, [rec], numbers=["+8617000001111"])
    (event,) = workspace.events.list(case_id)
    assert result.imported == 1 and event.kind.value == "call" and event.evidence_ids
    assert event.start.isoformat() == "2024-03-12T09:12:03+08:00" and event.source == "recording"
    again = run_import(workspace, case_id, [rec], numbers=["+8617000001111"])
    assert again.imported == 0 and again.duplicates == 1
