"""Preview, number selection, de-duplication, transactions and provenance of an import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from import_paths import SAMPLES

from desktop_app.core.errors import Cancelled
from desktop_app.core.importers import ImportFormatError, preview, run_import
from desktop_app.core.progress import CancelToken
from desktop_app.core.vault.vault import sha256_of

CALLS = SAMPLES / "sbr" / "calls-20240314201507.xml"
SMS = SAMPLES / "sbr" / "sms-20240314201507.xml"


def _count(ws, table: str) -> int:
    return ws.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_preview_writes_nothing_and_groups_numbers(workspace, case_id: int) -> None:
    found = preview(workspace, case_id, [CALLS, SMS])
    assert _count(workspace, "events") == 0 and _count(workspace, "imports") == 0
    by_key = {n.key: n for n in found.numbers}
    # "17000001111", "+8617000001111", "008617000001111" and "17951 17000001111" are one line.
    main = by_key["+8617000001111"]
    assert (main.calls, main.messages) == (7, 6) and main.contact_name == "催收-某某金融"
    assert main.looks_like_collector and {"virtual_range", "name_hint", "text_hint"} <= set(main.reasons)
    assert main.first.isoformat() == "2024-03-11T21:55:41+08:00" and main.location
    assert by_key["sms:CN:1069088812345"].looks_like_collector  # 106 gateway
    assert "service" in by_key["+864008001234"].reasons
    assert by_key["withheld"].calls == 2 and not by_key["withheld"].looks_like_collector
    assert not by_key["+8675586001234"].looks_like_collector  # one voicemail from a landline
    assert found.first.isoformat() == "2024-03-10T09:00:05+08:00" and found.records == 34
    assert [f.sha256 for f in found.files] == [sha256_of(CALLS), sha256_of(SMS)]


def test_own_contacts_are_not_pre_ticked_but_known_parties_are(workspace, case_id: int, tmp_path: Path) -> None:
    path = tmp_path / "calls-mum.xml"
    rows = "".join(f'<call number="13912345678" duration="60" date="{1710205923600 + i * 3600_000}" type="1" '
                   f'contact_name="妈妈"/>' for i in range(6))
    path.write_text(f"<calls>{rows}<call number=\"0755-86001234\" duration=\"0\" date=\"1710205923600\" "
                    f"type=\"3\"/></calls>", "utf-8")
    workspace.parties.add(case_id, "某某金融", "agency", numbers=["0755 8600 1234"])
    found = {n.key: n for n in preview(workspace, case_id, [path]).numbers}
    assert found["+8613912345678"].in_contacts and not found["+8613912345678"].looks_like_collector
    known = found["+8675586001234"]
    assert known.looks_like_collector and known.reasons == ["known_party"] and known.party_name == "某某金融"


def test_only_the_picked_numbers_are_imported_with_provenance(workspace, case_id: int) -> None:
    result = run_import(workspace, case_id, [CALLS, SMS], numbers=["170 0000 1111"])
    events = workspace.events.list(case_id)
    assert result.imported == len(events) == 7 + 6 and result.duplicates == 0
    assert {e.contact_key for e in events} == {"+8617000001111"}
    call = next(e for e in events if e.kind.value == "call")
    assert call.source == "sbr_calls" and call.source_file == CALLS.name and call.source_sha256 == sha256_of(CALLS)
    rows = workspace.db.execute("SELECT DISTINCT import_id FROM events").fetchall()
    assert [r[0] for r in rows] == [result.import_id]
    (imp,) = workspace.db.execute("SELECT * FROM imports").fetchall()
    assert json.loads(imp["counts"])["imported"] == 13
    assert {f["name"] for f in json.loads(imp["files"])} == {CALLS.name, SMS.name}
    audits = [tuple(a) for a in workspace.db.execute("SELECT entity, action FROM audit_log").fetchall()]
    assert audits.count(("import", "create")) == 1 and ("event", "create") not in audits  # one per import
    # One new party, named by the number, role unknown, with the phone's name in its notes.
    (party,) = workspace.parties.list(case_id)
    assert party.role.value == "unknown" and "170" in party.name and "催收-某某金融" in party.notes
    assert all(e.party_id == party.id for e in events)
    mms = next(e for e in events if e.details.get("mms"))
    (picture,) = [workspace.evidence.get(i) for i in mms.evidence_ids]
    assert picture.mime == "image/png" and picture.capture_source.value == "import"


def test_nothing_is_imported_without_a_choice(workspace, case_id: int) -> None:
    result = run_import(workspace, case_id, [CALLS, SMS])
    assert result.imported == 0 and _count(workspace, "events") == 0


def test_reimport_and_overlapping_backups_add_no_duplicates(workspace, case_id: int, tmp_path: Path) -> None:
    first = run_import(workspace, case_id, [CALLS, SMS], all=True)
    assert first.imported == 20 + 14 and _count(workspace, "evidence") == 1
    again = run_import(workspace, case_id, [CALLS, SMS], all=True)
    assert (again.imported, again.duplicates) == (0, 34)
    # An incremental backup holding the last 3 calls plus a new one, with +86 written differently.
    text = CALLS.read_text("utf-8")
    tail = text[text.index('<call number="+1 (800)'):].replace("</calls>", "")
    extra = '<call number="+86 170 0000 2222" duration="0" date="1710380000000" type="3"/>'
    path = tmp_path / "calls-incremental.xml"
    path.write_text(f"<calls>{tail}{extra}</calls>", "utf-8")
    third = run_import(workspace, case_id, [path], all=True)
    assert (third.imported, third.duplicates) == (1, 3)
    assert _count(workspace, "events") == 35
    assert len(workspace.parties.list(case_id)) == len([n for n in first.numbers if n.key != "withheld"])


def test_cancel_leaves_no_rows(workspace, case_id: int) -> None:
    token = CancelToken()
    seen = []

    def progress(done: int, total: int, label: str = "") -> None:
        seen.append(done)
        if len(seen) == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        run_import(workspace, case_id, [CALLS, SMS], all=True, progress=progress, cancel=token)
    for table in ("events", "imports", "parties", "evidence", "event_evidence"):
        assert _count(workspace, table) == 0, table
    assert _count(workspace, "audit_log") == 1  # only the case's own creation


def test_dry_run_reports_and_keeps_nothing(workspace, case_id: int) -> None:
    result = run_import(workspace, case_id, [CALLS, SMS], all=True, dry_run=True)
    assert result.dry_run and result.imported == 34 and result.import_id is None
    for table in ("events", "imports", "parties", "evidence"):
        assert _count(workspace, table) == 0, table


def test_a_named_unsupported_file_fails_before_anything_is_written(workspace, case_id: int, tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just a note", "utf-8")
    with pytest.raises(ImportFormatError) as info:
        run_import(workspace, case_id, [CALLS, bad], all=True)
    assert "notes.txt" in str(info.value) and _count(workspace, "events") == 0


def test_unsupported_files_inside_a_folder_are_skipped_with_a_note(workspace, case_id: int, tmp_path: Path) -> None:
    (tmp_path / "calls.xml").write_bytes(CALLS.read_bytes())
    (tmp_path / "notes.txt").write_text("just a note", "utf-8")
    result = run_import(workspace, case_id, [tmp_path], numbers=["17000002222"])
    assert result.imported == 2 and any("notes.txt" in w for w in result.warnings)


def test_screenshots_one_event_each_or_on_the_nearest_event(workspace, case_id: int, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "Screenshot_20240312-091500.png"
    Image.new("RGB", (8, 8), "red").save(shot)
    photo = tmp_path / "IMG_20240101_080000.jpg"
    Image.new("RGB", (8, 8), "blue").save(photo)
    run_import(workspace, case_id, [CALLS], numbers=["17000001111"])
    result = run_import(workspace, case_id, [shot, photo], images="nearest")
    events = workspace.events.list(case_id)
    call = next(e for e in events if e.duration_s == 95)  # 09:12:03, three minutes before the screenshot
    assert len(call.evidence_ids) == 1 and workspace.evidence.get(call.evidence_ids[0]).original_name == shot.name
    note = next(e for e in events if e.kind.value == "note")  # nothing near the photo: its own event
    assert note.start.isoformat() == "2024-01-01T08:00:00+08:00" and note.evidence_ids
    assert result.imported == 1
    again = run_import(workspace, case_id, [shot, photo], images="event")
    assert again.imported == 1 and again.duplicates == 1  # the photo's note exists; the screenshot gets one
