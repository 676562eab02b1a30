"""Every message in the code is translated into both Chinese scripts, placeholders intact."""

from __future__ import annotations

import re
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from i18n_scan import messages  # noqa: E402

from desktop_app.core import i18n  # noqa: E402

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_catalogues_parse_and_each_entry_is_complete() -> None:
    problems = []
    seen: dict[str, str] = {}
    for path in sorted((ROOT / "resources" / "i18n").glob("*.toml")):
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        for msgid, entry in data.items():
            where = f"{path.name}: {msgid!r}"
            if msgid in seen and seen[msgid] != path.name:
                other = tomllib.loads((ROOT / "resources" / "i18n" / seen[msgid]).read_text("utf-8"))[msgid]
                if other != entry:
                    problems.append(f"{where} is also in {seen[msgid]} with a different translation")
            seen[msgid] = path.name
            for lang in ("zh_CN", "zh_TW"):
                text = entry.get(lang, "") if isinstance(entry, dict) else ""
                if not text.strip():
                    problems.append(f"{where} has no {lang}")
                elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(msgid.split("|")[-1])):
                    problems.append(f"{where}: {lang} placeholders differ")
    assert problems == []


def test_every_message_in_the_code_is_translated() -> None:
    have = i18n.catalogue_entries()
    missing = sorted(f"{places[0]}: {msgid!r}" for msgid, places in messages().items() if msgid not in have)
    assert missing == [], "run python tools/i18n_scan.py and translate:\n" + "\n".join(missing)


def test_translation_switches_and_falls_back() -> None:
    i18n.set_language("zh_TW")
    try:
        assert i18n._("Call") == "電話"
        assert i18n._("a message nobody translated") == "a message nobody translated"
    finally:
        i18n.set_language("en")
    assert i18n._("Call") == "Call"
    assert i18n.translator("zh_CN")("Call") == "来电" or i18n.translator("zh_CN")("Call") == "电话"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_a_phrase_can_mean_different_things_in_different_places() -> None:
    assert i18n.translator("zh_CN")("What happened") != i18n.context_translator("zh_CN")("hardship", "What happened")
    assert i18n.context_translator("en")("hardship", "What happened") == "What happened"
    # A context with no entry of its own falls back to the plain message.
    assert i18n.context_translator("zh_TW")("nowhere", "Call") == i18n.translator("zh_TW")("Call")


@pytest.mark.parametrize("code, expected", [
    ("zh_CN.UTF-8", "zh_CN"), ("zh_TW", "zh_TW"), ("zh-Hant-HK", "zh_TW"), ("zh_HK.UTF-8", "zh_TW"),
    ("zh_SG", "zh_CN"), ("en_US.UTF-8", "en"), ("de_DE", "en"), (None, "en"), ("C", "en"),
])
def test_language_from_locale(code: str | None, expected: str) -> None:
    assert i18n.normalise_language(code) == expected


def test_the_compiled_catalogue_matches_the_toml_files() -> None:
    import i18n_compile as tool  # tools/ is on sys.path (above)

    folder = ROOT / "resources" / "i18n"
    assert (folder / i18n.COMPILED).read_text("utf-8") == tool.compiled_text(folder), \
        "a catalogue changed: run python tools/i18n_compile.py"


def test_a_stale_compiled_catalogue_is_never_used(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "i18n"
    shutil.copytree(ROOT / "resources" / "i18n", folder)
    core = folder / "core.toml"
    core.write_text(core.read_text("utf-8") + '\n["A phrase added after compiling"]\nzh_CN = "编译后新增"\n'
                    'zh_TW = "編譯後新增"\n', "utf-8")
    monkeypatch.setattr(i18n, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    i18n.reload_catalogues()
    try:
        assert i18n.translate("A phrase added after compiling", "zh_CN") == "编译后新增"
        (folder / i18n.COMPILED).write_text("{not json", "utf-8")
        i18n.reload_catalogues()
        assert i18n.translate("A phrase added after compiling", "zh_TW") == "編譯後新增"
    finally:
        monkeypatch.undo()
        i18n.reload_catalogues()
