"""A dossier never presents a missing or altered file as an exhibit (issue 13, item 4).

Run through the real command line: the report stops with one line naming the exhibits and
writes nothing, unless the user chooses --leave-out-unverified; then the PDF says which exhibits
were left out and why, and its manifest and declaration cover only what it holds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from report_case_builder import build_case, pdftotext, squash

from desktop_app.core.report.common import ReportOptions, build_report
from desktop_app.core.report.exhibit_check import UnverifiedExhibitsError


def run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAPERTRAIL_HOME": "", "LANG": "en_US.UTF-8", "LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data), "--lang", "en", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def _replace_same_size(path: Path) -> None:
    """Another file of exactly the same size where the vault copy was (the vault keeps files read-only)."""
    size = path.stat().st_size
    path.chmod(0o600)
    path.write_bytes(b"\xff" * size)


def _setup(workspace) -> tuple[Path, int, dict[str, object]]:
    built = build_case(workspace)
    items = {v.id: v for v in workspace.evidence.list(built.case_id)}
    photo, text = items[built.evidence_ids["photo"]], items[built.evidence_ids["txt"]]
    workspace.close()
    return workspace.data_dir, built.case_id, {"photo": photo, "text": text}


def test_an_altered_or_missing_exhibit_stops_the_report(workspace, tmp_path) -> None:
    data, case_id, ex = _setup(workspace)
    out = tmp_path / "dossier.pdf"
    # A first dossier fills the photo cache: the replaced file must still be caught afterwards.
    assert run(data, "report", str(case_id), "--lang", "en", "-o", str(out)).returncode == 0
    out.unlink()
    _replace_same_size(Path(ex["photo"].path))
    Path(ex["text"].path).unlink()
    result = run(data, "report", str(case_id), "--lang", "en", "-o", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{ex['photo'].exhibit} (IMG_20260306_213500.jpg) no longer matches its SHA-256" in lines[0]
    assert f"{ex['text'].exhibit} (短信导出.txt) is missing from the vault" in lines[0]
    assert "--leave-out-unverified" in lines[0]
    assert not out.exists() and not list(tmp_path.glob(".~*"))
    # The evidence package refuses as before, even though `report` now has the choice.
    result = run(data, "package", str(case_id), "-o", str(tmp_path / "p.zip"))
    assert result.returncode == 2 and ex["photo"].exhibit in result.stderr and not (tmp_path / "p.zip").exists()


def test_leaving_them_out_says_which_and_why(workspace, tmp_path) -> None:
    data, case_id, ex = _setup(workspace)
    _replace_same_size(Path(ex["photo"].path))
    out = tmp_path / "dossier.pdf"
    result = run(data, "report", str(case_id), "--lang", "en", "--leave-out-unverified", "-o", str(out), "--json")
    assert result.returncode == 0, result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    assert any(ex["photo"].exhibit in w and "missing or altered" in w for w in warnings)
    flat = squash(pdftotext(out))
    photo = ex["photo"].exhibit
    assert squash(f"{photo} · IMG_20260306_213500.jpg: the stored file no longer matches the SHA-256 recorded "
                  "when it was added.") in flat
    assert squash(f"Left out of this dossier because the stored file is missing or no longer matches its "
                  f"SHA-256: {photo}.") in flat
    assert f"storedfilesaremissingoraltered:{photo}(seetheevidenceindex)." in flat  # on the cover
    assert f"{photo}(leftout)" in flat  # where the chronology cites it
    # Its exhibit page is gone (only the text exhibit's page remains).
    assert "IMG_20260306_213500.jpg·" not in flat and ex["text"].exhibit + "·短信导出.txt" in flat


def test_integrity_statements_claim_only_what_is_true(workspace, tmp_path) -> None:
    data, case_id, ex = _setup(workspace)
    out = tmp_path / "dossier.pdf"
    assert run(data, "report", str(case_id), "--lang", "en", "-o", str(out)).returncode == 0
    flat = squash(pdftotext(out))
    assert "completeandunalteredcopies" not in flat and "cannotbechangedunnoticed" not in flat
    # The photo is printed reduced, beside the original's size, pixels and hash.
    photo = ex["photo"]
    assert squash(f"The original file is {photo.size} B, {photo.width}×{photo.height} pixels") in flat
    # (a 60×40 photo is not made smaller, only re-encoded as JPEG: it says so)
    assert "Copyre-compressedforprinting(" in flat and photo.sha256 in flat
    assert "isthecomplainant'sowntranscript,notanoriginaldocument" in flat
    assert "noindependenttimestampisattached" in flat
    assert "checkedeveryexhibitagainstitwhenthisdossierwasmade" in flat


def test_the_letter_checks_its_attachments_too(workspace, tmp_path) -> None:
    case = workspace.cases.create("Card", "CN", product_type="信用卡", balance=Decimal("30000"),
                                  principal=Decimal("30000"), borrower_name="Zhang Wei")
    item = workspace.evidence.record(case.id, [workspace.evidence.store_bytes(case.id, b"payslip", "payslip.txt")])[0]
    workspace.cases.update(case.id, negotiation={
        "income": [{"label": "salary", "monthly": "5200"}], "evidence_ids": [item.id],
        "proposal": {"kind": "longer_term", "instalments": 24, "first_due": "2027-01-20"}})
    _replace_same_size(Path(item.path))
    out = tmp_path / "letter.pdf"
    with pytest.raises(UnverifiedExhibitsError, match="E-001 \\(payslip.txt\\) no longer matches"):
        build_report(workspace, case.id, ReportOptions(kind="negotiation", lang="en"), out)
    assert not out.exists()
    result = build_report(workspace, case.id, ReportOptions(kind="negotiation", lang="en",
                                                            leave_out_unverified=True), out)
    assert any("E-001" in w and "missing or altered" in w for w in result.warnings)
    flat = squash(pdftotext(out))
    assert item.sha256 not in flat and "Nodocumentsareattached." in flat
