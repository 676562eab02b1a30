"""The e-mail budget: photos shrink to fit; when they cannot, the dossier splits into volumes."""

from __future__ import annotations

import io
import random

from PIL import Image
from pypdf import PdfReader
from report_case_builder import build_case, pdftotext, squash

from desktop_app.core.report.common import ReportOptions, build_report


def _noise_jpeg(seed: int, size=(480, 360)) -> bytes:
    rnd = random.Random(seed)
    im = Image.frombytes("RGB", size, rnd.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    return out.getvalue()


def _case_with_photos(ws, n: int = 8):
    built = build_case(ws)
    for i in range(n):
        pending = ws.evidence.store_bytes(built.case_id, _noise_jpeg(i), f"noise_{i}.jpg")
        ws.evidence.record(built.case_id, [pending], [built.event_ids["visit"]], f"照片 {i}")
    return built


def test_photos_shrink_to_fit_and_originals_stay(workspace, tmp_path) -> None:
    built = _case_with_photos(workspace)
    before = {v.sha256: v.size for v in workspace.evidence.list(built.case_id)}
    big = build_report(workspace, built.case_id, ReportOptions(lang="en", max_mb=5), tmp_path / "big.pdf")
    small = build_report(workspace, built.case_id, ReportOptions(lang="en", max_mb=0.5), tmp_path / "small.pdf")
    assert big.volumes == small.volumes == 1
    assert small.size <= 0.5 * 1024 * 1024 < big.size
    assert any("Photos were reduced" in w for w in small.warnings)
    assert not any("Photos were reduced" in w for w in big.warnings)
    # The vault's originals are untouched.
    after = workspace.evidence.list(built.case_id)
    assert {v.sha256: v.size for v in after} == before
    assert all(workspace.vault.check(v.sha256).value == "ok" for v in after)


def test_split_into_volumes_each_under_the_limit(workspace, tmp_path) -> None:
    built = _case_with_photos(workspace, 10)
    out = tmp_path / "dossier.pdf"
    result = build_report(workspace, built.case_id, ReportOptions(lang="zh_CN", max_mb=0.25), out)
    assert result.volumes >= 2
    assert result.paths[0] == out and result.paths[1] == tmp_path / "dossier-vol2.pdf"
    assert any("split into" in w for w in result.warnings)  # warnings are in the UI language
    budget = 0.25 * 1024 * 1024
    texts = []
    for path in result.paths:
        assert path.stat().st_size <= budget
        texts.append(squash(pdftotext(path)))
    assert result.pages == sum(len(PdfReader(str(p)).pages) for p in result.paths)
    assert result.size == sum(p.stat().st_size for p in result.paths)
    # Volume 1's cover lists the volumes; every exhibit's page is in exactly one volume.
    assert "dossier-vol2.pdf" in texts[0]
    for item in workspace.evidence.list(built.case_id):
        heading = squash(f"{item.exhibit} · {item.original_name}")
        assert sum(heading in t for t in texts) == 1, item.exhibit
        assert item.sha256 in texts[0]  # the index (with every hash) stays in volume 1
    assert not list(tmp_path.glob(".~*"))  # no temporary folder left


def test_a_later_single_volume_run_removes_its_stale_volumes(workspace, tmp_path) -> None:
    built = _case_with_photos(workspace, 10)
    out = tmp_path / "dossier.pdf"
    split = build_report(workspace, built.case_id, ReportOptions(lang="en", max_mb=0.25), out)
    assert split.volumes >= 2
    other = tmp_path / "dossier-vol9.pdf"
    other.write_bytes(b"%PDF-1.4 someone else's file")
    whole = build_report(workspace, built.case_id, ReportOptions(lang="en", max_mb=10), out)
    assert whole.volumes == 1
    assert sorted(p.name for p in tmp_path.glob("dossier*.pdf")) == ["dossier-vol9.pdf", "dossier.pdf"]
