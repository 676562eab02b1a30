"""The negotiation request (协商还款申请书 / hardship letter): what the user proposes and why.

Stored as JSON in `case.negotiation`:

    neg = Negotiation.from_dict(case.negotiation)
    ...edit...
    ws.cases.update(case_id, negotiation=neg.to_dict())

Money is `Decimal` (stored as strings), dates are `date` (stored ISO).  `from_dict` accepts
what an older or hand-edited dict holds (missing keys take their defaults) and raises a
`ValidationError` naming the field for a value it cannot read.  `compute_schedule()` turns the
proposal into every instalment's date and amount (see `repayment`); `Budget` says whether the
proposed monthly payment fits the user's disposable income.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, ClassVar, Literal, Self, overload

from desktop_app.core.domain.models import Case
from desktop_app.core.domain.repayment import (
    MAX_INSTALMENTS,
    ZERO,
    Budget,
    Instalment,
    Schedule,
    add_months,
    build_schedule,
    cents,
    instalment_count_for,
)
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import N_, _

__all__ = [
    "Addressee", "Budget", "ExpenseLine", "HardshipReason", "IncomeLine", "Instalment", "Negotiation",
    "OtherDebt", "Proposal", "ProposalKind", "Schedule", "SendMethod", "compute_schedule", "is_credit_card",
    "CARD_MAX_MONTHS", "KIND_LABELS", "SEND_LABELS",
]

SCHEMA_VERSION = 1
CARD_MAX_MONTHS = 60  # 商业银行信用卡业务监督管理办法 art. 70: an individual plan runs at most 5 years


class ProposalKind(StrEnum):
    LONGER_TERM = "longer_term"  # spread the balance over more months
    LOWER_INSTALMENT = "lower_instalment"  # a smaller monthly payment the user can afford
    WAIVER = "waiver"  # repay, with penalty interest and fees waived
    DEFERRAL = "deferral"  # a payment holiday, then instalments
    PRINCIPAL_ONLY = "principal_only"  # repay the principal only (只还本金)


class SendMethod(StrEnum):
    POST_TRACKED = "post_tracked"  # EMS / registered post, keep the receipt
    EMAIL = "email"
    APP = "app"  # the lender's official app or website form
    IN_PERSON = "in_person"  # handed in at a branch, get a stamped copy
    HOTLINE = "hotline"  # read out on the official (recorded) hotline
    OTHER = "other"


KIND_LABELS: dict[ProposalKind, str] = {
    ProposalKind.LONGER_TERM: N_("Longer repayment term"),
    ProposalKind.LOWER_INSTALMENT: N_("Lower monthly instalment"),
    ProposalKind.WAIVER: N_("Waiver of penalty interest and fees"),
    ProposalKind.DEFERRAL: N_("Deferral, then instalments"),
    ProposalKind.PRINCIPAL_ONLY: N_("Repay the principal only"),
}
SEND_LABELS: dict[SendMethod, str] = {
    SendMethod.POST_TRACKED: N_("Tracked post (EMS / registered mail)"),
    SendMethod.EMAIL: N_("Email to the official address"),
    SendMethod.APP: N_("The lender's official app or website"),
    SendMethod.IN_PERSON: N_("Handed in at a branch"),
    SendMethod.HOTLINE: N_("Official customer-service hotline"),
    SendMethod.OTHER: N_("Other"),
}

# 贷记卡 is the formal Chinese name of a credit card; a debit or cash card (现金卡) is not one.
_CARD_WORDS = ("credit card", "creditcard", "信用卡", "贷记卡", "貸記卡")


def is_credit_card(case: Case, override: bool | None = None) -> bool:
    """Whether art. 70 applies: the user's explicit choice, else guessed from the case's product type."""
    if override is not None:
        return override
    text = (case.product_type or "").lower()
    return any(word in text for word in _CARD_WORDS)


# ---- reading stored values ---------------------------------------------------------------------

@overload
def _money(value: Any, name: str, *, optional: Literal[False]) -> Decimal: ...


@overload
def _money(value: Any, name: str, *, optional: bool = True) -> Decimal | None: ...


def _money(value: Any, name: str, *, optional: bool = True) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise ValidationError(_("Enter an amount for {field}.").format(field=name), name)
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation as exc:
        raise ValidationError(_("{field}: {value!r} is not an amount.").format(field=name, value=value), name) from exc
    if not amount.is_finite():
        raise ValidationError(_("{field}: {value!r} is not an amount.").format(field=name, value=value), name)
    if amount < 0:
        raise ValidationError(_("{field}: amounts cannot be negative.").format(field=name), name)
    return cents(amount)


def _date(value: Any, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValidationError(_("{field}: {value!r} is not a date (expected YYYY-MM-DD).").format(
            field=name, value=value), name) from exc


def _int(value: Any, name: str, default: int = 0) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("{field}: {value!r} is not a whole number.").format(field=name, value=value),
                              name) from exc


def _enum(cls: type[StrEnum], value: Any, name: str, default: StrEnum) -> Any:
    if value in (None, ""):
        return default
    try:
        return cls(value)
    except ValueError as exc:
        raise ValidationError(_("{field}: unknown choice {value!r}.").format(field=name, value=value), name) from exc


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    return value


# ---- the parts of a request ------------------------------------------------------------------

@dataclass(slots=True)
class Addressee:
    """Where the letter goes: the creditor's official post-loan / customer-service channel, never a collector."""

    organisation: str = ""  # default at print time: the case's funder, else its platform
    department: str = ""  # e.g. 贷后管理部 / 客户服务中心
    address: str = ""  # postal address, email or the app's page
    method: SendMethod = SendMethod.POST_TRACKED
    tracking_no: str = ""  # EMS number or ticket id, once sent

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Addressee:
        return cls(organisation=str(d.get("organisation", "")), department=str(d.get("department", "")),
                   address=str(d.get("address", "")),
                   method=_enum(SendMethod, d.get("method"), "addressee.method", SendMethod.POST_TRACKED),
                   tracking_no=str(d.get("tracking_no", "")))


