"""Shared fixtures.  Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PAPERTRAIL_TESTING", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


GUI_FOLDERS = frozenset({"gui", "gui_panels", "gui_report"})
QT_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester"})


@functools.cache
def _module_uses_qt(path: str) -> bool:
    """Whether a test module imports PySide6 or the app's ui package anywhere (fixtures included)."""
    import ast

    tree = ast.parse(Path(path).read_text("utf-8"), filename=path)
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if any(n.split(".")[0] == "PySide6" or n.startswith("desktop_app.ui") for n in names):
            return True
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tiers by place, not by memory: every test in a GUI folder, any test that asks for a Qt
    fixture, and every test of a module that imports Qt or the ui package is marked `gui`, so
    `pytest -m "not gui"` runs the Qt-free core alone."""
    for item in items:
        path = str(item.fspath)
        if Path(path).parent.name in GUI_FOLDERS or QT_FIXTURES & set(getattr(item, "fixturenames", ())) \
                or (path.endswith(".py") and _module_uses_qt(path)):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data folder."""
    monkeypatch.setenv("PAPERTRAIL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def workspace(data_dir: Path):
    from desktop_app.core.services.workspace import Workspace

    ws = Workspace.open(data_dir)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data folder, built once per test session."""
    from desktop_app.core.demo import ensure_demo
    from desktop_app.core.services.workspace import Workspace

    folder = tmp_path_factory.mktemp("demo-template") / "data"
    with Workspace.open(folder) as ws:
        ensure_demo(ws, "cn")
        ws.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder


@pytest.fixture
def demo_dir(_demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo data folder (tests may change it)."""
    target = tmp_path / "demo-data"
    shutil.copytree(_demo_template, target)
    for path in target.rglob("*"):  # copytree keeps the vault's read-only modes; the copy is ours
        if path.is_dir():
            path.chmod(0o700)
    return target


@pytest.fixture
def demo_workspace(demo_dir: Path):
    from desktop_app.core.demo import ensure_demo
    from desktop_app.core.services.workspace import Workspace

    ws = Workspace.open(demo_dir)
    ws.demo_case_id = ensure_demo(ws, "cn")  # type: ignore[attr-defined]
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def _release_stuck_modifiers():
    """A test that presses a shortcut which opens a dialog can leave Qt believing Shift or Ctrl is
    still held (the release goes elsewhere); every later click would then extend or toggle
    selections.  Release them after each test so tests stay independent."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance()
    if app is None or QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
        return
    probe = QWidget()
    probe.show()
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
        QTest.keyRelease(probe, key, Qt.KeyboardModifier.NoModifier)
    probe.close()
    probe.deleteLater()
    app.processEvents()


# PySide6 6.12 can abort while Python tears down after the last test ("Fatal Python error:
# bool_dealloc" during the final garbage collection), depending on which tests ran before; seen
# with tests/packaging/test_desktop_entry.py followed by tests/gui_panels, before any change of
# ours.  The results are already reported by then, but the abort turns the exit code into 134.
# End the run the way the app ends (desktop_app/ui/launch.py _leave): flush, then _exit with
# pytest's own status, so a failing run still fails.  PAPERTRAIL_TEST_NORMAL_EXIT=1 keeps the normal
# teardown, to look at the crash itself.
_exit_status: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    import sys

    # The core tier must stay Qt-free: a test that loads Qt without being marked `gui` is in
    # the wrong tier (and would make `-m "not gui"` need a display stack).
    if session.config.getoption("markexpr", "") == "not gui" and "PySide6" in sys.modules and exitstatus == 0:
        print("\nPySide6 was imported by a test outside the gui tier: mark it or move it to a gui folder",
              file=sys.stderr)
        exitstatus = session.exitstatus = pytest.ExitCode.TESTS_FAILED
    _exit_status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if not _exit_status or os.environ.get("PAPERTRAIL_TEST_NORMAL_EXIT"):
        return
    import sys

    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(_exit_status[-1])
