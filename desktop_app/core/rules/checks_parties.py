"""Checks on *whom* the collectors contacted and what the borrower had asked or agreed before.

A request or agreement only governs contacts strictly after the moment it was made.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date
from functools import partial

from desktop_app.core.domain.enums import CallOutcome, Conduct, EventKind, Relationship, RequestType, Target
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Event
from desktop_app.core.rules.checks_time import span
from desktop_app.core.rules.context import Context, Request
from desktop_app.core.rules.model import Finding, RuleSpec, Severity

DAY = 86400


def _stop_names_party(party_id: int | None, r: Request) -> bool:
    """Whether a stop-contacting request names this third party (details hold ids as text or numbers)."""
    return str(r.details.get("target_party_id")) == str(party_id)


def _third_party_events(ctx: Context) -> list[Event]:
    return ctx.contacts(target=Target.THIRD_PARTY)


def _who(ctx: Context, e: Event) -> str:
    _ = ctx._
    party = ctx.party(e.target_party_id)
    if party is None:
        return _("someone the complainant knows")
    if party.relationship is not None and not any(c in party.name for c in "(（"):
        return f"{party.name} ({label(party.relationship, _)})"  # a name that says nothing of who they are
    return party.name


def _answered_within(answered: list[float], t: float, seconds: int) -> bool:
    i = bisect.bisect_left(answered, t)
    return i > 0 and answered[i - 1] >= t - seconds


def cn_third_party(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """China (CBA): third parties only when the borrower cannot be reached, never told the debt, and
    never again once they ask to be left alone."""
    _, ngettext = ctx._, ctx.ngettext
    reach_days = ctx.params["reachable_days"]
    answered = sorted(ctx.ts[e.id] for e in ctx.events if e.kind == EventKind.CALL
                      and e.call_outcome == CallOutcome.ANSWERED and ctx.target_of(e) == Target.BORROWER)
    groups: dict[tuple[str, int | None], list[Event]] = defaultdict(list)
    for e in _third_party_events(ctx):
        t = ctx.ts[e.id]
        stopped = ctx.latest_before(RequestType.STOP_THIRD_PARTY, e,
                                    partial(_stop_names_party, e.target_party_id))
        if stopped is not None:
            groups[("after_stop", e.target_party_id)].append(e)
        elif Conduct.THIRD_PARTY_DISCLOSURE in e.conduct:
            groups[("disclosed", e.target_party_id)].append(e)
        elif _answered_within(answered, t, reach_days * DAY):
            groups[("reachable", e.target_party_id)].append(e)
        else:
            groups[("contacted", e.target_party_id)].append(e)
    out = []
    for (why, _pid), events in groups.items():
        who = _who(ctx, events[0])
        values = {"who": who, "days": reach_days, **span(ctx, events)}
        severity = None
        if why == "after_stop":
            text = ngettext("{who} was contacted {n} time after asking the collectors to stop ({when}).",
                            "{who} was contacted {n} times after asking the collectors to stop ({when}).",
                            len(events)).format(**values)
        elif why == "disclosed":
            text = ngettext("The complainant's debt was disclosed to {who} ({n} contact, {when}).",
                            "The complainant's debt was disclosed to {who} ({n} contacts, {when}).",
                            len(events)).format(**values)
            text += ctx.sep + _("Even when a third party may be contacted, the debt's details must not be revealed.")
        elif why == "reachable":
            text = ngettext("{who} was contacted {n} time although the complainant had answered a collection call "
                            "in the {days} days before ({when}).",
                            "{who} was contacted {n} times although the complainant had answered a collection call "
                            "in the {days} days before ({when}).", len(events)).format(**values)
            text += ctx.sep + _("Third parties may only be contacted when the debtor cannot be reached.")
        else:
            severity = Severity.WARNING
            text = ngettext("{who} was contacted {n} time ({when}).",
                            "{who} was contacted {n} times ({when}).", len(events)).format(**values)
            text += ctx.sep + _("This is allowed only when the debtor cannot be reached, and then only to ask how to "
                                "reach the debtor or to pass on a message — never to demand payment.")
        extra = []
        if why == "reachable":
            extra.append(_("When a borrower counts as unreachable (失联) is known only from press summaries of the "
                           "guideline; this part is flagged as unverified."))
        party = ctx.party(events[0].target_party_id)
        if party is not None and party.relationship == Relationship.SPOUSE:
            extra.append(_("A spouse may count as a related party when the debt paid for joint family spending."))
        reason = {"after_stop": _("after they asked to stop"), "disclosed": _("debt disclosed"),
                  "reachable": _("while the complainant could be reached"), "contacted": _("contacted")}[why]
        out.append(ctx.finding(rule, events, text, severity=severity, notes=extra, subject=f"{who}{ctx.colon}{reason}",
                               unverified=why == "reachable"))
    return out


def us_third_party(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """US 1692c(b) / 1692b: no talk of the debt with third parties; location calls to one person once."""
    _, ngettext = ctx._, ctx.ngettext
    disclosed: dict[int | None, list[Event]] = defaultdict(list)
    repeated: dict[int | None, list[Event]] = defaultdict(list)
    for e in _third_party_events(ctx):
        party = ctx.party(e.target_party_id)
        if party is not None and party.relationship == Relationship.SPOUSE:
            continue  # a spouse counts as the consumer for 1692c
        if Conduct.THIRD_PARTY_DISCLOSURE in e.conduct:
            disclosed[e.target_party_id].append(e)
        repeated[e.target_party_id].append(e)
    out = []
    for events in disclosed.values():
        text = ngettext("The complainant's debt was discussed with {who} ({n} contact, {when}).",
                        "The complainant's debt was discussed with {who} ({n} contacts, {when}).",
                        len(events)).format(who=_who(ctx, events[0]), **span(ctx, events))
        out.append(ctx.cite_articles(ctx.finding(rule, events, text, subject=_who(ctx, events[0])), rule,
                                     "disclosed"))
    for events in repeated.values():
        if len(events) < 2:
            continue
        text = _("{who} was contacted {n} times ({when}). A collector may contact someone else only to find out "
                 "where the consumer lives or works, and only once unless that person asks for more.").format(
            who=_who(ctx, events[0]), **span(ctx, events))
        found = ctx.finding(rule, events, text, subtitle=_("repeated contact with a third party"))
        out.append(ctx.cite_articles(found, rule, "repeated"))
    return out


def uk_disclosure(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """UK CONC 7.9: no unfair disclosure of the debt to others, nothing likely to embarrass publicly."""
    _, ngettext = ctx._, ctx.ngettext
    out = []
    for conduct in (Conduct.THIRD_PARTY_DISCLOSURE, Conduct.PUBLIC_SHAMING):
        events = ctx.with_conduct(conduct)
        if not events:
            continue
        text = ngettext("{n} event recorded by the complainant as: {what} ({when}).",
                        "{n} events recorded by the complainant as: {what} ({when}).", len(events)).format(
            what=label(conduct, _), **span(ctx, events))
        out.append(ctx.finding(rule, events, text, subtitle=label(conduct, _)))
    return out


def workplace_contact(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """US 1692c(a)(3): no contact at work once the collector knows the employer forbids it."""
    _, ngettext = ctx._, ctx.ngettext
    if not ctx.has_requests(RequestType.NO_WORK_CONTACT):
        return []
    hits = [(e, ctx.latest_before(RequestType.NO_WORK_CONTACT, e)) for e in ctx.contacts() if ctx.at_work(e)]
    by_req: dict[int, tuple[Event, list[Event]]] = {}
    for e, req in hits:
        if req is not None:
            by_req.setdefault(req.event.id, (req.event, []))[1].append(e)
    out = []
    for req_event, events in by_req.values():
        text = ngettext("On {asked} the complainant told them not to make contact at work; {n} workplace contact "
                        "followed ({when}).",
                        "On {asked} the complainant told them not to make contact at work; {n} workplace "
                        "contacts followed ({when}).", len(events)).format(asked=ctx.when(req_event),
                                                                          **span(ctx, events))
        out.append(ctx.finding(rule, events, text, context=[req_event], count=len(events)))
    return out


def contact_after_cease(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """US 1692c(c) (written cease) and 1692c(a)(2) (represented by an attorney)."""
    _, ngettext = ctx._, ctx.ngettext
    out = []
    contacts = ctx.contacts(target=Target.BORROWER)
    ceases = ctx.requests(RequestType.CEASE)
    written = [r for r in ceases if r.details.get("written")]
    if written:
        first = written[0]
        after = [e for e in contacts if ctx.ts[e.id] > first.at]
        if after:
            text = ngettext("The complainant sent a written request to stop contact on {asked}; {n} contact "
                            "followed ({when}).",
                            "The complainant sent a written request to stop contact on {asked}; {n} contacts "
                            "followed ({when}).", len(after)).format(asked=ctx.when(first.event), **span(ctx, after))
            text += ctx.sep + _("After it, a collector may only write to say it is stopping or to name a specific "
                            "remedy it may use or intends to use.")
            out.append(ctx.finding(rule, after, text, context=[first.event], count=len(after)))
    spoken = [r for r in ceases if not r.details.get("written") and (not written or r.at < written[0].at)]
    if spoken:
        after = [e for e in contacts if ctx.ts[e.id] > spoken[0].at and (not written or ctx.ts[e.id] <= written[0].at)]
        if after:
            text = ngettext("The complainant asked them to stop on {asked} but not in writing; {n} contact "
                            "followed ({when}).",
                            "The complainant asked them to stop on {asked} but not in writing; {n} contacts "
                            "followed ({when}).", len(after)).format(asked=ctx.when(spoken[0].event),
                                                                     **span(ctx, after))
            text += ctx.sep + _("The rule applies to a request made in writing.")
            advice = _("Send the request by letter and keep a copy.")
            out.append(ctx.finding(rule, after, text, context=[spoken[0].event], severity=Severity.WARNING,
                                   count=len(after), subtitle=_("request not in writing"), advice=[advice]))
    lawyer = ctx.requests(RequestType.ATTORNEY)
    if lawyer:
        after = [e for e in contacts if ctx.ts[e.id] > lawyer[0].at]
        if after:
            text = ngettext("On {asked} the complainant told them a lawyer represents them; they contacted the "
                            "complainant directly {n} time afterwards ({when}).",
                            "On {asked} the complainant told them a lawyer represents them; they contacted the "
                            "complainant directly {n} times afterwards ({when}).", len(after)).format(
                asked=ctx.when(lawyer[0].event), **span(ctx, after))
            found = ctx.finding(rule, after, text, context=[lawyer[0].event], count=len(after),
                                subtitle=_("represented by a lawyer"))
            out.append(ctx.cite_articles(found, rule, "attorney"))
    return out


def _pause_end(e: Event) -> date | None:
    """An agreement may pause collection only until a date (details.pause_until, ISO, inclusive)."""
    try:
        return date.fromisoformat(str(e.details["pause_until"]))
    except (KeyError, ValueError):
        return None


def contact_after_agreement(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """China credit cards, Art. 70: once an instalment agreement is signed, collection stops.

    Each agreement governs the contacts after it until the next agreement; one that only pauses
    collection (details.pause_until) governs them up to the end of that day.
    """
    _, ngettext = ctx._, ctx.ngettext
    agreements = [e for e in ctx.events if e.kind == EventKind.AGREEMENT]
    contacts = ctx.contacts()
    out = []
    for i, agreed in enumerate(agreements):
        start = ctx.ts[agreed.id]
        stop = ctx.ts[agreements[i + 1].id] if i + 1 < len(agreements) else float("inf")
        until = _pause_end(agreed)
        after = [e for e in contacts if start < ctx.ts[e.id] <= stop
                 and (until is None or ctx.local[e.id].date() <= until)]
        if not after:
            continue
        if until is None:
            text = ngettext("A repayment agreement was reached on {agreed}; {n} collection contact followed "
                            "({when}).",
                            "A repayment agreement was reached on {agreed}; {n} collection contacts followed "
                            "({when}).", len(after)).format(agreed=ctx.when(agreed), **span(ctx, after))
            text += ctx.sep + _("Collection must stop once the agreement is signed, unless the cardholder misses an "
                                "agreed payment.")
        else:
            text = ngettext("On {agreed} it was agreed that collection would pause until {until}; {n} collection "
                            "contact came in that time ({when}).",
                            "On {agreed} it was agreed that collection would pause until {until}; {n} collection "
                            "contacts came in that time ({when}).", len(after)).format(
                agreed=ctx.when(agreed), until=until.isoformat(), **span(ctx, after))
        advice = []
        if not agreed.details.get("written"):
            text += ctx.sep + _("The agreement was not in writing.")
            advice.append(_("Keep the call recording or the staff member's name and ID."))
        # The pack limits this rule to credit cards (applies_to_products): Art. 70 covers nothing else.
        out.append(ctx.finding(rule, after, text, context=[agreed], count=len(after), advice=advice))
    return out
