"""Checks on *how often*: calls per local day, per 7 consecutive days, and after a conversation.

Days are the borrower's calendar days in the event's zone, so a burst from 23:00 to 01:00
falls on two days and a 7-day window may cross a month end; a day on which the clocks
change is still one day.  Calls the borrower made never count as attempts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from desktop_app.core.domain.display import fill
from desktop_app.core.domain.enums import CallOutcome, Direction, EventKind, Target
from desktop_app.core.domain.models import Event
from desktop_app.core.domain.phones import masked
from desktop_app.core.rules.checks_time import span
from desktop_app.core.rules.context import UNANSWERED, Context
from desktop_app.core.rules.model import Finding, RuleSpec


@dataclass(slots=True)
class Cluster:
    events: list[Event]  # every call inside the over-limit windows
    peak: int  # the most calls in any one window
    peak_first: str  # that window's first and last day (ISO dates)
    peak_last: str


def over_limit(ctx: Context, calls: list[Event], days: int, limit: int) -> list[Cluster]:
    """Runs of calls where some window of `days` consecutive local days holds more than `limit`.

    Any over-limit window can be slid to end on a day with calls, so trying the window ending on
    each such day finds them all; overlapping windows merge into one cluster.
    """
    # Distinct days in order, with the index range of their calls.
    day_list: list[int] = []
    bounds: list[tuple[int, int]] = []
    for i, e in enumerate(calls):
        d = ctx.day[e.id]
        if day_list and day_list[-1] == d:
            bounds[-1] = (bounds[-1][0], i)
        else:
            day_list.append(d)
            bounds.append((i, i))
    clusters: list[Cluster] = []
    cur: list[int] | None = None  # [first call, last call, peak, peak day]
    lo = 0
    for hi, d in enumerate(day_list):
        while d - day_list[lo] >= days:
            lo += 1
        first, last = bounds[lo][0], bounds[hi][1]
        n = last - first + 1
        if n <= limit:
            continue
        if cur is not None and first <= cur[1]:
            cur[1] = last
            if n > cur[2]:
                cur[2], cur[3] = n, d
        else:
            if cur is not None:
                clusters.append(_cluster(calls, cur, days))
            cur = [first, last, n, d]
    if cur is not None:
        clusters.append(_cluster(calls, cur, days))
    return clusters


def _cluster(calls: list[Event], cur: list[int], days: int) -> Cluster:
    first, last, peak, peak_day = cur
    return Cluster(calls[first:last + 1], peak, date.fromordinal(peak_day - days + 1).isoformat(),
                   date.fromordinal(peak_day).isoformat())


K = TypeVar("K", bound=Hashable)


def _grouped(events: list[Event], key: Callable[[Event], K]) -> dict[K, list[Event]]:
    groups: dict[K, list[Event]] = defaultdict(list)
    for e in events:
        groups[key(e)].append(e)
    return groups


def _numbers(events: list[Event]) -> str:
    """Up to five calling numbers, masked as everywhere in the app (masking is slow: unique ones only)."""
    raw: dict[str, None] = {}
    for e in events:
        if e.contact_value and e.contact_value not in raw:
            raw[e.contact_value] = None
            if len(raw) > 5:
                break
    shown = list(dict.fromkeys(masked(v) for v in list(raw)[:5]))
    return ", ".join(shown) + ("…" if len(raw) > 5 else "")


def unanswered_per_day(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """China (CBA): no more than N unanswered attempts to the same contact method of the debtor in a day.

    The debtor's contact method is the line being dialled.  Events record the caller's number, not
    which of the borrower's lines rang, so by default all attempts on the borrower in this case
    count together (collectors rotate numbers); the pack may group by calling number instead.
    """
    _, ngettext = ctx._, ctx.ngettext
    limit = ctx.params["max_unanswered"]
    calls = [e for e in ctx.contacts([EventKind.CALL], Target.BORROWER) if e.call_outcome in UNANSWERED]
    by_caller = rule.options.get("group_by") == "caller_number"
    out = []
    for group in _grouped(calls, (lambda e: e.contact_key) if by_caller else (lambda e: None)).values():
        for c in over_limit(ctx, group, 1, limit):
            text = ngettext("{n} unanswered call attempt on {day}.", "{n} unanswered call attempts on {day}.",
                            c.peak).format(n=c.peak, day=c.peak_first)
            text += ctx.sep + _("The limit is {limit} a day on the same contact method. Calling numbers: "
                            "{numbers}.").format(limit=limit, numbers=_numbers(c.events) or "-")
            out.append(ctx.finding(rule, c.events, text, count=c.peak))
    return out


def connected_per_day(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """China (NIFA / GB/T 45251): at most N connected calls a day, the lender and all its agencies together."""
    _, ngettext = ctx._, ctx.ngettext
    limit = ctx.params["max_connected"]
    calls = [e for e in ctx.contacts([EventKind.CALL], Target.BORROWER) if e.call_outcome == CallOutcome.ANSWERED]
    out = []
    for c in over_limit(ctx, calls, 1, limit):
        text = ngettext("{n} connected collection call on {day}.", "{n} connected collection calls on {day}.",
                        c.peak).format(n=c.peak, day=c.peak_first)
        text += ctx.sep + _("The limit is {limit} connected calls a day for the lender and its agencies "
                            "together.").format(limit=limit)
        out.append(ctx.finding(rule, c.events, text, count=c.peak))
    return out


def _placed_calls(ctx: Context) -> list[Event]:
    """Reg F "placed" calls: answered, unanswered and voicemail count; busy / not in service do not."""
    return [e for e in ctx.contacts([EventKind.CALL]) if e.call_outcome != CallOutcome.BUSY]


def _person(ctx: Context, e: Event) -> int | None:
    return e.target_party_id if ctx.target_of(e) == Target.THIRD_PARTY else None


def _who(ctx: Context, person: int | None, collector: int | None) -> str:
    _ = ctx._
    who = ctx.name(person, _("a third party")) if person is not None else _("the complainant")
    by = ctx.name(collector) if collector is not None else _("unidentified callers")
    return fill(_("calls to {who} by {by}"), who=who, by=by)  # "…, LLC 打給投訴人的電話"


def _window_findings(ctx: Context, rule: RuleSpec, limit: int, days: int, regf: bool) -> list[Finding]:
    """More than `limit` calls in `days` consecutive local days, per person called and per collector."""
    _, ngettext = ctx._, ctx.ngettext
    out = []
    calls = _placed_calls(ctx)
    for (person, collector), group in _grouped(calls, lambda e: (_person(ctx, e), ctx.collector_key(e))).items():
        for c in over_limit(ctx, group, days, limit):
            who = _who(ctx, person, collector)
            if days == 1:
                text = ngettext("{n} call on {day} ({who}).", "{n} calls on {day} ({who}).", c.peak).format(
                    n=c.peak, day=c.peak_last, who=who)
            else:
                text = ngettext("{n} call in the {days} days from {start} to {end} ({who}).",
                                "{n} calls in the {days} days from {start} to {end} ({who}).", c.peak).format(
                    n=c.peak, days=days, start=c.peak_first, end=c.peak_last, who=who)
            text += ctx.sep + _("The limit is {limit}.").format(limit=limit)
            if regf:
                text += ctx.sep + _("Unanswered calls and voicemails count; busy or not-connected calls do not. Calls "
                                "the complainant had agreed to in advance would not count.")
            out.append(ctx.finding(rule, c.events, text, count=c.peak, subject=who))
    return out


def call_frequency(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """US Reg F 1006.14(b)(2)(i)(A): more than 7 calls within 7 consecutive days about one debt."""
    return _window_findings(ctx, rule, ctx.params["max_calls_7_days"], 7, regf=True)


def uk_frequency(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """UK CONC 7.9.4R sets no number: the user's own caps per day and per 7 days decide (warnings)."""
    found = _window_findings(ctx, rule, ctx.params["max_calls_per_day"], 1, regf=False)
    found += _window_findings(ctx, rule, ctx.params["max_calls_7_days"], 7, regf=False)
    for f in found:
        f.explanation += ctx.sep + ctx._("CONC sets no number of calls; the limits are the ones in the parameters.")
    return found


