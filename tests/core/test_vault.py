"""The evidence vault: content addressing, atomic writes, read-only copies, verification."""

from __future__ import annotations

import io
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from desktop_app.core.domain.enums import CaptureSource
from desktop_app.core.errors import Cancelled, FileInputError
from desktop_app.core.progress import CancelToken
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.vault.sniff import sniff_file, sniff_mime, time_from_name
from desktop_app.core.vault.vault import FileState, Vault, sha256_of


def _png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    return buf.getvalue()


def test_add_copies_hashes_and_stores_read_only(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault").create()
    src = tmp_path / "screenshot.png"
    src.write_bytes(_png_bytes())
    before = (src.read_bytes(), src.stat().st_mtime_ns, src.stat().st_mode)
    stored = vault.add_file(src)
    assert stored.sha256 == sha256_of(src)
    assert stored.path == vault.path_for(stored.sha256)
    assert stored.path.read_bytes() == src.read_bytes()
    assert not stored.path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert (src.read_bytes(), src.stat().st_mtime_ns, src.stat().st_mode) == before  # original untouched
    assert list(vault.tmp.iterdir()) == []


def test_same_content_is_stored_once(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault").create()
    a, b = tmp_path / "a.bin", tmp_path / "b.bin"
    a.write_bytes(b"same bytes")
    b.write_bytes(b"same bytes")
    first, second = vault.add_file(a), vault.add_file(b)
    assert first.sha256 == second.sha256
    assert not first.already_present and second.already_present
    assert sum(1 for _ in vault.objects.rglob("*") if _.is_file()) == 1


def test_cancel_mid_copy_leaves_no_object_and_no_temp_file(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "vault").create()
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    token = CancelToken()

    def progress(done: int, total: int, label: str = "") -> None:
        if done >= 1024 * 1024:
            token.cancel()

    with pytest.raises(Cancelled):
        vault.add_file(big, progress, token)
    assert list(vault.tmp.iterdir()) == []
    assert not any(p.is_file() for p in vault.objects.rglob("*"))


def test_sweep_removes_dead_processes_temp_files_and_sets_orphans_aside(tmp_path: Path) -> None:
    """The rule: no code path deletes a vault object.  An unreferenced one is moved to orphans/,
    content and read-only mode intact; only temporary files of processes that are gone are removed."""
    import subprocess
    import sys

    vault = Vault(tmp_path / "vault").create()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = vault.tmp / f"incoming-{gone.pid}-abc.part"
    dead.write_bytes(b"half a file")
    live = vault.tmp / f"incoming-{os.getppid()}-def.part"  # another process, still running
    live.write_bytes(b"being copied")
    orphan = vault.add_bytes(b"never recorded")
    os.utime(orphan.path, (0, 0))  # old enough to be certain no writer is still busy with it
    young = vault.add_bytes(b"just stored by an attach not yet recorded")
    kept = vault.add_bytes(b"recorded")
    assert vault.sweep(referenced={kept.sha256}) == 2
    assert not dead.exists() and live.exists()
    assert not orphan.path.exists() and kept.path.exists() and young.path.exists()
    [set_aside] = vault.list_orphans()
    assert set_aside.sha256 == orphan.sha256 and set_aside.path.read_bytes() == b"never recorded"
    assert set_aside.path.stat().st_mode & 0o777 == 0o400


@pytest.mark.parametrize("problem", ["missing", "folder", "unreadable"])
def test_bad_source_files_are_named(tmp_path: Path, problem: str) -> None:
    vault = Vault(tmp_path / "vault").create()
    path = tmp_path / "input"
    if problem == "folder":
        path.mkdir()
    elif problem == "unreadable":
        if os.geteuid() == 0:
            pytest.skip("root can read anything")
        path.write_bytes(b"x")
        path.chmod(0)
    with pytest.raises(FileInputError) as info:
        vault.add_file(path)
    assert str(path) in str(info.value)


def test_verify_reports_altered_and_missing(workspace: Workspace, tmp_path: Path) -> None:
    case = workspace.cases.create("c", "CN")
    event = workspace.events.log(case.id, "note", datetime(2026, 3, 1, 9, 0))
    files = []
    for name in ("one.txt", "two.txt", "three.txt"):
        p = tmp_path / name
        p.write_text(f"content of {name}")
        files.append(p)
    ev = workspace.evidence.attach(case.id, files, [event.id])
    assert [r.state for r in workspace.evidence.verify()] == [FileState.OK] * 3
    altered, missing = Path(ev[0].path), Path(ev[1].path)
    altered.chmod(0o600)
    altered.write_text("tampered")
    missing.chmod(0o600)
    missing.unlink()
    states = {r.evidence.exhibit: r.state for r in workspace.evidence.verify()}
    assert states == {"E-001": FileState.ALTERED, "E-002": FileState.MISSING, "E-003": FileState.OK}


def test_mime_comes_from_content_not_name(tmp_path: Path) -> None:
    disguised = tmp_path / "really-a-png.txt"
    disguised.write_bytes(_png_bytes())
    assert sniff_file(disguised, "Asia/Shanghai").mime == "image/png"
    text = tmp_path / "msg.jpg"
    text.write_text("催收短信：请于今日还款", encoding="utf-8")
    assert sniff_file(text, "Asia/Shanghai").mime == "text/plain"
    assert sniff_mime(b"%PDF-1.7\n") == "application/pdf"
    assert sniff_mime(bytes(range(256))) == "application/octet-stream"


def test_capture_time_sources(tmp_path: Path) -> None:
    tz = "Asia/Shanghai"
    photo = tmp_path / "photo.jpg"
    image = Image.new("RGB", (40, 20), "blue")
    exif = Image.Exif()
    exif[0x8769] = {36867: "2026:03:05 19:42:10", 36881: "+08:00"}
    exif[274] = 6  # rotated: shown 20x40
    image.save(photo, exif=exif)
    facts = sniff_file(photo, tz)
    assert facts.capture_source == CaptureSource.EXIF
    assert facts.capture_time.isoformat() == "2026-03-05T19:42:10+08:00"
    assert (facts.width, facts.height) == (20, 40)

    shot = tmp_path / "Screenshot_20240314-201507.png"
    shot.write_bytes(_png_bytes())
    facts = sniff_file(shot, tz)
    assert facts.capture_source == CaptureSource.FILENAME
    assert facts.capture_time.isoformat() == "2024-03-14T20:15:07+08:00"

    plain = tmp_path / "notes.txt"
    plain.write_text("x")
    assert sniff_file(plain, tz).capture_source == CaptureSource.MTIME


@pytest.mark.parametrize("name, expected", [
    ("Screenshot_2024-03-14-20-15-07-123_com.tencent.mm.jpg", "2024-03-14T20:15:07"),
    ("IMG_20240314_201507.jpg", "2024-03-14T20:15:07"),
    ("微信图片_20240314201507.jpg", "2024-03-14T20:15:07"),
    ("13800138000_20240314201507.amr", "2024-03-14T20:15:07"),
    ("holiday.jpg", None),
    ("Screenshot_20241399-250000.png", None),  # not a real date
])
def test_time_from_phone_file_names(name: str, expected: str | None) -> None:
    value = time_from_name(name, "Asia/Shanghai")
    assert (value.replace(tzinfo=None).isoformat() if value else None) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_chinese_text_in_common_encodings_is_text(encoding: str) -> None:
    assert sniff_mime("催收短信：请于今日还款，否则上门。".encode(encoding)) == "text/plain"
