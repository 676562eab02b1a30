"""At start, a missing, empty or damaged database: say so and offer the latest backup.

The GUI never creates a fresh database over a folder that holds evidence (the core refuses), and
never restores without asking: the user sees the problem, the backup it would bring back, and
that the current file is kept aside, not deleted.  The work is the core's (services/recovery.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop_app.core.errors import AppError, CorruptDatabaseError, MissingDatabaseError
from desktop_app.core.i18n import _

log = logging.getLogger(__name__)


def ask_restore(problem: CorruptDatabaseError | MissingDatabaseError, parent=None) -> bool:
    """Show the problem; True if the user chose to restore the latest backup."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Paper Trail", str(problem), parent=parent)
    box.setInformativeText(_("Restore the latest backup, {path}? The current database file is kept beside it, "
                             "never deleted, and no evidence file is touched.").format(path=problem.latest_backup))
    restore_button = box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button)
    box.exec()
    return box.clickedButton() is restore_button


def ask_start_empty(problem: MissingDatabaseError, parent=None) -> bool:
    """No backup at all: True if the user chose an empty database (the evidence kept as orphans)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Paper Trail", str(problem), parent=parent)
    box.setInformativeText(_("Start with an empty database? Every evidence file in the folder is kept, listed as "
                             "orphaned files that can be attached to entries again."))
    start_button = box.addButton(_("Start an empty database"), QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)  # the safe choice is to look first
    box.exec()
    return box.clickedButton() is start_button


def restore_latest(data_dir: Path, empty: bool = False) -> str | None:
    """Restore the newest sound backup (or start an empty database); None if it worked, else the
    message to show."""
    from desktop_app.core.services.recovery import restore

    try:
        result = restore(data_dir, empty=empty)
    except AppError as exc:
        return str(exc)
    log.info("restored at start (%s, %d cases)", "empty" if empty else "backup", result.cases)
    return None
