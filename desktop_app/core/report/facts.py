"""The numbers behind "the facts in brief" and the contacts-per-day chart.

Quiet hours and the call limit are the case's rule parameters (the pack's defaults and the user's
overrides), so the figures always match the findings; each limit is labelled as the rule it is:
CN — at most 6 unanswered attempts a day on one contact method (CBA 2026 guideline); US — more
than 7 calls within 7 consecutive days (Reg F §1006.14(b)(2)), never a daily limit; UK — the
case's own figures (CONC sets no number).  A broken rule pack or damaged saved parameters raise
their AppError: a figure silently computed from other numbers than the findings would mislead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop_app.core.domain.enums import CONTACT_KINDS, CallOutcome, Direction, EventKind, Target
from desktop_app.core.domain.models import Case, Event

UNANSWERED_PER_DAY = "unanswered_per_day"  # CN: unanswered attempts per day (per contact method)
CALLS_IN_7_DAYS = "calls_in_7_days"  # US: calls placed within any 7 consecutive days
CALLS_PER_DAY = "calls_per_day"  # UK: the case's own daily figure


@dataclass(slots=True)
class Limits:
    quiet_start: time
    quiet_end: time
    daily_calls: int  # the limit's number (per day, or per 7 days for CALLS_IN_7_DAYS)
    unanswered_only: bool = True  # CN counts unanswered attempts; the US counts every placed call
    kind: str = UNANSWERED_PER_DAY

    def is_quiet(self, moment: datetime) -> bool:
        t = moment.timetz().replace(tzinfo=None)
        if self.quiet_start > self.quiet_end:  # spans midnight, the usual case
            return t >= self.quiet_start or t < self.quiet_end
        return self.quiet_start <= t < self.quiet_end


def _hhmm(text: str) -> time:
    hours, minutes = str(text).split(":")[:2]
    return time(int(hours), int(minutes))


def limits_for(case: Case) -> Limits:
    """The case's quiet hours and call limit, from its rule pack and saved parameters.

    No fallback: RulePackError (a broken pack) or ValidationError (damaged saved parameters) reach
    the caller, which reports them in one line instead of printing figures the findings contradict."""
    from desktop_app.core.rules.packs import default_pack, effective_params

    pack = default_pack(case)
    params = effective_params(case, pack)
    if pack == "cn":
        return Limits(_hhmm(params["quiet_start"]), _hhmm(params["quiet_end"]), int(params["max_unanswered"]),
                      True, UNANSWERED_PER_DAY)
    # US and UK packs name the convenient window; the quiet hours are its complement.
    start, end = _hhmm(params["latest"]), _hhmm(params["earliest"])
    if pack == "us":
        return Limits(start, end, int(params["max_calls_7_days"]), False, CALLS_IN_7_DAYS)
    return Limits(start, end, int(params["max_calls_per_day"]), False, CALLS_PER_DAY)


def is_contact(event: Event) -> bool:
    """A contact by the other side (what the conduct rules look at)."""
    return event.kind in CONTACT_KINDS and event.direction != Direction.OUTGOING


@dataclass(slots=True)
class Facts:
    first: datetime | None = None
    last: datetime | None = None
    contacts: int = 0
    calls: int = 0
    unanswered_calls: int = 0
    messages: int = 0
    visits: int = 0
    quiet_contacts: int = 0
    quiet_calls: int = 0
    days_with_contact: int = 0
    days_over_limit: int = 0
    max_calls_in_a_day: int = 0
    busiest_day: date | None = None
    third_party_contacts: int = 0
    third_parties: int = 0
    conduct_events: int = 0
    complaints: int = 0
    numbers_used: int = 0
    limits: Limits | None = None
    per_day: dict[date, tuple[int, int]] = field(default_factory=dict)  # day → (contacts, in quiet hours)
    unanswered_per_day: dict[date, int] = field(default_factory=dict)  # unanswered calls to the complainant
    most_in_7_days: int = 0  # calls placed to the complainant within any 7 consecutive days (all callers)
    most_in_7_days_from: date | None = None  # that window's first day


def compute(case: Case, events: list[Event]) -> Facts:
    limits = limits_for(case)
    facts = Facts(limits=limits)
    per_day: Counter[date] = Counter()
    quiet_day: Counter[date] = Counter()
    calls_day: Counter[date] = Counter()
    unanswered_day: Counter[date] = Counter()
    placed_day: Counter[date] = Counter()
    third: set[int | str] = set()
    numbers: set[str] = set()
    for e in events:
        if e.kind == EventKind.COMPLAINT:
            facts.complaints += 1
        if e.conduct:
            facts.conduct_events += 1
        if not is_contact(e):
            continue
        day = e.start.date()
        facts.first = e.start if facts.first is None else min(facts.first, e.start)
        facts.last = e.start if facts.last is None else max(facts.last, e.start)
        facts.contacts += 1
        per_day[day] += 1
        quiet = limits.is_quiet(e.start)
        if quiet:
            facts.quiet_contacts += 1
            quiet_day[day] += 1
        if e.contact_key:
            numbers.add(e.contact_key)
        if e.kind == EventKind.CALL:
            facts.calls += 1
            calls_day[day] += 1
            facts.quiet_calls += quiet
            if e.connected is False and e.target == Target.BORROWER:
                facts.unanswered_calls += 1
                unanswered_day[day] += 1
            if e.target == Target.BORROWER and e.call_outcome != CallOutcome.BUSY:  # Reg F "placed" calls
                placed_day[day] += 1
        elif e.kind == EventKind.VISIT:
            facts.visits += 1
        else:
            facts.messages += 1
        if e.target == Target.THIRD_PARTY:
            facts.third_party_contacts += 1
            third.add(e.target_party_id if e.target_party_id is not None else f"n:{e.contact_key}")
    facts.third_parties = len(third)
    facts.numbers_used = len(numbers)
    facts.days_with_contact = len(per_day)
    # A day is "over the limit" when the calls the rule counts exceed it: unanswered attempts
    # in CN practice, all placed calls for the US/UK figure.
    counted = unanswered_day if limits.unanswered_only else calls_day
    if limits.kind == CALLS_IN_7_DAYS:  # a rolling window, never a daily limit
        facts.days_over_limit = 0
    else:
        facts.days_over_limit = sum(1 for n in counted.values() if n > limits.daily_calls)
    facts.unanswered_per_day = dict(sorted(unanswered_day.items()))
    facts.most_in_7_days, facts.most_in_7_days_from = _most_in_window(placed_day, 7)
    if calls_day:
        facts.busiest_day, facts.max_calls_in_a_day = max(calls_day.items(), key=lambda kv: (kv[1], kv[0]))
    facts.per_day = {d: (per_day[d], quiet_day[d]) for d in sorted(per_day)}
    return facts


def _most_in_window(per_day: Counter[date], days: int) -> tuple[int, date | None]:
    """The most calls within any `days` consecutive days, and the first day of the earliest such window."""
    best, best_from = 0, None
    for start in sorted(per_day):  # a busiest window can always be slid to start on a day with calls
        n = sum(per_day.get(start + timedelta(days=i), 0) for i in range(days))
        if n > best:
            best, best_from = n, start
    return best, best_from


def limit_row(facts: Facts, _: Callable[[str], str]) -> tuple[str, str]:
    """The facts table's row for the call limit, labelled as the rule it is (never "per day" for 7-in-7)."""
    limits = facts.limits
    assert limits is not None
    n = limits.daily_calls
    if limits.kind == UNANSWERED_PER_DAY:
        return (_("Days with more than {n} unanswered calls to the complainant (guideline: at most {n} "
                  "unanswered attempts a day on one contact method)").format(n=n), str(facts.days_over_limit))
    if limits.kind == CALLS_IN_7_DAYS:
        value = str(facts.most_in_7_days)
        if facts.most_in_7_days_from:
            end = facts.most_in_7_days_from + timedelta(days=6)
            value += f" ({facts.most_in_7_days_from:%Y-%m-%d} – {end:%Y-%m-%d})"
        return (_("Most calls placed to the complainant within any 7 consecutive days, all callers together "
                  "(Regulation F presumes a violation above {n} by one collector)").format(n=n), value)
    return (_("Days with more than {n} calls (the case's own figure: CONC sets no number)").format(n=n),
            str(facts.days_over_limit))


def chart_limit(facts: Facts, _: Callable[[str], str]) -> dict[str, Any]:
    """Keyword arguments for `contacts_chart`: a limit line only with the series it counts (CN)."""
    limits = facts.limits
    if limits is None or limits.kind != UNANSWERED_PER_DAY:
        return {}  # a 7-day or user-set figure: the table states it; no line over all contacts
    return {"limit": limits.daily_calls, "counted": facts.unanswered_per_day,
            "legend_counted": _("Unanswered calls to the complainant"),
            "legend_limit": _("Guideline: at most {n} unanswered attempts a day on one contact method").format(
                n=limits.daily_calls)}
