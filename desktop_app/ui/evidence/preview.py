"""Preview one evidence file: images upright, a PDF's first page, text, or a recording to play.

Reading and rendering run in a worker (a 20-megapixel photo or a scanned PDF would freeze
the window); the widget shows "Loading…" meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.display import escape_controls
from desktop_app.core.domain.models import Evidence
from desktop_app.core.i18n import _
from desktop_app.ui.evidence.loaders import PreviewContent, kind_of, load_preview
from desktop_app.ui.panel_format import fmt_datetime, fmt_duration, fmt_size, named
from desktop_app.ui.workers import run_task


class PreviewWidget(QWidget):
    loaded = Signal(str)  # the kind shown: image, pdf, text, audio, none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: PreviewContent | None = None
        self._token = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # it shows the file's own name
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        named(self.image, _("Picture"))
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        named(self.text, _("Text of the file"))
        # The audio player (QtMultimedia, with its FFmpeg and sound-system libraries) is made on
        # first use: a computer without those libraries must still open every other preview.
        self.audio = None
        audio_page = QWidget()
        self._audio_layout = QVBoxLayout(audio_page)
        self._audio_layout.addStretch(1)
        for page in (self.message, self.scroll, self.text, audio_page):
            self.stack.addWidget(page)
        self._audio_page = audio_page
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

    def _audio_player(self):
        if self.audio is None:
            from desktop_app.ui.evidence.audio import AudioPlayer  # imports QtMultimedia

            self.audio = AudioPlayer()
            self._audio_layout.addWidget(self.audio)
            self._audio_layout.addStretch(1)
        return self.audio

    def show_evidence(self, evidence: Evidence | None) -> None:
        self._token += 1
        if self.audio is not None:
            self.audio.set_source(None)
        self.note.clear()
        self.content = None
        if evidence is None:
            self.title.clear()
            self._message(_("Choose a file to preview it."))
            return
        facts = [evidence.exhibit, escape_controls(evidence.original_name), fmt_size(evidence.size)]
        if evidence.capture_time:
            facts.append(_("taken {when}").format(when=fmt_datetime(evidence.capture_time)))
        if evidence.duration_s:
            facts.append(fmt_duration(evidence.duration_s))
        self.title.setText(" · ".join(facts))
        kind = kind_of(evidence.mime)
        if kind == "audio":
            try:
                player = self._audio_player()
            except ImportError as exc:  # e.g. libpulse0 missing on a minimal Linux
                self._message(_("Recordings cannot be played on this computer ({error}); use “Open with the "
                                "system app”.").format(error=exc))
                self.content = PreviewContent("none")
                self.loaded.emit("none")
                return
            player.set_source(evidence.path)
            self.stack.setCurrentWidget(self._audio_page)
            self.content = PreviewContent("audio")
            self.loaded.emit("audio")
            return
        if kind == "none" and evidence.mime != "application/octet-stream":
            self._message(_("There is no preview for this kind of file; use “Open with the system app”."))
            self.content = PreviewContent("none")
            self.loaded.emit("none")
            return
        self._message(_("Loading…"))
        token = self._token
        path, mime = evidence.path, evidence.mime
        run_task(lambda _p, _c: load_preview(path, mime),
                 on_result=lambda content: self._show(token, content))

    def _message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _show(self, token: int, content: PreviewContent) -> None:
        if token != self._token:  # the user moved on to another file meanwhile
            return
        self.content = content
        if content.kind in ("image", "pdf"):
            image = QImage.fromData(content.png, "PNG")
            pixmap = QPixmap.fromImage(image)
            available = self.scroll.viewport().size()
            if pixmap.width() > available.width() or pixmap.height() > available.height():
                pixmap = pixmap.scaled(available, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            self.image.setPixmap(pixmap)
            self.stack.setCurrentWidget(self.scroll)
            if content.kind == "pdf":
                self.note.setText(_("Page 1 of {n}").format(n=content.pages))
        elif content.kind == "text":
            self.text.setPlainText(content.text)
            self.stack.setCurrentWidget(self.text)
            note = _("Read as {encoding}.").format(encoding=content.encoding)
            if content.truncated:
                note += " " + _("Only the first 200 KB are shown.")
            self.note.setText(note)
        elif not content.problem:
            self._message(_("There is no preview for this kind of file; use “Open with the system app”."))
        else:
            self._message(_("This file could not be shown. It may be damaged or missing from the vault."))
        self.loaded.emit(content.kind)


class PreviewDialog(QDialog):
    def __init__(self, evidence: Evidence, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preview of {exhibit}").format(exhibit=evidence.exhibit))
        self.setAccessibleName(self.windowTitle())
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.preview = PreviewWidget(self)
        layout.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.finished.connect(lambda _r: self.preview.audio.stop() if self.preview.audio is not None else None)
        self.preview.show_evidence(evidence)
