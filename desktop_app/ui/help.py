"""Help ▸ Quick guide and Keyboard shortcuts: a short guide in the UI language and the shortcut
sheet, read from the one table of actions (actions.SPECS), so the sheet lists the keys that work."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.core.i18n import N_, _
from desktop_app.ui.actions import HELP_SPECS, SPECS, _plain, key_sequence

GUIDE = (
    (N_("Write it down as it happens"),
     N_("Log every call, message and visit the moment it happens: Ctrl+L for a call, Ctrl+M for a message, "
        "Ctrl+Shift+V for a visit. Note what was said, word for word where you can, and tick what they did "
        "wrong.")),
    (N_("Bring in what your phone has"),
     N_("Case ▸ Import… reads call logs and messages exported from your phone, and call recordings. Entries "
        "already in the case are not added twice.")),
    (N_("Know who is calling"),
     N_("People and numbers… lists the lender, the collection agency and each collector with the numbers they "
        "use, so every call is counted against the right one.")),
    (N_("Keep the evidence"),
     N_("Drop screenshots, recordings, letters and photos on an entry. Each file is kept with its SHA-256 "
        "fingerprint, which shows it was not changed; keep your originals too.")),
    (N_("See what breaks the rules"),
     N_("The Findings panel checks the record against the rules where you live: calls at night, too many "
        "calls, contact with your family or employer, threats.")),
    (N_("Make the documents"),
     N_("Build report… makes a PDF: a complaint dossier for the regulator, or a letter asking for a repayment "
        "arrangement, in Chinese or English.")),
    (N_("Your data"),
     N_("Everything stays on this computer; nothing is sent anywhere unless you export it. Back up the data "
        "folder shown in Help ▸ About.")),
)


def guide_html() -> str:
    parts = [f"<h3>{escape(_(title))}</h3><p>{escape(_(text))}</p>" for title, text in GUIDE]
    return "".join(parts)


def shortcut_rows() -> list[tuple[str, str]]:
    """(what, keys) for every action that has a key, in menu order."""
    rows = []
    for spec in (*SPECS, *HELP_SPECS):
        if spec.shortcut is None:
            continue
        keys = key_sequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((_plain(_(spec.text)), keys))
    return rows


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td>{escape(what)}</td><td>&nbsp;&nbsp;<b>{escape(keys)}</b></td></tr>"
                   for what, keys in shortcut_rows())
    return f"<table cellspacing='4'>{rows}</table>"


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, page: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.resize(640, 560)
        self.tabs = QTabWidget()
        self.guide = QTextBrowser()
        self.shortcuts = QTextBrowser()
        self.tabs.addTab(self.guide, "")
        self.tabs.addTab(self.shortcuts, "")
        self.tabs.setCurrentIndex(page)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Help"))
        self.tabs.setTabText(0, _("Quick guide"))
        self.tabs.setTabText(1, _("Keyboard shortcuts"))
        self.guide.setHtml(guide_html())
        self.shortcuts.setHtml(shortcuts_html())
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
