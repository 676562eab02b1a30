"""Startup: --quit-after-startup opens the last case and quits once painted; one instance per data
folder; --demo uses its own folder; --selftest passes end to end."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop_app.core.services.workspace import Workspace
from desktop_app.ui.application import SingleInstance
from desktop_app.ui.settings import Settings


def _run(*args: str) -> subprocess.CompletedProcess:
    """The real entry point in its own process (app.exec() must not run inside pytest's process)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", "en", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_quit_after_startup_opens_the_last_case(demo_dir):
    with Workspace.open(demo_dir) as ws:
        demo_id = ws.demo_case_id = ws.cases.list()[0].id
        other = ws.cases.create("另一个案件", "CN").id
    settings = Settings.load(demo_dir / "settings.json")
    settings.last_case_id = demo_id
    settings.save()
    result = _run("--data-dir", str(demo_dir), "--quit-after-startup")
    assert result.returncode == 0, result.stderr
    assert Settings.load(demo_dir / "settings.json").last_case_id == demo_id  # reopened, not the newest
    assert other != demo_id
    instance = SingleInstance(demo_dir)  # the lock was released at exit
    assert instance.acquire()
    instance.release()


def test_a_second_launch_on_the_same_folder_is_refused(qtbot, data_dir):
    first = SingleInstance(data_dir)
    assert first.acquire()
    try:
        result = _run("--data-dir", str(data_dir), "--quit-after-startup")
        assert result.returncode == 0, result.stderr
        assert "already open" in result.stderr
        # The first instance was asked to come to the front (its server got the knock).
        first.server.waitForNewConnection(3000)
        assert first.server.hasPendingConnections()
        assert not (data_dir / "papertrail.sqlite3").exists()  # the second never opened the database
    finally:
        first.release()


def test_demo_uses_its_own_folder(tmp_path):
    from desktop_app.ui.launch import demo_dir_for

    mine = tmp_path / "mine"
    result = _run("--data-dir", str(mine), "--demo", "--quit-after-startup")
    assert result.returncode == 0, result.stderr
    assert demo_dir_for(str(mine)) == tmp_path / "mine-demo"
    with Workspace.open(tmp_path / "mine-demo") as ws:
        assert [c.is_demo for c in ws.cases.list()] == [True]
    assert not (mine / "papertrail.sqlite3").exists()  # the user's folder was never touched


@pytest.mark.slow
def test_selftest_passes():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--selftest"], env=env, capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASSED" in result.stdout
    for check in ("timeline", "search", "editor", "quick log", "PDF"):
        assert f"ok   {check}" in result.stdout


def test_a_crashed_instance_does_not_lock_the_folder_forever(data_dir):
    data_dir.mkdir(parents=True)
    code = ("import os, sys; from pathlib import Path; from desktop_app.ui.application import SingleInstance; "
            "s = SingleInstance(Path(sys.argv[1])); assert s.acquire(listen=False); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True, timeout=60)  # dies holding the lock
    assert (data_dir / ".papertrail.lock").exists()
    instance = SingleInstance(data_dir)
    assert instance.acquire(listen=False)  # the dead process's lock is recognised and taken over
    instance.release()
