"""Repayment-plan arithmetic: exact totals, rounding remainder, month ends, deferral, down payment."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.domain.models import Case
from desktop_app.core.domain.negotiation import (
    Negotiation,
    Proposal,
    ProposalKind,
    compute_schedule,
    disposable_income,
)
from desktop_app.core.domain.repayment import add_months
from desktop_app.core.errors import ValidationError

D = Decimal

TODAY = date(2026, 11, 22)

# base, count, expected amounts (first, ..., last) — the remainder always lands on the last one
AMOUNT_CASES = [
    (D("100"), 3, [D("33.33"), D("33.33"), D("33.34")]),
    (D("200"), 3, [D("66.67"), D("66.67"), D("66.66")]),  # half-up rounds the others up, last is smaller
    (D("5.05"), 2, [D("2.53"), D("2.52")]),  # 2.525 → 2.53 (ROUND_HALF_UP, not banker's 2.52)
    (D("12000"), 12, [D("1000.00")] * 12),
    (D("38650.27"), 24, [D("1610.43")] * 23 + [D("1610.38")]),
    (D("10"), 7, [D("1.43")] * 6 + [D("1.42")]),
]


@pytest.mark.parametrize(("base", "count", "amounts"), AMOUNT_CASES)
def test_instalments_sum_to_the_base_exactly(base: D, count: int, amounts: list[D]) -> None:
    s = compute_schedule(Proposal(base_amount=base, instalments=count, first_due=date(2027, 1, 10)), None,
                         today=TODAY)
    assert [i.amount for i in s.instalments] == amounts
    assert s.total == base.quantize(D("0.01"))
    assert s.instalments[-1].remaining == 0
    assert all(i.amount.as_tuple().exponent == -2 for i in s.instalments)


# first due, day of month, count → expected dates
DATE_CASES = [
    (date(2027, 1, 31), None, 4, [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]),
    (date(2028, 1, 31), None, 3, [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]),  # leap year
    (date(2027, 12, 30), None, 3, [date(2027, 12, 30), date(2028, 1, 30), date(2028, 2, 29)]),
    (date(2099, 12, 29), None, 3, [date(2099, 12, 29), date(2100, 1, 29), date(2100, 2, 28)]),  # 2100: no leap day
    (date(2027, 2, 28), 31, 3, [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]),  # day 31 kept after Feb
    (date(2027, 11, 15), 15, 3, [date(2027, 11, 15), date(2027, 12, 15), date(2028, 1, 15)]),  # year boundary
]


@pytest.mark.parametrize(("first", "dom", "count", "dates"), DATE_CASES)
def test_due_dates_use_the_month_end_when_the_day_is_missing(first: date, dom: int | None, count: int,
                                                             dates: list[date]) -> None:
    s = compute_schedule(Proposal(base_amount=D("900"), instalments=count, first_due=first, day_of_month=dom), None,
                         today=date(2026, 1, 1))
    assert [i.due for i in s.instalments] == dates


def test_add_months_negative_and_across_years() -> None:
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert add_months(date(2027, 1, 15), 25) == date(2029, 2, 15)


def test_deferral_shifts_the_first_instalment() -> None:
    p = Proposal(kind=ProposalKind.DEFERRAL, base_amount=D("6000"), instalments=6, first_due=date(2027, 1, 31),
                 deferral_months=3)
    s = compute_schedule(p, None, today=TODAY)
    assert [i.due for i in s.instalments][:2] == [date(2027, 4, 30), date(2027, 5, 31)]
    assert s.last_due == date(2027, 9, 30)
    assert s.total == D("6000.00")


def test_down_payment_comes_first_and_the_rest_follows() -> None:
    p = Proposal(base_amount=D("10000"), instalments=3, first_due=date(2027, 1, 20), down_payment=D("1000.50"))
    s = compute_schedule(p, None, today=TODAY)
    assert s.down_payment is not None and s.down_payment.due == date(2027, 1, 20)
    assert s.down_payment.amount == D("1000.50")
    assert [(i.due, i.amount) for i in s.regular] == [
        (date(2027, 2, 20), D("2999.83")), (date(2027, 3, 20), D("2999.83")), (date(2027, 4, 20), D("2999.84"))]
    assert s.total == D("10000.00")


def test_down_payment_with_deferral_and_own_date() -> None:
    p = Proposal(base_amount=D("5000"), instalments=2, first_due=date(2027, 1, 5), deferral_months=2,
                 down_payment=D("500"), down_payment_date=date(2026, 12, 10))
    s = compute_schedule(p, None, today=TODAY)
    assert [i.due for i in s.instalments] == [date(2026, 12, 10), date(2027, 3, 5), date(2027, 4, 5)]
    assert s.total == D("5000.00")


def test_principal_only_uses_the_principal_by_default() -> None:
    case = Case(id=1, title="t", principal=D("20000"), balance=D("26543.21"))
    p = Proposal(kind=ProposalKind.PRINCIPAL_ONLY, instalments=10, first_due=date(2027, 1, 1))
    s = compute_schedule(p, p.default_base(case), today=TODAY)
    assert s.total == D("20000.00") and s.monthly_amount == D("2000.00")
    longer = Proposal(kind=ProposalKind.LONGER_TERM, instalments=10)
    assert longer.default_base(case) == D("26543.21")
    # Without a principal a principal-only plan must not quietly repay the whole balance instead.
    no_principal = Case(id=2, title="t", balance=D("26543.21"))
    assert p.default_base(no_principal) is None
    with pytest.raises(ValidationError):
        compute_schedule(p, p.default_base(no_principal), today=TODAY)


def test_monthly_amount_decides_the_count() -> None:
    p = Proposal(base_amount=D("10000"), instalments=0, monthly_amount=D("800"), first_due=date(2027, 1, 1))
    s = compute_schedule(p, None, today=TODAY)
    assert len(s.instalments) == 13
    assert s.instalments[-1].amount == D("400.00") and s.total == D("10000.00")


def test_interest_rate_gives_level_payments_and_clears_the_principal() -> None:
    p = Proposal(base_amount=D("10000"), instalments=12, first_due=date(2027, 1, 15), annual_rate=D("6"))
    s = compute_schedule(p, None, today=TODAY)
    assert s.monthly_amount == D("860.66")  # standard annuity at 0.5% a month
    assert s.total_principal == D("10000.00")
    assert s.total == s.total_principal + s.total_interest
    assert s.instalments[-1].remaining == 0


@pytest.mark.parametrize(("proposal", "field"), [
    (Proposal(base_amount=D("100"), instalments=0), "proposal.instalments"),
    (Proposal(base_amount=D("100"), instalments=-2), "proposal.instalments"),
    (Proposal(base_amount=D("100"), instalments=361), "proposal.instalments"),
    (Proposal(base_amount=D("100"), instalments=3, down_payment=D("100")), "proposal.down_payment"),
    (Proposal(base_amount=D("100"), instalments=3, down_payment=D("-1")), "proposal.down_payment"),
    (Proposal(base_amount=D("100"), instalments=3, day_of_month=32), "proposal.day_of_month"),
    (Proposal(base_amount=D("100"), instalments=0, monthly_amount=D("0.01")), "proposal.monthly_amount"),
    (Proposal(base_amount=D("1000"), instalments=0, monthly_amount=D("5"), annual_rate=D("12")),
     "proposal.monthly_amount"),
    (Proposal(base_amount=None, instalments=3), "proposal.base_amount"),
    (Proposal(base_amount=D("0.09"), instalments=6), "proposal.instalments"),  # 0.02 × 5 would exceed it
    (Proposal(kind=ProposalKind.DEFERRAL, base_amount=D("100"), instalments=3), "proposal.deferral_months"),
])
def test_impossible_plans_are_refused_with_the_field_named(proposal: Proposal, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        compute_schedule(proposal, None, today=TODAY)
    assert err.value.field == field
    assert str(err.value)


def test_more_than_five_years_warns_for_a_credit_card_only() -> None:
    p = Proposal(base_amount=D("60000"), instalments=58, first_due=date(2027, 1, 1), deferral_months=6)
    card = compute_schedule(p, None, today=TODAY, credit_card=True)
    assert card.total == D("60000.00")
    assert any("60" in w for w in card.warnings)
    assert compute_schedule(p, None, today=TODAY, credit_card=False).warnings == ()
    short = Proposal(base_amount=D("60000"), instalments=48, first_due=date(2027, 1, 1))
    assert compute_schedule(short, None, today=TODAY, credit_card=True).warnings == ()


def test_negative_amount_in_stored_dict_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        Negotiation.from_dict({"income": [{"label": "salary", "monthly": "-5"}]})
    assert err.value.field == "income.monthly"
    with pytest.raises(ValidationError):
        Negotiation.from_dict({"proposal": {"first_due": "next week"}})


def test_round_trip_and_budget() -> None:
    neg = Negotiation.from_dict({
        "income": [{"label": "工资", "monthly": "4,800"}, {"label": "兼职", "monthly": "1200.5"}],
        "expenses": [{"label": "房租", "monthly": "1800"}, {"label": "伙食", "monthly": "1500"}],
        "other_debts": [{"creditor": "某银行", "balance": "30000", "monthly_payment": "900", "overdue": True}],
        "hardship": [{"what": "被裁员", "from_date": "2026-06-01", "income_before": "9000", "income_after": "4800"}],
        "proposal": {"kind": "lower_instalment", "instalments": 24, "first_due": "2027-01-15"},
        "evidence_ids": [3, "4"], "letter_date": "2026-11-22",
    })
    assert Negotiation.from_dict(neg.to_dict()) == neg
    assert neg.hardship[0].ongoing and neg.evidence_ids == [3, 4]
    b = disposable_income(neg)
    assert (b.income, b.expenses, b.debt_payments, b.disposable) == (D("6000.50"), D("3300.00"), D("900.00"),
                                                                      D("1800.50"))
    assert b.fits(D("1800.50")) and not b.fits(D("1800.51"))
    assert b.shortfall(D("2000")) == D("199.50")


@settings(max_examples=300, deadline=None)
@given(base=st.decimals(min_value=D("1"), max_value=D("5000000"), places=2),
       count=st.integers(min_value=1, max_value=360),
       first=st.dates(min_value=date(2026, 1, 1), max_value=date(2060, 12, 31)),
       dom=st.one_of(st.none(), st.integers(min_value=1, max_value=31)),
       deferral=st.integers(min_value=0, max_value=24),
       down_share=st.one_of(st.none(), st.integers(min_value=1, max_value=50)),
       rate=st.one_of(st.none(), st.decimals(min_value=D("0.1"), max_value=D("36"), places=2)))
def test_any_valid_plan_adds_up_to_the_cent(base, count, first, dom, deferral, down_share, rate) -> None:
    down = (base * down_share / 100).quantize(D("0.01")) if down_share else None
    if down is not None and (down <= 0 or base - down < count):
        down = None
    if base < count:
        count = max(1, int(base))
    p = Proposal(base_amount=base, instalments=count, first_due=first, day_of_month=dom, deferral_months=deferral,
                 down_payment=down, annual_rate=rate)
    s = compute_schedule(p, None, today=date(2026, 1, 1))
    assert s.total_principal == base
    assert s.total == base + s.total_interest
    assert s.instalments[-1].remaining == 0
    assert all(i.amount > 0 and i.amount == i.principal + i.interest for i in s.instalments)
    assert len(s.regular) == count
    day = dom or first.day
    dates = [i.due for i in s.regular]
    assert all(d.day == min(day, calendar.monthrange(d.year, d.month)[1]) for d in dates)
    assert all((b.year * 12 + b.month) - (a.year * 12 + a.month) == 1 for a, b in zip(dates, dates[1:], strict=False))
    if s.down_payment is not None:
        assert s.down_payment.due < dates[0]
    if rate is None:
        amounts = [i.amount for i in s.regular]
        assert len(set(amounts[:-1])) <= 1 and abs(amounts[-1] - amounts[0]) < D("0.01") * count


@pytest.mark.parametrize(("product", "override", "card"), [
    ("信用卡", None, True), ("Credit Card", None, True), ("贷记卡", None, True), ("消费分期", None, False),
    ("现金卡", None, False), ("debit card", None, False), ("消费分期", True, True), ("信用卡", False, False),
])
def test_credit_card_detection_and_override(product: str, override: bool | None, card: bool) -> None:
    case = Case(id=1, title="t", product_type=product)
    neg = Negotiation(credit_card=override)
    assert neg.is_card(case) is card
    assert neg.promises_no_new_cards(case) is card  # art. 70(4) promise follows unless set explicitly


def test_a_long_plan_with_interest_keeps_every_instalment() -> None:
    """Found by Hypothesis: a level payment rounded up cleared the debt one month early."""
    from desktop_app.core.domain.repayment import build_schedule

    schedule = build_schedule(Decimal("569.77"), count=313, monthly=None, first_due=date(2026, 1, 1),
                              annual_rate=Decimal("10.55"))
    assert len(schedule.regular) == 313
    assert schedule.total_principal == Decimal("569.77")
    assert schedule.regular[-1].remaining == Decimal("0.00")
    assert {i.amount for i in schedule.regular[:-1]} == {schedule.regular[0].amount}  # level payments


def test_many_small_instalments_never_leave_a_negative_last_one() -> None:
    """Found by Hypothesis: 269.58 in 263 instalments rounded half-up to 1.03 each, and the last was -0.28."""
    from desktop_app.core.domain.repayment import build_schedule

    schedule = build_schedule(Decimal("269.58"), count=263, monthly=None, first_due=date(2026, 1, 1))
    amounts = [i.amount for i in schedule.regular]
    assert len(amounts) == 263 and sum(amounts) == Decimal("269.58")
    assert all(a > 0 for a in amounts) and set(amounts[:-1]) == {Decimal("1.02")} and amounts[-1] == Decimal("2.34")
