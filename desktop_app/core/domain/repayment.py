"""Repayment-schedule arithmetic for a negotiation proposal: pure `Decimal`, exact to the cent.

A creditor checks a proposed plan line by line, so every figure the letter prints must add up
exactly: instalments are rounded ROUND_HALF_UP to the cent and the rounding remainder goes on
the LAST instalment, so the instalments (plus any down payment) sum to the base amount exactly.

Dates: every regular instalment falls on `day_of_month` (default: the day of `first_due`); a
month without that day (the 31st in April, the 29th–31st in February) uses its last day.  A
deferral of N months moves the first regular instalment N months later.  A down payment is
always paid first: when it would fall on or after the first regular instalment, the regular
ones move on by a month until they follow it.

With an interest rate (per year, in percent) the regular instalments are level payments
(annuity, monthly rate = yearly / 12); each month's interest is rounded to the cent and the
last instalment clears the remaining principal exactly.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_INSTALMENTS = 360  # 30 years: anything longer is a typing mistake, not a plan


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(anchor: date, months: int, day_of_month: int | None = None) -> date:
    """`anchor` moved by `months`, on `day_of_month` (default anchor's day), clamped to the month's end."""
    index = anchor.year * 12 + (anchor.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = day_of_month or anchor.day
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Instalment:
    number: int  # 0 for the down payment, then 1..n
    due: date
    amount: Decimal  # what is paid on `due`
    principal: Decimal  # the part that reduces the debt
    interest: Decimal  # the part that is interest (0 without a rate)
    remaining: Decimal  # debt left after this payment

    @property
    def is_down_payment(self) -> bool:
        return self.number == 0


@dataclass(frozen=True, slots=True)
class Schedule:
    base: Decimal  # the amount the plan repays (principal of the plan)
    instalments: tuple[Instalment, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def regular(self) -> tuple[Instalment, ...]:
        return tuple(i for i in self.instalments if not i.is_down_payment)

    @property
    def down_payment(self) -> Instalment | None:
        return next((i for i in self.instalments if i.is_down_payment), None)

    @property
    def total(self) -> Decimal:
        return sum((i.amount for i in self.instalments), ZERO)

    @property
    def total_interest(self) -> Decimal:
        return sum((i.interest for i in self.instalments), ZERO)

    @property
    def total_principal(self) -> Decimal:
        return sum((i.principal for i in self.instalments), ZERO)

    @property
    def monthly_amount(self) -> Decimal:
        """The usual monthly payment (the first regular instalment's amount)."""
        regular = self.regular
        return regular[0].amount if regular else ZERO

    @property
    def largest_amount(self) -> Decimal:
        regular = self.regular
        return max(i.amount for i in regular) if regular else ZERO

    @property
    def first_due(self) -> date | None:
        return self.instalments[0].due if self.instalments else None

    @property
    def last_due(self) -> date | None:
        return self.instalments[-1].due if self.instalments else None

    @property
    def months_spanned(self) -> int:
        """Calendar months from the first to the last payment, both counted (the plan's term)."""
        if not self.instalments:
            return 0
        a, b = self.instalments[0].due, self.instalments[-1].due
        return (b.year - a.year) * 12 + b.month - a.month + 1


@dataclass(frozen=True, slots=True)
class Budget:
    income: Decimal
    expenses: Decimal
    debt_payments: Decimal  # monthly payments on the user's other debts

    @property
    def disposable(self) -> Decimal:
        """What is left each month (negative when the user is already short)."""
        return self.income - self.expenses - self.debt_payments

    def fits(self, monthly: Decimal) -> bool:
        return monthly <= self.disposable

    def shortfall(self, monthly: Decimal) -> Decimal:
        """How much a month `monthly` exceeds what is left (0 when it fits)."""
        return max(ZERO, monthly - self.disposable)


def instalment_count_for(amount: Decimal, monthly: Decimal) -> int:
    """How many payments of `monthly` clear `amount` (the last one smaller)."""
    return int((amount / monthly).to_integral_value(rounding=ROUND_CEILING))


def level_amounts(amount: Decimal, count: int) -> list[Decimal]:
    """`count` equal instalments (half-up to the cent), the remainder on the last; sum == amount exactly.
    When half-up would overshoot — many tiny instalments, e.g. 269.58 in 263 at 1.03 leaves -0.28 for
    the last — round down instead, so the last one is never zero or negative."""
    each = cents(amount / count)
    if each * (count - 1) >= amount:
        each = (amount / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    last = amount - each * (count - 1)
    return [each] * (count - 1) + [last]


def fixed_amounts(amount: Decimal, monthly: Decimal) -> list[Decimal]:
    """Payments of `monthly` until `amount` is cleared, the last one carrying what is left."""
    count = instalment_count_for(amount, monthly)
    return [monthly] * (count - 1) + [amount - monthly * (count - 1)]


def annuity_payment(amount: Decimal, monthly_rate: Decimal, count: int) -> Decimal:
    """The level payment, rounded DOWN to the cent: rounding up would overpay a little every
    month, and over a long plan with a small principal share that can clear the debt an
    instalment early (313 asked, 312 printed).  The last instalment takes the few cents left."""
    if monthly_rate == 0:
        return (amount / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    factor = (1 + monthly_rate) ** count
    return (amount * monthly_rate * factor / (factor - 1)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def build_schedule(base: Decimal, *, count: int | None, monthly: Decimal | None, first_due: date,
                   day_of_month: int | None = None, deferral_months: int = 0,
                   down_payment: Decimal | None = None, down_payment_date: date | None = None,
                   annual_rate: Decimal | None = None) -> Schedule:
    """The schedule for already validated inputs (see `negotiation.compute_schedule` for checks)."""
    base = cents(base)
    rows: list[Instalment] = []
    owed = base
    dom = day_of_month or first_due.day
    start = add_months(first_due, deferral_months, dom)
    if down_payment:
        down = cents(down_payment)
        owed = base - down
        paid_on = down_payment_date or first_due
        rows.append(Instalment(0, paid_on, down, down, ZERO, owed))
        shift = 0
        while add_months(start, shift, dom) <= paid_on:
            shift += 1
        start = add_months(start, shift, dom)
    if owed <= 0:
        return Schedule(base, tuple(rows))
    rate = (annual_rate or Decimal(0)) / Decimal(1200)
    if rate:
        n = count or _annuity_count(owed, rate, monthly)
        payment = annuity_payment(owed, rate, n) if count else (monthly or owed)
        for k in range(1, n + 1):
            interest = cents(owed * rate)
            principal = owed if k == n else max(min(payment - interest, owed), ZERO)
            owed -= principal
            rows.append(Instalment(k, add_months(start, k - 1, dom), principal + interest, principal, interest, owed))
            if owed == 0:
                break
    else:
        amounts = level_amounts(owed, count) if count else fixed_amounts(owed, monthly or owed)
        for k, amount in enumerate(amounts, start=1):
            owed -= amount
            rows.append(Instalment(k, add_months(start, k - 1, dom), amount, amount, ZERO, owed))
    return Schedule(base, tuple(rows))


def _annuity_count(owed: Decimal, rate: Decimal, monthly: Decimal | None) -> int:
    """Payments of `monthly` needed at `rate` (simulated, so rounding matches the schedule exactly)."""
    if not monthly:
        return 1
    count = 0
    while owed > 0:
        count += 1
        owed -= monthly - cents(owed * rate)
        if count > MAX_INSTALMENTS:
            break
    return count
