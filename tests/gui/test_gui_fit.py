"""Issue 19 item 4: every window and dialog fits a 1280×720 laptop screen.

The offscreen platform takes its screen from a JSON file, and a process has one platform, so each
language runs tests/gui/screen_probe.py in a child process on a 1280×720 screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {"main", "new_case", "edit_case", "quick_log_call", "quick_log_message", "trash", "parties",
            "negotiation", "report", "report_with_preview", "import", "settings", "about", "follow_ups",
            "verify", "preview"}


@pytest.mark.parametrize("lang", ["en", "zh_CN", "zh_TW"])
def test_every_window_fits_1280_by_720(tmp_path: Path, lang: str):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "logicalBaseDpi": 96,
         "dpr": 1}]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-m", "tests.gui.screen_probe", str(tmp_path / "data"), lang],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    ax, ay, aw, ah = report["available"]
    assert (aw, ah) == (1280, 720)
    assert set(report["windows"]) == EXPECTED and all(report["windows"].values()), report["windows"]
    too_big = {}
    for name, info in report["windows"].items():
        x, y, w, h = info["frame"]
        min_w, min_h = info["min"]
        # On screen, and able to stay there: its layout does not insist on more than the screen.
        if not (x >= ax and y >= ay and x + w <= ax + aw and y + h <= ay + ah and min_w <= aw and min_h <= ah):
            too_big[name] = info
    assert not too_big, too_big
