"""`papertrail import` killed with SIGKILL mid-import leaves an intact database with all or nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from backup_gen import write_calls

from desktop_app.core.services.workspace import Workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
CALLS = 12_000


def test_kill_mid_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Workspace.open(data) as ws:
        case_id = ws.cases.create("kill").id
        database = ws.layout.database
    backup = write_calls(tmp_path / "calls-big.xml", CALLS)
    recording = tmp_path / "17000000001_20231115083000.wav"
    recording.write_bytes(b"RIFF" + os.urandom(4 << 20))  # stored in the vault before the transaction
    env = {**os.environ, "PAPERTRAIL_HOME": str(data)}
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "import", str(case_id),
                             str(backup), str(recording), "--all", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    wal = Path(str(database) + "-wal")
    # Wait until the import's transaction is writing (the WAL grows past its idle size), then kill.
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 1 << 20:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the import finished before it could be killed; make the backup bigger"
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(database)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    imports = conn.execute("SELECT count(*) FROM imports").fetchone()[0]
    conn.close()
    # All: every call, plus the recording's own call unless a generated call happens to match it.
    assert (events, imports) in ((0, 0), (CALLS, 1), (CALLS + 1, 1))
    with Workspace.open(data) as ws:
        assert list((ws.vault.root / "tmp").iterdir()) == []
        assert ws.events.count(case_id) == events
