"""Input widgets for the event editor: kind-specific detail fields declared as data, plus small
helpers (a yes/no/unknown box, an optional date, an enum combo, a duration field)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from desktop_app.core.domain.enums import Channel, EventKind, RequestType, VisitPlace
from desktop_app.core.domain.labels import label
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import N_, _
from desktop_app.ui.panel_format import use_ui_date_format


@dataclass(frozen=True)
class DetailField:
    key: str
    type: str  # text, int, tri, enum, date, time, party
    text: str  # N_() label
    enum: type[Enum] | None = None


DETAIL_FIELDS: dict[EventKind, tuple[DetailField, ...]] = {
    EventKind.CALL: (DetailField("claimed_identity", "text", N_("Who they said they were")),),
    EventKind.VISIT: (
        DetailField("place", "enum", N_("Place"), VisitPlace),
        DetailField("address", "text", N_("Address")),
        DetailField("people_count", "int", N_("How many people came")),
        DetailField("id_shown", "tri", N_("Every visitor showed ID")),
        DetailField("notice_given", "tri", N_("The visit was announced beforehand")),
        DetailField("entered_without_consent", "tri", N_("They came in without my consent")),
        DetailField("claimed_identity", "text", N_("Who they said they were")),
    ),
    EventKind.SMS: (DetailField("channel", "enum", N_("Channel"), Channel),
                    DetailField("sender_name", "text", N_("Sender's name"))),
    EventKind.CHAT: (DetailField("channel", "enum", N_("Channel"), Channel),
                     DetailField("sender_name", "text", N_("Sender's name"))),
    EventKind.EMAIL: (DetailField("subject", "text", N_("Subject")),
                      DetailField("channel", "enum", N_("Channel"), Channel)),
    EventKind.LETTER: (DetailField("sender", "text", N_("Sender")),
                       DetailField("delivery", "text", N_("Delivered by (post, courier, by hand)"))),
    EventKind.COMPLAINT: (
        DetailField("channel", "enum", N_("Filed with"), Channel),
        DetailField("ticket_no", "text", N_("Ticket or reference number")),
        DetailField("reply_due", "date", N_("Reply due by")),
        DetailField("outcome", "text", N_("Outcome")),
    ),
    EventKind.USER_REQUEST: (
        DetailField("request_type", "enum", N_("What I asked for"), RequestType),
        DetailField("written", "tri", N_("Made in writing")),
        DetailField("hours_from", "time", N_("Contact allowed from")),
        DetailField("hours_to", "time", N_("Contact allowed until")),
        DetailField("target_party_id", "party", N_("The person they must stop contacting")),
        DetailField("channel", "enum", N_("Channel not to use"), Channel),
    ),
    EventKind.PAYMENT: (
        DetailField("amount", "text", N_("Amount")),
        DetailField("currency", "text", N_("Currency")),
        DetailField("method", "text", N_("Paid how")),
    ),
    EventKind.AGREEMENT: (
        DetailField("written", "tri", N_("Signed in writing")),
        DetailField("terms", "text", N_("Terms")),
        DetailField("amount", "text", N_("Amount")),
        DetailField("instalments", "int", N_("Number of instalments")),
    ),
    EventKind.NEGOTIATION: (DetailField("outcome", "text", N_("Outcome")),
                            DetailField("staff_id", "text", N_("Staff name or ID"))),
    EventKind.MEETING: (DetailField("place", "text", N_("Place")),),
}


class TriBox(QComboBox):
    """Yes / No / Not recorded — for facts the user may not know, so the record never guesses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retranslate()

    def retranslate(self) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        self.addItem(_("Not recorded"), None)
        self.addItem(_("Yes"), True)
        self.addItem(_("No"), False)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> bool | None:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}.get(None if value is None else bool(value), 0))


