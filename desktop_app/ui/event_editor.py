"""Edit every field of one event, with the fields that fit its kind, and a Save that cannot be missed.

Changes are kept in the form until Save (Ctrl+S); a banner says there are unsaved changes and
switching to another event asks first.  The services validate: a ValidationError names the
field, and its message appears right under that field.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import CallOutcome, Conduct, Direction, EventKind, Target
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Event
from desktop_app.core.errors import AppError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.ui.event_fields import (
    DETAIL_FIELDS,
    EnumBox,
    OptionalDate,
    change_signal,
    detail_form,
    format_duration,
    get_detail,
    parse_duration,
    set_detail,
)

log = logging.getLogger(__name__)

#: Kinds whose body is a message's full text (the field is titled accordingly).
MESSAGE_KINDS = {EventKind.SMS, EventKind.CHAT, EventKind.EMAIL, EventKind.LETTER}


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, value.second)


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


class EventEditor(QWidget):
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
        self.setEnabled(False)

    # -- layout --------------------------------------------------------------------------
    def _error_label(self, field: str) -> QLabel:
        text = QLabel()
        text.setObjectName("fieldError")
        text.setWordWrap(True)
        text.hide()
        self._errors[field] = text
        return text

    def _row(self, form: QFormLayout, caption: str, widget: QWidget, field: str | None = None) -> None:
        widget.setAccessibleName(caption.replace("&", ""))
        if isinstance(widget, QComboBox):  # long party names must not widen the whole pane
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(12)
        title = QLabel(caption)
        title.setBuddy(widget)
        if field:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(self._error_label(field))
            form.addRow(title, box)
        else:
            form.addRow(title, widget)
        self._titles[id(widget)] = title

    def _build(self) -> None:
        self._titles: dict[int, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # The unsaved-changes banner sits above the scroll area so it is always visible.
        self.banner = QFrame()
        self.banner.setObjectName("unsavedBanner")
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = QLabel(_("This entry has unsaved changes."))
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(_("Save the changes to this entry") + " (Ctrl+S)")
        self.save_button.setAccessibleName(_("Save"))
        self.revert_button = QPushButton(_("Discard changes"))
        self.revert_button.setAccessibleName(_("Discard changes"))
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.revert_button)
        banner_row.addWidget(self.save_button)
        self.banner.hide()
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.general_error = self._error_label("__all__")
        outer.addWidget(self.banner)
        outer.addWidget(self.general_error)

        body = QWidget()
        column = QVBoxLayout(body)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.kind = EnumBox(EventKind, optional=False)
        self._row(form, _("&Kind"), self.kind, "kind")
        self.start = QDateTimeEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self._row(form, _("&Started"), self.start, "start")
        end_box = QWidget()
        end_row = QHBoxLayout(end_box)
        end_row.setContentsMargins(0, 0, 0, 0)
        self.has_end = QCheckBox(_("Ended at"))
        self.has_end.setAccessibleName(_("Has an end time"))
        self.end = QDateTimeEdit()
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.end.setEnabled(False)
        self.end.setAccessibleName(_("End time"))
        self.has_end.toggled.connect(self.end.setEnabled)
        end_row.addWidget(self.has_end)
        end_row.addWidget(self.end, 1)
        self._row(form, _("End"), end_box, "end")
        self.direction = EnumBox(Direction)
        self._row(form, _("&Direction"), self.direction, "direction")
        self.outcome = EnumBox(CallOutcome)
        self._row(form, _("Ou&tcome"), self.outcome, "call_outcome")
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(_("minutes:seconds, e.g. 3:25"))
        self._row(form, _("D&uration"), self.duration, "duration_s")
        self.party = QComboBox()
        self._row(form, _("&Who"), self.party, "party_id")
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(_("The number or account they used"))
        self._row(form, _("&Number or account"), self.contact, "contact_value")
        self.target = EnumBox(Target, optional=False)
        self._row(form, _("Who was &contacted"), self.target, "target")
        self.target_party = QComboBox()
        self._row(form, _("Which third party"), self.target_party, "target_party_id")
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(_("One line: what happened"))
        self._row(form, _("Su&mmary"), self.summary, "summary")
        self.body = QPlainTextEdit()
        self.body.setMinimumHeight(70)
        self._row(form, _("Full te&xt"), self.body, "body")
        column.addLayout(form)

        self.details_group = QGroupBox(_("Details"))
        details_layout = QVBoxLayout(self.details_group)
        self.details_stack = QStackedWidget()
        details_layout.addWidget(self.details_stack)
        self.detail_widgets: dict[EventKind, dict] = {}
        self._detail_pages: dict[EventKind, int] = {}
        self.details_stack.addWidget(QWidget())  # page 0: kinds with no detail fields; others built when first shown
        column.addWidget(self.details_group)

        self.conduct_group = QGroupBox(_("What they did (misconduct)"))
        grid = QGridLayout(self.conduct_group)
        self.conduct: dict[Conduct, QCheckBox] = {}
        for i, item in enumerate(Conduct):
            box = QCheckBox(label(item))
            box.setAccessibleName(label(item))
            box.setObjectName(f"conduct_{item.value}")
            grid.addWidget(box, i, 0)  # one column: long labels must not widen the pane
            self.conduct[item] = box
        column.addWidget(self.conduct_group)

        more = QFormLayout()
        self.quotes = QPlainTextEdit()
        self.quotes.setPlaceholderText(_("Their exact words, one quote per line"))
        self.quotes.setMinimumHeight(60)
        self._row(more, _("&Quotes, word for word"), self.quotes, "quotes")
        self.follow_up = OptionalDate(_("Follow up on"))
        self._row(more, _("&Follow-up"), self.follow_up, "follow_up")
        self.follow_up_note = QLineEdit()
        self._row(more, _("Follow-up note"), self.follow_up_note, "follow_up_note")
        self.follow_up_done = QCheckBox(_("Done"))
        self._row(more, _("Follow-up done"), self.follow_up_done, "follow_up_done")
        column.addLayout(more)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # fields shrink instead
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.target.currentIndexChanged.connect(self._target_changed)
        for widget in self._all_inputs():
            signal = change_signal(widget)
            if signal is not None:
                signal.connect(self._mark_dirty)

    def _all_inputs(self) -> list[QWidget]:
        items: list[QWidget] = [self.kind, self.start, self.has_end, self.end, self.direction, self.outcome,
                                self.duration, self.party, self.contact, self.target, self.target_party,
                                self.summary, self.body, self.quotes, self.follow_up, self.follow_up_note,
                                self.follow_up_done, *self.conduct.values()]
        return items

    def _detail_page(self, kind: EventKind) -> int:
        """The stack page of a kind's detail fields, built the first time it is needed."""
        if kind not in DETAIL_FIELDS:
            return 0
        if kind not in self._detail_pages:
            page, widgets = detail_form(kind, lambda: self._party_items)
            self._detail_pages[kind] = self.details_stack.addWidget(page)
            self.detail_widgets[kind] = widgets
            self._fill_party_boxes(widgets)
            for widget in widgets.values():
                signal = change_signal(widget)
                if signal is not None:
                    signal.connect(self._mark_dirty)
        return self._detail_pages[kind]

    # -- state ---------------------------------------------------------------------------
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
