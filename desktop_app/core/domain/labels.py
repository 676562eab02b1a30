"""Translatable names for the domain's enum values, shared by the app, the CLI and the PDF.

`label(value)` translates into the UI language; `label(value, t)` with `t = translator(lang)`
translates into a document's language.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from desktop_app.core.domain.enums import (
    CallOutcome,
    CaseStatus,
    Channel,
    Conduct,
    ContactPointKind,
    Direction,
    EventKind,
    Jurisdiction,
    PartyRole,
    Relationship,
    RequestType,
    Target,
    VisitPlace,
)
from desktop_app.core.i18n import N_, _

# Pairs, not a dict literal: members of different enums can share a value (PartyRole.PLATFORM and
# Channel.PLATFORM are both "platform"), and StrEnum members with equal values are equal dict keys.
_PAIRS: tuple[tuple[Enum, str], ...] = (
    (CaseStatus.ACTIVE, N_("Active")),
    (CaseStatus.NEGOTIATING, N_("Negotiating")),
    (CaseStatus.ARRANGEMENT_AGREED, N_("Arrangement agreed")),
    (CaseStatus.SETTLED, N_("Settled")),
    (CaseStatus.CLOSED, N_("Closed")),
    (Jurisdiction.CN, N_("Mainland China")),
    (Jurisdiction.TW, N_("Taiwan")),
    (Jurisdiction.HK, N_("Hong Kong")),
    (Jurisdiction.US, N_("United States")),
    (Jurisdiction.UK, N_("United Kingdom")),
    (Jurisdiction.OTHER, N_("Other")),
    (PartyRole.PLATFORM, N_("Platform")),
    (PartyRole.FUNDER, N_("Funder (lender)")),
    (PartyRole.AGENCY, N_("Collection agency")),
    (PartyRole.LAW_FIRM, N_("Law firm")),
    (PartyRole.COLLECTOR, N_("Collector")),
    (PartyRole.THIRD_PARTY, N_("Third party")),
    (PartyRole.REGULATOR, N_("Regulator")),
    (PartyRole.UNKNOWN, N_("Unknown")),
    (Relationship.SPOUSE, N_("Spouse")),
    (Relationship.RELATIVE, N_("Relative")),
    (Relationship.EMPLOYER, N_("Employer")),
    (Relationship.COLLEAGUE, N_("Colleague")),
    (Relationship.FRIEND, N_("Friend")),
    (Relationship.OTHER, N_("Other")),
    (ContactPointKind.PHONE, N_("Phone")),
    (ContactPointKind.WECHAT, N_("WeChat")),
    (ContactPointKind.EMAIL, N_("Email")),
    (ContactPointKind.APP, N_("App account")),
    (ContactPointKind.OTHER, N_("Other")),
    (EventKind.CALL, N_("Call")),
    (EventKind.SMS, N_("SMS")),
    (EventKind.CHAT, N_("Chat message")),
    (EventKind.EMAIL, N_("Email")),
    (EventKind.LETTER, N_("Letter")),
    (EventKind.VISIT, N_("Visit")),
    (EventKind.MEETING, N_("Meeting")),
    (EventKind.NEGOTIATION, N_("Negotiation")),
    (EventKind.PAYMENT, N_("Payment")),
    (EventKind.AGREEMENT, N_("Agreement")),
    (EventKind.COMPLAINT, N_("Complaint filed")),
    (EventKind.USER_REQUEST, N_("My request")),
    (EventKind.NOTE, N_("Note")),
    (Direction.INCOMING, N_("Incoming")),
    (Direction.OUTGOING, N_("Outgoing")),
    (CallOutcome.ANSWERED, N_("Answered")),
    (CallOutcome.MISSED, N_("Missed")),
    (CallOutcome.REJECTED, N_("Rejected")),
    (CallOutcome.VOICEMAIL, N_("Voicemail")),
    (CallOutcome.BUSY, N_("Busy / not connected")),
    (Target.BORROWER, N_("Me (the borrower)")),
    (Target.THIRD_PARTY, N_("A third party")),
    (Conduct.THREAT, N_("Threats")),
    (Conduct.ABUSE, N_("Abuse or insults")),
    (Conduct.IMPERSONATION, N_("Impersonating police, a court or a lawyer")),
    (Conduct.FALSE_LEGAL_CLAIM, N_("False legal consequences")),
    (Conduct.FALSE_CREDIT_CLAIM, N_("False blacklist or credit claims")),
    (Conduct.THIRD_PARTY_DISCLOSURE, N_("Disclosed the debt to others")),
    (Conduct.PUBLIC_SHAMING, N_("Public shaming")),
    (Conduct.VISIT_WITHOUT_NOTICE, N_("Visit without notice")),
    (Conduct.REFUSED_ID, N_("Refused to show ID")),
    (Conduct.ENTERED_WITHOUT_CONSENT, N_("Entered home or office without consent")),
    (Conduct.PERSONAL_ACCOUNT_PAYMENT, N_("Demanded payment to a personal account")),
    (Conduct.PRESSURE_TO_BORROW, N_("Pressure to borrow elsewhere")),
    (Conduct.EXTRA_FEES, N_("Demanded extra fees")),
    (Conduct.PRIVATE_PHONE, N_("Used a private phone or account")),
    (Conduct.OTHER, N_("Other misconduct")),
    (RequestType.CEASE, N_("Stop contacting me")),
    (RequestType.NO_WORK_CONTACT, N_("Do not contact my workplace")),
    (RequestType.PREFERRED_HOURS, N_("Contact me only at these hours")),
    (RequestType.STOP_THIRD_PARTY, N_("Stop contacting this person")),
    (RequestType.ATTORNEY, N_("I have a lawyer")),
    (RequestType.CHANNEL, N_("Do not use this channel")),
    (RequestType.OTHER, N_("Other request")),
    (VisitPlace.HOME, N_("Home")),
    (VisitPlace.WORK, N_("Workplace")),
    (VisitPlace.OTHER, N_("Elsewhere")),
    (Channel.SMS, N_("SMS")),
    (Channel.WECHAT, N_("WeChat")),
    (Channel.APP, N_("App message")),
    (Channel.EMAIL, N_("Email")),
    (Channel.PHONE, N_("Phone")),
    (Channel.LETTER, N_("Letter")),
    (Channel.PLATFORM, N_("The platform's own complaint channel")),
    (Channel.CBIRC_12378, N_("12378 banking and insurance consumer hotline")),
    (Channel.PBOC_12363, N_("12363 central bank consumer hotline")),
    (Channel.NIFA, N_("NIFA (internet finance association)")),
    (Channel.HEIMAO, N_("Heimao (Black Cat) complaints")),
    (Channel.POLICE, N_("Police (110)")),
    (Channel.CFPB, N_("CFPB")),
    (Channel.FCA, N_("FCA")),
    (Channel.FOS, N_("Financial Ombudsman Service")),
    (Channel.OTHER, N_("Other")),
)

#: {(enum class, value): English label}
LABELS: dict[tuple[type, str], str] = {(type(member), member.value): text for member, text in _PAIRS}


def label(value: Enum | str, t: Callable[[str], str] | None = None) -> str:
    """An enum member's label; a plain value (e.g. an unknown one read from a file) is shown as it is."""
    key = value.value if isinstance(value, Enum) else value
    text = LABELS.get((type(value), key))
    if text is None:
        return str(key)
    return (t or _)(text)
