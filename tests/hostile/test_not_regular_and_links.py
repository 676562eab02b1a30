"""Item 7 (FIFOs) and item 11 (links out of the folder, content beats extension): one line naming the
file, never a hang, never a file the user did not choose."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hostile_cli import assert_clean, run_cli
from import_paths import SAMPLES

from desktop_app.core.importers import detect
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.safeopen import open_regular

CALLS = SAMPLES / "sbr" / "calls-20240314201507.xml"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "phone"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(CALLS, folder / CALLS.name)
    os.mkfifo(folder / "sub" / "calls-20240101000000.xml")  # a FIFO deep in the folder, named like a backup
    os.mkfifo(tmp_path / "outside.xml")
    (folder / "pipe-link.xml").symlink_to(tmp_path / "outside.xml")  # a FIFO behind a link
    (folder / "IMG_20240314_201507.jpg").write_text("not a picture at all\n")
    (folder / "IMG_20240314_201508.jpg").symlink_to("/etc/passwd")
    (folder / "loop").symlink_to(folder)  # a link to a folder (a loop)
    return folder


def test_a_folder_with_fifos_and_links_imports_the_rest_and_names_each_skip(case_dir: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = run_cli(case_dir, "import", "1", str(folder), "--all", "--json")
    assert_clean(result)
    doc = json.loads(result.stdout)
    assert result.returncode == 0 and doc["imported"] == 20 and doc["evidence"] == []  # no "photo" of /etc/passwd
    warnings = "\n".join(doc["warnings"])
    assert "calls-20240101000000.xml: skipped (a named pipe (FIFO), not a file; it was not read)" in warnings
    assert "pipe-link.xml: skipped (a link to a file outside the folder being imported" in warnings
    assert "IMG_20240314_201507.jpg: skipped (named like a picture, but the file does not hold one)" in warnings
    assert "IMG_20240314_201508.jpg: skipped (a link to a file outside the folder" in warnings
    assert "loop: skipped (a link to a folder; it was not followed)" in warnings


@pytest.mark.parametrize("name", ["pipe.xml", "link-to-pipe.xml"])
def test_a_fifo_named_directly_is_one_clear_error(case_dir: Path, tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / "pipe.xml")
    if name != "pipe.xml":
        (tmp_path / name).symlink_to(tmp_path / "pipe.xml")
    for args in (["--all"], []):  # importing, and only listing
        result = run_cli(case_dir, "import", "1", str(tmp_path / name), *args)
        assert_clean(result)
        assert result.returncode == ImportFormatError.exit_code
        assert result.stderr.strip().splitlines() == [f"papertrail: {name}: a named pipe (FIFO), not a file; "
                                                      "it was not read"]


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "late.xml")
    with pytest.raises(ImportFormatError, match="late.xml: a named pipe"):
        open_regular(tmp_path / "late.xml")  # O_NONBLOCK: returns at once, then fstat refuses it


def test_a_link_inside_the_folder_is_followed(tmp_path: Path) -> None:
    folder = tmp_path / "phone"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(CALLS, folder / "sub" / CALLS.name)
    (folder / "calls-link.xml").symlink_to(folder / "sub" / CALLS.name)
    (folder / "other.xml").symlink_to(CALLS)  # the same content, but outside: not followed
    reports = detect.expand([folder], "Asia/Shanghai")
    by_name = {r.name: r for r in reports}
    assert by_name["calls-link.xml"].format == "sbr_calls" and not by_name["calls-link.xml"].error
    assert by_name["other.xml"].format == "unsupported" and "outside the folder" in by_name["other.xml"].error


def test_text_named_like_a_picture_is_not_a_picture_even_when_named_directly(case_dir: Path,
                                                                            tmp_path: Path) -> None:
    fake = tmp_path / "IMG_20240314_201507.jpg"
    fake.write_text("root:x:0:0:root:/root:/bin/bash\n")
    result = run_cli(case_dir, "import", "1", str(fake), "--all")
    assert_clean(result)
    assert result.returncode == ImportFormatError.exit_code
    assert "IMG_20240314_201507.jpg: named like a picture, but the file does not hold one" in result.stderr


def test_an_iphone_manifest_cannot_point_out_of_the_backup(tmp_path: Path) -> None:
    import sqlite3

    backup = tmp_path / "backup"
    backup.mkdir()
    secret = tmp_path / "elsewhere.db"
    shutil.copy(SAMPLES / "ios" / "sms.db", secret)
    with sqlite3.connect(backup / "Manifest.db") as conn:
        conn.execute("CREATE TABLE Files (fileID TEXT, domain TEXT, relativePath TEXT, flags INT, file BLOB)")
        # An absolute fileID: `folder / id[:2] / id` is then that path itself.
        conn.execute("INSERT INTO Files VALUES (?, 'HomeDomain', 'Library/SMS/sms.db', 1, NULL)", (str(secret),))
    with pytest.raises(ImportFormatError, match="holds no messages or call history"):
        detect.expand([backup], "Asia/Shanghai")
