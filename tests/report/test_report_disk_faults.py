"""A full or failing disk while a dossier or package is written (issue 13, item 6): the message
names the disk and the folder, not the case or the exhibits; no PDF, ZIP or staging file is left;
the database is untouched."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from report_case_builder import build_case

from desktop_app.cli.main import main as cli_main
from desktop_app.core.errors import DataFolderIOError, DiskFullError
from desktop_app.core.package import build_package
from desktop_app.core.report import staging
from desktop_app.core.report.common import ReportOptions, build_report


def _failing_save(code: int):
    def save(self, filename, canvas):  # ReportLab's last step: the bytes of the PDF go to disk
        with open(filename, "wb") as fh:
            fh.write(b"%PDF-1.4 half")
        raise OSError(code, errno.errorcode[code])
    return save


def _intact(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


@pytest.mark.parametrize(("code", "kind", "words"), [(errno.ENOSPC, DiskFullError, "is full"),
                                                     (errno.EIO, DataFolderIOError, "input/output")])
def test_report_on_a_failing_disk_names_the_disk_and_leaves_nothing(workspace, tmp_path: Path, monkeypatch,
                                                                   code: int, kind: type, words: str) -> None:
    built = build_case(workspace)
    monkeypatch.setattr("reportlab.pdfbase.pdfdoc.PDFDocument.SaveToFile", _failing_save(code))
    out = tmp_path / "out" / "dossier.pdf"
    out.parent.mkdir()
    with pytest.raises(kind) as caught:
        build_report(workspace, built.case_id, ReportOptions(lang="en"), out)
    assert words in str(caught.value) and str(workspace.layout.root) in str(caught.value)
    assert list(out.parent.iterdir()) == []
    assert list(staging.staging_root(workspace.layout.root).iterdir()) == []
    _intact(workspace.layout.database)


def test_package_on_a_full_disk_names_the_disk_and_leaves_nothing(workspace, tmp_path: Path, monkeypatch) -> None:
    built = build_case(workspace)
    monkeypatch.setattr("reportlab.pdfbase.pdfdoc.PDFDocument.SaveToFile", _failing_save(errno.ENOSPC))
    out = tmp_path / "case.zip"
    with pytest.raises(DiskFullError):
        build_package(workspace, built.case_id, out, ReportOptions(lang="en"))
    assert not out.exists() and list(staging.staging_root(workspace.layout.root).iterdir()) == []


def test_the_command_line_says_the_disk_is_full_in_one_line(workspace, tmp_path: Path, monkeypatch, capsys) -> None:
    built = build_case(workspace)
    data = workspace.layout.root
    workspace.close()
    monkeypatch.setattr("reportlab.pdfbase.pdfdoc.PDFDocument.SaveToFile", _failing_save(errno.ENOSPC))
    code = cli_main(["--data-dir", str(data), "--lang", "en", "report", str(built.case_id), "--kind", "complaint",
                     "--lang", "en", "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("papertrail:")]
    assert code not in (0, 70), err
    assert "Traceback" not in err and "unexpected" not in err
    assert len(lines) == 1 and "is full" in lines[0], err
    assert not (tmp_path / "x.pdf").exists()
    _intact(data / "papertrail.sqlite3")
