"""Play a call recording: play/pause, a position slider, elapsed / total time.

QtMultimedia (PySide6-Addons) decodes with its bundled FFmpeg, so AMR, M4A, MP3 and WAV from
phones all play.  With no sound device (a server, CI) the media still loads and reports its
duration, so the controls work and the tests can check them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QStyle, QToolButton, QWidget

from desktop_app.core.i18n import _
from desktop_app.ui.panel_format import fmt_duration, named


class AudioPlayer(QWidget):
    duration_known = Signal(int)  # milliseconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.play_button = QToolButton()
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        named(self.play_button, _("Play"), _("Play or pause the recording"))
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setPageStep(5000)
        self.slider.setSingleStep(1000)
        named(self.slider, _("Position in the recording"))
        self.slider.sliderMoved.connect(self.player.setPosition)
        self.slider.valueChanged.connect(self._slider_changed)
        self.time_label = QLabel(fmt_duration(0) + " / " + fmt_duration(0))
        named(self.time_label, _("Elapsed and total time"))
        self.status = QLabel()
        layout.addWidget(self.play_button)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.status)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.positionChanged.connect(self._position_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.player.errorOccurred.connect(self._error)

    def set_source(self, path: Path | str | None) -> None:
        self.player.stop()
        self.status.clear()
        self.slider.setRange(0, 0)
        self.play_button.setEnabled(path is not None)
        self.player.setSource(QUrl.fromLocalFile(str(path)) if path else QUrl())

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def stop(self) -> None:
        self.player.stop()

    @property
    def duration_ms(self) -> int:
        return int(self.player.duration())

    def _duration_changed(self, duration: int) -> None:
        self.slider.setRange(0, max(0, duration))
        self._show_time(self.player.position(), duration)
        if duration > 0:
            self.duration_known.emit(duration)

    def _position_changed(self, position: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(position)
            self.slider.blockSignals(False)
        self._show_time(position, self.player.duration())

    def _slider_changed(self, value: int) -> None:
        # Keyboard steps (arrows, Page Up/Down) move the slider without a drag: seek there too.
        if not self.slider.isSliderDown() and abs(value - self.player.position()) > 500:
            self.player.setPosition(value)

    def _show_time(self, position: int, duration: int) -> None:
        self.time_label.setText(f"{fmt_duration(position / 1000)} / {fmt_duration(duration / 1000)}")

    def _state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setAccessibleName(_("Pause") if playing else _("Play"))

    def _error(self, _error: QMediaPlayer.Error, _text: str = "") -> None:
        self.status.setText(_("This recording cannot be played here; use “Open with the system app”."))
