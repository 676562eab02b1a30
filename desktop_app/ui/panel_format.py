"""Small helpers the panels share: locale-aware dates and numbers, enum combos, accessible names."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QWidget

from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import current_language
from desktop_app.ui.application import QT_LOCALE


def ui_locale() -> QLocale:
    """The QLocale of the UI language (not the system's: a zh_CN UI on an English system shows 年月日).
    The same one the application sets as Qt's default, so the panels write dates as the timeline
    does: a date must never read 1 April in one window and 4 January in another."""
    return QLocale(QT_LOCALE.get(current_language(), "en_US"))


def _four_digit_year(pattern: str) -> str:
    # English short formats write "3/4/26"; a record for a complaint names the year in full.
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def short_date_format(locale: QLocale) -> str:
    """The locale's short date pattern with a four-digit year (zh: 2026/3/4, en: 3/4/2026)."""
    return _four_digit_year(locale.dateFormat(QLocale.FormatType.ShortFormat))


def short_datetime_format(locale: QLocale) -> str:
    """The locale's short date-and-time pattern with a four-digit year (the timeline's "when")."""
    return _four_digit_year(locale.dateTimeFormat(QLocale.FormatType.ShortFormat))


def use_ui_date_format(edit: QDateTimeEdit) -> QDateTimeEdit:
    """Give a date or date-and-time field the UI language's one pattern, the one the timeline,
    follow-ups and findings print ("2/28/2026 9:25 PM", "2026/2/28 21:25"), not ISO here and
    "12/4/26" there.  Seconds stay in the value (an imported call keeps them) even when not shown."""
    locale = ui_locale()
    has_time = bool(edit.displayedSections() & QDateTimeEdit.Section.TimeSections_Mask) \
        and bool(edit.displayedSections() & QDateTimeEdit.Section.DateSections_Mask)
    edit.setLocale(locale)
    edit.setDisplayFormat(short_datetime_format(locale) if has_time else short_date_format(locale))
    return edit


def fmt_date(value: date | None) -> str:
    if value is None:
        return ""
    locale = ui_locale()
    return locale.toString(QDate(value.year, value.month, value.day), short_date_format(locale))


def fmt_datetime(value: datetime | None) -> str:
    """The wall time as stored (the borrower's clock), never converted to this computer's zone."""
    if value is None:
        return ""
    qdt = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second))
    locale = ui_locale()
    return locale.toString(qdt, short_datetime_format(locale))


def fmt_number(value: Decimal | float | int | None, decimals: int = 2) -> str:
    if value is None:
        return ""
    return ui_locale().toString(float(value), "f", decimals)


def fmt_money(value: Decimal | None, currency: str) -> str:
    if value is None:
        return ""
    return f"{fmt_number(value)} {currency}".strip()


def fmt_size(size: int) -> str:
    return ui_locale().formattedDataSize(int(size), 1)


def fmt_duration(seconds: float | int | None) -> str:
    """m:ss, or h:mm:ss for an hour or more."""
    if seconds is None:
        return ""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def fill_enum_combo(combo: QComboBox, values: Iterable[Enum], none_text: str | None = None) -> None:
    """Translated labels shown, the enum's string value kept as item data."""
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for value in values:
        combo.addItem(label(value), value.value)


def select_data(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))


def named(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a control the name a screen reader announces (and, optionally, a tooltip)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget
