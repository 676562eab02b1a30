"""The demo through the command line: `papertrail demo`, `cases --json`, `show ID --json` (the contract)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path


def _run(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PAPERTRAIL_HOME": str(data.parent / "home")}
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "--lang", "en", *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def test_demo_cases_show_contract(tmp_path):
    data = tmp_path / "data"
    first = _run(data, "demo", "--json")
    assert first.returncode == 0, first.stderr
    case_id = json.loads(first.stdout)["id"]
    again = _run(data, "demo")
    assert again.returncode == 0 and again.stdout.strip() == str(case_id)
    us = _run(data, "demo", "--us", "--json")
    assert us.returncode == 0, us.stderr
    us_id = json.loads(us.stdout)["id"]
    assert us_id != case_id

    listed = json.loads(_run(data, "cases", "--json").stdout)
    by_id = {c["id"]: c for c in listed}
    assert set(by_id) == {case_id, us_id}
    cn = by_id[case_id]
    assert cn["is_demo"] is True and cn["jurisdiction"] == "CN" and cn["event_count"] >= 60
    assert cn["evidence_count"] >= 6 and cn["party_count"] >= 5

    shown = _run(data, "show", str(case_id), "--json")
    assert shown.returncode == 0, shown.stderr
    case = json.loads(shown.stdout)
    assert case["currency"] == "CNY" and case["tz"] == "Asia/Shanghai" and case["negotiation"]["proposal"]
    for event in case["events"]:
        for key in ("id", "kind", "start", "party_id", "number", "summary", "body", "connected"):
            assert key in event, key
        assert event["start"][-6:] == "+08:00"
    calls = [e for e in case["events"] if e["kind"] == "call"]
    assert {e["connected"] for e in calls} == {True, False}
    assert all(e["connected"] is None for e in case["events"] if e["kind"] != "call")
    assert any(e["body"] for e in case["events"] if e["kind"] == "sms")
    linked = [e for e in case["events"] if e["party_id"] is not None and e["number"]]
    assert len(linked) >= 40
    assert case["evidence"]
    for item in case["evidence"]:
        for key in ("id", "sha256", "path", "original_name", "exhibit"):
            assert key in item, key
        assert item["exhibit"].startswith("E-")
        assert hashlib.sha256(Path(item["path"]).read_bytes()).hexdigest() == item["sha256"]

    found = _run(data, "search", str(case_id), "律师", "--json")
    assert found.returncode == 0 and len(json.loads(found.stdout)) >= 3
    verify = _run(data, "verify", "--json")
    assert verify.returncode == 0 and json.loads(verify.stdout)["ok"] is True
