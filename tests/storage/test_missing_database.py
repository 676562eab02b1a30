"""Issue 13 item 1: a missing or empty database never wipes the vault, and a folder with evidence
is never silently given a fresh database.  Backups bring the cases back; unreferenced files are
kept in vault/orphans, listed by verify, and reattached or purged only when the user asks."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from storage_cli import ok, one_clean_error, run, vault_files

DB = "papertrail.sqlite3"


def _age_vault(data: Path, hours: float = 2) -> None:
    """Make every object look old: the old start-up sweep deleted unreferenced ones after an hour."""
    old = time.time() - hours * 3600
    for path in (data / "vault" / "objects").rglob("*"):
        if path.is_file():
            os.utime(path, (old, old))


def _lose_database(data: Path, how: str) -> None:
    db = data / DB
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    if how == "deleted":
        db.unlink()
    else:
        db.write_bytes(b"")


@pytest.mark.parametrize("how", ["deleted", "truncated"])
def test_a_lost_database_keeps_every_vault_object_and_offers_the_backup(demo_dir: Path, how: str) -> None:
    ok(run(demo_dir, "cases"))  # an ordinary day: the first command takes the daily backup
    [backup] = (demo_dir / "backups").glob("papertrail-daily-*.sqlite3")
    before = vault_files(demo_dir)
    assert len(before) == 9
    _age_vault(demo_dir)
    _lose_database(demo_dir, how)
    for command in (["cases"], ["new-case", "--title", "x"], ["verify"]):
        line = one_clean_error(run(demo_dir, *command), str(demo_dir), "missing or empty", str(backup),
                               "restore-backup")
        assert "papertrail.sqlite3" in line
    assert vault_files(demo_dir) == before  # not one object deleted, none even moved
    assert not (demo_dir / "vault" / "orphans").exists()
    if how == "deleted":
        assert not (demo_dir / DB).exists()  # nothing was created
    else:
        assert (demo_dir / DB).stat().st_size == 0  # nothing was written

    restored = json.loads(ok(run(demo_dir, "restore-backup", "--json")).stdout)
    assert restored["restored"] == str(backup) and restored["cases"] == 1
    cases = json.loads(ok(run(demo_dir, "cases", "--json")).stdout)
    assert [c["evidence_count"] for c in cases] == [9]
    ok(run(demo_dir, "verify"))
    assert vault_files(demo_dir) == before
    if how == "truncated":  # the empty file is kept aside, never deleted
        [aside] = demo_dir.glob(f"{DB}.damaged-*")
        assert aside.stat().st_size == 0


def test_restore_keeps_a_sound_database_aside_and_backs_it_up_first(demo_dir: Path) -> None:
    ok(run(demo_dir, "cases"))
    [daily] = (demo_dir / "backups").glob("papertrail-daily-*.sqlite3")
    ok(run(demo_dir, "new-case", "--title", "after the backup"))
    result = json.loads(ok(run(demo_dir, "restore-backup", str(daily), "--json")).stdout)
    assert result["cases"] == 1
    assert Path(result["set_aside"]).name.startswith(f"{DB}.replaced-")
    safety = Path(result["safety_backup"])
    assert "pre-restore" in safety.name and safety.exists()
    ok(run(demo_dir, "restore-backup", str(safety)))  # and back again: nothing was lost either way
    titles = [c["title"] for c in json.loads(ok(run(demo_dir, "cases", "--json")).stdout)]
    assert "after the backup" in titles


def test_a_bad_backup_is_refused_naming_it(demo_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "papertrail-daily-x.sqlite3"
    bad.write_bytes(b"SQLite format 3\0" + os.urandom(8192))
    before = (demo_dir / DB).read_bytes()
    one_clean_error(run(demo_dir, "restore-backup", str(bad)), str(bad), "cannot be restored")
    assert (demo_dir / DB).read_bytes() == before


def test_no_backup_at_all_then_start_empty_and_reattach_the_orphans(demo_dir: Path) -> None:
    before = vault_files(demo_dir)
    _age_vault(demo_dir)
    _lose_database(demo_dir, "deleted")
    one_clean_error(run(demo_dir, "cases"), "no backup", "restore-backup --empty")
    one_clean_error(run(demo_dir, "restore-backup"), "There is no backup")
    ok(run(demo_dir, "restore-backup", "--empty"))
    assert vault_files(demo_dir) == before  # every file kept …
    orphans = json.loads(ok(run(demo_dir, "orphans", "--json")).stdout)
    assert sorted(o["sha256"] for o in orphans) == sorted(before)  # … and set aside, listed
    verify = json.loads(ok(run(demo_dir, "verify", "--json")).stdout)
    assert len(verify["orphans"]) == 9 and verify["database"]["integrity"] == "ok"
    assert "Files no case refers to" in ok(run(demo_dir, "verify")).stdout

    case_id = json.loads(ok(run(demo_dir, "new-case", "--title", "rebuilt", "--json")).stdout)["id"]
    from datetime import datetime

    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(demo_dir) as ws:
        event_id = ws.events.log(case_id, "call", datetime(2026, 3, 1, 9, 0)).id
    first = orphans[0]["sha256"]
    attached = json.loads(ok(run(demo_dir, "orphans", "reattach", first[:12], str(case_id), str(event_id),
                                 "--json")).stdout)
    assert attached["sha256"] == first and event_id in attached["event_ids"]
    assert len(json.loads(ok(run(demo_dir, "orphans", "--json")).stdout)) == 8
    ok(run(demo_dir, "verify"))

    one_clean_error(run(demo_dir, "orphans", "purge"), "--all")  # purging needs names or --all
    second = orphans[1]["sha256"]
    ok(run(demo_dir, "orphans", "purge", second))
    assert second not in vault_files(demo_dir) and len(vault_files(demo_dir)) == 8
    ok(run(demo_dir, "orphans", "purge", "--all"))
    assert list(vault_files(demo_dir)) == [first]


def test_a_new_folder_still_starts_fresh(tmp_path: Path) -> None:
    data = tmp_path / "new"
    assert json.loads(ok(run(data, "cases", "--json")).stdout) == []
    assert (data / DB).exists()


def test_setting_files_aside_is_undone_when_a_database_that_knows_them_comes_back(demo_dir: Path) -> None:
    ok(run(demo_dir, "cases"))
    [daily] = (demo_dir / "backups").glob("papertrail-daily-*.sqlite3")
    before = vault_files(demo_dir)
    _age_vault(demo_dir)
    ok(run(demo_dir, "restore-backup", "--empty"))  # say the user started over by mistake …
    assert len(json.loads(ok(run(demo_dir, "orphans", "--json")).stdout)) == 9
    ok(run(demo_dir, "restore-backup", str(daily)))  # … and went back
    assert json.loads(ok(run(demo_dir, "orphans", "--json")).stdout) == []
    verify = json.loads(ok(run(demo_dir, "verify", "--json")).stdout)
    assert verify["ok"] and verify["checked"] == 9
    assert vault_files(demo_dir) == before
