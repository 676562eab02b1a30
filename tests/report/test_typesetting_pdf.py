"""Typesetting of a real dossier built through the services: Extension B characters drawn by the
shipped HanaMinB subset, bidi overrides shown not obeyed, kinsoku in the extracted lines, and the
missing-glyph warning covering every printed text (issue 14, item 6)."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest
from pypdf import PdfReader
from report_case_builder import pdffonts, pdftotext, pypdf_text, squash

from desktop_app.core.report import fonts
from desktop_app.core.report.common import ReportOptions, build_report
from desktop_app.core.report.linebreak import CLOSING, OPENING

EXT_B = "𠮷𡈽𪚥"
UNDRAWABLE = "\U00031350"  # CJK Extension H: in no shipped font
RLO = "\u202e"
PUNCTUATED = "他说“你这种人就是骗子，借钱不还的老赖。”又说：“明天就去你单位（人事部）！”……"


@pytest.fixture
def typeset_case(workspace):
    ws = workspace
    case = ws.cases.create(
        f"排版测试{RLO}", "CN", borrower_name=f"𠮷田花子{RLO}", borrower_contact="13800138000",
        statement="\n".join(f"第{i}段：" + PUNCTUATED * 3 + f"名字里有{EXT_B}。😡" for i in range(1, 9)),
        requests=["停止联系我的家人" + EXT_B, "提供录音，编号 12345678901234"],
    )
    collector = ws.parties.add(case.id, f"𡈽屋{UNDRAWABLE}经理", "collector", numbers=["171 0000 1111"])
    events = []
    for i in range(12):
        events.append(ws.events.log(
            case.id, "call", datetime(2026, 3, 2, 8 + i, 5), direction="incoming", call_outcome="answered",
            contact_value="17100001111", party_id=collector.id,
            summary=f"第{i}次：{PUNCTUATED}{EXT_B}" + (f" 文件名 abc{RLO}fdp.exe" if i == 3 else "")
            + (PUNCTUATED * 12 if i == 5 else ""),  # a long cell: many wrapped lines in the chronology
            quotes=f"“你等着！”{EXT_B}\n第二行：“还钱，”他说。", conduct=["abuse"]))
    pending = ws.evidence.store_bytes(case.id, b"just text", f"invoice{RLO}gpj.exe")
    ws.evidence.record(case.id, [pending], [events[0].id], caption=f"说明{EXT_B}{RLO}txt.exe")
    return case.id


def _line_problems(text: str) -> list[str]:
    bad = []
    for line in text.splitlines():
        body = line.strip()
        if body[:1] in CLOSING and body[:1] not in ".,:;!?)]}>%":  # ASCII may start a cell of figures
            bad.append(line)
        if body[-1:] in OPENING and body[-1:] not in "([{<$#":
            bad.append(line)
    return bad


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_ext_b_bidi_and_kinsoku_in_the_dossier(workspace, typeset_case, tmp_path, lang):
    out = tmp_path / f"t-{lang}.pdf"
    result = build_report(workspace, typeset_case, ReportOptions(lang=lang), out)
    text, layout_text = pdftotext(out), subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True).stdout
    reader = PdfReader(str(out))

    def titles(items) -> list[str]:
        return [t for item in items for t in (titles(item) if isinstance(item, list) else [item.title])]

    outline = titles(reader.outline)
    assert "E-001 · invoice[U+202E]gpj.exe" in outline
    for extracted in (text, pypdf_text(out), repr(outline), str(reader.metadata)):
        assert RLO not in extracted  # the override is shown, never obeyed (bookmarks and metadata too)
        assert "\ufffd" not in extracted
    flat = squash(text)
    assert "invoice[U+202E]gpj.exe" in flat and "abc[U+202E]fdp.exe" in flat
    assert EXT_B in flat and "𠮷田花子[U+202E]" in flat
    # Drawn by the shipped Extension B font, embedded.
    rows = pdffonts(out)
    assert any(row[0].endswith("+HanaMinB") and row[-5:-2] == ["yes", "yes", "yes"] for row in rows), rows
    # Kinsoku, as a reader sees it: no line starts with "，" "。" "”" … nor ends with "“" "（" …
    assert not _line_problems(text), _line_problems(text)[:5]
    assert not _line_problems(layout_text), _line_problems(layout_text)[:5]  # the page as laid out
    assert "12345678901234" in flat
    # The missing-glyph warning reads every printed text (here a party name), not only summaries.
    assert any(UNDRAWABLE in w for w in result.warnings), result.warnings
    assert not any("𠮷" in w or RLO in w for w in result.warnings)  # drawn, or shown as [U+202E]


def test_missing_glyph_warning_covers_the_statement_and_captions(workspace, tmp_path):
    case = workspace.cases.create("g", "CN", statement=f"陈述{UNDRAWABLE}")
    result = build_report(workspace, case.id, ReportOptions(lang="zh_CN"), tmp_path / "g.pdf")
    assert any(UNDRAWABLE in w for w in result.warnings)
    case2 = workspace.cases.create("g2", "CN")
    pending = workspace.evidence.store_bytes(case2.id, b"x", "a.txt")
    workspace.evidence.record(case2.id, [pending], [], caption=f"图{UNDRAWABLE}")
    result = build_report(workspace, case2.id, ReportOptions(lang="en"), tmp_path / "g2.pdf")
    assert any(UNDRAWABLE in w for w in result.warnings)
    clean = workspace.cases.create("g3", "CN", statement=f"陈述{EXT_B}😀")
    assert not build_report(workspace, clean.id, ReportOptions(lang="zh_CN"), tmp_path / "g3.pdf").warnings


def test_ext_b_font_is_a_small_subset_that_draws_the_examples():
    from reportlab.pdfbase import pdfmetrics

    from desktop_app.core.paths import resource_path

    fonts.register()
    path = resource_path("fonts", "HanaMinB-Names.ttf")
    assert path.stat().st_size < 2_000_000  # a subset: the whole HanaMinB is 30 MB
    assert fonts.missing(EXT_B) == set() and fonts.missing(UNDRAWABLE) == {UNDRAWABLE}
    face = pdfmetrics.getFont(fonts.EXT_B).face
    assert all(face.charToGlyph.get(ord(ch)) for ch in EXT_B)  # real glyphs, not glyph 0
    assert resource_path("fonts", "Hanazono-LICENSE.txt").is_file()


def test_cli_report_json_warns_about_undrawable_characters(workspace, tmp_path):
    """`papertrail report --json` (a real subprocess) carries the warning for a character in a
    party's name and a request, which the old check (summaries and bodies only) never saw."""
    import json
    import sys

    case = workspace.cases.create("cli", "CN", requests=[f"请求{UNDRAWABLE}"])
    workspace.parties.add(case.id, f"王{UNDRAWABLE}", "collector")
    workspace.close()
    out = tmp_path / "cli.pdf"
    run = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(workspace.data_dir), "report",
                          str(case.id), "--lang", "zh_CN", "-o", str(out), "--json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    warnings = json.loads(run.stdout)["warnings"]
    assert any(UNDRAWABLE in w for w in warnings), warnings
