"""Startup time: `papertrail --quit-after-startup` on the demo data vs a bare PySide6 window.

    python bench/bench_startup.py [--rounds 7] [--exe PATH_OR_COMMAND] [--data-dir DIR]

Both are measured alternately in one run (so machine load hits both alike); the medians and
their ratio are printed (goal: at most 1.5x the bare window).  `--exe` points the bench at
another build, e.g. the frozen app: `--exe dist/papertrail/papertrail`.  The default runs the
source tree with this Python, with bytecode caching on (as an installed app has it).

Three more rows, for information, say where the time goes: the bare window after importing the
Qt classes the app uses; a minimal real window; and the app's first window written flat
(`flat_window.py`: the same widgets, resources and data as one plain script), the least any
Python implementation of that window costs.  `--flat-exe` times a frozen build of it instead.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


# The same bare window, after importing every PySide6 class the app's startup modules import
# (listed from their source, so it follows the code).  PySide6 creates each class and enum type
# on first use; this shows how much of the gap to the bare window is Qt's own cost for a real
# window's classes rather than ours.  Printed for information; the goal is against BARE.
STARTUP_MODULES = ("launch", "application", "settings", "main_window", "actions", "cases_list", "empty_state",
                   "workers", "main_commands", "timeline_model", "timeline_view", "event_detail")


# The least any real first window must do, written as plainly as possible: the shipped Chinese
# font, the case database opened and the case's timeline read, a case list, a search box, a
# toolbar and a table over a model; shown, painted and quit.  It shows what the stack itself
# costs for a real window, so the rest of the gap is the app's own code.  For information.
MINIMAL = """
import sqlite3, sys
from PySide6.QtCore import QAbstractTableModel, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontDatabase
from PySide6.QtWidgets import (QApplication, QLineEdit, QListWidget, QMainWindow, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

class Model(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows
    def rowCount(self, parent=None):
        return len(self.rows)
    def columnCount(self, parent=None):
        return 5
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column()] or "")
        return None

app = QApplication(sys.argv[:1])
QFontDatabase.addApplicationFont(sys.argv[1])
app.setFont(QFont("Noto Sans SC", 10))
conn = sqlite3.connect(sys.argv[2])
cases = [r[0] for r in conn.execute("SELECT title FROM cases")]
rows = conn.execute("SELECT kind, start_local, contact_value, summary, conduct FROM events WHERE case_id = "
                    "(SELECT min(id) FROM cases) AND deleted_at IS NULL ORDER BY start_utc").fetchall()
window = QMainWindow()
toolbar = window.addToolBar("main")
for name in ("Log a call", "Log a message", "Log a visit", "Import", "Report"):
    toolbar.addAction(QAction(name, window))
split = QSplitter()
case_list = QListWidget()
case_list.addItems(cases)
split.addWidget(case_list)
pane = QWidget()
box = QVBoxLayout(pane)
box.addWidget(QLineEdit())
table = QTableView()
table.setModel(Model(rows))
box.addWidget(table)
split.addWidget(pane)
window.setCentralWidget(split)
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def qt_classes_script() -> str:
    import ast

    names: dict[str, set[str]] = {}
    for module in STARTUP_MODULES:
        tree = ast.parse((ROOT / "desktop_app" / "ui" / f"{module}.py").read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
                names.setdefault(node.module, set()).update(a.name for a in node.names)
    lines = [f"from {module} import {', '.join(sorted(found))}" for module, found in sorted(names.items())]
    return "\n".join(lines) + "\n" + BARE


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{shlex.join(cmd)} failed ({result.returncode}):\n{result.stderr.decode(errors='replace')}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--exe", help="the app to start (a path or a command line); default: this source tree")
    parser.add_argument("--flat-exe", help="a frozen build of bench/flat_window.py to time instead of the script "
                        "(pyinstaller --onedir --name flat bench/flat_window.py), for the frozen app's lower bound")
    parser.add_argument("--data-dir", type=Path, help="a data folder to use (default: a fresh one with the demo)")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()

    env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files
    with tempfile.TemporaryDirectory(prefix="pt-bench-startup-") as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        if args.data_dir is None:
            from desktop_app.core.demo import ensure_demo
            from desktop_app.core.services.workspace import Workspace

            with Workspace.open(data_dir) as ws:
                ensure_demo(ws, "cn")
        app_cmd = shlex.split(args.exe) if args.exe else [sys.executable, "-m", "desktop_app"]
        app_cmd += ["--data-dir", str(data_dir), "--lang", "zh_CN", "--quit-after-startup"]
        bare_cmd = [sys.executable, "-c", BARE]
        classes_cmd = [sys.executable, "-c", qt_classes_script()]
        minimal_cmd = [sys.executable, "-c", MINIMAL, str(ROOT / "resources" / "fonts" / "NotoSansSC-Regular.ttf"),
                       str(data_dir / "papertrail.sqlite3")]
        flat_cmd = ([args.flat_exe] if args.flat_exe else [sys.executable, str(ROOT / "bench" / "flat_window.py")])
        flat_cmd += [str(ROOT / "resources"), str(data_dir / "papertrail.sqlite3")]
        for cmd in (app_cmd, bare_cmd, classes_cmd, minimal_cmd, flat_cmd):  # warm-up: page cache, .pyc, fonts
            timed(cmd, env)
        app_times, bare_times, classes_times, minimal_times, flat_times = [], [], [], [], []
        for _ in range(args.rounds):
            app_times.append(timed(app_cmd, env))
            bare_times.append(timed(bare_cmd, env))
            classes_times.append(timed(classes_cmd, env))
            minimal_times.append(timed(minimal_cmd, env))
            flat_times.append(timed(flat_cmd, env))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    classes_median, minimal_median = statistics.median(classes_times), statistics.median(minimal_times)
    flat_median = statistics.median(flat_times)
    print(f"app ({shlex.join(app_cmd[:3])} … --quit-after-startup, demo case): median {app_median * 1000:.0f} ms "
          f"(min {min(app_times) * 1000:.0f}, max {max(app_times) * 1000:.0f})")
    print(f"bare PySide6 QMainWindow shown and quit:           median {bare_median * 1000:.0f} ms "
          f"(min {min(bare_times) * 1000:.0f}, max {max(bare_times) * 1000:.0f})")
    print(f"bare window after importing the app's Qt classes: median {classes_median * 1000:.0f} ms "
          f"({classes_median / bare_median:.2f}x the bare window)")
    print(f"minimal real window (font, database, timeline table): median {minimal_median * 1000:.0f} ms "
          f"({minimal_median / bare_median:.2f}x the bare window)")
    flat_name = args.flat_exe or "bench/flat_window.py"
    print(f"the app's first window written flat ({flat_name}): median {flat_median * 1000:.0f} ms "
          f"({flat_median / bare_median:.2f}x the bare window: the floor for this window in Python)")
    print(f"ratio: {app_median / bare_median:.2f}x  (goal <= 1.5x; {args.rounds} rounds each, alternating, "
          f"platform {args.platform})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
