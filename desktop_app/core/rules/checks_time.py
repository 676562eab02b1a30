"""Checks on *when* and *how* the borrower was contacted: quiet hours, requested hours, channels."""

from __future__ import annotations

from functools import partial

from desktop_app.core.domain.enums import Channel, EventKind, RequestType, Target
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Event
from desktop_app.core.rules.context import Context, Request, event_channels, in_window
from desktop_app.core.rules.model import Finding, RuleSpec
from desktop_app.core.rules.packs import time_seconds

#: Contacts whose moment reaches the borrower (a letter's delivery time says nothing about the sender).
TIMED_KINDS = (EventKind.CALL, EventKind.SMS, EventKind.CHAT, EventKind.EMAIL, EventKind.VISIT)


def _asked_for_channel(channels: set[str], r: Request) -> bool:
    """Whether a channel request names one of an event's channels."""
    return str(r.details.get("channel") or "") in channels


def _hours_text(req: Request) -> str:
    return f"{req.details.get('hours_from')}–{req.details.get('hours_to')}"


def _preferred(ctx: Context, e: Event) -> tuple[Request, tuple[int, int]] | None:
    """The borrower's latest "contact me only between …" request in force at an event."""
    if not ctx.has_requests(RequestType.PREFERRED_HOURS) or ctx.target_of(e) != Target.BORROWER:
        return None
    req = ctx.latest_before(RequestType.PREFERRED_HOURS, e, lambda r: r.window is not None)
    if req is None or req.window is None:
        return None
    return req, req.window


def _channel_label(ctx: Context, req: Request) -> str:
    value = str(req.details.get("channel") or "")
    try:
        return label(Channel(value), ctx._)
    except ValueError:
        return value


def span(ctx: Context, events: list[Event]) -> dict[str, object]:
    """Format values for a run of events: {n}, and {when} — "on …" for one, "from … to …" for more."""
    first, last = ctx.when(events[0]), ctx.when(events[-1])
    when = ctx._("on {first}").format(first=first) if len(events) == 1 else ctx._(
        "from {first} to {last}").format(first=first, last=last)
    return {"first": first, "last": last, "n": len(events), "when": when}


