"""Issue 13 item 5: two processes on one data folder.  A second start (even `cases`) no longer
empties vault/tmp under an attach still copying in another process; writing commands honour the
folder's lock (the GUI's), wait briefly, then say plainly who is busy; reading commands share."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from storage_cli import cli_env, ok, one_clean_error, run

# A real attach in its own process, made slow: its progress callback (called after each MiB is
# in vault/tmp) waits for the test to say "go".  It prints "copying" once its temp file exists.
SLOW_ATTACH = r"""
import json, os, sys, time
from pathlib import Path
from desktop_app.core.services.workspace import Workspace
data, source, go = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
ws = Workspace.open(data)
case = ws.cases.create("two processes", "CN")
event = ws.events.log(case.id, "call", __import__("datetime").datetime(2026, 3, 1, 9, 0))
state = {"told": False}
def progress(done, total, label):
    if not state["told"]:
        state["told"] = True
        print("copying", flush=True)
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
[evidence] = ws.evidence.attach(case.id, [source], [event.id], progress=progress)
print(json.dumps({"case": case.id, "sha256": evidence.sha256}), flush=True)
ws.close()
"""


def _start_slow_attach(data: Path, tmp_path: Path) -> tuple[subprocess.Popen[str], Path, Path]:
    source = tmp_path / "recording.m4a"
    source.write_bytes(os.urandom(3 * 1024 * 1024))  # three chunks: the copy is mid-way when it waits
    go = tmp_path / "go"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_ATTACH, str(data), str(source), str(go)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env())
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "copying", proc.stderr.read() if proc.stderr else ""
    return proc, source, go


def test_a_second_process_leaves_an_attach_in_progress_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc, source, go = _start_slow_attach(data, tmp_path)
    try:
        [partial] = (data / "vault" / "tmp").iterdir()
        assert str(proc.pid) in partial.name  # temp files carry their owner's pid
        # Reading commands share the folder while it is busy, and tidy nothing.
        listed = json.loads(ok(run(data, "cases", "--json")).stdout)
        assert [c["title"] for c in listed] == ["two processes"]
        ok(run(data, "verify"))
        pdf = tmp_path / "dossier.pdf"
        ok(run(data, "report", str(listed[0]["id"]), "--kind", "complaint", "--lang", "en", "-o", str(pdf)))
        assert pdf.stat().st_size > 0
        assert partial.exists()
        # A writing command waits briefly, then says who is busy, and changes nothing.
        started = time.monotonic()
        result = run(data, "new-case", "--title", "second writer", env=cli_env(PAPERTRAIL_LOCK_WAIT="0.5"))
        assert result.returncode == 75
        assert "waiting" in result.stderr and f"pid {proc.pid}" in result.stderr
        assert f"Another Paper Trail (pid {proc.pid}) is busy with the data folder {data}" in result.stderr
        assert time.monotonic() - started < 30
        assert partial.exists()
    finally:
        go.write_text("go")
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    done = json.loads(out.strip().splitlines()[-1])
    assert done["sha256"] == __import__("hashlib").sha256(source.read_bytes()).hexdigest()
    show = json.loads(ok(run(data, "show", str(done["case"]), "--json")).stdout)
    assert [e["sha256"] for e in show["evidence"]] == [done["sha256"]]
    assert list((data / "vault" / "tmp").iterdir()) == []
    ok(run(data, "new-case", "--title", "now it is free"))


def test_a_writer_waits_for_a_short_one_to_finish(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok(run(data, "new-case", "--title", "first"))
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from desktop_app.core.services.workspace "
                               "import Workspace; ws = Workspace.open(sys.argv[1]); print('held', flush=True); "
                               "sys.stdin.read(); ws.close()", str(data)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=cli_env())
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    writer = subprocess.Popen([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "new-case", "--title",
                               "second"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=cli_env(PAPERTRAIL_LOCK_WAIT="60"))
    assert writer.stderr is not None
    assert f"pid {holder.pid}" in writer.stderr.readline()  # "… is busy with this data folder; waiting …"
    holder.communicate("", timeout=30)  # the first one finishes
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    titles = sorted(c["title"] for c in json.loads(ok(run(data, "cases", "--json")).stdout))
    assert titles == ["first", "second"]


def test_the_command_line_honours_the_apps_lock(tmp_path: Path) -> None:
    """The GUI's single-instance lock is the same folder lock (core/storage/lock.py)."""
    data = tmp_path / "data"
    ok(run(data, "new-case", "--title", "mine"))
    code = ("import sys, time; from pathlib import Path; from desktop_app.ui.application import SingleInstance; "
            "s = SingleInstance(Path(sys.argv[1])); assert s.acquire(listen=False); print('open', flush=True); "
            "sys.stdin.read(); s.release()")
    app = subprocess.Popen([sys.executable, "-c", code, str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           text=True, env=cli_env(QT_QPA_PLATFORM="offscreen"))
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "open"
        env = cli_env(PAPERTRAIL_LOCK_WAIT="0")
        one_clean_error(run(data, "new-case", "--title", "x", env=env), f"pid {app.pid}", "busy")
        ok(run(data, "cases", env=env))
    finally:
        app.communicate("", timeout=30)


def test_a_file_system_that_cannot_lock_does_not_make_the_folder_unusable(tmp_path: Path, monkeypatch) -> None:
    import errno

    from desktop_app.core.services.workspace import Workspace
    from desktop_app.core.storage import lock

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock.fcntl, "flock", no_locks)
    with Workspace.open(tmp_path / "data") as ws:
        assert ws.is_writer
        ws.cases.create("on a network mount", "CN")


def test_a_lock_held_by_another_process_is_refused(tmp_path: Path, monkeypatch) -> None:
    import errno

    from desktop_app.core.storage import lock

    def held(fd, operation):
        raise BlockingIOError(errno.EWOULDBLOCK, "Resource temporarily unavailable")

    monkeypatch.setattr(lock.fcntl, "flock", held)
    assert not lock.FolderLock(tmp_path).acquire()
