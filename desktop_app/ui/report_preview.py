"""What the report dialog does with a finished PDF: preview its first pages, print it, show it.

Pages are rendered with pypdfium2 (the same engine Chrome uses), so the preview and the print
look exactly like the file; when rendering is not possible the preview says so and the user
can still open the PDF in their own viewer.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.core.i18n import _

log = logging.getLogger(__name__)

PREVIEW_PAGES = 3
PREVIEW_WIDTH = 300  # pixels per page thumbnail: readable headings, three side by side


def _to_qimage(pil_image) -> QImage:
    rgba = pil_image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    return QImage(data, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888).copy()


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_pages(path: Path, *, first: int = 0, count: int | None = None, width_px: int | None = None,
                 dpi: float | None = None) -> list[QImage]:
    """Pages of `path` as images, `width_px` wide (thumbnails) or at `dpi` (printing)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        last = len(pdf) if count is None else min(len(pdf), first + count)
        images = []
        for index in range(first, last):
            page = pdf[index]
            try:
                width_pt = page.get_size()[0]
                scale = width_px / width_pt if width_px else (dpi or 150) / 72
                images.append(_to_qimage(page.render(scale=scale).to_pil()))
            finally:
                page.close()
        return images
    finally:
        pdf.close()


class ReportPreview(QScrollArea):
    """The first pages of a built PDF, side by side, with a line saying how many pages there are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.setWidgetResizable(True)
        self.setMinimumHeight(260)
        self.page_labels: list[QLabel] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.clear()

    def clear(self) -> None:
        self.page_labels = []
        holder = QWidget()
        QVBoxLayout(holder).addWidget(self.summary)
        self.summary.setText("")
        self.setWidget(holder)

    def show_pdf(self, path: Path) -> bool:
        """Render the first pages of `path`; False (with a message instead) when that is not possible."""
        try:
            total = page_count(path)
            images = render_pages(path, count=PREVIEW_PAGES, width_px=PREVIEW_WIDTH)
        except Exception as exc:  # noqa: BLE001 - any renderer failure: say so, the file itself is fine
            log.warning("preview failed: %s", type(exc).__name__)
            self.clear()
            self.summary.setText(_("The preview is not available. Use Open to view the PDF in your PDF reader."))
            return False
        holder = QWidget()
        outer = QVBoxLayout(holder)
        row = QHBoxLayout()
        self.page_labels = []
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setFrameShape(QLabel.Shape.Box)
            label.setAccessibleName(_("Page {n}").format(n=number))
            label.setToolTip(_("Page {n}").format(n=number))
            row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
            self.page_labels.append(label)
        row.addStretch(1)
        shown = _("Preview: the first {n} of {total} pages.").format(n=len(images), total=total)
        self.summary = QLabel(shown)
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        outer.addLayout(row)
        self.setWidget(holder)
        return True


def print_pdf(path: Path, parent: QWidget | None = None) -> bool:
    """Ask for a printer and print `path` on it.  True if printed."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    return print_to(printer, path) > 0


def print_to(printer, path: Path) -> int:
    """Draw the pages of `path` (the printer's page range, else all) onto `printer`, each scaled to
    fit the paper; returns the number of pages printed."""
    # 300 dpi is plenty for text; a 1200-dpi printer would make each page a 100 MB image.
    dpi = min(printer.resolution(), 300)
    total = page_count(path)
    first, last = (printer.fromPage(), printer.toPage()) if printer.fromPage() > 0 else (1, total)
    last = min(last, total)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            image = render_pages(path, first=number - 1, count=1, dpi=dpi)[0]
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.x(), target.y(), size.width(), size.height()), image)
    finally:
        painter.end()
    return max(0, last - first + 1)


def open_file(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Open the file manager at `path`, with the file selected where the platform allows it."""
    try:
        if sys.platform == "win32":
            subprocess.Popen(["explorer", "/select,", str(path)])  # noqa: S603,S607 - fixed program, our path
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", "-R", str(path)])  # noqa: S603,S607
            return True
    except OSError:
        pass
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
