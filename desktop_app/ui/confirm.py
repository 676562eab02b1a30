"""Questions asked before something is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core.i18n import _


def confirm_replace(parent: QWidget | None, paths: list[Path]) -> bool:
    """True when none of `paths` exists, or the user agrees to replace those that do.  No is the
    default: Enter does not overwrite a PDF already sent to a regulator."""
    existing = [p for p in paths if p.exists()]
    if not existing:
        return True
    names = "\n".join(str(p) for p in existing)
    answer = QMessageBox.question(
        parent, _("Replace the file?"),
        _("This file already exists:\n{names}\nReplace it?").format(names=names),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