def call_after_conversation(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """US Reg F 1006.14(b)(2)(i)(B): no call within 7 days after a telephone conversation (its day is day 1).

    Each call placed is judged against the latest conversation before it with that person and
    collector.  A conversation that happens during a run of such calls continues the run, so one
    finding covers one unbroken run rather than one per conversation.
    """
    _, ngettext = ctx._, ctx.ngettext
    days = ctx.params["quiet_days_after_conversation"]
    placed = {e.id for e in _placed_calls(ctx)}
    # A conversation is any answered call with that person, whoever dialled.
    stream = [e for e in ctx.events if e.kind == EventKind.CALL and ctx.is_collector_side(e)
              and (e.id in placed or e.call_outcome == CallOutcome.ANSWERED)]
    last_talk: dict[tuple[int | None, int | None], Event] = {}
    runs: dict[tuple[int | None, int | None], list[tuple[list[Event], list[Event]]]] = defaultdict(list)
    for e in stream:
        key = (_person(ctx, e), ctx.collector_key(e))
        talk = last_talk.get(key)
        if e.id in placed and talk is not None and ctx.day[e.id] - ctx.day[talk.id] < days:
            key_runs = runs[key]
            talks, calls = key_runs[-1] if key_runs else ([], [])
            if key_runs and (talk is talks[-1] or ctx.ts[talk.id] <= ctx.ts[calls[-1].id]):
                if talk is not talks[-1]:
                    talks.append(talk)
                calls.append(e)
            else:
                key_runs.append(([talk], [e]))
        if e.call_outcome == CallOutcome.ANSWERED:
            last_talk[key] = e
    out = []
    for key, key_runs in runs.items():
        who = _who(ctx, *key)
        for talks, calls in key_runs:
            talk = talks[0]
            mine = _(" (the complainant called them)") if talk.direction == Direction.OUTGOING else ""
            text = ngettext("After a telephone conversation on {talk}{mine}, {n} more call was placed within {days} "
                            "days ({who}), {when}.",
                            "After a telephone conversation on {talk}{mine}, {n} more calls were placed within "
                            "{days} days of a conversation ({who}), {when}.", len(calls)).format(
                talk=ctx.when(talk), mine=mine, days=days, who=who, **span(ctx, calls))
            text += ctx.sep + _("The day of the conversation counts as day 1.")
            if len(talks) > 1:
                text += ctx.sep + ngettext("Another conversation during these calls restarted the period.",
                                           "Further conversations during these calls restarted the period {k} "
                                           "times.", len(talks) - 1).format(k=len(talks) - 1)
            out.append(ctx.finding(rule, calls, text, context=talks, count=len(calls), subject=who))
    return out
