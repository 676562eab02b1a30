"""Money, dates and the figure tables of the negotiation letter (finances and the repayment schedule).

Every amount in the letter goes through `money()`: the currency's symbol as readers of that
language expect it (¥, NT$, HK$, $ / US$, £), thousands separators, always two decimals, so
that the printed schedule adds up on paper to the cent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table

from desktop_app.core.domain.negotiation import Budget, Negotiation, Schedule
from desktop_app.core.i18n import N_
from desktop_app.core.report import fonts, layout

# Symbol per ISO 4217 code; in a Chinese document "$" alone is ambiguous, so US$ there.
SYMBOLS = {"CNY": "¥", "RMB": "¥", "TWD": "NT$", "HKD": "HK$", "USD": "$", "GBP": "£", "EUR": "€", "MOP": "MOP$"}
SYMBOLS_ZH = {"USD": "US$"}

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def money(amount: Decimal | None, currency: str, lang: str) -> str:
    """'¥12,345.60', 'NT$1,000.00', '$980.00' — two decimals, thousands separators, minus sign in front."""
    if amount is None:
        return ""
    code = (currency or "").upper()
    symbol = (SYMBOLS_ZH.get(code) if lang != "en" else None) or SYMBOLS.get(code)
    sign = "−" if amount < 0 else ""
    figure = f"{abs(amount):,.2f}"
    return f"{sign}{symbol}{figure}" if symbol else f"{sign}{code} {figure}".strip()


def long_date(day: date | None, lang: str, us: bool = False) -> str:
    """'2027年1月15日' in Chinese; '15 January 2027' (or 'January 15, 2027' for a US reader)."""
    if day is None:
        return ""
    if lang in ("zh_CN", "zh_TW"):
        return f"{day.year}年{day.month}月{day.day}日"
    month = MONTHS_EN[day.month - 1]
    return f"{month} {day.day}, {day.year}" if us else f"{day.day} {month} {day.year}"


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


class Cells:
    """Paragraph cells in one language's style (user text always through fonts.markup)."""

    def __init__(self, lang: str) -> None:
        st = layout.styles(lang)
        self.lang = lang
        # A letter is read by a person at a desk, not scanned like a dossier's log: a size up.
        lead = 12.5 if lang != "en" else 11.5
        self.cell = st["cell"].clone("letter_cell", fontSize=9, leading=lead)
        self.head = st["cell_head"].clone("letter_head", fontSize=9, leading=lead)
        self.right = _aligned(st["cell"], 2)
        self.right_head = _aligned(st["cell_head"], 2)

    def text(self, value: object, *, head: bool = False, right: bool = False) -> Paragraph:
        style = (self.right_head if head else self.right) if right else (self.head if head else self.cell)
        return Paragraph(fonts.markup(value, self.lang), style)


def _aligned(style, alignment: int):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(style.name + "_r", parent=style, alignment=alignment)


def style_for(lang: str, header_rows: int = 1, zebra: bool = True, extra: list[tuple] | None = None):
    """The house table style, with the document's font named: a TableStyle's FONTSIZE alone makes
    ReportLab select Helvetica, which then sits in the PDF unembedded."""
    return layout.table_style(header_rows=header_rows, zebra=zebra,
                              extra=[("FONTNAME", (0, 0), (-1, -1), fonts.primary_font(lang)), *(extra or [])])


def _table(rows: list[list[Paragraph]], widths: Sequence[float], lang: str, *, total_rows: int = 0) -> Table:
    extra: list[tuple[Any, ...]] = []  # ReportLab table-style commands
    if total_rows:
        extra.append(("LINEABOVE", (0, -total_rows), (-1, -total_rows), 1.0, colors.black))
        extra.append(("BACKGROUND", (0, -total_rows), (-1, -1), layout.GREY_HEADER))
    table = Table(rows, colWidths=list(widths), repeatRows=1)
    table.setStyle(style_for(lang, extra=extra))
    return table


AMOUNT_HEAD = N_("Monthly amount")
TOTAL = N_("Total")


def lines_table(title: str, lines: list[tuple[str, Decimal]], total_label: str, currency: str, lang: str,
                width: float, _: Callable[[str], str]) -> Table:
    """A two-column table of monthly lines with a total row (income, or essential expenses)."""
    c = Cells(lang)
    rows = [[c.text(title, head=True), c.text(_(AMOUNT_HEAD), head=True, right=True)]]
    rows += [[c.text(label), c.text(money(amount, currency, lang), right=True)] for label, amount in lines]
    rows.append([c.text(total_label), c.text(money(sum((a for _l, a in lines), Decimal("0.00")), currency, lang),
                                             right=True)])
    return _table(rows, [width * 0.68, width * 0.32], lang, total_rows=1)


