"""An entry's kind-specific details (`Event.details`, see `DETAIL_KEYS`) as the dossier prints them.

A visit's number of people, whether they showed ID or came in without consent, a letter's sender,
an agreement's terms: facts a reader needs, recorded in the event editor but not in any of the
chronology's columns.  They are printed on one line under "What happened", labelled in the
third person (the event editor's labels speak to the user: "They came in without my consent").
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from desktop_app.core.domain.enums import Channel, EventKind, RequestType, VisitPlace
from desktop_app.core.domain.models import Event
from desktop_app.core.i18n import N_
from desktop_app.core.report.third_person import dossier_label

# key → (label, enum the value belongs to, or "bool" / "party" / None for plain text)
FIELDS: dict[str, tuple[str, Any]] = {
    "place": (N_("Place"), VisitPlace),
    "address": (N_("Visit address"), None),
    "people_count": (N_("People who came"), None),
    "id_shown": (N_("Every visitor showed ID"), "bool"),
    "notice_given": (N_("Announced beforehand"), "bool"),
    "entered_without_consent": (N_("Came in without the complainant's consent"), "bool"),
    "claimed_identity": (N_("Said they were"), None),
    "sender_name": (N_("Sender's name"), None),
    "channel": (N_("Channel"), Channel),
    "subject": (N_("Subject"), None),
    "sender": (N_("Sender"), None),
    "delivery": (N_("Delivered by"), None),
    "request_type": (N_("What the complainant asked for"), RequestType),
    "written": (N_("In writing"), "bool"),
    "hours_from": (N_("Contact allowed from"), None),
    "hours_to": (N_("Contact allowed until"), None),
    "target_party_id": (N_("Person not to be contacted"), "party"),
    "amount": (N_("Amount"), None),
    "currency": (N_("Currency"), None),
    "method": (N_("Paid by"), None),
    "terms": (N_("Terms"), None),
    "instalments": (N_("Number of instalments"), None),
    "outcome": (N_("Outcome of the conversation"), None),
    "staff_id": (N_("Staff name or ID"), None),
    "pause_until": (N_("Collection paused until"), None),
}
# Printed elsewhere: a complaint's details have their own table (channel, ticket, reply due, outcome).
SHOWN_ELSEWHERE = {EventKind.COMPLAINT: {"channel", "ticket_no", "reply_due", "outcome"}}


def details_text(e: Event, _: Callable[[str], str], name_of: Callable[[int | None], str],
                 text: Callable[[str], str]) -> str:
    """'Place: home · People who came: 2 · Every visitor showed ID: no' — every recorded detail.

    `name_of` prints a party (redacted when asked), `text` passes free text through the redactor."""
    skip = SHOWN_ELSEWHERE.get(e.kind, set())
    if e.kind == EventKind.MEETING:
        fields = {**FIELDS, "place": (N_("Place"), None)}  # a meeting's place is free text
    else:
        fields = FIELDS
    parts = []
    for key, value in e.details.items():
        if key in skip or value is None or value == "":
            continue
        title, kind = fields.get(key, (key, None))
        if kind == "bool":
            shown = _("yes") if value else _("no")
        elif kind == "party":
            shown = name_of(value if isinstance(value, int) else None) or str(value)
        elif isinstance(kind, type) and issubclass(kind, Enum):
            try:
                shown = dossier_label(kind(value), _)
            except ValueError:
                shown = str(value)
        else:
            shown = text(str(value))
        # A key no editor wrote (an importer's, a newer version's) is still printed, under its own name.
        parts.append(_("{label}: {value}").format(label=_(title) if key in fields else title, value=shown))
    return " · ".join(parts)
