"""The main window: cases on the left, the timeline in the middle, the selected entry on the right.

Layout and language live here; what each command does lives in `main_commands.CommandsMixin`.
Other parts of the app (evidence, parties, follow-ups, findings, reports, imports) are wired
in when present, so a build without one of them still opens.
"""

from __future__ import annotations

import importlib.util
import logging

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QStackedWidget, QToolBar, QWidget

from desktop_app.core.errors import AppError
from desktop_app.core.i18n import _
from desktop_app.ui.actions import Actions
from desktop_app.ui.cases_list import CasesList
from desktop_app.ui.empty_state import EmptyState
from desktop_app.ui.event_detail import DetailPane, optional
from desktop_app.ui.main_commands import CommandsMixin
from desktop_app.ui.settings import Settings
from desktop_app.ui.timeline_view import TimelinePane

log = logging.getLogger(__name__)


class MainWindow(CommandsMixin, QMainWindow):
    painted = Signal()
    case_opened = Signal(int)

    def __init__(self, ws, settings: Settings, parent: QWidget | None = None, *, demo_mode: bool = False) -> None:
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        self.demo_mode = demo_mode
        self.case_id: int | None = None
        self._painted = False
        self.quit_after_paint = False  # --quit-after-startup: no background work at all
        self._undo_stack: list[list[int]] = []
        self._dialogs: list[QWidget] = []  # keeps non-modal dialogs alive
        self._flag_task = None
        self._flags_again = False
        self._flags_timer = QTimer(self)
        self._flags_timer.setSingleShot(True)
        self._flags_timer.setInterval(400)  # after a burst of edits, check once
        self._flags_timer.timeout.connect(self._start_flags)
        self.setObjectName("mainWindow")
        self.resize(1280, 800)
        self.actions = Actions(self)

        self.cases = CasesList(ws)
        self.timeline = TimelinePane(ws)
        self.detail = DetailPane(ws)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.cases.setMinimumWidth(170)
        self.timeline.setMinimumWidth(420)
        self.splitter.addWidget(self.cases)
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([200, 700, 380])
        self.splitter.setChildrenCollapsible(False)
        self.empty = EmptyState()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        for name in ("log_call", "log_message", "log_visit", None, "new_event", "delete_event", "undo_delete",
                     None, "import", "report"):
            if name is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(getattr(self.actions, name))

        self._build_docks()
        self._connect()
        self._retranslate_window()  # the panes and actions translated themselves as they were built
        self.refresh_cases()

    # -- building --------------------------------------------------------------------------
    def _build_docks(self) -> None:
        """Follow-ups and findings are docks built the first time they are shown (startup time)."""
        self.follow_ups = self.findings = None
        self.follow_dock = self.findings_dock = None
        self._dock_specs = {
            "follow": ("desktop_app.ui.followups", "FollowUpsPanel", self.actions.follow_ups),
            "findings": ("desktop_app.ui.findings_panel", "FindingsPanel", self.actions.findings),
        }
        for which, (module, _name, action) in self._dock_specs.items():
            action.setEnabled(importlib.util.find_spec(module) is not None)
            action.toggled.connect(lambda on, w=which: self._toggle_dock(w, on))

    def _toggle_dock(self, which: str, on: bool) -> None:
        dock = self.ensure_dock(which) if on else (self.follow_dock if which == "follow" else self.findings_dock)
        if dock is not None:
            dock.setVisible(on)
            if on:
                dock.raise_()

    def ensure_dock(self, which: str) -> QDockWidget | None:
        existing = self.follow_dock if which == "follow" else self.findings_dock
        if existing is not None:
            return existing
        module, name, action = self._dock_specs[which]
        if optional(module, name) is None:
            return None
        dock = QDockWidget(self)
        dock.setObjectName(f"{which}Dock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        # Closed with its own button (not merely covered by another tab): untick the menu item.
        dock.visibilityChanged.connect(lambda _v, a=action, d=dock: a.setChecked(False) if d.isHidden() else None)
        if which == "follow":
            self.follow_dock = dock
        else:
            self.findings_dock = dock
        self._fill_dock(which)
        other = self.findings_dock if which == "follow" else self.follow_dock
        if other is not None:
            self.tabifyDockWidget(other, dock)
        return dock

    def _fill_dock(self, which: str) -> None:
        """Put a new panel in the dock: when it is first shown, and after a language switch (the
        panels write their texts when built, so a new one is in the new language)."""
        module, name, _action = self._dock_specs[which]
        panel = optional(module, name)(self.ws)
        dock = self.follow_dock if which == "follow" else self.findings_dock
        old = dock.widget()
        dock.setWidget(panel)
        if old is not None:
            old.deleteLater()
        if which == "follow":
            self.follow_ups = panel
            panel.event_activated.connect(self.go_to_event)
            dock.setWindowTitle(_("Follow-ups"))
        else:
            self.findings = panel
            panel.events_selected.connect(self.select_events)
            if hasattr(panel, "params_saved"):  # new rule parameters may flag other entries
                panel.params_saved.connect(lambda *_a: self.refresh_flags())
            dock.setWindowTitle(_("Findings"))
        panel.set_case(self.case_id)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        a = self.actions
        layout = (
            (_("&Case"), ("new_case", "edit_case", "open_demo", None, "parties", "negotiation", None, "import",
                          "report", None, "quit")),
            (_("&Entry"), ("log_call", "log_message", "log_visit", "new_event", None, "save_event", "delete_event",
                           "undo_delete", "trash")),
            (_("&View"), ("find", "flagged_only", "clear_filters", None, "follow_ups", "findings",
                          "review_suggestions")),
            (_("&Tools"), ("verify", None, "settings")),
            (_("&Help"), ("guide", "shortcuts", None, "about")),
        )
        for title, names in layout:
            menu = bar.addMenu(title)
            menu.setToolTipsVisible(True)
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(getattr(a, name))

    def _connect(self) -> None:
        a = self.actions
        a.new_case.triggered.connect(self.new_case)
        a.edit_case.triggered.connect(self.edit_case)
        a.open_demo.triggered.connect(self.open_demo)
        a.log_call.triggered.connect(lambda: self.quick_log("call"))
        a.log_message.triggered.connect(lambda: self.quick_log("message"))
        a.log_visit.triggered.connect(lambda: self.quick_log("visit"))
        a.new_event.triggered.connect(self.new_event)
        a.review_suggestions.triggered.connect(self.show_suggestions)
        a.save_event.triggered.connect(lambda: self.detail.save())
        a.delete_event.triggered.connect(self.delete_selected)
        a.undo_delete.triggered.connect(self.undo_delete)
        a.trash.triggered.connect(self.show_trash)
        a.find.triggered.connect(self.focus_search)
        a.flagged_only.toggled.connect(self.timeline.flagged.setChecked)
        self.timeline.flagged.toggled.connect(a.flagged_only.setChecked)
        a.clear_filters.triggered.connect(self.timeline.clear_filters)
        a.parties.triggered.connect(self.show_parties)
        a.all()["import"].triggered.connect(self.show_import)
        a.report.triggered.connect(self.show_report)
        a.negotiation.triggered.connect(self.show_negotiation)
        a.verify.triggered.connect(self.verify_evidence)
        a.settings.triggered.connect(self.show_settings)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self.show_about)
        a.guide.triggered.connect(lambda: self.show_help(0))
        a.shortcuts.triggered.connect(lambda: self.show_help(1))
        self.timeline.checklist.requested.connect(lambda name: self.actions.all()[name].trigger())
        # Delete acts on the timeline only, never on text being typed in the editor: the table
        # handles the key itself; the action's shortcut is only shown in the menu and tooltip.
        self.timeline.table.delete_pressed.connect(a.delete_event.trigger)
        self.empty.new_case.connect(self.new_case)
        self.empty.open_demo.connect(self.open_demo)
        self.cases.case_selected.connect(self._case_clicked)
        self.timeline.event_selected.connect(self._event_selected)
        self.timeline.selection_changed.connect(self._update_enabled)
        self.timeline.table.files_dropped.connect(self.files_dropped)
        self.detail.saved.connect(self._event_saved)
        self.detail.evidence_changed.connect(self._evidence_changed)
        self.detail.dirty_changed.connect(lambda dirty: a.save_event.setEnabled(dirty))

    # -- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.actions.retranslate()
        self.empty.retranslate()
        self.timeline.retranslate()
        for which, dock in (("follow", self.follow_dock), ("findings", self.findings_dock)):
            if dock is not None:
                self._fill_dock(which)  # rebuilt in the new language (they have no retranslate)
        self._rebuild_detail()
        self.refresh_cases()
        self._retranslate_window()

    def _retranslate_window(self) -> None:
        """The window's own texts: menus, toolbar title, accessible names, title bar."""
        self._build_menus()
        self.toolbar.setWindowTitle(_("Main toolbar"))
        self.cases.setAccessibleName(_("Cases"))
        self._update_title()
        self._update_enabled()

    def _rebuild_detail(self) -> None:
        """The editor is rebuilt in the new language; its event is shown again."""
        old = self.detail
        if old.dirty and not old.save():
            return  # unsaved edits that do not validate stay on screen (in the old language) until fixed
        case_id, event_id = old.case_id, old.event_id
        self.detail = DetailPane(self.ws)
        self.detail.saved.connect(self._event_saved)
        self.detail.evidence_changed.connect(self._evidence_changed)
        self.detail.dirty_changed.connect(lambda dirty: self.actions.save_event.setEnabled(dirty))
        self.splitter.replaceWidget(2, self.detail)
        old.deleteLater()
        self.detail.show_event(case_id, event_id)

    def _update_title(self) -> None:
        # Qt appends " — Paper Trail" (the application display name) itself on Linux and Windows;
        # adding it here showed it twice.
        title = ""
        if self.case_id is not None:
            try:
                title = self.ws.cases.get(self.case_id).title
            except AppError:
                pass
        if self.demo_mode:
            title = f"{title} {_('(demo data)')}".strip()
        self.setWindowTitle(title)

    def _update_enabled(self) -> None:
        has_case = self.case_id is not None
        for name in ("edit_case", "log_call", "log_message", "log_visit", "new_event", "trash",
                     "find", "flagged_only", "clear_filters", "parties", "import", "report", "negotiation"):
            self.actions.all()[name].setEnabled(has_case)
        self.actions.delete_event.setEnabled(has_case and bool(self.timeline.selected_event_ids()))
        self.actions.undo_delete.setEnabled(has_case and bool(self._undo_stack))
        self.actions.save_event.setEnabled(self.detail.dirty)

    # -- cases -----------------------------------------------------------------------------
    def refresh_cases(self) -> None:
        self.cases.refresh(select=self.case_id)
        self.stack.setCurrentIndex(1 if self.cases.count() else 0)

    def _case_clicked(self, case_id: int) -> None:
        if case_id == self.case_id:
            return
        if not self.detail.maybe_save():
            self.cases.refresh(select=self.case_id)
            return
        self.open_case(case_id)

    def open_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self._undo_stack.clear()
        self.detail.show_event(case_id, None)
        self.timeline.load_case(case_id)
        if case_id is not None:
            self.cases.refresh(select=case_id)
            self.stack.setCurrentIndex(1)
            self.settings.last_case_id = case_id
            self.settings.save()
        for panel in (self.follow_ups, self.findings):
            if panel is not None:
                panel.set_case(case_id)
        if self._painted:  # after this case's rows are painted; workers slow the GUI thread down (GIL)
            self.refresh_flags()
        else:  # the rule checks wait until the window is on screen (startup time)
            self.timeline.model.set_flagged(set())
        self._update_title()
        self._update_enabled()
        if case_id is not None:
            self.case_opened.emit(case_id)

    # -- selection -------------------------------------------------------------------------
    def _event_selected(self, event_id: int | None) -> None:
        current = self.detail.current_id()
        if event_id == current:
            return
        if not self.detail.maybe_save():
            if current is not None:  # stay on the entry with unsaved changes
                self.timeline.table.selectionModel().blockSignals(True)
                self.timeline.select_events([current])
                self.timeline.table.selectionModel().blockSignals(False)
            return
        self.detail.show_event(self.case_id, event_id)

    def select_events(self, event_ids: list) -> None:
        ids = [int(i) for i in event_ids]
        missing = [i for i in ids if self.timeline.proxy.proxy_row_of(i) is None]
        if missing and self.timeline.proxy.active():
            self.timeline.clear_filters()  # a finding points at entries the filters hide
        self.timeline.select_events(ids)
        self.timeline.table.setFocus()

    def go_to_event(self, case_id: int, event_id: int) -> None:
        if case_id != self.case_id:
            if not self.detail.maybe_save():
                return
            self.open_case(case_id)
        self.select_events([event_id])

    def focus_search(self) -> None:
        self.timeline.search.setFocus()
        self.timeline.search.selectAll()

    # -- window ----------------------------------------------------------------------------
    def restore_layout(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray.fromHex(self.settings.geometry.encode()))
        if self.settings.splitter_state:
            self.splitter.restoreState(QByteArray.fromHex(self.settings.splitter_state.encode()))

    def event(self, event: QEvent) -> bool:
        # A top-level widget paints itself and its children while handling UpdateRequest, so
        # after the first one returns, the window is on screen (used by --quit-after-startup).
        handled = super().event(event)
        if not self._painted and event.type() == QEvent.Type.UpdateRequest:
            self._painted = True
            self.painted.emit()
            if not self.quit_after_paint:
                self.refresh_flags()
        return handled

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.detail.maybe_save():
            event.ignore()
            return
        self._flags_timer.stop()
        self.settings.geometry = bytes(self.saveGeometry().toHex()).decode()
        self.settings.splitter_state = bytes(self.splitter.saveState().toHex()).decode()
        self.settings.save()
        super().closeEvent(event)
