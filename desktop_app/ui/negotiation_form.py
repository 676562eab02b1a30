"""The negotiation request: money in and out, why the user cannot pay, and the plan they propose,
with the repayment schedule recomputed live as they type.

The schedule comes from `core.domain.negotiation.compute_schedule`, the same code the PDF
letter uses, so what the user sees here is exactly what the creditor will read.  Parts of the
request this dialog does not edit (addressee, commitments…) are kept as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.domain.negotiation import KIND_LABELS, Negotiation, Schedule, compute_schedule
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _, pgettext
from desktop_app.ui.errors import show_error
from desktop_app.ui.negotiation_rows import Column, RowsTable
from desktop_app.ui.panel_format import fmt_date, fmt_money, named, select_data, use_ui_date_format

NO_DATE = QDate(1900, 1, 1)


def _money_text(value) -> str:
    return "" if value is None else str(value)


class NegotiationDialog(QDialog):
    def __init__(self, ws, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.case_id = ws, case_id
        self.case = ws.cases.get(case_id)
        self.base = Negotiation.from_dict(self.case.negotiation)
        self.schedule: Schedule | None = None
        self.setWindowTitle(_("Negotiation request"))
        self.setAccessibleName(self.windowTitle())
        self.resize(900, 680)
        self._timer = QTimer(self, singleShot=True, interval=150)  # recompute once typing pauses
        self._timer.timeout.connect(self.update_preview)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_money()
        self._build_hardship()
        self._build_plan()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load()
        self.update_preview()

    # -- building -----------------------------------------------------------------------------------
    def _build_money(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        money = _("Monthly amount")
        self.income = RowsTable([Column("label", _("Income"), stretch=True), Column("monthly", money, "money")],
                                _("Income"))
        self.expenses = RowsTable([Column("label", _("Essential expense"), stretch=True),
                                   Column("monthly", money, "money")], _("Essential expenses"))
        self.debts = RowsTable([Column("creditor", _("Creditor"), stretch=True),
                                Column("balance", _("Balance"), "money"),
                                Column("monthly_payment", _("Monthly payment"), "money"),
                                Column("overdue", _("Overdue"), "bool")], _("Other debts"))
        for title, table in ((_("Income each month"), self.income), (_("Essential expenses each month"),
                             self.expenses), (_("Other debts"), self.debts)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            layout.addWidget(box, 1)
            table.changed.connect(self._schedule_preview)
        self.budget_label = QLabel()
        self.budget_label.setWordWrap(True)
        layout.addWidget(self.budget_label)
        self.tabs.addTab(page, _("Money in and out"))

    def _build_hardship(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(_("Why you cannot pay as agreed: each cause with its dates and what it did to your income."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.hardship = RowsTable([Column("what", pgettext("hardship", "What happened"), stretch=True),
                                   Column("from_date", _("From"), "date"), Column("to_date", _("Until"), "date"),
                                   Column("ongoing", _("Still going on"), "bool"),
                                   Column("effect", _("Effect"), stretch=True)], _("Hardship reasons"))
        layout.addWidget(self.hardship, 1)
        self.tabs.addTab(page, _("Hardship"))

    def _build_plan(self) -> None:
        page = QWidget()
        layout = QHBoxLayout(page)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind, text in KIND_LABELS.items():
            self.kind.addItem(_(text), kind.value)
        self.base_amount = QLineEdit()
        self.base_amount.setPlaceholderText(_("Empty: the case's balance"))
        self.instalments = QSpinBox()
        self.instalments.setRange(0, 360)
        self.instalments.setSpecialValueText(_("As many as needed"))
        self.monthly = QLineEdit()
        self.monthly.setPlaceholderText(_("Or: what you can pay each month"))
        self.first_due = self._date_edit()
        self.day = QSpinBox()
        self.day.setRange(0, 31)
        self.day.setSpecialValueText(_("Same day as the first"))
        self.deferral = QSpinBox()
        self.deferral.setRange(0, 120)
        self.waive = QCheckBox(_("Ask to waive penalty interest and fees"))
        self.down = QLineEdit()
        self.down_date = self._date_edit()
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(_("Empty: no further interest"))
        rows = ((_("Kind of plan:"), self.kind), (_("Amount to repay:"), self.base_amount),
                (_("Number of instalments:"), self.instalments), (_("Monthly amount:"), self.monthly),
                (_("First payment on:"), self.first_due), (_("Day of the month:"), self.day),
                (_("Months of deferral first:"), self.deferral), ("", self.waive),
                (_("Down payment:"), self.down), (_("Down payment on:"), self.down_date),
                (_("Yearly interest rate (%):"), self.rate))
        for text, widget in rows:
            form.addRow(text, widget)
            named(widget, text.rstrip(":：") or self.waive.text())
        for line in (self.base_amount, self.monthly, self.down, self.rate):
            line.textChanged.connect(self._schedule_preview)
        for spin in (self.instalments, self.day, self.deferral):
            spin.valueChanged.connect(self._schedule_preview)
        for dates in (self.first_due, self.down_date):
            dates.dateChanged.connect(self._schedule_preview)
        self.kind.currentIndexChanged.connect(self._schedule_preview)
        self.waive.toggled.connect(self._schedule_preview)
        left = QWidget()
        left.setLayout(form)
        layout.addWidget(left)
        right = QVBoxLayout()
        self.preview_title = QLabel(_("Repayment schedule"))
        right.addWidget(self.preview_title)
        self.preview = QTableWidget(0, 4)
        self.preview.setHorizontalHeaderLabels([_("No."), _("Due"), _("Amount"), _("Left to pay")])
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        named(self.preview, _("Repayment schedule"))
        right.addWidget(self.preview, 1)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        right.addWidget(self.totals)
        layout.addLayout(right, 1)
        self.tabs.addTab(page, _("Your proposal"))

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(_("Not set"))
        use_ui_date_format(edit)
        edit.setDate(NO_DATE)
        return edit

    # -- loading and reading back -------------------------------------------------------------------
    def _load(self) -> None:
        neg = self.base
        self.income.set_rows([{"label": x.label, "monthly": _money_text(x.monthly)} for x in neg.income])
        self.expenses.set_rows([{"label": x.label, "monthly": _money_text(x.monthly)} for x in neg.expenses])
        self.debts.set_rows([{"creditor": d.creditor, "balance": _money_text(d.balance),
                              "monthly_payment": _money_text(d.monthly_payment), "overdue": d.overdue}
                             for d in neg.other_debts])
        self.hardship.set_rows([{"what": h.what, "from_date": h.from_date.isoformat() if h.from_date else None,
                                 "to_date": h.to_date.isoformat() if h.to_date else None, "ongoing": h.ongoing,
                                 "effect": h.effect} for h in neg.hardship])
        p = neg.proposal
        select_data(self.kind, p.kind.value)
        self.base_amount.setText(_money_text(p.base_amount))
        self.instalments.setValue(p.instalments)
        self.monthly.setText(_money_text(p.monthly_amount))
        for edit, value in ((self.first_due, p.first_due), (self.down_date, p.down_payment_date)):
            edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
        self.day.setValue(p.day_of_month or 0)
        self.deferral.setValue(p.deferral_months)
        self.waive.setChecked(p.waive_penalty_and_fees)
        self.down.setText(_money_text(p.down_payment))
        self.rate.setText(_money_text(p.annual_rate))

    def negotiation(self) -> Negotiation:
        """The request as the form stands; raises ValidationError naming the bad field."""
        data = self.base.to_dict()
        data.update(income=self.income.rows(), expenses=self.expenses.rows(), other_debts=self.debts.rows(),
                    hardship=self.hardship.rows())

        def day(edit: QDateEdit) -> str | None:
            return None if edit.date() == NO_DATE else edit.date().toString("yyyy-MM-dd")

        data["proposal"] = {
            "kind": self.kind.currentData(), "base_amount": self.base_amount.text(),
            "instalments": self.instalments.value(), "monthly_amount": self.monthly.text(),
            "first_due": day(self.first_due), "day_of_month": self.day.value() or None,
            "deferral_months": self.deferral.value(), "waive_penalty_and_fees": self.waive.isChecked(),
            "down_payment": self.down.text(), "down_payment_date": day(self.down_date),
            "annual_rate": self.rate.text(),
        }
        return Negotiation.from_dict(data)

    # -- the live preview ---------------------------------------------------------------------------
    def _schedule_preview(self, *_args) -> None:
        self._timer.start()

    def update_preview(self) -> None:
        self.schedule = None
        self.preview.setRowCount(0)
        try:
            neg = self.negotiation()
        except ValidationError as exc:
            self.totals.setText(str(exc))
            self.budget_label.clear()
            return
        budget = neg.budget()
        currency = self.case.currency
        self.budget_label.setText(_("Each month: income {income} − expenses {expenses} − other debts {debts} = "
                                    "{left} left.").format(
            income=fmt_money(budget.income, currency), expenses=fmt_money(budget.expenses, currency),
            debts=fmt_money(budget.debt_payments, currency), left=fmt_money(budget.disposable, currency)))
        try:
            schedule = compute_schedule(neg.proposal, neg.proposal.default_base(self.case), today=neg.letter_date,
                                        credit_card=neg.is_card(self.case))
        except ValidationError as exc:
            self.totals.setText(str(exc))
            return
        self.schedule = schedule
        self.preview.setRowCount(len(schedule.instalments))
        for row, item in enumerate(schedule.instalments):
            number = _("Down payment") if item.is_down_payment else str(item.number)
            for column, text in enumerate((number, fmt_date(item.due), fmt_money(item.amount, currency),
                                           fmt_money(item.remaining, currency))):
                cell = QTableWidgetItem(text)
                if column >= 2:  # amounts line up on the right, as on a bank statement
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.preview.setItem(row, column, cell)
        lines = [_("{n} payments, {total} in all, the last on {last}.").format(
            n=len(schedule.instalments), total=fmt_money(schedule.total, currency), last=fmt_date(schedule.last_due))]
        regular = schedule.regular
        if regular and neg.income:
            monthly = max(i.amount for i in regular)
            if not budget.fits(monthly):
                lines.append(_("The monthly payment of {amount} is {short} more than what is left each month.").format(
                    amount=fmt_money(monthly, currency), short=fmt_money(budget.shortfall(monthly), currency)))
        lines.extend(schedule.warnings)
        self.totals.setText("\n".join(lines))

    # -- saving -------------------------------------------------------------------------------------
    def accept(self) -> None:
        try:
            neg = self.negotiation()
            self.ws.cases.update(self.case_id, negotiation=neg.to_dict())
        except ValidationError as exc:
            self.error.setText(str(exc))
            page = {"income": 0, "expenses": 0, "other_debts": 0, "hardship": 1}.get(
                (exc.field or "").split(".")[0], 2)
            self.tabs.setCurrentIndex(page)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user; nothing was saved
            show_error(self, exc)
            return
        super().accept()
