"""`papertrail suggestions`, and the suggestion fields of `show --json` and `findings --json`, run as
real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(data: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en"}
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "--lang", "en", *args],
                            capture_output=True, text=True, env=env, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def one_clean_error(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert needle in lines[-1], result.stderr


def test_list_confirm_dismiss_and_the_json_contracts(tmp_path: Path) -> None:
    data = tmp_path / "d"
    case = run(data, "new-case", "--title", "CLI").stdout.strip()
    run(data, "add", case, "--kind", "sms", "--time", "2026-03-01T10:00", "--number", "17000001111",
        "--body", "We will call your boss tomorrow, you deadbeat.")
    run(data, "add", case, "--kind", "sms", "--direction", "outgoing", "--time", "2026-03-01T10:05",
        "--body", "Do not call my boss.")
    shown = json.loads(run(data, "show", case, "--json").stdout)
    events = {e["body"]: e for e in shown["events"]}
    first = events["We will call your boss tomorrow, you deadbeat."]
    assert first["suggested_conduct"] == ["third_party_disclosure", "abuse"] and first["conduct"] == []
    assert [s["pattern"] for s in first["details"]["suggestion_spans"]] == ["en.disclosure.tell", "en.abuse.insult"]
    assert events["Do not call my boss."]["suggested_conduct"] == []

    listed = json.loads(run(data, "suggestions", case, "--json").stdout)
    assert [e["event_id"] for e in listed["events"]] == [first["id"]]
    assert listed["counts"] == {"abuse": {"confirmed": 0, "suggested": 1},
                                "third_party_disclosure": {"confirmed": 0, "suggested": 1}}
    text = run(data, "suggestions", case, "--conduct", "abuse").stdout
    assert "»deadbeat«" in text and "»call your boss«" not in text
    findings = run(data, "findings", case, "--pack", "us").stdout
    assert "1 message contains words suggesting: Abuse or insults, not yet reviewed." in findings

    done = json.loads(run(data, "suggestions", case, "--confirm", f"{first['id']}:abuse",
                          "--dismiss", f"{first['id']}:third_party_disclosure", "--json").stdout)
    assert done == {"confirmed": 1, "dismissed": 1}
    shown = json.loads(run(data, "show", case, "--json").stdout)
    first = next(e for e in shown["events"] if e["id"] == first["id"])
    assert first["conduct"] == ["abuse"] and first["suggested_conduct"] == []
    assert first["details"]["dismissed_suggestions"] == ["third_party_disclosure"]
    found = json.loads(run(data, "findings", case, "--pack", "us", "--json").stdout)
    abuse = [f for f in found if f.get("conduct") == "abuse"]
    assert abuse and abuse[0]["confirmed_count"] == 1 and abuse[0]["suggested_count"] == 0
    assert "No unreviewed suggestions" in run(data, "suggestions", case).stdout

    one_clean_error(run(data, "suggestions", case, "--confirm", f"{first['id']}:threat", check=False),
                    f"Event {first['id']} has no open suggestion of 'threat'.")
    one_clean_error(run(data, "suggestions", case, "--dismiss", "one:threat", check=False), "is not EVENT:CONDUCT")
    other = run(data, "new-case", "--title", "Other").stdout.strip()
    one_clean_error(run(data, "suggestions", other, "--confirm", f"{first['id']}:abuse", check=False),
                    f"is not in case {other}")