@dataclass(slots=True)
class MonthlyLine:
    """A labelled monthly amount; income and expense lines share this shape."""

    label: str
    monthly: Decimal
    FIELD: ClassVar[str] = "line"  # names the list in validation messages ("income.monthly")

    @classmethod
    def from_dict(cls, d: dict[str, Any], name: str | None = None) -> Self:
        return cls(str(d.get("label", "")),
                   _money(d.get("monthly"), f"{name or cls.FIELD}.monthly", optional=False))


@dataclass(slots=True)
class IncomeLine(MonthlyLine):
    FIELD: ClassVar[str] = "income"


@dataclass(slots=True)
class ExpenseLine(MonthlyLine):
    FIELD: ClassVar[str] = "expenses"


@dataclass(slots=True)
class OtherDebt:
    creditor: str
    balance: Decimal = ZERO
    monthly_payment: Decimal = ZERO
    overdue: bool = False

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OtherDebt:
        return cls(str(d.get("creditor", "")), _money(d.get("balance"), "other_debts.balance") or ZERO,
                   _money(d.get("monthly_payment"), "other_debts.monthly_payment") or ZERO, bool(d.get("overdue")))


@dataclass(slots=True)
class HardshipReason:
    """One cause of hardship, with its dates and its effect in figures (what the creditor needs to see)."""

    what: str  # e.g. "Laid off when the factory closed"
    from_date: date | None = None
    to_date: date | None = None  # None with ongoing=True: still going on
    ongoing: bool = True
    effect: str = ""  # free text, e.g. "take-home pay fell 40%"
    income_before: Decimal | None = None  # monthly, optional figures printed as "from X to Y"
    income_after: Decimal | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HardshipReason:
        to_date = _date(d.get("to_date"), "hardship.to_date")
        reason = cls(what=str(d.get("what", "")), from_date=_date(d.get("from_date"), "hardship.from_date"),
                     to_date=to_date, ongoing=bool(d.get("ongoing", to_date is None)), effect=str(d.get("effect", "")),
                     income_before=_money(d.get("income_before"), "hardship.income_before"),
                     income_after=_money(d.get("income_after"), "hardship.income_after"))
        if reason.from_date and reason.to_date and reason.to_date < reason.from_date:
            raise ValidationError(_("A hardship period cannot end before it starts."), "hardship.to_date")
        return reason


