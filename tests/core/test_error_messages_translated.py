"""Errors the user causes (a bad file, a wrong date, a newer database) come out in the chosen language.

Each of these messages used to be a plain English f-string; the checks below read the real message
from the real code path (the CLI in a subprocess where the message reaches the user that way).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core import i18n
from desktop_app.core.domain.times import parse_date, parse_local, zone
from desktop_app.core.errors import FileInputError, ValidationError
from desktop_app.core.rules.packs import RulePackError, load_pack_file
from desktop_app.core.vault.vault import check_readable_file


def cli(data: Path, lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", lang, "--data-dir", str(data), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language("en")


def test_a_data_folder_that_is_a_file_is_said_in_chinese(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("x")
    line = one_line(cli(not_a_folder, "zh_CN", "cases"))
    assert str(not_a_folder) in line
    assert "这是文件，不是文件夹" in line


def test_a_database_from_a_newer_version_is_said_in_traditional_chinese(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli(data, "en", "cases").returncode == 0
    conn = sqlite3.connect(data / "papertrail.sqlite3")
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    line = one_line(cli(data, "zh_TW", "cases"))
    assert "這個資料庫由更新版本的留痕寫入" in line
    assert "999" in line


def test_dates_times_and_zones_are_refused_in_chinese(chinese: None) -> None:
    with pytest.raises(ValidationError, match="不是日期和时间") as err:
        parse_local("昨天晚上", "Asia/Shanghai")
    assert "'昨天晚上'" in str(err.value)
    with pytest.raises(ValidationError, match="不是日期"):
        parse_date("2026-13-45")
    with pytest.raises(ValidationError, match="未知的时区 'Mars/Olympus'"):
        zone("Mars/Olympus")


def test_a_missing_or_folder_evidence_file_is_named_in_chinese(tmp_path: Path, chinese: None) -> None:
    with pytest.raises(FileInputError, match="没有这个文件"):
        check_readable_file(tmp_path / "gone.jpg")
    with pytest.raises(FileInputError, match="是文件夹，不是文件"):
        check_readable_file(tmp_path)


def test_unknown_event_fields_are_refused_in_chinese_and_known_ones_still_save(workspace, chinese: None) -> None:
    case = workspace.cases.create("c", "CN")
    event = workspace.events.log(case.id, "call", datetime(2026, 3, 1, 9, 0))
    with pytest.raises(ValidationError, match="未知的事件字段：colour"):
        workspace.events.update(event.id, colour="red")
    # update() no longer names a local variable `_`, which would hide the translation function
    assert workspace.events.update(event.id, summary="催收电话").summary == "催收电话"


def test_a_broken_rule_pack_is_named_in_chinese(tmp_path: Path, chinese: None) -> None:
    pack = tmp_path / "broken.toml"
    pack.write_text("this is = = not toml", "utf-8")
    with pytest.raises(RulePackError, match="规则包不是有效的 TOML") as err:
        load_pack_file(pack, "broken")
    assert str(pack) in str(err.value)


def test_a_report_or_package_into_a_missing_folder_or_onto_a_folder_is_said_in_chinese(tmp_path: Path) -> None:
    data = tmp_path / "data"
    created = cli(data, "en", "new-case", "--title", "Loan app")
    assert created.returncode == 0, created.stderr
    missing = tmp_path / "no-such-folder"
    line = one_line(cli(data, "zh_CN", "report", "1", "-o", str(missing / "r.pdf")))
    assert str(missing) in line and "没有这个文件夹" in line
    line = one_line(cli(data, "zh_TW", "package", "1", "-o", str(tmp_path)))
    assert str(tmp_path) in line and "是資料夾；請給出以 .zip 結尾的檔名" in line
