"""Settings live in the core: the command line answers in the language chosen in the app."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from test_cli import run

from desktop_app.core.settings import Settings, saved_language


def test_settings_round_trip_without_qt_and_private(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings.load(path)
    settings.language = "zh_TW"
    settings.remember_party(3, 7, "+8613800138000")
    settings.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = Settings.load(path)
    assert again.language == "zh_TW" and again.last_party_for(3) == (7, "+8613800138000")
    assert saved_language(tmp_path) == "zh_TW"


def test_damaged_or_foreign_settings_give_no_language(tmp_path: Path) -> None:
    assert saved_language(tmp_path) is None
    (tmp_path / "settings.json").write_text("{not json", "utf-8")
    assert saved_language(tmp_path) is None
    (tmp_path / "settings.json").write_text(json.dumps({"language": "klingon"}), "utf-8")
    assert saved_language(tmp_path) is None


def test_command_line_speaks_the_language_chosen_in_the_app(tmp_path: Path) -> None:
    data = tmp_path / "d"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"language": "zh_TW"}), "utf-8")
    assert "還沒有案件" in run(data, "cases").stdout  # run() sets LANG=en_US: the app's choice wins
    assert "No cases yet" in run(data, "--lang", "en", "cases").stdout  # and --lang wins over both