class EnumBox(QComboBox):
    def __init__(self, enum: type[Enum], optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enum = enum
        self.optional = optional
        self.retranslate()

    def retranslate(self) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        if self.optional:
            self.addItem("—", None)
        for member in self.enum:
            self.addItem(label(member), member.value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> str | None:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(str(value) if value is not None else None)
        self.setCurrentIndex(max(index, 0))


class OptionalDate(QWidget):
    """A date that may be absent: a check box switches the date field on."""

    changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.edit = use_ui_date_format(QDateEdit())
        self.edit.setCalendarPopup(True)
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None

    def set_value(self, value: date | str | None) -> None:
        if isinstance(value, str):
            value = date.fromisoformat(value) if value else None
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


_DURATION = re.compile(r"^\s*(?:(\d+)\s*:\s*)?(?:(\d+)\s*:\s*)?(\d+)\s*$")


def parse_duration(text: str) -> int | None:
    """'3:25' → 205 s, '1:02:03' → 3723 s, '90' → 90 s, '' → None."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("-"):
        raise ValidationError(_("A duration cannot be negative."), "duration_s")
    match = _DURATION.match(text)
    if not match:
        raise ValidationError(_("Enter the duration as minutes:seconds, for example 3:25."), "duration_s")
    parts = [int(p) for p in match.groups() if p is not None]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def make_detail_widget(spec: DetailField, parties: Callable[[], list[tuple[int, str]]]) -> QWidget:
    if spec.type == "text":
        return QLineEdit()
    if spec.type == "int":
        box = QSpinBox()
        box.setRange(0, 9999)
        box.setSpecialValueText("—")
        return box
    if spec.type == "tri":
        return TriBox()
    if spec.type == "enum":
        assert spec.enum is not None
        return EnumBox(spec.enum)
    if spec.type == "date":
        return OptionalDate(_("Set"))
    if spec.type == "time":
        edit = QTimeEdit()
        edit.setDisplayFormat("HH:mm")
        return edit
    if spec.type == "party":
        box = QComboBox()
        box.addItem("—", None)
        for party_id, name in parties():
            box.addItem(name, party_id)
        return box
    raise ValueError(spec.type)


def get_detail(spec: DetailField, widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text().strip() or None
    if isinstance(widget, QSpinBox):
        return widget.value() or None
    if isinstance(widget, TriBox | EnumBox):
        return widget.value()
    if isinstance(widget, OptionalDate):
        value = widget.value()
        return value.isoformat() if value else None
    if isinstance(widget, QTimeEdit):
        return widget.time().toString("HH:mm")
    if isinstance(widget, QComboBox):
        return widget.currentData()
    return None


def set_detail(spec: DetailField, widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
        widget.setCursorPosition(0)
    elif isinstance(widget, QSpinBox):
        try:
            widget.setValue(int(value or 0))
        except (TypeError, ValueError):
            widget.setValue(0)
    elif isinstance(widget, TriBox | EnumBox | OptionalDate):
        widget.set_value(value)
    elif isinstance(widget, QTimeEdit):
        try:
            moment = time.fromisoformat(value) if value else time(0, 0)
        except ValueError:
            moment = time(0, 0)
        widget.setTime(QTime(moment.hour, moment.minute))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))


def change_signal(widget: QWidget):
    for name in ("textChanged", "valueChanged", "currentIndexChanged", "changed", "timeChanged", "toggled"):
        signal = getattr(widget, name, None)
        if signal is not None:
            return signal
    return None


def detail_form(kind: EventKind, parties: Callable[[], list[tuple[int, str]]]) -> tuple[QWidget, dict[str, QWidget]]:
    """A form page for one kind's detail fields."""
    page = QWidget()
    form = QFormLayout(page)
    form.setContentsMargins(0, 0, 0, 0)
    widgets: dict[str, QWidget] = {}
    for spec in DETAIL_FIELDS.get(kind, ()):
        widget = make_detail_widget(spec, parties)
        if isinstance(widget, QComboBox):
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(12)
        widget.setAccessibleName(_(spec.text))
        widget.setObjectName(f"detail_{spec.key}")
        caption = QLabel(_(spec.text))
        caption.setBuddy(widget)
        caption.setWordWrap(True)
        form.addRow(caption, widget)
        widgets[spec.key] = widget
    return page, widgets
