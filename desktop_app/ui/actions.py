"""Every main action in one table: text, shortcut, icon.  Menus, toolbars and tooltips read it,
so a shortcut shown in a menu is always the one that works, and a language switch retitles all."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop_app.core.i18n import N_, _
from desktop_app.core.paths import resource_path

_icon_cache: dict[str, QIcon] = {}

# Standard keys some platforms leave empty (Preferences has no binding on Linux or Windows): the
# action still needs a key that works and shows in the menu.
FALLBACK_KEYS = {QKeySequence.StandardKey.Preferences: "Ctrl+,"}


def key_sequence(shortcut: str | QKeySequence.StandardKey) -> QKeySequence:
    sequence = QKeySequence(shortcut)
    if sequence.isEmpty() and shortcut in FALLBACK_KEYS:
        sequence = QKeySequence(FALLBACK_KEYS[shortcut])
    return sequence


def icon(name: str) -> QIcon:
    """An icon from resources/icons/<name>.svg (empty icon if missing)."""
    cached = _icon_cache.get(name)
    if cached is None:
        path = resource_path("icons", f"{name}.svg")
        cached = QIcon(str(path)) if path.is_file() else QIcon()
        _icon_cache[name] = cached
    return cached


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str  # N_() msgid
    shortcut: str | QKeySequence.StandardKey | None = None
    icon: str | None = None
    tip: str | None = None
    # Shown in menus and tooltips but handled by a widget (Delete belongs to the timeline only,
    # never to text being edited), so no application shortcut is registered.
    key_shown_only: bool = False


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("new_case", N_("&New case…"), "Ctrl+Shift+N", "new-case", N_("Start a new case file")),
    ActionSpec("edit_case", N_("Case &details…"), "Ctrl+Shift+E", "edit", N_("Edit the case's details")),
    ActionSpec("open_demo", N_("Open the &demo case"), None, "demo", N_("Explore a made-up example case")),
    ActionSpec("log_call", N_("Log a &call now"), "Ctrl+L", "kind-call",
               N_("Record a call at the current time")),
    ActionSpec("log_message", N_("Log a &message"), "Ctrl+M", "kind-sms", N_("Record an SMS or chat message")),
    ActionSpec("log_visit", N_("Log a &visit"), "Ctrl+Shift+V", "kind-visit",
               N_("Record a visit to your home or work")),
    ActionSpec("new_event", N_("New &entry…"), "Ctrl+N", "add", N_("Add any kind of entry to the timeline")),
    ActionSpec("save_event", N_("&Save entry"), QKeySequence.StandardKey.Save, "save",
               N_("Save the changes to this entry")),
    ActionSpec("delete_event", N_("&Delete entry"), QKeySequence.StandardKey.Delete, "delete",
               N_("Move the selected entries to the case's trash"), key_shown_only=True),
    ActionSpec("undo_delete", N_("&Undo delete"), QKeySequence.StandardKey.Undo, "undo",
               N_("Bring back the entries just deleted")),
    ActionSpec("trash", N_("&Trash…"), "Ctrl+Shift+T", "trash", N_("See and restore deleted entries")),
    ActionSpec("find", N_("&Search"), QKeySequence.StandardKey.Find, "search", N_("Search this case's entries")),
    ActionSpec("flagged_only", N_("&Flagged only"), "Ctrl+Shift+F", "flag",
               N_("Show only entries with misconduct or rule findings")),
    ActionSpec("clear_filters", N_("Clear &filters"), "Ctrl+Shift+X", None, N_("Show every entry again")),
    ActionSpec("parties", N_("&People and numbers…"), "Ctrl+Shift+P", "people",
               N_("Who contacted you, and from which numbers")),
    ActionSpec("follow_ups", N_("F&ollow-ups"), "Ctrl+Shift+U", "follow-up", N_("Show the follow-ups panel")),
    ActionSpec("findings", N_("&Findings"), "Ctrl+Shift+R", "flag", N_("Show the rule checks panel")),
    ActionSpec("review_suggestions", N_("Review &suggestions…"), None, "flag",
               N_("Confirm or dismiss the misconduct the other side's words suggest")),
    ActionSpec("import", N_("&Import…"), "Ctrl+I", "import", N_("Import call logs, messages or files")),
    ActionSpec("report", N_("Build &report…"), "Ctrl+P", "report", N_("Make a PDF complaint or negotiation dossier")),
    ActionSpec("negotiation", N_("&Negotiation…"), "Ctrl+Shift+G", None, N_("Plan a repayment arrangement")),
    ActionSpec("verify", N_("&Verify evidence"), "Ctrl+Shift+Y", "verify",
               N_("Check that no evidence file was altered or lost")),
    ActionSpec("settings", N_("&Settings…"), QKeySequence.StandardKey.Preferences, "settings",
               N_("Language and preferences")),
    ActionSpec("quit", N_("&Quit"), QKeySequence.StandardKey.Quit, None, N_("Close Paper Trail")),
    ActionSpec("about", N_("&About Paper Trail"), None, None, None),
)
# The Help menu's own actions (bench/flat_window.py mirrors SPECS, the app's working actions).
HELP_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("guide", N_("Quick &guide"), QKeySequence.StandardKey.HelpContents, None,
               N_("How to keep a record that holds up")),
    ActionSpec("shortcuts", N_("&Keyboard shortcuts"), "Ctrl+/", None, N_("Every key the app knows")),
)


def _plain(text: str) -> str:
    """A menu text without its mnemonic ("&Quit", Chinese "退出(&Q)") or trailing ellipsis."""
    text = re.sub(r"\s*\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


class Actions:
    """The QActions of one main window, by name (`actions.log_call`)."""

    def __init__(self, parent: QWidget) -> None:
        self._actions: dict[str, QAction] = {}
        self._shown_keys: dict[str, str] = {}
        for spec in (*SPECS, *HELP_SPECS):
            action = QAction(parent)
            action.setObjectName(f"action_{spec.name}")
            if spec.shortcut is not None and spec.key_shown_only:
                self._shown_keys[spec.name] = key_sequence(spec.shortcut).toString(
                    QKeySequence.SequenceFormat.NativeText)
            elif spec.shortcut is not None:
                action.setShortcut(key_sequence(spec.shortcut))
            if spec.icon:
                action.setIcon(icon(spec.icon))
            self._actions[spec.name] = action
        self._actions["flagged_only"].setCheckable(True)
        self._actions["follow_ups"].setCheckable(True)
        self._actions["findings"].setCheckable(True)
        self.retranslate()

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["_actions"][name]
        except KeyError:
            raise AttributeError(name) from None

    def all(self) -> dict[str, QAction]:
        return dict(self._actions)

    def retranslate(self) -> None:
        for spec in (*SPECS, *HELP_SPECS):
            action = self._actions[spec.name]
            shown = self._shown_keys.get(spec.name)
            action.setText(_(spec.text) + (f"\t{shown}" if shown else ""))
            action.setIconText(_plain(_(spec.text)))  # toolbar buttons: no shortcut, no mnemonic
            tip = _(spec.tip) if spec.tip else _plain(_(spec.text))
            keys = shown or action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
            action.setStatusTip(tip)
