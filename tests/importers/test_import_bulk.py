"""The bulk write path of an import: the rows it stores and their search index.

An import writes its records with one statement per batch (`EventService.insert_imported`) and
indexes them for search once at the end (`SearchService.index_import`), instead of going through
`EventService.insert` and the per-row trigger.  These tests hold it to the single path's results.
"""

from __future__ import annotations

from import_paths import SAMPLES

from desktop_app.core.importers import detect, run_import
from desktop_app.core.importers.service import dedupe_key

CALLS = SAMPLES / "sbr" / "calls-20240314201507.xml"
SMS = SAMPLES / "sbr" / "sms-20240314201507.xml"
# Columns that differ by design between two inserts of the same record.
_VOLATILE = {"id", "import_id", "created_at", "updated_at", "dedupe_key", "source", "source_file", "source_sha256"}


def _rows(ws, case_id: int) -> list[dict]:
    """The case's events, with the party as its name (the two cases have their own parties)."""
    rows = ws.db.execute("SELECT e.*, p.name AS party FROM events e LEFT JOIN parties p ON p.id = e.party_id "
                         "WHERE e.case_id = ? ORDER BY e.start_utc, e.id", (case_id,)).fetchall()
    drop = _VOLATILE | {"case_id", "party_id"}
    return [{k: r[k] for k in r.keys() if k not in drop} for r in rows]  # noqa: SIM118 - sqlite3.Row


def _index(ws, case_id: int) -> list[tuple]:
    return ws.db.execute("SELECT e.start_utc, t.text FROM event_text t JOIN events e ON e.id = t.id "
                         "WHERE t.case_id = ? ORDER BY e.start_utc, e.id", (case_id,)).fetchall()


def test_bulk_rows_equal_what_the_single_insert_stores(workspace) -> None:
    bulk = workspace.cases.create("bulk", "CN").id
    single = workspace.cases.create("single", "CN").id
    result = run_import(workspace, bulk, [CALLS, SMS], all=True)
    assert result.imported > 30
    # The same records, one at a time through EventService.insert, with copies of the parties the import made.
    party_by_key = {}
    for name, value, key in workspace.db.execute(
            "SELECT p.name, cp.value, cp.key FROM parties p JOIN contact_points cp ON cp.party_id = p.id "
            "WHERE p.case_id = ? ORDER BY p.id", (bulk,)).fetchall():
        party_by_key[key] = workspace.parties.add(single, name, "unknown", numbers=[value]).id
    from desktop_app.core.domain.phones import analyse
    for report in detect.expand([CALLS, SMS], "Asia/Shanghai"):
        for record in detect.reader(report, "Asia/Shanghai", None):
            info = analyse(record.number, "CN")
            details = dict(record.details)
            if record.kind.value == "call" and record.body:
                details["note"] = record.body
            workspace.events.insert(
                single, record.kind, record.when, audit=False, auto_party=False, direction=record.direction,
                call_outcome=record.outcome, duration_s=record.duration_s, party_id=party_by_key.get(info.key),
                contact_value=record.number, body=record.body if record.kind.value != "call" else "",
                details=details, dedupe_key=dedupe_key(record, info.key))
    bulk_rows = _rows(workspace, bulk)
    assert len(bulk_rows) == result.imported and any(r["party"] for r in bulk_rows)
    assert bulk_rows == _rows(workspace, single)
    # ... and the same search text (the single path's trigger vs the import's one statement).
    assert _index(workspace, bulk) == _index(workspace, single)


def test_imported_events_are_found_by_number_text_and_party_name(workspace, case_id: int) -> None:
    run_import(workspace, case_id, [CALLS, SMS], all=True)
    events = workspace.events.list(case_id)
    for word in ("律师", "紧急联系人", "final notice"):  # the short scan, the trigram index, case-folded
        having = [e.id for e in events if word in e.body.lower()]
        assert having and workspace.search.search_ids(case_id, word) == having, word
    line = [e.id for e in events if e.contact_key == "+8617000001111"]
    assert len(line) == 13 and workspace.search.search_ids(case_id, "17000001111") == line
    party = workspace.parties.get(workspace.events.get(line[0]).party_id)
    workspace.parties.update(party.id, name="催收员丙")
    assert workspace.search.search_ids(case_id, "催收员丙") == line


def test_trash_restore_and_edit_keep_an_imported_event_searchable(workspace, case_id: int) -> None:
    run_import(workspace, case_id, [CALLS], numbers=["170 0000 1111"])
    first = workspace.events.list(case_id)[0]
    workspace.events.delete(first.id)
    assert first.id not in workspace.search.search_ids(case_id, "17000001111")
    workspace.events.restore(first.id)
    assert first.id in workspace.search.search_ids(case_id, "17000001111")
    workspace.events.update(first.id, summary="半夜来电威胁")
    assert workspace.search.search_ids(case_id, "来电威胁") == [first.id]
    # One index row per live event, and the FTS index agrees with it.
    assert workspace.db.execute("SELECT count(*) FROM event_text").fetchone()[0] == workspace.events.count(case_id)
    workspace.db.execute("INSERT INTO event_search(event_search) VALUES ('integrity-check')")


def test_a_dry_run_and_a_reimport_index_nothing_twice(workspace, case_id: int) -> None:
    run_import(workspace, case_id, [CALLS, SMS], all=True, dry_run=True)
    assert workspace.db.execute("SELECT count(*) FROM event_text").fetchone()[0] == 0
    first = run_import(workspace, case_id, [CALLS, SMS], all=True)
    again = run_import(workspace, case_id, [CALLS, SMS], all=True)
    assert again.imported == 0 and again.duplicates == first.imported
    assert workspace.db.execute("SELECT count(*) FROM event_text").fetchone()[0] == first.imported
    workspace.db.execute("INSERT INTO event_search(event_search) VALUES ('integrity-check')")
