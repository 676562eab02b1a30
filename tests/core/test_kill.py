"""A process killed with SIGKILL mid-attach or mid-transaction leaves nothing corrupt or half-done."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.core.services.workspace import Workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ATTACH = """
import sys
from desktop_app.core.services.workspace import Workspace
ws = Workspace.open(sys.argv[1])
def progress(done, total, label=""):
    if done > (8 << 20):
        print("copying", flush=True)
ws.evidence.attach(int(sys.argv[2]), [sys.argv[3]], [int(sys.argv[4])], progress=progress)
print("finished", flush=True)
"""

BULK = """
import sys
from datetime import datetime, timedelta
from desktop_app.core.services.workspace import Workspace
ws = Workspace.open(sys.argv[1])
start = datetime(2026, 3, 1, 8, 0)
with ws.db.transaction():
    for i in range(200000):
        ws.events.insert(int(sys.argv[2]), "call", start + timedelta(minutes=i), contact_value="17000001111",
                         summary="批量", audit=False)
        if i == 2000:
            print("inserting", flush=True)
print("finished", flush=True)
"""


def _kill_when(proc: subprocess.Popen[str], marker: str) -> None:
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if marker in line:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            return
        if "finished" in line or (not line and proc.poll() is not None):
            pytest.fail("the process finished before it could be killed; make the work bigger")
    pytest.fail("timed out waiting for the process")


def _integrity(data: Path) -> str:
    conn = sqlite3.connect(data / "papertrail.sqlite3")
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_kill_during_attach(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        case = ws.cases.create("c", "CN")
        from datetime import datetime

        event = ws.events.log(case.id, "call", datetime(2026, 3, 1, 9, 0))
    big = tmp_path / "recording.wav"
    with open(big, "wb") as fh:  # 400 MB of real (non-sparse) data so the copy takes a while
        block = os.urandom(1 << 20)
        for _ in range(400):
            fh.write(block)
    proc = subprocess.Popen([sys.executable, "-c", ATTACH, str(data), str(case.id), str(big), str(event.id)],
                            stdout=subprocess.PIPE, text=True)
    _kill_when(proc, "copying")
    assert any((data / "vault" / "tmp").iterdir()), "the kill should have caught a half-copied file"
    with Workspace.open(data) as ws:  # the next start sweeps what the killed process left
        assert list((data / "vault" / "tmp").iterdir()) == []
        assert ws.evidence.list(case.id) == []
        assert ws.events.get(event.id).evidence_ids == []
    assert _integrity(data) == "ok"


def test_kill_during_a_multi_row_transaction(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        case = ws.cases.create("c", "CN")
    proc = subprocess.Popen([sys.executable, "-c", BULK, str(data), str(case.id)], stdout=subprocess.PIPE, text=True)
    _kill_when(proc, "inserting")
    with Workspace.open(data) as ws:
        assert ws.events.count(case.id) == 0
        assert ws.search.search_ids(case.id, "批量") == []
    assert _integrity(data) == "ok"
