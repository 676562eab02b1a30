"""Preview, printing and the demo case's letter through the dialog's helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.core.i18n import current_language, set_language
from desktop_app.core.report.common import ReportOptions, build_report
from desktop_app.ui import report_preview

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _fonts_and_language(qapp):
    from desktop_app.ui.fonts import register_app_fonts

    register_app_fonts()
    before = current_language()
    yield
    set_language(before)


@pytest.fixture
def demo_letter(demo_workspace, tmp_path: Path) -> Path:
    out = tmp_path / "demo_letter.pdf"
    build_report(demo_workspace, demo_workspace.demo_case_id, ReportOptions(kind="negotiation", lang="zh_CN"), out)
    return out


def test_preview_shows_the_first_pages(qtbot, demo_letter: Path) -> None:
    set_language("en")
    preview = report_preview.ReportPreview()
    qtbot.addWidget(preview)
    assert preview.show_pdf(demo_letter)
    total = len(PdfReader(demo_letter).pages)
    assert len(preview.page_labels) == min(3, total)
    image = preview.page_labels[0].pixmap().toImage()
    assert image.width() == report_preview.PREVIEW_WIDTH
    # A rendered page is mostly white paper with dark text on it, not a blank or black box.
    colours = {image.pixelColor(x, y).lightness() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert max(colours) > 240 and min(colours) < 120
    assert f"{total}" in preview.summary.text()


def test_preview_of_a_damaged_file_says_what_to_do(qtbot, tmp_path: Path) -> None:
    set_language("en")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not a PDF body")
    preview = report_preview.ReportPreview()
    qtbot.addWidget(preview)
    assert not preview.show_pdf(bad)
    assert preview.page_labels == [] and "Open" in preview.summary.text()


def test_print_renders_every_page_onto_the_printer(qtbot, demo_letter: Path, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a "printer" whose output we can read back
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    printer.setResolution(100)
    total = len(PdfReader(demo_letter).pages)
    assert report_preview.print_to(printer, demo_letter) == total
    assert len(PdfReader(printed).pages) == total

    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setFromTo(2, 2)
    assert report_preview.print_to(printer, demo_letter) == 1
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 1


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW", "en"])
def test_demo_case_letter_in_every_language(demo_workspace, tmp_path: Path, lang: str) -> None:
    """The built-in demo's negotiation request (written by the demo builder) makes a letter."""
    out = tmp_path / f"demo-{lang}.pdf"
    result = build_report(demo_workspace, demo_workspace.demo_case_id, ReportOptions(kind="negotiation", lang=lang),
                          out)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "林晓雯" in text and "AHXF-2025-06-0045621" in text and "\ufffd" not in text
    assert result.pages >= 2
