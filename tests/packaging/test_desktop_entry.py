"""packaging/linux/papertrail.desktop: valid, translated, and tied to the running window."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import desktop_app

REPO = Path(__file__).resolve().parents[2]
DESKTOP = REPO / "packaging" / "linux" / "papertrail.desktop"


def read_entry(path: Path = DESKTOP) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(path, encoding="utf-8")
    return parser


def ui_desktop_file_name() -> str | None:
    """What the GUI passes to QGuiApplication.setDesktopFileName (an APP_* constant or a literal)."""
    for path in (REPO / "desktop_app" / "ui").rglob("*.py"):
        match = re.search(r"setDesktopFileName\(\s*([^)]+?)\s*\)", path.read_text("utf-8"))
        if match:
            value = match.group(1)
            if value[0] in "'\"":
                return value.strip("'\"")
            return getattr(desktop_app, value.split(".")[-1])
    return None


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_it():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_required_keys_and_translations():
    entry = read_entry()
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Name"] == "Paper Trail"
    assert main["Name[zh_CN]"] == "留痕"
    assert main["Name[zh_TW]"] == "留痕"
    for key in ("GenericName", "Comment", "Keywords"):
        assert main[key]
        assert main[f"{key}[zh_CN]"] and main[f"{key}[zh_TW]"]
        assert main[f"{key}[zh_CN]"] != main[f"{key}[zh_TW]"], key  # really Traditional, not a copy
    assert "簡訊" in main["Comment[zh_TW]"] and "短信" in main["Comment[zh_CN]"]  # Taiwan usage
    assert main["Exec"].split()[0] == "papertrail"  # install.sh puts the absolute path here
    assert main["TryExec"] == "papertrail"
    assert main["Icon"] == "papertrail"
    assert main["Terminal"] == "false"
    assert "Office" in main["Categories"].rstrip(";").split(";")
    assert main["Categories"].endswith(";") and main["Keywords"].endswith(";")


def test_demo_action():
    entry = read_entry()
    assert entry["Desktop Entry"]["Actions"] == "demo;"
    demo = entry["Desktop Action demo"]
    assert demo["Exec"] == "papertrail --demo"
    assert demo["Name[zh_CN]"] and demo["Name[zh_TW]"]


def test_startup_wm_class_matches_the_apps_desktop_file_name():
    """GNOME ties a window to its launcher by StartupWMClass (Wayland app_id = desktopFileName)."""
    main = read_entry()["Desktop Entry"]
    assert main["StartupWMClass"] == desktop_app.APP_ID
    name = ui_desktop_file_name()
    if name is not None:
        assert name == main["StartupWMClass"]
    install = (REPO / "packaging" / "linux" / "install.sh").read_text("utf-8")
    assert f'APP_ID="{desktop_app.APP_ID}"' in install  # the launcher is installed as <APP_ID>.desktop
