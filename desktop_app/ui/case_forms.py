"""Create or edit a case: the debt, the borrower, the user's own statement and what they ask for.

Validation happens on OK: each problem is shown in red under its field (and the field gets
the focus), nothing is saved until every field is valid.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.enums import CaseStatus, Jurisdiction
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import N_, _, current_language
from desktop_app.core.services.case_defaults import new_case_defaults, system_time_zone
from desktop_app.core.services.cases import DEFAULT_CURRENCY, DEFAULT_TZ
from desktop_app.ui.errors import show_error
from desktop_app.ui.panel_format import fill_enum_combo, fmt_number, named, select_data, use_ui_date_format

CURRENCIES = ("CNY", "TWD", "HKD", "USD", "GBP", "EUR")
PRODUCT_TYPES = ("信用卡", "消费贷", "分期购物", "网络小贷", "Credit card", "Personal loan", "Buy now, pay later")
NO_DATE = QDate(1900, 1, 1)


TITLE_EXAMPLES = {Jurisdiction.CN: N_("e.g. “Zhaolian loan, overdue since March”")}
TITLE_EXAMPLE_ELSEWHERE = N_("e.g. “Credit card, overdue since March”")


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def parse_amount(text: str) -> Decimal | None:
    """'12,000.50', '１２０００', '¥ 3 000' → Decimal; '' → None; anything else raises ValueError."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    for junk in (",", " ", "\u00a0", "¥", "￥", "$", "£", "元", "NT"):
        cleaned = cleaned.replace(junk, "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(cleaned) from exc
    if not value.is_finite():
        raise ValueError(cleaned)
    return value


class RequestsEditor(QWidget):
    """An ordered, numbered list of what the complaint asks for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 1)
        self.table.horizontalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)  # a request is often a long sentence: show all of it
        self.table.itemChanged.connect(lambda _item: self.table.resizeRowsToContents())
        # Row heights depend on the column's width, known only once the dialog is laid out.
        self.table.horizontalHeader().sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        named(self.table, _("What the complaint asks for, in order"))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(_("Add request"))
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        for button, slot in ((self.add_button, self.add), (self.remove_button, self.remove),
                             (self.up_button, lambda: self.move(-1)), (self.down_button, lambda: self.move(1))):
            named(button, button.text())
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def set_items(self, items: list[str]) -> None:
        self.table.setRowCount(0)
        for text in items:
            self._append(text)
        self.table.resizeRowsToContents()

    def items(self) -> list[str]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text().strip():
                out.append(item.text().strip())
        return out

    def _append(self, text: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(text))
        return row

    def add(self) -> None:
        row = self._append("")
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        texts = [self.table.item(r, 0).text() if self.table.item(r, 0) else "" for r in range(self.table.rowCount())]
        texts[row], texts[target] = texts[target], texts[row]
        self.set_items(texts)
        self.table.setCurrentCell(target, 0)


class CaseDialog(QDialog):
    def __init__(self, ws, case_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.case_id = ws, case_id
        case = ws.cases.get(case_id) if case_id is not None else None
        self.setWindowTitle(_("Case details") if case else _("New case"))
        self.setAccessibleName(self.windowTitle())
        self.resize(720, 640)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        debt = self._tab(_("The debt"))
        self.title = self._line(debt, "title", _("Case title:"), _("e.g. “Zhaolian loan, overdue since March”"))
        self.platform = self._line(debt, "platform", _("Platform or creditor:"), _("The app or bank you borrowed from"))
        self.funder = self._line(debt, "funder", _("Funder (lender):"), _("The licensed lender named in the contract"))
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.addItems(["", *PRODUCT_TYPES])
        self._row(debt, "product_type", _("Product type:"), self.product)
        self.accounts = self._line(debt, "account_numbers", _("Account or contract numbers:"), "")
        self.principal = self._line(debt, "principal", _("Amount borrowed:"), _("e.g. 20000"))
        money = QWidget()
        money_layout = QHBoxLayout(money)
        money_layout.setContentsMargins(0, 0, 0, 0)
        self.balance = QLineEdit()
        self.balance.setPlaceholderText(_("What they say you owe now"))
        named(self.balance, _("Outstanding balance"))
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        named(self.currency, _("Currency"))
        money_layout.addWidget(self.balance, 1)
        money_layout.addWidget(self.currency)
        self._row(debt, "balance", _("Outstanding balance:"), money)
        overdue = QWidget()
        overdue_layout = QHBoxLayout(overdue)
        overdue_layout.setContentsMargins(0, 0, 0, 0)
        self.overdue = QDateEdit()
        self.overdue.setCalendarPopup(True)
        self.overdue.setMinimumDate(NO_DATE)
        self.overdue.setSpecialValueText(_("Not set"))
        use_ui_date_format(self.overdue)
        self.overdue.setDate(NO_DATE)
        named(self.overdue, _("Overdue since"))
        clear = QPushButton(_("Clear"))
        named(clear, _("Clear the overdue date"))
        clear.clicked.connect(lambda: self.overdue.setDate(NO_DATE))
        overdue_layout.addWidget(self.overdue, 1)
        overdue_layout.addWidget(clear)
        self._row(debt, "overdue_since", _("Overdue since:"), overdue)
        self.status = QComboBox()
        fill_enum_combo(self.status, CaseStatus)
        self._row(debt, "status", _("Status:"), self.status)
        self.jurisdiction = QComboBox()
        fill_enum_combo(self.jurisdiction, Jurisdiction)
        self._row(debt, "jurisdiction", _("Where you live (rules that apply):"), self.jurisdiction)
        self.tz = QComboBox()
        self.tz.setEditable(True)
        self.tz.addItems(zone_names())
        completer = QCompleter(zone_names(), self.tz)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tz.setCompleter(completer)
        self._row(debt, "tz", _("Time zone:"), self.tz)
        self.jurisdiction.currentIndexChanged.connect(self._jurisdiction_changed)

        borrower = self._tab(_("You (the borrower)"))
        self.b_name = self._line(borrower, "borrower_name", _("Your name:"), "")
        self.b_contact = self._line(borrower, "borrower_contact", _("Phone or email:"), "")
        self.b_address = self._line(borrower, "borrower_address", _("Address:"), "")
        self.b_id = self._line(borrower, "borrower_id_number", _("ID number:"),
                               _("Printed only in letters you choose to send"))

        complaint = self._tab(_("Statement and requests"))
        self.statement = QPlainTextEdit()
        self.statement.setPlaceholderText(_("In your own words: what happened, since when, and how it affects you."))
        self._row(complaint, "statement", _("Your statement:"), self.statement)
        self.requests = RequestsEditor()
        self._row(complaint, "requests", _("What you ask for:"), self.requests)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save") if case else _("Create case"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load(case)

    # -- layout helpers ---------------------------------------------------------------------------
    def _tab(self, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.tabs.addTab(page, title)
        return form

    def _row(self, form: QFormLayout, name: str, text: str, widget: QWidget) -> None:
        form.addRow(text, widget)
        if not widget.accessibleName():
            named(widget, text.rstrip(":："))
        error = QLabel()
        error.setStyleSheet("color: #b3261e")
        error.setWordWrap(True)
        error.hide()
        form.addRow("", error)
        self.errors[name] = error
        self.fields[name] = widget
        # The message goes as soon as the field is changed (it used to stay after a title was typed).
        for edit in [widget, *widget.findChildren(QWidget)]:
            signal = None
            if isinstance(edit, QLineEdit):
                signal = edit.textEdited
            elif isinstance(edit, QComboBox):
                signal = edit.currentTextChanged
            elif isinstance(edit, QDateEdit):
                signal = edit.dateChanged
            if signal is not None:
                signal.connect(lambda *_args, label=error: (label.clear(), label.hide()))

    def _line(self, form: QFormLayout, name: str, text: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        if placeholder:
            line.setPlaceholderText(placeholder)
        self._row(form, name, text, line)
        return line

    # -- loading ----------------------------------------------------------------------------------
    def _load(self, case) -> None:
        if case is None:
            # The UI language and this computer's time zone say where a new case most likely is.
            start = new_case_defaults(current_language(), system_time_zone())
            self.jurisdiction.blockSignals(True)
            select_data(self.jurisdiction, start.jurisdiction.value)
            self.jurisdiction.blockSignals(False)
            self.tz.setCurrentText(start.tz)
            self.currency.setCurrentText(start.currency)
            self._jurisdiction = start.jurisdiction
            self._fit_examples()
            return
        self.title.setText(case.title)
        self.platform.setText(case.platform)
        self.funder.setText(case.funder)
        self.product.setCurrentText(case.product_type)
        self.accounts.setText(case.account_numbers)
        self.principal.setText(fmt_number(case.principal) if case.principal is not None else "")
        self.balance.setText(fmt_number(case.balance) if case.balance is not None else "")
        self.currency.setCurrentText(case.currency)
        if case.overdue_since:
            d = case.overdue_since
            self.overdue.setDate(QDate(d.year, d.month, d.day))
        select_data(self.status, case.status.value)
        self.jurisdiction.blockSignals(True)
        select_data(self.jurisdiction, case.jurisdiction.value)
        self.jurisdiction.blockSignals(False)
        self.tz.setCurrentText(case.tz)
        self.b_name.setText(case.borrower_name)
        self.b_contact.setText(case.borrower_contact)
        self.b_address.setText(case.borrower_address)
        self.b_id.setText(case.borrower_id_number)
        self.statement.setPlainText(case.statement)
        self.requests.set_items(case.requests)
        self._jurisdiction = case.jurisdiction
        self._fit_examples()

    _jurisdiction = Jurisdiction.CN

    def _fit_examples(self) -> None:
        """Placeholders that fit the place: no Chinese lender's name as the example for a US case."""
        self.title.setPlaceholderText(_(TITLE_EXAMPLES.get(self._jurisdiction, TITLE_EXAMPLE_ELSEWHERE)))

    def _jurisdiction_changed(self) -> None:
        new = Jurisdiction(self.jurisdiction.currentData())
        # Follow the new place only where the user kept the old place's default.
        if self.tz.currentText() == DEFAULT_TZ[self._jurisdiction]:
            self.tz.setCurrentText(DEFAULT_TZ[new])
        if self.currency.currentText() == DEFAULT_CURRENCY[self._jurisdiction]:
            self.currency.setCurrentText(DEFAULT_CURRENCY[new])
        self._jurisdiction = new
        self._fit_examples()

    # -- saving -----------------------------------------------------------------------------------
    def values(self) -> dict[str, object]:
        """The form's values, checked; raises ValidationError naming the first bad field."""
        title = self.title.text().strip()
        if not title:
            raise ValidationError(_("A case needs a title."), "title")
        amounts = {}
        for name, line in (("principal", self.principal), ("balance", self.balance)):
            try:
                amounts[name] = parse_amount(line.text())
            except ValueError as exc:
                raise ValidationError(_("Enter an amount in figures, such as 12000.50."), name) from exc
            if amounts[name] is not None and amounts[name] < 0:
                raise ValidationError(_("Amounts cannot be negative."), name)
        tz = self.tz.currentText().strip()
        if tz not in zone_names():
            raise ValidationError(_("Choose a time zone from the list, such as Asia/Shanghai."), "tz")
        currency = self.currency.currentText().strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise ValidationError(_("A currency is a three-letter code such as CNY."), "balance")
        qdate = self.overdue.date()
        return {
            "title": title, "platform": self.platform.text().strip(), "funder": self.funder.text().strip(),
            "product_type": self.product.currentText().strip(), "account_numbers": self.accounts.text().strip(),
            "principal": amounts["principal"], "balance": amounts["balance"], "currency": currency,
            "overdue_since": None if qdate == NO_DATE else qdate.toPython(),
            "status": self.status.currentData(), "jurisdiction": self.jurisdiction.currentData(), "tz": tz,
            "borrower_name": self.b_name.text().strip(), "borrower_contact": self.b_contact.text().strip(),
            "borrower_address": self.b_address.text().strip(), "borrower_id_number": self.b_id.text().strip(),
            "statement": self.statement.toPlainText().strip(), "requests": self.requests.items(),
        }

    def _show_problem(self, exc: ValidationError) -> None:
        name = exc.field if exc.field in self.errors else "title"
        label = self.errors[name]
        label.setText(str(exc))
        label.show()
        widget = self.fields[name]
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
        widget.setFocus()

    def accept(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        try:
            values = self.values()
            if self.case_id is None:
                title, jurisdiction, tz = values.pop("title"), values.pop("jurisdiction"), values.pop("tz")
                self.case_id = self.ws.cases.create(title, jurisdiction, tz, **values).id
            else:
                self.ws.cases.update(self.case_id, **values)
        except ValidationError as exc:
            self._show_problem(exc)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user; nothing was saved
            show_error(self, exc)
            return
        super().accept()
