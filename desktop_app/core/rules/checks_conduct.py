"""Checks on *what* was done: conduct the user ticked, how visits went, and signs of impostors."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.core.domain.enums import Conduct, EventKind, PartyRole
from desktop_app.core.domain.labels import label
from desktop_app.core.rules.checks_time import span
from desktop_app.core.rules.context import OWN_KINDS, Context
from desktop_app.core.rules.model import Finding, RuleSpec, Severity


def conduct(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """One finding per kind of ticked conduct the pack maps to an article (options.conduct).

    A mapping may be limited to some kinds of event (`kinds`, `not_kinds`): in the US pack "public
    shaming" recorded on a letter is a marked envelope (1692f(8)), elsewhere publishing (1692d(3))."""
    _, ngettext = ctx._, ctx.ngettext
    out = []
    for name, spec in rule.options.get("conduct", {}).items():
        kind = Conduct(name)
        events = ctx.with_conduct(kind)
        if spec.get("kinds"):
            events = [e for e in events if e.kind in spec["kinds"]]
        if spec.get("not_kinds"):
            events = [e for e in events if e.kind not in spec["not_kinds"]]
        if not events:
            continue
        text = ngettext("{n} event recorded by the complainant as: {what} ({when}).",
                        "{n} events recorded by the complainant as: {what} ({when}).", len(events)).format(
            what=label(kind, _), **span(ctx, events))
        if spec.get("explain"):
            text += ctx.sep + _(spec["explain"])
        severity = Severity(spec["severity"]) if spec.get("severity") else None
        finding = ctx.finding(rule, events, text, subtitle=_(spec["title"]), severity=severity,
                              notes=[_(spec["note"])] if spec.get("note") else [],
                              unverified=bool(spec.get("unverified")),
                              advice=[_(spec["advice"])] if spec.get("advice") else [])
        if spec.get("article"):
            finding.citation = replace(finding.citation, article=_(spec["article"]))
        out.append(finding)
    return out


def visit_conduct(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """China (CBA): at least two collectors on a visit; visitors who will not identify themselves."""
    _, ngettext = ctx._, ctx.ngettext
    minimum = ctx.params["min_visitors"]
    visits = ctx.contacts([EventKind.VISIT])
    few = [e for e in visits if isinstance(e.details.get("people_count"), int) and e.details["people_count"] < minimum]
    no_id = [e for e in visits if e.details.get("id_shown") is False or Conduct.REFUSED_ID in e.conduct]
    out = []
    if few:
        text = ngettext("{n} visit was made by fewer than {min} people ({when}).",
                        "{n} visits were made by fewer than {min} people ({when}).", len(few)).format(
            min=minimum, **span(ctx, few))
        out.append(ctx.finding(rule, few, text, subtitle=_("fewer than two visitors")))
    if no_id:
        text = ngettext("At {n} visit the visitors did not show ID or say who they were ({when}).",
                        "At {n} visits the visitors did not show ID or say who they were ({when}).",
                        len(no_id)).format(**span(ctx, no_id))
        advice = _("You do not have to let in or pay anyone who will not identify themselves.")
        note = _("Our research found no published article requiring collectors to show ID; this part is flagged "
                 "as unverified.")
        found = ctx.finding(rule, no_id, text, subtitle=_("no ID shown"), notes=[note], unverified=True,
                            severity=Severity.WARNING, advice=[advice])
        out.append(ctx.cite_articles(found, rule, "no_id"))
    return out


def impostor_risk(ctx: Context, rule: RuleSpec) -> list[Finding]:
    """Warnings, not violations: signs that the "collector" may be a fraudster."""
    _, ngettext = ctx._, ctx.ngettext
    words = [w.casefold() for w in ctx.params["impostor_words"]]
    account = ctx.with_conduct(Conduct.PERSONAL_ACCOUNT_PAYMENT)
    offers = []
    account_ids = {e.id for e in account}
    for e in ctx.events:
        if e.kind in OWN_KINDS or e.id in account_ids:
            continue
        party = ctx.party(e.party_id)
        if party is not None and party.role != PartyRole.UNKNOWN:
            continue  # a known platform or agency: not an unverified offer
        text = f"{e.summary}\n{e.body}\n{e.quotes}".casefold()
        if any(w and w in text for w in words):
            offers.append(e)
    out = []
    if account:
        text = ngettext("{n} time the complainant was asked to pay into a personal account ({when}).",
                        "{n} times the complainant was asked to pay into a personal account ({when}).",
                        len(account)).format(**span(ctx, account))
        text += ctx.sep + _("Lenders take repayments only into their own official accounts.")
        advice = _("Check with the lender's official app or hotline before paying anything.")
        out.append(ctx.finding(rule, account, text, subtitle=_("payment to a personal account"), advice=[advice]))
    if offers:
        text = ngettext("{n} offer from an unidentified caller mentioned settling the complainant's debt for them, "
                        "for example in person ({when}).",
                        "{n} offers from unidentified callers mentioned settling the complainant's debt for them, "
                        "for example in person ({when}).", len(offers)).format(**span(ctx, offers))
        text += ctx.sep + _("Impostors use such offers to take money.")
        advice = _("Confirm any offer with the lender's official hotline; never pay a go-between.")
        out.append(ctx.finding(rule, offers, text, subtitle=_("unverified settlement offer"), advice=[advice]))
    return out