@dataclass(slots=True)
class Proposal:
    kind: ProposalKind = ProposalKind.LONGER_TERM
    base_amount: Decimal | None = None  # None: the case balance (the principal for principal_only)
    instalments: int = 12  # 0 with monthly_amount set: as many as that amount needs
    monthly_amount: Decimal | None = None  # "I can pay this much a month" instead of a count
    first_due: date | None = None  # None: `day_of_month` in the month after the letter's date
    day_of_month: int | None = None  # None: the day of first_due
    deferral_months: int = 0  # months of payment holiday before the first regular instalment
    waive_penalty_and_fees: bool = True
    down_payment: Decimal | None = None
    down_payment_date: date | None = None  # None: on first_due
    annual_rate: Decimal | None = None  # percent per year; None or 0: no further interest

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Proposal:
        rate = d.get("annual_rate")
        return cls(
            kind=_enum(ProposalKind, d.get("kind"), "proposal.kind", ProposalKind.LONGER_TERM),
            base_amount=_money(d.get("base_amount"), "proposal.base_amount"),
            instalments=_int(d.get("instalments"), "proposal.instalments", 12),
            monthly_amount=_money(d.get("monthly_amount"), "proposal.monthly_amount"),
            first_due=_date(d.get("first_due"), "proposal.first_due"),
            day_of_month=_int(d.get("day_of_month"), "proposal.day_of_month") or None,
            deferral_months=_int(d.get("deferral_months"), "proposal.deferral_months"),
            waive_penalty_and_fees=bool(d.get("waive_penalty_and_fees", True)),
            down_payment=_money(d.get("down_payment"), "proposal.down_payment") or None,
            down_payment_date=_date(d.get("down_payment_date"), "proposal.down_payment_date"),
            annual_rate=None if rate in (None, "") else _money(rate, "proposal.annual_rate"),
        )

    def default_base(self, case: Case) -> Decimal | None:
        """The amount the plan repays when the user has not typed one."""
        if self.base_amount is not None:
            return self.base_amount
        if self.kind == ProposalKind.PRINCIPAL_ONLY:  # never silently fall back to the balance
            return cents(case.principal) if case.principal is not None else None
        for amount in (case.balance, case.principal):
            if amount is not None:
                return cents(amount)
        return None


