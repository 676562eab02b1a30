"""`papertrail report` on a user's case and on the built-in demo, and the dossier of the CN demo."""

from __future__ import annotations

import json
import re

from report_case_builder import build_case, pdffonts, pdftotext, pypdf_text, squash

from desktop_app.cli.main import main
from desktop_app.core.report.common import ReportOptions, build_report


def test_report_cli_json(workspace, tmp_path, capsys) -> None:
    built = build_case(workspace)
    workspace.close()
    out = tmp_path / "d.pdf"
    code = main(["--data-dir", str(workspace.data_dir), "report", str(built.case_id), "--kind", "complaint",
                 "--lang", "zh_TW", "--paper", "letter", "--redact-third-parties", "--from", "2026-03-03",
                 "--excerpts", "-o", str(out), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"paths": [str(out)], "pages": data["pages"], "bytes": out.stat().st_size, "volumes": 1,
                    "warnings": data["warnings"]}
    flat = squash(pdftotext(out))
    assert "關於催收行為的申訴資料" in flat and "李秀英" not in flat and "未接来电" not in flat


def test_report_cli_errors_are_one_line(workspace, tmp_path, capsys) -> None:
    workspace.close()
    code = main(["--data-dir", str(workspace.data_dir), "report", "77", "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "77" in err
    code = main(["--data-dir", str(workspace.data_dir), "report", "-o", str(tmp_path / "x.pdf")])
    assert code == 2 and "--demo" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_report_demo_needs_no_setup(demo_dir, tmp_path, capsys) -> None:
    import shutil

    from desktop_app.core.paths import demo_data_dir

    # --demo uses (and, when missing, creates) the demo data folder; seed it with the session's
    # prebuilt demo so the test does not spend its time building the demo again.
    shutil.copytree(demo_dir, demo_data_dir())
    out = tmp_path / "demo.pdf"
    assert main(["report", "--demo", "--lang", "en", "-o", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["paths"] == [str(out)] and data["pages"] > 3 and data["volumes"] == 1


def test_cn_demo_dossier(demo_workspace, tmp_path) -> None:
    ws = demo_workspace
    case_id = ws.demo_case_id
    case = ws.cases.get(case_id)
    evidence = ws.evidence.list(case_id)
    assert evidence
    for lang in ("zh_CN",):  # (en and zh_TW are covered on the small case)
        out = tmp_path / f"demo-{lang}.pdf"
        result = build_report(ws, case_id, ReportOptions(lang=lang), out)
        assert result.volumes == 1 and result.size < 10 * 1024 * 1024
        for text in (pdftotext(out), pypdf_text(out)):
            assert "\ufffd" not in text
            flat = squash(text)
            assert squash(case.borrower_name) in flat and case.reference in flat
            for item in evidence:
                assert item.exhibit in flat
                assert re.search(rf"(?<![0-9a-f]){item.sha256}(?![0-9a-f])", text), item.exhibit
            for request in case.requests[:2]:
                assert squash(request) in flat
        assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in pdffonts(out))