def quiet_hours(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """China: no collection between quiet_start and quiet_end unless the borrower agreed to the time."""
    _, ngettext = ctx._, ctx.ngettext
    start, end = ctx.params["quiet_start"], ctx.params["quiet_end"]
    qs, qe = time_seconds(start), time_seconds(end)
    hits = []
    for e in ctx.contacts(TIMED_KINDS):
        t = ctx.tsec[e.id]
        if in_window(t, qe, qs):
            continue
        pref = _preferred(ctx, e)
        if pref and in_window(t, *pref[1], end_inclusive=True):
            continue  # the borrower asked to be contacted at this time: that is consent
        hits.append(e)
    if not hits:
        return []
    text = ngettext("{n} contact by the collection side came between {start} and {end} the complainant's local "
                    "time ({when}).",
                    "{n} contacts by the collection side came between {start} and {end} the complainant's local "
                    "time ({when}).", len(hits)).format(start=start, end=end, **span(ctx, hits))
    text += ctx.sep + _("Collection by phone, visit or any other means is not allowed at these hours unless the "
                        "debtor agreed to it.")
    return [ctx.finding(rule, hits, text)]


def _outside_hours(ctx: Context, rule: RuleSpec, with_requests: bool) -> list[Finding]:
    _, ngettext = ctx._, ctx.ngettext
    early, late = ctx.params["earliest"], ctx.params["latest"]
    es, ls = time_seconds(early), time_seconds(late)
    default_hits: list[Event] = []
    asked_hits: dict[int, tuple[Request, list[Event]]] = {}
    for e in ctx.contacts(TIMED_KINDS):
        t = ctx.tsec[e.id]
        pref = _preferred(ctx, e)
        if pref:
            req, window = pref
            if not in_window(t, *window, end_inclusive=True):
                asked_hits.setdefault(req.event.id, (req, []))[1].append(e)
            continue  # inside the requested hours the borrower has said the time suits them
        if not in_window(t, es, ls, end_inclusive=True):
            default_hits.append(e)
    out = []
    if default_hits:
        text = ngettext("{n} contact came before {early} or after {late} the complainant's local time ({when}).",
                        "{n} contacts came before {early} or after {late} the complainant's local time ({when}).",
                        len(default_hits)).format(early=early, late=late, **span(ctx, default_hits))
        out.append(ctx.finding(rule, default_hits, text))
    if not with_requests:
        return out
    for req, hits in asked_hits.values():
        text = ngettext("On {asked} the complainant asked to be contacted only between {hours}; {n} contact came "
                        "outside those hours afterwards ({when}).",
                        "On {asked} the complainant asked to be contacted only between {hours}; {n} contacts came "
                        "outside those hours afterwards ({when}).", len(hits)).format(
            asked=ctx.when(req.event), hours=_hours_text(req), **span(ctx, hits))
        out.append(ctx.finding(rule, hits, text, context=[req.event], count=len(hits),
                               subtitle=_("outside the hours asked for")))
    return out


def inconvenient_time(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """US: before 08:00 or after 21:00 local time, or outside hours the consumer said suit them."""
    return _outside_hours(ctx, rule, with_requests=True)


def unreasonable_times(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """UK: CONC sets no hours, so the user's own earliest/latest decide (requests: uk.contact_preferences)."""
    found = _outside_hours(ctx, rule, with_requests=False)
    for f in found:
        f.explanation += ctx.sep + ctx._("CONC sets no fixed hours; these are the hours set in the parameters for "
                                         "this case.")
        f.advice.append(ctx._("You can change the hours to what is reasonable for you (for example if you work "
                              "nights)."))
    return found


def contact_preferences(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """UK CONC 7.9.4R: contact against the customer's reasonable requests about when, where and how."""
    _, ngettext = ctx._, ctx.ngettext
    by_request: dict[int, tuple[Request, list[Event]]] = {}
    if not ctx.has_requests(RequestType.PREFERRED_HOURS, RequestType.CHANNEL, RequestType.NO_WORK_CONTACT):
        return []
    channel_requests = ctx.has_requests(RequestType.CHANNEL)
    for e in ctx.contacts():
        pref = _preferred(ctx, e)
        if pref and e.kind in TIMED_KINDS and not in_window(ctx.tsec[e.id], *pref[1],
                                                              end_inclusive=True):
            by_request.setdefault(pref[0].event.id, (pref[0], []))[1].append(e)
        if channel_requests:
            channels = event_channels(e)
            req = ctx.latest_before(RequestType.CHANNEL, e,
                                    partial(_asked_for_channel, channels))
            if req is not None:
                by_request.setdefault(req.event.id, (req, []))[1].append(e)
        if not ctx.at_work(e):
            continue
        req = ctx.latest_before(RequestType.NO_WORK_CONTACT, e)
        if req is not None:
            by_request.setdefault(req.event.id, (req, []))[1].append(e)
    out = []
    for req, hits in by_request.values():
        if req.type == RequestType.PREFERRED_HOURS:
            what = _("to be contacted only between {hours}").format(hours=_hours_text(req))
        elif req.type == RequestType.CHANNEL:
            what = _("not to be contacted by {channel}").format(channel=_channel_label(ctx, req))
        else:
            what = _("not to be contacted at work")
        text = ngettext("On {asked} the complainant asked {what}; afterwards {n} contact went against that "
                        "request ({when}).",
                        "On {asked} the complainant asked {what}; afterwards {n} contacts went against that "
                        "request ({when}).", len(hits)).format(
            asked=ctx.when(req.event), what=what, **span(ctx, hits))
        out.append(ctx.finding(rule, hits, text, context=[req.event], count=len(hits)))
    return out
