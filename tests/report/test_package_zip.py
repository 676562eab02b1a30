"""The evidence package: originals byte for byte, a manifest whose hash is on the cover, SHA256SUMS
that `sha256sum -c` accepts, and nothing left behind on cancel or on a damaged vault file."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile

import pytest
from report_case_builder import build_case, pdftotext, squash

from desktop_app.core.errors import Cancelled, VaultError
from desktop_app.core.package import build_package
from desktop_app.core.progress import CancelToken
from desktop_app.core.report.common import ReportOptions


def test_package_contents_and_sha256sum_check(workspace, tmp_path) -> None:
    built = build_case(workspace)
    out = tmp_path / "out" / "evidence.zip"
    out.parent.mkdir()
    seen = []
    result = build_package(workspace, built.case_id, out, ReportOptions(lang="zh_TW"),
                           progress=lambda d, t, label="": seen.append((d, t)))
    assert result.path == out and out.exists() and result.exhibits == 4
    assert seen[-1] == (100, 100)
    assert sorted(os.listdir(out.parent)) == ["evidence.zip"]  # no temporary files left
    evidence = workspace.evidence.list(built.case_id)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert "manifest.json" in names and "SHA256SUMS" in names and "HOW-TO-VERIFY.txt" in names
        assert result.pdfs == ["PT-00001_complaint.pdf"]
        for item in evidence:
            name = f"{item.exhibit}_{item.original_name}"
            assert name in names
            assert hashlib.sha256(zf.read(name)).hexdigest() == item.sha256  # byte for byte
        manifest_raw = zf.read("manifest.json")
        manifest = json.loads(manifest_raw)
        zf.extractall(tmp_path / "x")
    assert manifest["case_reference"] == "PT-00001"
    entry = manifest["exhibits"][0]
    assert set(entry) >= {"exhibit", "sha256", "size", "original_name", "mime", "capture_time", "event_ids"}
    assert [e["exhibit"] for e in manifest["exhibits"]] == ["E-001", "E-002", "E-003", "E-004"]
    assert entry["event_ids"] == [built.event_ids["visit"]]
    # The cover of the dossier inside prints the SHA-256 of this very manifest.
    manifest_hash = hashlib.sha256(manifest_raw).hexdigest()
    assert result.manifest_sha256 == manifest_hash
    assert manifest_hash in pdftotext(tmp_path / "x" / "PT-00001_complaint.pdf")
    assert "證據目錄" in squash(pdftotext(tmp_path / "x" / "PT-00001_complaint.pdf"))
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path / "x", capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 4 + 2  # evidence + manifest + PDF
    assert manifest_hash in (tmp_path / "x" / "HOW-TO-VERIFY.txt").read_text("utf-8")


def test_cancel_leaves_no_zip(workspace, tmp_path) -> None:
    built = build_case(workspace)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    token = CancelToken()

    def progress(done, total, label=""):
        if done > 40:
            token.cancel()

    with pytest.raises(Cancelled):
        build_package(workspace, built.case_id, out_dir / "e.zip", ReportOptions(lang="en"), progress, token)
    assert list(out_dir.iterdir()) == []


def test_altered_vault_file_stops_the_package(workspace, tmp_path) -> None:
    built = build_case(workspace)
    item = workspace.evidence.get(built.evidence_ids["shot"])
    os.chmod(item.path, 0o600)
    with open(item.path, "ab") as fh:
        fh.write(b"tampered")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(VaultError, match="E-002"):
        build_package(workspace, built.case_id, out_dir / "e.zip", ReportOptions(lang="en"))
    assert list(out_dir.iterdir()) == []


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils")
def test_package_cli_json(workspace, tmp_path, capsys) -> None:
    from desktop_app.cli.main import main

    built = build_case(workspace)
    workspace.close()
    out = tmp_path / "p.zip"
    code = main(["--data-dir", str(workspace.data_dir), "package", str(built.case_id), "-o", str(out), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"] == str(out) and data["exhibits"] == 4 and data["bytes"] == out.stat().st_size
    assert len(data["manifest_sha256"]) == 64 and data["pdfs"] == ["PT-00001_complaint.pdf"]