@dataclass(slots=True)
class Negotiation:
    addressee: Addressee = field(default_factory=Addressee)
    income: list[IncomeLine] = field(default_factory=list)
    expenses: list[ExpenseLine] = field(default_factory=list)
    other_debts: list[OtherDebt] = field(default_factory=list)
    hardship: list[HardshipReason] = field(default_factory=list)
    proposal: Proposal = field(default_factory=Proposal)
    credit_card: bool | None = None  # None: guessed from the case's product type
    no_new_cards_promise: bool | None = None  # art. 70(4); None: yes for a credit card
    commitments: list[str] = field(default_factory=list)  # the user's own further promises
    request_confirmation: bool = True  # ask for the agreement in writing
    request_contact_pause: bool = True  # ask collection contact to pause while this is considered
    contact_preference: str = ""  # e.g. "by text message to 138…, weekdays 9:00–18:00"
    evidence_ids: list[int] = field(default_factory=list)  # hardship evidence attached from the vault
    place: str = ""
    letter_date: date | None = None  # None: the day the letter is made

    # -- storage -------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = _jsonable(self)
        data["version"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Negotiation:
        d = d or {}
        if not isinstance(d, dict):
            raise ValidationError(_("The stored negotiation request is not readable."), "negotiation")
        card = d.get("credit_card")
        promise = d.get("no_new_cards_promise")
        return cls(
            addressee=Addressee.from_dict(d.get("addressee") or {}),
            income=[IncomeLine.from_dict(x) for x in d.get("income") or []],
            expenses=[ExpenseLine.from_dict(x, "expenses") for x in d.get("expenses") or []],
            other_debts=[OtherDebt.from_dict(x) for x in d.get("other_debts") or []],
            hardship=[HardshipReason.from_dict(x) for x in d.get("hardship") or []],
            proposal=Proposal.from_dict(d.get("proposal") or {}),
            credit_card=None if card is None else bool(card),
            no_new_cards_promise=None if promise is None else bool(promise),
            commitments=[str(x) for x in d.get("commitments") or [] if str(x).strip()],
            request_confirmation=bool(d.get("request_confirmation", True)),
            request_contact_pause=bool(d.get("request_contact_pause", True)),
            contact_preference=str(d.get("contact_preference", "")),
            evidence_ids=[_int(x, "evidence_ids") for x in d.get("evidence_ids") or []],
            place=str(d.get("place", "")),
            letter_date=_date(d.get("letter_date"), "letter_date"),
        )

    # -- derived -------------------------------------------------------------------------------
    def is_card(self, case: Case) -> bool:
        return is_credit_card(case, self.credit_card)

    def promises_no_new_cards(self, case: Case) -> bool:
        return self.no_new_cards_promise if self.no_new_cards_promise is not None else self.is_card(case)

    def budget(self) -> Budget:
        return disposable_income(self)


def disposable_income(neg: Negotiation) -> Budget:
    return Budget(income=sum((x.monthly for x in neg.income), ZERO),
                  expenses=sum((x.monthly for x in neg.expenses), ZERO),
                  debt_payments=sum((x.monthly_payment for x in neg.other_debts), ZERO))


# ---- the schedule ----------------------------------------------------------------------------

def compute_schedule(proposal: Proposal, balance: Decimal | None, *, today: date | None = None,
                     credit_card: bool = False) -> Schedule:
    """Every payment's date and amount for `proposal`, exact to the cent.

    `balance` is the amount repaid when the proposal names none (`Proposal.default_base`
    gives the right one for a case).  `today` (the letter's date) places a first due date
    that was left empty.  Raises `ValidationError` for a plan that cannot be computed; the
    schedule's `warnings` hold what the user should reconsider (e.g. over 5 years for a card).
    """
    p = proposal
    base = p.base_amount if p.base_amount is not None else balance
    if base is None or base <= 0:
        raise ValidationError(_("Enter the amount to repay, or the case's outstanding balance (its original "
                                "principal for a principal-only plan)."), "proposal.base_amount")
    base = cents(base)
    for name, value in (("down_payment", p.down_payment), ("monthly_amount", p.monthly_amount),
                        ("annual_rate", p.annual_rate)):
        if value is not None and value < 0:
            raise ValidationError(_("{field}: amounts cannot be negative.").format(field=name), f"proposal.{name}")
    if p.kind == ProposalKind.DEFERRAL and p.deferral_months < 1:
        raise ValidationError(_("A deferral plan needs the number of months to defer (at least 1)."),
                              "proposal.deferral_months")
    if p.deferral_months < 0 or p.deferral_months > 120:
        raise ValidationError(_("The deferral must be between 0 and 120 months."), "proposal.deferral_months")
    if p.day_of_month is not None and not 1 <= p.day_of_month <= 31:
        raise ValidationError(_("The day of the month must be between 1 and 31."), "proposal.day_of_month")
    if p.annual_rate is not None and p.annual_rate > 100:
        raise ValidationError(_("The interest rate is a yearly percentage and cannot exceed 100."),
                              "proposal.annual_rate")
    down = p.down_payment or ZERO
    if down >= base:
        raise ValidationError(_("The down payment must be smaller than the amount to repay."), "proposal.down_payment")
    count = p.instalments if p.instalments and p.instalments > 0 else None
    monthly = p.monthly_amount if p.monthly_amount else None
    if p.instalments < 0 or (count is None and monthly is None):
        raise ValidationError(_("The plan needs at least one instalment (or a monthly amount)."),
                              "proposal.instalments")
    rate = (p.annual_rate or ZERO) / 1200
    if count is None and monthly is not None and rate and monthly <= cents((base - down) * rate):
        raise ValidationError(_("The monthly amount does not even cover the interest; the debt would never "
                                "be repaid."), "proposal.monthly_amount")
    if count is None and monthly is not None and not rate and \
            instalment_count_for(base - down, monthly) > MAX_INSTALMENTS:
        raise ValidationError(_("At {amount} a month the plan would take more than {n} months.").format(
            amount=monthly, n=MAX_INSTALMENTS), "proposal.monthly_amount")
    if count is not None and count > MAX_INSTALMENTS:
        raise ValidationError(_("A plan cannot have more than {n} instalments.").format(n=MAX_INSTALMENTS),
                              "proposal.instalments")
    if count is not None and (base - down) < count:
        # Under 1.00 an instalment means nothing to a creditor, and half-up rounding of such tiny
        # shares could leave the last one at zero or below.
        raise ValidationError(_("Each instalment would be less than 1.00; choose fewer instalments."),
                              "proposal.instalments")
    letter_day = today or date.today()
    first_due = p.first_due or add_months(letter_day.replace(day=1), 1, p.day_of_month or letter_day.day)
    schedule = build_schedule(base, count=count, monthly=monthly, first_due=first_due, day_of_month=p.day_of_month,
                              deferral_months=p.deferral_months, down_payment=p.down_payment,
                              down_payment_date=p.down_payment_date, annual_rate=p.annual_rate)
    if len(schedule.regular) > MAX_INSTALMENTS:
        raise ValidationError(_("A plan cannot have more than {n} instalments.").format(n=MAX_INSTALMENTS),
                              "proposal.monthly_amount")
    warnings: list[str] = []
    last = schedule.last_due or letter_day
    months = (last.year - letter_day.year) * 12 + last.month - letter_day.month  # the whole term, from the letter
    if credit_card and months > CARD_MAX_MONTHS:
        warnings.append(_("This plan runs {months} months; for credit cards art. 70 allows at most 60 months "
                          "(5 years), so the bank may refuse it.").format(months=months))
    if p.first_due is not None and p.first_due < letter_day:
        warnings.append(_("The first due date is before the letter's date."))
    return Schedule(schedule.base, schedule.instalments, tuple(warnings))