def debts_table(neg: Negotiation, currency: str, lang: str, width: float, _: Callable[[str], str]) -> Table:
    c = Cells(lang)
    rows = [[c.text(_("Creditor"), head=True), c.text(_("Balance"), head=True, right=True),
             c.text(_("Monthly payment"), head=True, right=True), c.text(_("Overdue"), head=True)]]
    for d in neg.other_debts:
        rows.append([c.text(d.creditor), c.text(money(d.balance, currency, lang), right=True),
                     c.text(money(d.monthly_payment, currency, lang), right=True),
                     c.text(_("Yes") if d.overdue else _("No"))])
    rows.append([c.text(_(TOTAL)),
                 c.text(money(sum((d.balance for d in neg.other_debts), Decimal("0.00")), currency, lang), right=True),
                 c.text(money(sum((d.monthly_payment for d in neg.other_debts), Decimal("0.00")), currency, lang),
                        right=True), c.text("")])
    return _table(rows, [width * 0.40, width * 0.22, width * 0.22, width * 0.16], lang, total_rows=1)


def budget_table(budget: Budget, currency: str, lang: str, width: float, _: Callable[[str], str]) -> Table:
    """Income − expenses − other debt payments = what is left each month."""
    c = Cells(lang)
    rows = [[c.text(_("Each month"), head=True), c.text(_("Amount"), head=True, right=True)],
            [c.text(_("Total income")), c.text(money(budget.income, currency, lang), right=True)],
            [c.text(_("Less essential living expenses")), c.text(money(-budget.expenses, currency, lang), right=True)],
            [c.text(_("Less payments on other debts")), c.text(money(-budget.debt_payments, currency, lang),
                                                               right=True)],
            [c.text(_("Left for this debt (disposable income)")),
             c.text(money(budget.disposable, currency, lang), right=True)]]
    return _table(rows, [width * 0.68, width * 0.32], lang, total_rows=1)


def schedule_table(schedule: Schedule, currency: str, lang: str, width: float, _: Callable[[str], str]) -> Table:
    """Every payment: number, due date, amount (and its principal/interest split when there is interest)."""
    c = Cells(lang)
    with_interest = schedule.total_interest > 0
    head = [c.text(_("No."), head=True), c.text(_("Due date"), head=True),
            c.text(_("Amount due"), head=True, right=True)]
    if with_interest:
        head += [c.text(_("Principal"), head=True, right=True), c.text(_("Interest"), head=True, right=True)]
    head.append(c.text(_("Remaining after payment"), head=True, right=True))
    rows = [head]
    for item in schedule.instalments:
        row = [c.text(_("Down payment") if item.is_down_payment else str(item.number)), c.text(iso(item.due)),
               c.text(money(item.amount, currency, lang), right=True)]
        if with_interest:
            row += [c.text(money(item.principal, currency, lang), right=True),
                    c.text(money(item.interest, currency, lang), right=True)]
        row.append(c.text(money(item.remaining, currency, lang), right=True))
        rows.append(row)
    total = [c.text(_(TOTAL)), c.text(""), c.text(money(schedule.total, currency, lang), right=True)]
    if with_interest:
        total += [c.text(money(schedule.total_principal, currency, lang), right=True),
                  c.text(money(schedule.total_interest, currency, lang), right=True)]
    total.append(c.text(""))
    rows.append(total)
    if with_interest:
        widths = [0.14, 0.16, 0.18, 0.18, 0.15, 0.19]
    else:
        widths = [0.18, 0.24, 0.29, 0.29]
    return _table(rows, [width * w for w in widths], lang, total_rows=1)


def key_value_table(pairs: list[tuple[str, str]], lang: str, width: float) -> Table:
    """Label | value rows without a header (the applicant and account block)."""
    c = Cells(lang)
    rows = [[c.text(k, head=True), c.text(v)] for k, v in pairs]
    table = Table(rows, colWidths=[width * 0.30, width * 0.70], splitInRow=1)  # a long value may cross pages
    table.setStyle(style_for(lang, header_rows=0, zebra=False,
                             extra=[("BACKGROUND", (0, 0), (0, -1), layout.GREY_ZEBRA)]))
    return table

