"""The Settings dialog.  The settings themselves live in the core (`core/settings.py`), where
the command line reads them too."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language
from desktop_app.core.settings import Settings

__all__ = ["Settings", "SettingsDialog"]


class SettingsDialog(QDialog):
    """Language (and room for more).  Emits `language_changed` when the user picks another."""

    language_changed = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(440)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        form = QFormLayout()
        label = QLabel(_("&Language:"))
        label.setBuddy(self.language)
        form.addRow(label, self.language)
        note = QLabel(_("Everything you record stays on this computer, in {folder}.").format(
            folder=str(settings.path.parent) if settings.path else ""))
        note.setWordWrap(True)
        note.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        code = self.language.currentData()
        if code and code != current_language():
            self.settings.language = code
            self.settings.save()
            self.language_changed.emit(code)
        super().accept()
