"""What the main window's commands do: quick log, new entry, delete/undo, dialogs, verify, drops.

Dialogs are opened with `open()` (window-modal, never a nested event loop), kept alive in
`self._dialogs` until they finish.  Long work goes through `ui.workers`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from desktop_app import APP_DISPLAY_NAME, __version__
from desktop_app.core.domain.enums import EventKind
from desktop_app.core.domain.times import now_local
from desktop_app.core.errors import AppError
from desktop_app.core.i18n import _, ngettext
from desktop_app.ui.event_detail import optional
from desktop_app.ui.workers import run_task, run_with_progress

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException):
    """The shared error dialog (ui/errors.py), or a plain one if that part is missing."""
    shared = optional("desktop_app.ui.errors", "show_error")
    if shared is not None:
        return shared(parent, exc)
    box = QMessageBox(QMessageBox.Icon.Warning, APP_DISPLAY_NAME, str(exc), QMessageBox.StandardButton.Ok, parent)
    box.open()
    return box


class CommandsMixin:
    # -- helpers ---------------------------------------------------------------------------
    def _keep(self, dialog: QWidget) -> QWidget:
        self._dialogs.append(dialog)
        if isinstance(dialog, QDialog):
            dialog.finished.connect(lambda *_a, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None)
        return dialog

    def _error(self, exc: BaseException) -> None:
        self._keep(show_error(self, exc))

    def _status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _needs_case(self) -> bool:
        return self.case_id is not None

    def _changed(self, select: list[int] | None = None) -> None:
        """Something in the case changed: re-read rows, counts and panels."""
        self.timeline.reload(keep=select[0] if select else None)
        if select and len(select) > 1:
            self.timeline.select_events(select)
        self.cases.refresh(select=self.case_id)
        for panel in (self.follow_ups, self.findings):
            if panel is not None:
                panel.refresh()
        self.refresh_flags()
        self._update_enabled()

    # -- cases -----------------------------------------------------------------------------
    def new_case(self) -> QDialog | None:
        if not self.detail.maybe_save():
            return None
        dialog_cls = optional("desktop_app.ui.case_forms", "CaseDialog")
        if dialog_cls is None:
            from desktop_app.ui.cases_list import QuickCaseDialog

            dialog_cls = QuickCaseDialog
        dialog = dialog_cls(self.ws, None, self)
        dialog.accepted.connect(lambda: self._case_created(dialog.case_id))
        self._keep(dialog).open()
        return dialog

    def _case_created(self, case_id: int | None) -> None:
        if case_id is not None:
            self.refresh_cases()
            self.open_case(case_id)

    def edit_case(self) -> QDialog | None:
        dialog_cls = optional("desktop_app.ui.case_forms", "CaseDialog")
        if dialog_cls is None or not self._needs_case():
            return None
        dialog = dialog_cls(self.ws, self.case_id, self)
        dialog.accepted.connect(lambda: (self.refresh_cases(), self._update_title(), self.refresh_flags()))
        self._keep(dialog).open()
        return dialog

    def open_demo(self) -> None:
        if self.demo_mode:
            from desktop_app.core.demo import ensure_demo
            from desktop_app.core.i18n import current_language

            self.open_case(ensure_demo(self.ws, "us" if current_language() == "en" else "cn"))
            self.refresh_cases()
            return
        from desktop_app.ui.launch import open_demo_window

        window = open_demo_window(getattr(self, "demo_dir", None), self.settings.language)
        if window is not None:
            self._keep(window)
            if self.case_id is None and not self.ws.cases.list():
                self.close()  # the first-run screen has done its job; the demo window takes its place

    # -- entries ---------------------------------------------------------------------------
    def quick_log(self, mode: str) -> QDialog | None:
        if not self._needs_case():
            return None
        from desktop_app.ui.quick_log import QuickLogDialog

        dialog = QuickLogDialog(self.ws, self.case_id, mode, self.settings, self)
        dialog.logged.connect(self._logged)
        self._keep(dialog).open()
        return dialog

    def _logged(self, event_id: int) -> None:
        if self.detail.maybe_save():
            self._changed([event_id])
        self._status(_("Saved."))

    def new_event(self) -> None:
        if not self._needs_case() or not self.detail.maybe_save():
            return
        try:
            tz = self.ws.cases.get(self.case_id).tz
            event = self.ws.events.log(self.case_id, EventKind.NOTE, now_local(tz).replace(tzinfo=None))
        except AppError as exc:
            self._error(exc)
            return
        self._changed([event.id])
        self.detail.editor.kind.setFocus()

    def _event_saved(self, event_id: int) -> None:
        if self.timeline.update_rows([event_id]):
            for panel in (self.follow_ups, self.findings):
                if panel is not None:
                    panel.refresh()
            self.refresh_flags()
        else:
            self._changed([event_id])
        self._status(_("Saved."))

    def _evidence_changed(self) -> None:
        self.timeline.reload()
        self.cases.refresh(select=self.case_id)

    def delete_selected(self) -> list[int]:
        ids = self.timeline.selected_event_ids()
        if not ids or not self._needs_case():
            return []
        if self.detail.current_id() in ids:
            self.detail.discard()  # the entry goes to the trash as last saved
        try:
            with self.ws.db.transaction():
                for event_id in ids:
                    self.ws.events.delete(event_id)
        except AppError as exc:
            self._error(exc)
            return []
        self._undo_stack.append(ids)
        self.detail.show_event(self.case_id, None)
        self._changed()
        self._status(ngettext("Moved {n} entry to the trash. Undo with Ctrl+Z.",
                              "Moved {n} entries to the trash. Undo with Ctrl+Z.", len(ids)).format(n=len(ids)))
        return ids

    def undo_delete(self) -> None:
        if not self._undo_stack:
            return
        ids = self._undo_stack.pop()
        try:
            with self.ws.db.transaction():
                for event_id in ids:
                    self.ws.events.restore(event_id)
        except AppError as exc:
            self._error(exc)
            return
        self._changed(ids)
        self._status(ngettext("Restored {n} entry.", "Restored {n} entries.", len(ids)).format(n=len(ids)))

    def show_trash(self) -> QDialog | None:
        dialog_cls = optional("desktop_app.ui.trash", "TrashDialog")
        if dialog_cls is None or not self._needs_case():
            return None
        dialog = dialog_cls(self.ws, self.case_id, self)
        dialog.changed.connect(lambda: self._changed())
        self._keep(dialog).open()
        return dialog

    def files_dropped(self, paths: list[Path]) -> None:
        if not self._needs_case():
            return
        handler = optional("desktop_app.ui.evidence.drop", "handle_timeline_drop")
        if handler is None:
            self._status(_("Attaching files here is not available in this version."))
            return
        try:
            ids = handler(self, self.ws, self.case_id, list(paths)) or []
        except AppError as exc:
            self._error(exc)
            return
        self._changed(list(ids))

    # -- other parts of the app --------------------------------------------------------------
    def _open_optional(self, module: str | tuple[str, ...], name: str, *, refresh: bool = True) -> QDialog | None:
        dialog_cls = None
        for candidate in (module,) if isinstance(module, str) else module:
            dialog_cls = dialog_cls or optional(candidate, name)
        if dialog_cls is None or not self._needs_case():
            self._status(_("This feature is not available in this version."))
            return None
        dialog = dialog_cls(self.ws, self.case_id, self)
        if refresh and hasattr(dialog, "changed"):
            dialog.changed.connect(lambda *_a: self._changed())
        elif refresh:
            dialog.accepted.connect(lambda: self._changed())
        self._keep(dialog).open()
        return dialog

    def show_parties(self) -> QDialog | None:
        return self._open_optional("desktop_app.ui.parties.dialog", "PartiesDialog")

    def show_negotiation(self) -> QDialog | None:
        dialog = self._open_optional(("desktop_app.ui.negotiation_form", "desktop_app.ui.case_forms"),
                                     "NegotiationDialog")
        if dialog is not None:
            dialog.accepted.connect(lambda: (self.refresh_cases(), self._update_title()))
        return dialog

    def show_suggestions(self) -> QDialog | None:
        return self._open_optional("desktop_app.ui.suggestions_review", "SuggestionsReview")

    def show_report(self) -> QDialog | None:
        return self._open_optional("desktop_app.ui.report_dialog", "ReportDialog", refresh=False)

    def show_import(self, paths: list[Path] | None = None) -> QDialog | None:
        dialog_cls = optional("desktop_app.ui.import_dialog", "ImportDialog")
        if dialog_cls is None or not self._needs_case():
            self._status(_("This feature is not available in this version."))
            return None
        dialog = dialog_cls(self.ws, self.case_id, self, paths=paths)
        dialog.imported.connect(lambda *_a: self._changed())
        self._keep(dialog).open()
        return dialog

    def refresh_flags(self, now: bool = False) -> None:
        """Re-run the rule checks soon, off the GUI thread, and mark the flagged entries.

        Requests are coalesced: a burst of edits runs the checks once, and never two runs at a
        time (each is pure Python and would take the GIL from the GUI thread)."""
        if now:
            self._start_flags()
        else:
            self._flags_timer.start()

    def _start_flags(self) -> None:
        self._flags_timer.stop()
        if self._flag_task is not None:
            self._flags_again = True  # one more run when this one ends
            return
        evaluate = optional("desktop_app.core.rules", "evaluate_case")
        flagged_ids = optional("desktop_app.core.rules", "flagged_event_ids")
        if evaluate is None or flagged_ids is None or self.case_id is None:
            self.timeline.model.set_flagged(set())
            return
        case_id, ws = self.case_id, self.ws

        def work(progress, cancel):
            return set(flagged_ids(evaluate(ws, case_id)))

        def done(ids: set[int]) -> None:
            if case_id == self.case_id:
                self.timeline.model.set_flagged(ids)
                if self.timeline.proxy.flagged_only:
                    self.timeline.proxy.set_filters(flagged_only=True)

        def finished() -> None:
            if not isValid(self.timeline.model):
                return  # the window closed while the checks ran
            self._flag_task = None
            if self._flags_again:
                self._flags_again = False
                self._flags_timer.start()

        self._flag_task = run_task(work, on_result=lambda ids: done(ids) if isValid(self.timeline.model) else None,
                                   on_error=lambda exc: log.warning("rule checks failed: %s", type(exc).__name__),
                                   on_finished=finished)

    @property
    def flags_busy(self) -> bool:
        """True while rule checks are waiting or running (benches and tests wait on it)."""
        return self._flag_task is not None or self._flags_timer.isActive()

    def verify_evidence(self):
        from desktop_app.ui.verify_dialog import VerifyDialog

        case_id, ws = self.case_id, self.ws

        def show(results) -> None:
            self._keep(VerifyDialog(results, self, orphans=len(ws.vault.list_orphans()))).open()

        return run_with_progress(self, _("Checking the evidence files…"),
                                 lambda progress, cancel: ws.evidence.verify(case_id, progress, cancel),
                                 on_result=show, on_error=self._error)

    def show_settings(self) -> QDialog:
        from desktop_app.ui.settings import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.language_changed.connect(self.change_language)
        self._keep(dialog).open()
        return dialog

    def change_language(self, lang: str) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop_app.core.i18n import set_language
        from desktop_app.ui.application import apply_language

        set_language(lang)
        self.settings.language = lang
        self.settings.save()
        app = QApplication.instance()
        if app is not None:
            apply_language(app, lang)
        for window in QApplication.topLevelWidgets():
            if hasattr(window, "retranslate") and window.isWindow():
                window.retranslate()

    def show_about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, _("About Paper Trail"),
                          f"{APP_DISPLAY_NAME} (留痕) {__version__}\n\n"
                          + _("Keeps a truthful record of debt-collection contacts. Everything stays on this "
                              "computer.") + f"\n\n{self.ws.data_dir}",
                          QMessageBox.StandardButton.Ok, self)
        self._keep(box).open()
        return box

    def show_help(self, page: int = 0) -> QDialog:
        from desktop_app.ui.help import HelpDialog

        dialog = HelpDialog(self, page)
        self._keep(dialog).show()
        return dialog

    def show_due_follow_ups(self) -> QDialog | None:
        """The start-up reminder of what is due: at most once a day, and never over the demo case,
        whose made-up follow-ups are months overdue (it popped up on every launch)."""
        factory = optional("desktop_app.ui.followups", "due_follow_ups_dialog")
        if factory is None or self.demo_mode:
            return None
        from desktop_app.ui.followups import today_local

        today = today_local().isoformat()
        if self.settings.due_reminded == today:
            return None
        dialog = factory(self, self.ws)
        if dialog is not None:
            panel = getattr(dialog, "panel", None)
            if panel is not None:  # double-clicking a due item opens its entry here
                panel.event_activated.connect(self.go_to_event)
            self._keep(dialog).open()
            self.settings.due_reminded = today
            self.settings.save()
        return dialog
