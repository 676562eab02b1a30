"""`bench/flat_window.py` is the startup bench's lower bound: it must keep running, and keep
showing what the app's first window shows, or its figure stops meaning anything."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.core.demo import ensure_demo
from desktop_app.core.domain.enums import CallOutcome, EventKind
from desktop_app.core.services.workspace import Workspace
from desktop_app.ui.actions import SPECS

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "bench" / "flat_window.py"


def _literal(name: str):
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not found in {SCRIPT.name}")


def test_flat_window_runs_on_the_demo_case(data_dir: Path) -> None:
    with Workspace.open(data_dir) as ws:
        ensure_demo(ws, "cn")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, str(SCRIPT), str(REPO / "resources"),
                             str(data_dir / "papertrail.sqlite3")], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr


def test_flat_window_has_the_apps_kinds_and_actions() -> None:
    assert set(_literal("KINDS")) == {k.value for k in EventKind}
    assert set(_literal("OUTCOMES")) == {o.value for o in CallOutcome}
    actions = _literal("ACTIONS")
    assert len(actions) == len(SPECS)
    assert [a[2] for a in actions] == [s.icon for s in SPECS]
