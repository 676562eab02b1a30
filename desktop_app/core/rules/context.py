"""What every check needs to know about a case, computed once per evaluation.

Times: each event is judged on the borrower's wall clock in the event's own zone (`Event.tz`),
so a 07:30 call on the day New York or London changes its clocks is read as 07:30, not as the
UTC instant shifted by last week's offset.  Requests (a cease letter, "only call me 10–18")
take effect strictly after the moment they were made.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from desktop_app.core.domain.enums import (
    CONTACT_KINDS,
    CallOutcome,
    Channel,
    Conduct,
    Direction,
    EventKind,
    Jurisdiction,
    PartyRole,
    Relationship,
    RequestType,
    Target,
    VisitPlace,
)
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Case, Event, Party
from desktop_app.core.domain.negotiation import is_credit_card
from desktop_app.core.domain.times import zone
from desktop_app.core.i18n import translate_plural, translator
from desktop_app.core.rules.model import Citation, Finding, Product, RulePack, RuleSpec, Severity
from desktop_app.core.rules.packs import time_seconds

#: Roles whose contacts are not collection (a relative phoning the borrower, a regulator's reply).
NOT_COLLECTOR = frozenset({PartyRole.THIRD_PARTY, PartyRole.REGULATOR})
#: Organisations (as opposed to individual collectors) — the "collector" of US rules.
ORG_ROLES = frozenset({PartyRole.PLATFORM, PartyRole.FUNDER, PartyRole.AGENCY, PartyRole.LAW_FIRM})
UNANSWERED = frozenset({CallOutcome.MISSED, CallOutcome.REJECTED, CallOutcome.VOICEMAIL, CallOutcome.BUSY})
WORK_RELATIONS = frozenset({Relationship.EMPLOYER, Relationship.COLLEAGUE})
#: Records that are the borrower's own doing, never collector conduct.
OWN_KINDS = frozenset({EventKind.USER_REQUEST, EventKind.COMPLAINT, EventKind.PAYMENT})


@dataclass(frozen=True, slots=True)
class Request:
    event: Event
    at: float  # epoch seconds
    type: RequestType
    details: dict[str, Any]
    window: tuple[int, int] | None = None  # preferred hours, as seconds after midnight


def _window(details: dict[str, Any]) -> tuple[int, int] | None:
    try:
        return time_seconds(str(details["hours_from"])), time_seconds(str(details["hours_to"]))
    except (KeyError, ValueError, IndexError):
        return None


def in_window(tsec: int, start: int, end: int, end_inclusive: bool = False) -> bool:
    """Is a time of day inside [start, end) — or [start, end] — where the window may wrap midnight?"""
    if start == end:
        return True  # a window of the whole day
    if start < end:
        return start <= tsec < end or (end_inclusive and tsec == end)
    return tsec >= start or tsec < end or (end_inclusive and tsec == end)


def event_channels(e: Event) -> set[str]:
    """The Channel values an event used, for "do not use this channel" requests."""
    chosen = str(e.details.get("channel") or "")
    return {
        EventKind.CALL: {Channel.PHONE.value},
        EventKind.SMS: {Channel.SMS.value, chosen},
        EventKind.CHAT: {chosen or Channel.WECHAT.value},
        EventKind.EMAIL: {Channel.EMAIL.value},
        EventKind.LETTER: {Channel.LETTER.value},
    }.get(e.kind, set()) - {""}


class Context:
    def __init__(self, case: Case, events: Iterable[Event], parties: Iterable[Party], pack: RulePack,
                 params: dict[str, Any], lang: str) -> None:
        self.case = case
        self.pack = pack
        self.params = params
        self.lang = lang
        self._ = translator(lang)
        self.ngettext = lambda singular, plural, n: translate_plural(singular, plural, n, lang)
        self.sep = "" if lang.startswith("zh") else " "  # between sentences: Chinese needs no space after 。
        self.colon = "：" if lang.startswith("zh") else ": "
        home = {"cn": Jurisdiction.CN, "us": Jurisdiction.US, "uk": Jurisdiction.UK}.get(pack.name)
        self.foreign_note = "" if case.jurisdiction == home else self._(
            "These are the {pack} rules, shown for reference: the case is in {place}, where they may not bind "
            "the lender.").format(pack=self._(pack.title), place=label(case.jurisdiction, self._))
        self.parties = {p.id: p for p in parties}
        live = [e for e in events if e.deleted_at is None]
        self.ts = {e.id: e.start.timestamp() for e in live}
        self.events = sorted(live, key=lambda e: (self.ts[e.id], e.id))
        self._order = {e.id: i for i, e in enumerate(self.events)}
        # Per-event facts every check needs, computed once in one pass (a big case has 100,000 events).
        self.local: dict[int, datetime] = {}
        self.tsec: dict[int, int] = {}
        self.day: dict[int, int] = {}
        self._side: dict[int, bool] = {}
        self._target: dict[int, Target] = {}
        self._collector: dict[int, int | None] = {}
        third = Target.THIRD_PARTY
        for e in self.events:
            i = e.id
            t = self.local[i] = self._local(e)
            self.tsec[i] = t.hour * 3600 + t.minute * 60 + t.second
            self.day[i] = t.toordinal()
            party = self.parties.get(e.party_id) if e.party_id is not None else None
            self._side[i] = party is None or party.role not in NOT_COLLECTOR
            self._target[i] = third if e.target == third or e.target_party_id is not None else Target.BORROWER
            if party is None:
                self._collector[i] = None
            elif party.role in ORG_ROLES:
                self._collector[i] = party.id
            else:
                self._collector[i] = party.organisation_id or party.id
        self._contacts: dict[tuple[frozenset[EventKind], Target | None], list[Event]] = {}
        # The same answer as the negotiation letter gives: the user's explicit choice, else the product type.
        card = (case.negotiation or {}).get("credit_card") if isinstance(case.negotiation, dict) else None
        self.credit_card = is_credit_card(case, None if card is None else bool(card))
        # What `applies_to_products` in the packs is matched against (case.product_type, read above).
        self.products = frozenset({Product.CREDIT_CARD if self.credit_card else Product.OTHER})
        self._requests: dict[RequestType, tuple[list[float], list[Request]]] = {}
        for e in self.events:
            if e.kind != EventKind.USER_REQUEST:
                continue
            try:
                rtype = RequestType(str(e.details.get("request_type") or ""))
            except ValueError:
                continue
            times, items = self._requests.setdefault(rtype, ([], []))
            times.append(self.ts[e.id])
            items.append(Request(e, self.ts[e.id], rtype, dict(e.details), _window(e.details)))
        self.by_conduct: dict[str, list[Event]] = {}
        for e in self.events:
            if e.kind in OWN_KINDS:
                continue
            ticks = {str(c) for c in e.conduct}  # Conduct members or their values (EventRecord)
            if e.details.get("entered_without_consent"):
                ticks.add(Conduct.ENTERED_WITHOUT_CONSENT.value)
            for tick in ticks:
                self.by_conduct.setdefault(tick, []).append(e)

    @staticmethod
    def _local(e: Event) -> datetime:
        start = e.start
        if start.tzinfo is None:
            return start.replace(tzinfo=zone(e.tz))
        tz = zone(e.tz)
        return start if start.tzinfo is tz else start.astimezone(tz)

    # -- who and what ------------------------------------------------------------------
    def party(self, party_id: int | None) -> Party | None:
        return self.parties.get(party_id) if party_id is not None else None

    def is_collector_side(self, e: Event) -> bool:
        return self._side[e.id]

    def contacts(self, kinds: Iterable[EventKind] = CONTACT_KINDS, target: Target | None = None) -> list[Event]:
        """Contacts made by the collectors' side (never those the borrower made), in time order."""
        key = (frozenset(kinds), target)
        found = self._contacts.get(key)
        if found is None:
            wanted = key[0]
            found = self._contacts[key] = [
                e for e in self.events
                if e.kind in wanted and e.direction != Direction.OUTGOING and self._side[e.id]
                and (target is None or self.target_of(e) == target)]
        return list(found)

    def with_conduct(self, conduct: Conduct | str) -> list[Event]:
        """Events (not the borrower's own records) on which the user ticked this conduct."""
        return list(self.by_conduct.get(str(conduct), []))

    def target_of(self, e: Event) -> Target:
        return self._target[e.id]

    def collector_key(self, e: Event) -> int | None:
        """The collecting organisation behind an event (its agency or platform), or None if unknown."""
        return self._collector[e.id]

    def name(self, party_id: int | None, fallback: str = "") -> str:
        party = self.party(party_id)
        return party.name if party else fallback

    def at_work(self, e: Event) -> bool:
        if e.details.get("place") == VisitPlace.WORK.value:
            return True
        target = self.party(e.target_party_id)
        return target is not None and target.relationship in WORK_RELATIONS

    # -- requests ----------------------------------------------------------------------
    def requests(self, rtype: RequestType) -> list[Request]:
        return list(self._requests.get(rtype, ([], []))[1])

    def has_requests(self, *types: RequestType) -> bool:
        return any(t in self._requests for t in types)

    def requests_before(self, rtype: RequestType, e: Event) -> list[Request]:
        """Requests of a type made strictly before an event."""
        times, items = self._requests.get(rtype, ([], []))
        return items[:bisect.bisect_left(times, self.ts[e.id])]

    def latest_before(self, rtype: RequestType, e: Event,
                      accept: Callable[[Request], bool] | None = None) -> Request | None:
        found = self._requests.get(rtype)
        if found is None:
            return None
        times, items = found
        for i in range(bisect.bisect_left(times, self.ts[e.id]) - 1, -1, -1):
            if accept is None or accept(items[i]):
                return items[i]
        return None

    # -- output ------------------------------------------------------------------------
    def when(self, e: Event) -> str:
        return f"{self.local[e.id]:%Y-%m-%d %H:%M}"

    def finding(self, rule: RuleSpec, events: list[Event], explanation: str, *, severity: Severity | None = None,
                subtitle: str = "", notes: Iterable[str] = (), unverified: bool = False,
                count: int | None = None, subject: str = "", context: Iterable[Event] = (),
                advice: Iterable[str] = ()) -> Finding:
        """One finding about `events`; `context` are events that set it up (the request, the agreement, the
        conversation) — listed with it, but not themselves misconduct.  `explanation` and `notes` go into the
        dossier and speak of the complainant in the third person; `advice` is for the user, in the app only."""
        _ = self._
        primary, others = rule.citation_for(self.products)
        flagged = {e.id for e in events}
        by_id = {e.id: e for e in (*context, *events)}
        ids = sorted(by_id, key=self._order.__getitem__)  # a C-level key: findings may hold 50,000 events
        ordered = [by_id[i] for i in ids]
        flag = unverified or primary.unverified
        all_notes = [_(n) for n in rule.notes]
        all_notes += [_(n) for c in (primary, *others) for n in c.notes]
        all_notes += [n for n in notes if n]
        if self.foreign_note:
            all_notes.append(self.foreign_note)
        if primary.unverified:
            all_notes.append(_("Our research marks this source as unverified: check the official text before "
                               "relying on it."))
        all_notes = list(dict.fromkeys(all_notes))  # two citations may share a caveat
        title = _(rule.title) + (f"{self.colon}{subtitle}" if subtitle else "")
        return Finding(
            rule_id=rule.id, title=title, status=primary.status, citation=self.translated(primary),
            severity=severity or rule.severity, event_ids=[e.id for e in ordered], explanation=explanation,
            params={p: self.params[p] for p in rule.params}, unverified=flag,
            count=len(ordered) if count is None else count,
            first=self.local[ordered[0].id] if ordered else None, last=self.local[ordered[-1].id] if ordered else None,
            pack=self.pack.name, note=self.sep.join(all_notes), also_cited=[self.translated(c) for c in others],
            lang=self.lang, subject=subject or subtitle, context_ids=[i for i in ids if i not in flagged],
            notes=all_notes, advice=[a for a in advice if a],
        )

    def cite_articles(self, finding: Finding, rule: RuleSpec, key: str) -> Finding:
        """Point a finding at exact paragraphs: `options.articles.<key>` in the pack lists one article per
        citation of the rule ("" leaves that citation out), e.g. 1692b(3) for repeated location contacts."""
        articles = rule.options.get("articles", {}).get(key)
        if not articles:
            return finding
        chosen = [replace(c, article=a) for c, a in zip(rule.citations, articles, strict=True) if a]
        usable = [self.translated(c) for c in chosen if c.applies_to(self.products)]
        finding.citation, finding.also_cited = usable[0], usable[1:]
        finding.status = usable[0].status
        return finding

    def translated(self, c: Citation) -> Citation:
        return replace(c, instrument=self._(c.instrument), article=self._(c.article) if c.article else "")
