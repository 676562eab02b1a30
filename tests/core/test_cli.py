"""The command line, run as a user runs it: a real process, real files, one-line errors."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.storage.migrations import CURRENT_VERSION


def run(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en"}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), *args],
                            capture_output=True, text=True, env=env, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def one_clean_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def fingerprint(data: Path) -> str:
    conn = sqlite3.connect(data / "papertrail.sqlite3")
    rows = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("cases", "events", "evidence",
                                                                               "audit_log")]
    conn.close()
    vault = sorted(p.name for p in (data / "vault").rglob("*") if p.is_file())
    return json.dumps([rows, vault])


@pytest.fixture
def case_with_event(tmp_path: Path) -> tuple[Path, int, int]:
    data = tmp_path / "data"
    case_id = json.loads(run(data, "new-case", "--title", "测试案件", "--json").stdout)["id"]
    # The CLI has no event-logging command yet; log one through the service the GUI uses.
    from datetime import datetime

    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(data) as ws:
        event = ws.events.log(case_id, "sms", datetime(2026, 3, 2, 23, 5), contact_value="1069012345678",
                              body="【通知】您已逾期，律师函将寄至您单位", summary="律师函威胁")
    return data, case_id, event.id


def test_new_case_cases_show_attach_search_verify(case_with_event, tmp_path: Path) -> None:
    data, case_id, event_id = case_with_event
    cases = json.loads(run(data, "cases", "--json").stdout)
    assert cases[0]["id"] == case_id and cases[0]["event_count"] == 1 and cases[0]["evidence_count"] == 0

    shot = tmp_path / "截图 2026-03-02.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    attached = json.loads(run(data, "attach", str(case_id), str(event_id), str(shot), "--json").stdout)
    assert attached[0]["exhibit"] == "E-001" and attached[0]["mime"] == "image/png"

    shown = json.loads(run(data, "show", str(case_id), "--json").stdout)
    [event] = shown["events"]
    assert event["start"] == "2026-03-02T23:05:00+08:00"
    for key in ("id", "kind", "start", "party_id", "number", "summary", "body", "connected"):
        assert key in event
    [evidence] = shown["evidence"]
    assert hashlib.sha256(Path(evidence["path"]).read_bytes()).hexdigest() == evidence["sha256"]
    assert evidence["original_name"] == "截图 2026-03-02.png" and evidence["event_ids"] == [event_id]

    found = json.loads(run(data, "search", str(case_id), "律师", "--json").stdout)
    assert [e["id"] for e in found] == [event_id]
    assert json.loads(run(data, "search", str(case_id), "不存在的词", "--json").stdout) == []

    ok = run(data, "verify", "--json")
    assert json.loads(ok.stdout)["ok"] is True
    vault_file = Path(evidence["path"])
    vault_file.chmod(0o600)
    vault_file.write_bytes(b"altered")
    bad = run(data, "verify", check=False)
    assert bad.returncode == 1 and "ALTERED" in bad.stdout and str(vault_file) in bad.stdout
    vault_file.unlink()
    gone = run(data, "verify", "--json", check=False)
    assert gone.returncode == 1
    assert json.loads(gone.stdout)["problems"][0]["state"] == "missing"


def test_human_output_and_help(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert "No cases yet" in run(data, "cases").stdout
    assert "verify" in run(data, "--help").stdout


@pytest.mark.parametrize("bad", ["missing file", "folder as file", "unknown case", "unknown event"])
def test_bad_input_is_one_clean_line_and_changes_nothing(case_with_event, tmp_path: Path, bad: str) -> None:
    data, case_id, event_id = case_with_event
    good = tmp_path / "good.txt"
    good.write_text("fine")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    before = fingerprint(data)
    if bad == "missing file":
        result = run(data, "attach", str(case_id), str(event_id), str(good), str(tmp_path / "nope.jpg"), check=False)
        one_clean_error(result, "nope.jpg", "no such file")
    elif bad == "folder as file":
        result = run(data, "attach", str(case_id), str(event_id), str(folder), check=False)
        one_clean_error(result, "a-folder", "is a folder")
    elif bad == "unknown case":
        one_clean_error(run(data, "show", "999", check=False), "999")
    else:
        one_clean_error(run(data, "attach", str(case_id), "4242", str(good), check=False), "4242")
    assert fingerprint(data) == before


def test_newer_database_is_refused_untouched(case_with_event) -> None:
    data, _, _ = case_with_event
    db = data / "papertrail.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    one_clean_error(run(data, "cases", check=False), "newer Paper Trail")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_corrupt_database_names_file_and_latest_backup(case_with_event) -> None:
    data, _, _ = case_with_event
    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(data) as ws:
        backup = ws.backup("manual")  # the newest: the one offered
    db = data / "papertrail.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"\0garbage" * 1000)
    one_clean_error(run(data, "cases", check=False), str(db), str(backup))


def test_data_dir_that_is_a_file(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    one_clean_error(run(not_a_folder, "cases", check=False), str(not_a_folder), "is a file")


def test_opening_the_app_without_a_screen_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(tmp_path / "d"), "--lang", "en"],
                            capture_output=True, text=True, env=env, timeout=60)
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux decides this from DISPLAY")
    assert result.returncode == 3
    one_clean_error(result, "no screen")
