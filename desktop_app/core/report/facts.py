"""The numbers behind "the facts in brief" and the contacts-per-day chart.

Quiet hours and the daily call limit come from the case's rule parameters when the rules
module offers them, else from each jurisdiction's usual figures (CN/HK/TW 22:00–08:00 and
6 unanswered calls a day — CBA 2026 guideline; US/UK 21:00–08:00 — Reg F §1006.6(b)(1)(i)
and 7 calls — §1006.14(b)(2)).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from desktop_app.core.domain.enums import CONTACT_KINDS, Direction, EventKind, Jurisdiction, Target
from desktop_app.core.domain.models import Case, Event

_DEFAULTS = {
    Jurisdiction.US: ("21:00", "08:00", 7),
    Jurisdiction.UK: ("21:00", "08:00", 7),
}
_CN_DEFAULT = ("22:00", "08:00", 6)
# Names the rule packs may use for the same figures (first match wins).
_START_KEYS = ("quiet_start", "quiet_hours_start", "night_start")
_END_KEYS = ("quiet_end", "quiet_hours_end", "night_end")
_LIMIT_KEYS = ("max_unanswered_per_day", "daily_unanswered_limit", "max_calls_per_day", "daily_call_limit")


@dataclass(slots=True)
class Limits:
    quiet_start: time
    quiet_end: time
    daily_calls: int
    unanswered_only: bool = True  # CN counts unanswered attempts; the US counts every placed call

    def is_quiet(self, moment: datetime) -> bool:
        t = moment.timetz().replace(tzinfo=None)
        if self.quiet_start > self.quiet_end:  # spans midnight, the usual case
            return t >= self.quiet_start or t < self.quiet_end
        return self.quiet_start <= t < self.quiet_end


def _hhmm(text: str) -> time:
    hours, minutes = str(text).split(":")[:2]
    return time(int(hours), int(minutes))


def limits_for(case: Case) -> Limits:
    start, end, limit = _DEFAULTS.get(case.jurisdiction, _CN_DEFAULT)
    params: dict = dict(case.rule_params or {})
    try:  # the rules module knows the pack's defaults and the user's overrides
        from desktop_app.core.rules.packs import effective_params

        params = {**effective_params(case), **params}
    except Exception:  # noqa: BLE001 - rules not built yet or a pack problem: use the usual figures
        pass
    for key in _START_KEYS:
        if key in params:
            start = params[key]
            break
    for key in _END_KEYS:
        if key in params:
            end = params[key]
            break
    for key in _LIMIT_KEYS:
        if key in params:
            limit = params[key]
            break
    unanswered_only = case.jurisdiction not in _DEFAULTS
    try:
        return Limits(_hhmm(start), _hhmm(end), int(limit), unanswered_only)
    except (ValueError, TypeError):
        return Limits(_hhmm(_CN_DEFAULT[0]), _hhmm(_CN_DEFAULT[1]), _CN_DEFAULT[2], unanswered_only)


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


def compute(case: Case, events: list[Event]) -> Facts:
    limits = limits_for(case)
    facts = Facts(limits=limits)
    per_day: Counter[date] = Counter()
    quiet_day: Counter[date] = Counter()
    calls_day: Counter[date] = Counter()
    unanswered_day: Counter[date] = Counter()
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
    facts.days_over_limit = sum(1 for n in counted.values() if n > limits.daily_calls)
    if calls_day:
        facts.busiest_day, facts.max_calls_in_a_day = max(calls_day.items(), key=lambda kv: (kv[1], kv[0]))
    facts.per_day = {d: (per_day[d], quiet_day[d]) for d in sorted(per_day)}
    return facts
