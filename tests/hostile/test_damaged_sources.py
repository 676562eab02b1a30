"""Item 8: damaged databases and lying pictures give one line naming the file and the problem (never exit 70),
and the rest is imported where that is safe."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import hostile_dbs as dbs
import hostile_images as images
import pytest
from hostile_cli import assert_clean, run_cli

from desktop_app.cli.main import main
from desktop_app.core.domain.enums import EventKind
from desktop_app.core.domain.times import now_local
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.services.workspace import Workspace


def _import(case_dir: Path, capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str, str]:
    code = main(["--data-dir", str(case_dir), "--lang", "en", "import", "1", *map(str, paths), "--all"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("make", "needle"), [
    (lambda p: dbs.ios_calls(p / "CallHistory.storedata", address=False), "table ZCALLRECORD has no column ZADDRESS"),
    (lambda p: dbs.ios_sms(p / "sms.db", text=False), "table message has no column text / attributedBody"),
    (lambda p: dbs.huawei_calls(p / "calllog.db", number=False), "table calls_tb has no column number"),
])
def test_a_database_missing_a_column_is_one_line_naming_it(case_dir: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str], make, needle) -> None:
    path = make(tmp_path)
    code, out, err = _import(case_dir, capsys, path)
    assert code == ImportFormatError.exit_code and out == ""
    assert err.strip().splitlines() == [f"papertrail: {path.name}: the {needle}, which we need; the database is "
                                        "damaged or from a version we do not know"]


def test_the_same_databases_whole_import(case_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _import(case_dir, capsys, dbs.ios_calls(tmp_path / "c.storedata"), dbs.ios_sms(tmp_path / "s.db"),
                             dbs.huawei_calls(tmp_path / "h.db"))
    assert code == 0 and "7 imported" in out, err


def test_a_call_length_of_abc_keeps_the_call_and_says_so(case_dir: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _import(case_dir, capsys, dbs.ios_calls(tmp_path / "CallHistory.storedata", duration="abc"))
    assert code == 0 and "3 imported" in out, err
    assert "warning: CallHistory.storedata, row 2: the call length cannot be read; kept without it." in out


def test_lying_pictures_import_with_a_warning_each_and_nothing_raw_on_stderr(case_dir: Path, tmp_path: Path) -> None:
    files = {
        "IMG_20240314_201501.png": images.png_declaring(50000, 50000),
        "IMG_20240314_201502.png": images.png_declaring(10000, 10000),  # Pillow only warns about this one
        "IMG_20240314_201503.jpg": images.jpeg_with_exif(offset="+99:99"),
        "IMG_20240314_201504.jpg": images.jpeg_with_exif("0001:01:01 00:00:00"),
        "IMG_20240314_201505.jpg": images.jpeg_with_exif("9999:12:31 23:59:59"),
        "IMG_20240314_201506.jpg": images.jpeg_corrupt_exif(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = run_cli(case_dir, "import", "1", *(str(tmp_path / n) for n in files), "--all", "--json")
    assert_clean(result)
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["imported"] == 6 and len(doc["evidence"]) == 6
    assert set(doc["warnings"]) >= {
        "IMG_20240314_201501.png: the picture declares more pixels than we open safely; its own date and size "
        "were not read.",
        "IMG_20240314_201503.jpg: the time zone in the picture (+99:99) cannot be right; the case's was used.",
        "IMG_20240314_201504.jpg: the date in the picture (0001:01:01 00:00:00) cannot be right; it was not used.",
        "IMG_20240314_201505.jpg: the date in the picture (9999:12:31 23:59:59) cannot be right; it was not used.",
        "IMG_20240314_201506.jpg: the picture's EXIF data is damaged.",
    }
    events = json.loads(run_cli(case_dir, "show", "1", "--json").stdout)
    text = json.dumps(events)
    assert "0001-01-01" not in text and "9999-12-31" not in text


def test_attaching_a_decompression_bomb_is_not_an_unexpected_error(case_dir: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(images.png_declaring(50000, 50000))
    with Workspace.open(case_dir) as ws:
        event = ws.events.insert(1, EventKind.NOTE, now_local("Asia/Shanghai"), summary="a visit")
    result = run_cli(case_dir, "attach", "1", str(event), str(bomb))
    assert_clean(result)
    assert result.returncode == 0 and "bomb.png" in result.stdout
    assert result.stderr.splitlines() == ["papertrail: warning: bomb.png: the picture declares more pixels than we "
                                          "open safely; its own date and size were not read."]


def test_a_decompression_bomb_inside_an_mms_is_named_and_the_message_kept(case_dir: Path, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    bomb = base64.b64encode(images.png_declaring(50000, 50000))
    path = tmp_path / "sms-20240314201507.xml"
    path.write_bytes(b"<?xml version='1.0' encoding='UTF-8'?>\n<smses>\n"
                     b'<mms date="1710165668512" msg_box="1" address="10086"><parts>'
                     b'<part seq="0" ct="text/plain" text="pay now"/>'
                     b'<part seq="1" ct="image/png" name="bomb.png" data="' + bomb + b'"/></parts>'
                     b'<addrs><addr address="10086" type="137"/></addrs></mms>\n</smses>\n')
    code, out, err = _import(case_dir, capsys, path)
    assert code == 0 and "1 imported" in out and "1 evidence files" in out, err
    assert ("warning: sms-20240314201507.xml, record 1: the attachment bomb.png: the picture declares more pixels "
            "than we open safely; its own date and size were not read.") in out


def test_sqlite_values_of_the_wrong_type_and_absurd_lengths_are_no_unexpected_error(
        case_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    path = tmp_path / "sms.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE sms_tb (address, date, type, body)")
        conn.executemany("INSERT INTO sms_tb VALUES (?,?,?,?)", [(10086, 1710165667512, 1, 42),
                                                                 (b"\xff", 1710165668512, 1, b"\x00")])
    calls = tmp_path / "calls-20240314201507.xml"
    calls.write_text('<calls><call number="1" duration="1e99" date="1710165667512" type="1"/></calls>')
    code, out, err = _import(case_dir, capsys, path, calls)
    assert code == 0 and "3 imported" in out, err
    assert "warning: calls-20240314201507.xml, record 1: the call length cannot be right; kept without it." in out
