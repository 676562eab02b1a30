"""`papertrail import`: lists without a choice, imports with one, --json contract, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from import_paths import PUBLIC, SAMPLES

from desktop_app.cli.main import main
from desktop_app.core.services.workspace import Workspace

CALLS = SAMPLES / "sbr" / "calls-20240314201507.xml"
SMS = SAMPLES / "sbr" / "sms-20240314201507.xml"


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), "--lang", "en", *args])
        out, err = capsys.readouterr()
        return code, out, err
    with Workspace.open(data_dir) as ws:
        ws.cases.create("CLI import", "CN")
    return run


def test_without_a_choice_it_lists_and_imports_nothing(cli, data_dir: Path) -> None:
    code, out, _err = cli("import", "1", str(CALLS), str(SMS))
    assert code == 0 and "Nothing was imported" in out and "+86 170 0000 1111" in out
    code, out, _err = cli("import", "1", str(CALLS), str(SMS), "--json")
    doc = json.loads(out)
    assert (doc["imported"], doc["duplicates"], doc["skipped"], doc["warnings"]) == (0, 0, 0, [])
    main_line = next(n for n in doc["found"] if n["key"] == "+8617000001111")
    assert main_line["count"] == 13 and main_line["looks_like_collector"] is True and main_line["type"] == "mobile"
    assert main_line["first"].startswith("2024-03-11T21:55:41")
    assert [f["format"] for f in doc["files"]] == ["sbr_calls", "sbr_sms"] and len(doc["files"][0]["sha256"]) == 64
    with Workspace.open(data_dir) as ws:
        assert ws.events.count(1) == 0


def test_import_the_chosen_numbers_then_again(cli) -> None:
    code, out, _err = cli("import", "1", str(CALLS), str(SMS), "--numbers", "17000001111,1069088812345", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["imported"] == 7 + 6 + 1 and doc["duplicates"] == 0 and doc["import_id"] == 1
    assert len(doc["parties_created"]) == 2 and len(doc["evidence"]) == 1  # the MMS picture
    code, out, _err = cli("import", "1", str(CALLS), str(SMS), "--numbers", "17000001111,1069088812345", "--json")
    doc = json.loads(out)
    assert (doc["imported"], doc["duplicates"]) == (0, 14)
    code, out, _err = cli("import", "1", str(CALLS), "--all", "--dry-run")
    assert code == 0 and "Dry run" in out and "13 imported" in out


def test_truncated_file_reports_where_it_stopped(cli) -> None:
    path = PUBLIC / "devadvance_sms-backup-reader-2" / "sms_and_mms.xml"
    code, out, _err = cli("import", "1", str(path), "--all", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["imported"] > 40
    assert doc["stopped_at"] == [{"file": "sms_and_mms.xml", "where": doc["stopped_at"][0]["where"]}]
    assert doc["stopped_at"][0]["where"].startswith("line ")


def test_unsupported_or_broken_file_is_one_clear_line(cli, tmp_path: Path) -> None:
    code, out, err = cli("import", "1", str(PUBLIC / "shruggietech_sms-backup-restore-parser" / "malformed.xml"))
    assert code == 2 and err.strip() == "papertrail: malformed.xml, line 4: the XML is broken (not well-formed " \
                                       "(invalid token))"
    code, _out, err = cli("import", "1", str(tmp_path / "missing.xml"))
    assert code == 2 and "missing.xml" in err and "Traceback" not in err
    csv_file = tmp_path / "log.csv"
    csv_file.write_text("When,Who,Text\n2024-03-12 09:00,17000001111,pay now\n", "utf-8")
    code, out, _err = cli("import", "1", str(csv_file), "--all", "--map", "time=When,number=Who,body=Text", "--json")
    assert code == 0 and json.loads(out)["imported"] == 1


def test_an_empty_path_is_refused_not_read_as_the_current_folder(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    data = tmp_path / "data"
    env = {**os.environ, "LANGUAGE": "en", "LANG": "en_US.UTF-8"}
    base = [sys.executable, "-m", "desktop_app", "--data-dir", str(data)]
    subprocess.run([*base, "new-case", "--title", "x"], check=True, capture_output=True, env=env)
    result = subprocess.run([*base, "import", "1", ""], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 2 and "empty file name" in result.stderr and "Traceback" not in result.stderr
