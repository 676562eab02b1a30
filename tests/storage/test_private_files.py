"""Issue 13 item 13: every file the app writes is 0600 (vault objects 0400: read-only) and every
folder 0700 — the database and its -wal/-shm, settings, logs, cache, backups — and a disk that
will not take the modes (FAT/NTFS, shared mounts) is said out loud instead of ignored."""

from __future__ import annotations

import argparse
import json
import os
import stat
from pathlib import Path

import pytest
from storage_cli import ok, run

SMS_XML = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="1"><sms protocol="0" address="10690000123" date="1767225600000" type="1" subject="null"
 body="逾期通知" read="1" status="-1" /></smses>
"""


def _modes(data: Path) -> dict[str, int]:
    return {str(p.relative_to(data)): stat.S_IMODE(p.stat().st_mode) for p in [data, *data.rglob("*")]}


def _bad_modes(data: Path) -> list[str]:
    bad = []
    for name, mode in _modes(data).items():
        path = data / name
        if path.is_dir():
            want = {0o700}
        elif name.startswith("vault/objects/") or name.startswith("vault/orphans/"):
            want = {0o400}
        else:
            want = {0o600}
        if mode not in want:
            bad.append(f"{name}: {oct(mode)}")
    return bad


def test_everything_written_through_the_command_line_is_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    case_id = ok(run(data, "demo")).stdout.strip()
    ok(run(data, "cases"))  # the daily backup
    source = tmp_path / "sms.xml"
    source.write_text(SMS_XML, "utf-8")
    photo = tmp_path / "photo.bin"
    photo.write_bytes(os.urandom(5000))
    ok(run(data, "import", case_id, str(source), "--all"))
    show = json.loads(ok(run(data, "show", case_id, "--json")).stdout)
    ok(run(data, "attach", case_id, str(show["events"][0]["id"]), str(photo)))
    ok(run(data, "backup"))
    assert list((data / "backups").glob("*.sqlite3")) and list((data / "logs").glob("*.log"))
    assert _bad_modes(data) == []


def test_files_an_older_version_left_readable_are_tightened(demo_dir: Path) -> None:
    from desktop_app.core.services.workspace import Workspace
    from desktop_app.ui.settings import Settings

    (demo_dir / "settings.json").write_text("{}")
    (demo_dir / "cache" / "thumbs").mkdir(parents=True)
    for path in [demo_dir, demo_dir / "papertrail.sqlite3", demo_dir / "settings.json", demo_dir / "cache",
                 demo_dir / "cache" / "thumbs", *demo_dir.glob("logs/*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    for obj in (demo_dir / "vault" / "objects").rglob("*"):
        if obj.is_file():
            obj.chmod(0o444)  # what older versions stored
    with Workspace.open(demo_dir) as ws:
        ws.cases.create("one more", "CN")
        wal = ws.layout.database.with_name("papertrail.sqlite3-wal")
        shm = ws.layout.database.with_name("papertrail.sqlite3-shm")
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600 and stat.S_IMODE(shm.stat().st_mode) == 0o600
        Settings.load(ws.layout.settings).save()
        assert _bad_modes(demo_dir) == []


@pytest.mark.parametrize("how", ["refused", "ignored"])
def test_a_disk_that_ignores_permissions_is_reported(tmp_path: Path, monkeypatch, capsys, how: str) -> None:
    from desktop_app.cli import cmd_cases
    from desktop_app.cli.main import run_command

    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    real_chmod = os.chmod

    def chmod(path, mode, *a, **k):
        if Path(path) == data:
            if how == "refused":
                raise PermissionError(1, "Operation not permitted")
            return None  # a FAT mount: says yes, changes nothing
        return real_chmod(path, mode, *a, **k)

    monkeypatch.setattr(os, "chmod", chmod)
    args = argparse.Namespace(data_dir=str(data), command="cases", handler=cmd_cases.cmd_cases, json=False)
    assert run_command(args) == 0
    err = capsys.readouterr().err
    assert f"warning: {data}: could not be made private" in err
