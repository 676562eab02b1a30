"""Numbers ↔ parties for an import: who is already known, which keys the user picked, and the
parties created for new numbers."""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.core.domain.enums import Channel, ContactPointKind, PartyRole
from desktop_app.core.domain.phones import WITHHELD_KEY, NumberInfo, analyse
from desktop_app.core.i18n import _
from desktop_app.core.importers.model import Record
from desktop_app.core.services.workspace import Workspace


def known_parties(ws: Workspace, case_id: int) -> dict[str, tuple[int, str, str]]:
    """{number key: (party id, name, role)} for the case's parties' numbers and accounts."""
    known: dict[str, tuple[int, str, str]] = {}
    for party in ws.parties.list(case_id):
        for point in party.contact_points:
            entry = (party.id, party.name, party.role.value)
            known.setdefault(point.key, entry)
            if point.kind != ContactPointKind.PHONE:
                # Imported chats key an account the way phones.analyse does ("raw:<id>").
                known.setdefault("raw:" + point.value.strip().casefold(), entry)
    return known


def selected_keys(ws: Workspace, case_id: int, region: str, numbers: Iterable[str] | None,
                  parties: Iterable[int] | None) -> set[str]:
    keys: set[str] = set()
    for number in numbers or ():
        number = str(number).strip()
        if not number:
            continue
        # Keys from the preview ("+8617000001111", "sms:CN:106…", "raw:wxid…") are accepted as they are.
        keys.add(number if number.startswith(("sms:", "short:", "raw:")) or number == WITHHELD_KEY
                 else analyse(number, region).key)
    for party_id in parties or ():
        party = ws.parties.get(int(party_id))
        for point in party.contact_points:
            keys.add(point.key)
            if point.kind != ContactPointKind.PHONE:
                keys.add("raw:" + point.value.strip().casefold())
    return keys


def note_for(contact_name: str) -> str:
    return _("Name in the phone: {name}").format(name=contact_name)


class PartyResolver:
    """The party for each key, creating one (role unknown, named by the number) when allowed."""

    def __init__(self, ws: Workspace, case_id: int, create: bool) -> None:
        self.ws = ws
        self.case_id = case_id
        self.create = create
        self.known = {k: v[0] for k, v in known_parties(ws, case_id).items()}
        self.created: list[int] = []
        self.created_keys: dict[str, int] = {}

    def party_for(self, info: NumberInfo, record: Record | None) -> int | None:
        key = info.key
        if key in self.known:
            return self.known[key]
        if not self.create or key == WITHHELD_KEY or not key:
            return None
        raw = (record.number if record else info.raw).strip() or info.display
        name = info.display or raw
        notes = note_for(record.contact_name) if record is not None and record.contact_name else ""
        wechat = record is not None and record.details.get("channel") == Channel.WECHAT.value and key.startswith("raw:")
        if wechat:
            party = self.ws.parties.add(self.case_id, name, PartyRole.UNKNOWN,
                                        accounts=[(ContactPointKind.WECHAT, raw)], notes=notes)
        elif key.startswith("raw:") and not any(ch.isdigit() for ch in raw):
            party = self.ws.parties.add(self.case_id, name, PartyRole.UNKNOWN,
                                        accounts=[(ContactPointKind.OTHER, raw)], notes=notes)
        else:
            party = self.ws.parties.add(self.case_id, name, PartyRole.UNKNOWN, numbers=[raw], notes=notes)
        self.known[key] = party.id
        self.created.append(party.id)
        self.created_keys[key] = party.id
        return party.id

    def name_created(self, names: dict[str, str]) -> None:
        """Note the phone's contact name on parties created in this import, once every record was seen
        (the first record of a number often carries no name).  Same transaction as the creation."""
        for key, party_id in self.created_keys.items():
            if names.get(key):
                self.ws.db.execute("UPDATE parties SET notes = ? WHERE id = ? AND notes = ''",
                                   (note_for(names[key]), party_id))
