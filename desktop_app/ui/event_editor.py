"""Edit every field of one event, with the fields that fit its kind, and a Save that cannot be missed.

Changes are kept in the form until Save (Ctrl+S); a banner says there are unsaved changes and
switching to another event asks first.  The services validate: a ValidationError names the
field, and its message appears right under that field.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from desktop_app.core.domain.enums import EventKind, Target
from desktop_app.core.domain.models import Event
from desktop_app.core.errors import AppError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.event_fields import (
    DETAIL_FIELDS,
    format_duration,
    get_detail,
    parse_duration,
    set_detail,
)
from desktop_app.ui.event_form import MESSAGE_KINDS, EventForm, from_qdatetime, to_qdatetime
from desktop_app.ui.suggestion_bar import attach as attach_suggestions

log = logging.getLogger(__name__)


class EventEditor(EventForm):
    saved = Signal(int)  # event id
    dirty_changed = Signal(bool)

    def __init__(self, ws, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.record: Event | None = None
        self._dirty = False
        self._loading = False
        self._errors: dict[str, QLabel] = {}
        self._party_items: list[tuple[int, str]] = []
        self._build()
        self.suggestions = attach_suggestions(self)  # suggested conduct, apart from the ticked boxes (issue 18)
        self.setEnabled(False)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, value: bool) -> None:
        if value != self._dirty:
            self._dirty = value
            self.banner.setVisible(value)
            self.dirty_changed.emit(value)

    def _mark_dirty(self, *args) -> None:
        if not self._loading and self.record is not None:
            self._set_dirty(True)

    def _show_for_kind(self, kind: EventKind) -> None:
        is_call = kind == EventKind.CALL
        for widget in (self.outcome, self.duration):
            widget.setVisible(is_call)
            self._titles[id(widget)].setVisible(is_call)
        self._errors["duration_s"].parentWidget().setVisible(is_call)
        self._errors["call_outcome"].parentWidget().setVisible(is_call)
        self._titles[id(self.body)].setText(_("Message te&xt") if kind in MESSAGE_KINDS else _("Full te&xt"))
        page = self._detail_page(kind)
        self.details_stack.setCurrentIndex(page)
        self.details_group.setVisible(page != 0)

    def _kind_changed(self, *args) -> None:
        self._show_for_kind(EventKind(self.kind.value()))

    def _target_changed(self, *args) -> None:
        third = self.target.value() == Target.THIRD_PARTY
        self.target_party.setVisible(third)
        self._titles[id(self.target_party)].setVisible(third)

    def _fill_parties(self) -> None:
        case_id = self.record.case_id if self.record else None
        parties = self.ws.parties.list(case_id) if case_id is not None else []
        self._party_items = [(p.id, p.name) for p in parties]
        for box in (self.party, self.target_party):
            box.clear()
            box.addItem("—", None)
            for party_id, name in self._party_items:
                box.addItem(name, party_id)
        for widgets in self.detail_widgets.values():
            self._fill_party_boxes(widgets)

    def _fill_party_boxes(self, widgets: dict) -> None:
        for key, widget in widgets.items():
            if key == "target_party_id" and isinstance(widget, QComboBox):
                widget.clear()
                widget.addItem("—", None)
                for party_id, name in self._party_items:
                    widget.addItem(name, party_id)

    def set_event(self, event_id: int | None) -> None:
        """Show an event (the caller asks `maybe_save()` first)."""
        self._clear_errors()
        self._set_dirty(False)
        self.record = self.ws.events.get(event_id) if event_id is not None else None
        self.setEnabled(self.record is not None)
        self._loading = True
        try:
            self._fill_parties()
            if self.record is not None:
                self._load(self.record)
            self.suggestions.show_event(self.record)
        finally:
            self._loading = False

    def _load(self, e: Event) -> None:
        self.kind.set_value(e.kind.value)
        self._show_for_kind(e.kind)
        self.start.setDateTime(to_qdatetime(e.start))
        self.has_end.setChecked(e.end is not None)
        self.end.setDateTime(to_qdatetime(e.end or e.start))
        self.direction.set_value(e.direction.value if e.direction else None)
        self.outcome.set_value(e.call_outcome.value if e.call_outcome else None)
        self.duration.setText(format_duration(e.duration_s))
        self.party.setCurrentIndex(max(0, self.party.findData(e.party_id)))
        self.contact.setText(e.contact_value)
        self.target.set_value(e.target.value)
        self.target_party.setCurrentIndex(max(0, self.target_party.findData(e.target_party_id)))
        self._target_changed()
        self.summary.setText(e.summary)
        self.summary.setCursorPosition(0)  # show the beginning of a long summary
        self.body.setPlainText(e.body)
        self.quotes.setPlainText(e.quotes)
        for item, box in self.conduct.items():
            box.setChecked(item in e.conduct)
        self.follow_up.set_value(e.follow_up)
        self.follow_up_note.setText(e.follow_up_note)
        self.follow_up_done.setChecked(e.follow_up_done)
        self._detail_page(e.kind)
        for kind, widgets in self.detail_widgets.items():
            for spec in DETAIL_FIELDS[kind]:
                set_detail(spec, widgets[spec.key], e.details.get(spec.key) if kind == e.kind else None)

    def collect(self) -> dict:
        """The form's values as keyword arguments for `EventService.update`."""
        assert self.record is not None
        kind = EventKind(self.kind.value())
        details = dict(self.record.details)  # keep keys the form does not show (importers' extras)
        self._detail_page(kind)
        for spec in DETAIL_FIELDS.get(kind, ()):
            value = get_detail(spec, self.detail_widgets[kind][spec.key])
            if value is None or value == "":
                details.pop(spec.key, None)
            else:
                details[spec.key] = value
        return {
            "kind": kind.value,
            "start": from_qdatetime(self.start.dateTime()),
            "end": from_qdatetime(self.end.dateTime()) if self.has_end.isChecked() else None,
            "duration_s": parse_duration(self.duration.text()) if kind == EventKind.CALL else self.record.duration_s,
            "direction": self.direction.value(),
            "call_outcome": self.outcome.value() if kind == EventKind.CALL else None,
            "party_id": self.party.currentData(),
            "contact_value": self.contact.text(),
            "target": self.target.value(),
            "target_party_id": self.target_party.currentData() if self.target.value() == Target.THIRD_PARTY else None,
            "summary": self.summary.text().strip(),
            "body": self.body.toPlainText(),
            "quotes": self.quotes.toPlainText().strip(),
            "conduct": [item.value for item, box in self.conduct.items() if box.isChecked()],
            "details": details,
            "follow_up": self.follow_up.value(),
            "follow_up_note": self.follow_up_note.text().strip(),
            "follow_up_done": self.follow_up_done.isChecked(),
        }

    # -- saving --------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        for text in self._errors.values():
            text.hide()

    def show_field_error(self, field: str | None, message: str) -> None:
        target = self._errors.get(field or "") or self.general_error
        target.setText(message)
        target.show()

    def save(self) -> bool:
        if self.record is None:
            return True
        self._clear_errors()
        try:
            fields = self.collect()
            updated = self.ws.events.update(self.record.id, **fields)
        except ValidationError as exc:
            self.show_field_error(exc.field, str(exc))
            return False
        except AppError as exc:
            self.show_field_error(None, str(exc))
            return False
        self.record = updated
        self._set_dirty(False)
        self.saved.emit(updated.id)
        return True

    def revert(self) -> None:
        self.set_event(self.record.id if self.record else None)

    def maybe_save(self) -> bool:
        """Before leaving this event: True when it is fine to go on."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self, _("Unsaved changes"), _("Save the changes to this entry before leaving it?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._set_dirty(False)
            return True
        return False

    def focus_first(self) -> None:
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
