"""Which numbers in a phone log look like collectors, and which look like the user's own contacts.

The preview pre-ticks the first kind; nothing else is imported unless the user ticks it.  The
signs are deliberately simple and each is shown to the user as a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from desktop_app.core.domain.enums import EventKind, PartyRole
from desktop_app.core.domain.phones import NumberInfo, NumberType
from desktop_app.core.i18n import N_
from desktop_app.core.importers.model import FoundNumber, Record

REASONS: dict[str, str] = {
    "known_party": N_("already a party in this case"),
    "many_calls": N_("called many times"),
    "phone_tag": N_("the phone tagged it as collection or harassment"),
    "service": N_("service number (95xxx, 96xxx, 400)"),
    "sms_gateway": N_("106 bulk-SMS sender"),
    "virtual_range": N_("virtual-operator number (170, 171, 162, 165, 167)"),
    "name_hint": N_("the contact name suggests collection"),
    "text_hint": N_("its messages talk about debts or overdue payments"),
}
MANY_CALLS_TOTAL = 5
MANY_CALLS_A_DAY = 3
_HINT = re.compile(r"催收|逾期|欠款|还款|還款|欠費|欠费|律师函|律師函|法务|法務|征信|徵信|贷|貸|金融|"
                   r"资产管理|資產管理|债|債|"
                   r"collect|overdue|past due|debt|recovery|final notice|arrears", re.IGNORECASE)
_VIRTUAL = re.compile(r"^\+86(170|171|162|165|167)\d{8}$")
_CALL, _CHAT = EventKind.CALL, EventKind.CHAT


@dataclass(slots=True)
class _Tally:
    info: NumberInfo
    calls: int = 0
    messages: int = 0
    chats: int = 0
    recordings: int = 0
    incoming_calls: int = 0
    per_day: Counter = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None
    names: Counter = field(default_factory=Counter)
    text_hint: bool = False
    phone_tag: bool = False


class NumberTally:
    """Counts per number key as records stream past (used by the preview and by the import)."""

    def __init__(self) -> None:
        self.by_key: dict[str, _Tally] = {}

    def _get(self, info: NumberInfo) -> _Tally:
        tally = self.by_key.get(info.key)
        if tally is None:
            tally = self.by_key[info.key] = _Tally(info)
        return tally

    def add(self, record: Record, info: NumberInfo) -> None:
        # Called once per record (100,000s per backup): `_get` and `_span` are written out here.
        t = self.by_key.get(info.key)
        if t is None:
            t = self.by_key[info.key] = _Tally(info)
        when = record.when
        kind = record.kind
        if kind == _CALL:
            t.calls += 1
            if record.direction != "outgoing":
                t.incoming_calls += 1
                t.per_day[when.date()] += 1
        elif kind == _CHAT:
            t.chats += 1
        else:
            t.messages += 1
        if t.first is None or when < t.first:
            t.first = when
        if t.last is None or when > t.last:
            t.last = when
        if record.contact_name:
            t.names[record.contact_name] += 1
        if not t.text_hint and record.body and record.direction != "outgoing" and _HINT.search(record.body[:2000]):
            t.text_hint = True
        if record.details.get("phone_tag"):
            t.phone_tag = True

    def add_recording(self, info: NumberInfo, when: datetime) -> None:
        t = self._get(info)
        t.recordings += 1
        self._span(t, when)

    @staticmethod
    def _span(t: _Tally, when: datetime) -> None:
        if t.first is None or when < t.first:
            t.first = when
        if t.last is None or when > t.last:
            t.last = when

    def found(self, parties: dict[str, tuple[int, str, str]]) -> list[FoundNumber]:
        """One row per key; `parties` maps known keys to (party id, name, role)."""
        rows = [self._row(t, parties.get(key)) for key, t in self.by_key.items()]
        rows.sort(key=lambda r: (not r.looks_like_collector, -(r.count + r.recordings), r.key))
        return rows

    @staticmethod
    def _row(t: _Tally, party: tuple[int, str, str] | None) -> FoundNumber:
        info = t.info
        name = t.names.most_common(1)[0][0] if t.names else ""
        reasons: list[str] = []
        if party is not None:
            reasons.append("known_party")
        if t.phone_tag:
            reasons.append("phone_tag")
        if t.incoming_calls >= MANY_CALLS_TOTAL or (t.per_day and max(t.per_day.values()) >= MANY_CALLS_A_DAY):
            reasons.append("many_calls")
        digits = info.key.rsplit(":", 1)[-1]
        if info.kind == NumberType.SERVICE and not digits.startswith(("10", "12")):
            reasons.append("service")
        if info.kind == NumberType.SMS_GATEWAY:
            reasons.append("sms_gateway")
        if _VIRTUAL.match(info.key):
            reasons.append("virtual_range")
        if name and _HINT.search(name):
            reasons.append("name_hint")
        if t.text_hint:
            reasons.append("text_hint")
        in_contacts = bool(name) and "name_hint" not in reasons
        strong = [r for r in reasons if r != "many_calls"]
        collector = bool(strong) or ("many_calls" in reasons and not in_contacts)
        if info.kind == NumberType.WITHHELD:
            collector = False  # a hidden number is never one line; the user decides
        if party is not None and party[2] == PartyRole.THIRD_PARTY.value:
            collector = False  # a relative or employer the case already knows
        return FoundNumber(
            key=info.key, number=info.display or info.raw, type=info.kind.value, info=info,
            calls=t.calls, messages=t.messages, chats=t.chats, recordings=t.recordings, first=t.first, last=t.last,
            contact_name=name, party_id=party[0] if party else None, party_name=party[1] if party else "",
            reasons=reasons, looks_like_collector=collector, in_contacts=in_contacts)
