"""The closed vocabularies of the domain, stored in SQLite as their string values.

User-facing labels for each value live in `desktop_app.core.domain.labels` so that the
same translated word appears in the app, the command line and the PDF.
"""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    ACTIVE = "active"
    NEGOTIATING = "negotiating"
    ARRANGEMENT_AGREED = "arrangement_agreed"
    SETTLED = "settled"
    CLOSED = "closed"


class Jurisdiction(StrEnum):
    CN = "CN"
    TW = "TW"
    HK = "HK"
    US = "US"
    UK = "UK"
    OTHER = "other"


class PartyRole(StrEnum):
    PLATFORM = "platform"  # the app or card issuer the borrower deals with (e.g. an instalment platform)
    FUNDER = "funder"  # the licensed lender behind a platform; decides which regulator hears a complaint
    AGENCY = "agency"  # an outsourced collection agency
    LAW_FIRM = "law_firm"
    COLLECTOR = "collector"  # an individual collector (badge number in `badge_no`)
    THIRD_PARTY = "third_party"  # someone the collectors contacted instead of the borrower
    REGULATOR = "regulator"
    UNKNOWN = "unknown"  # a caller not yet identified (also: a suspected impostor)


class Relationship(StrEnum):
    """How a third party relates to the borrower."""

    SPOUSE = "spouse"
    RELATIVE = "relative"
    EMPLOYER = "employer"
    COLLEAGUE = "colleague"
    FRIEND = "friend"
    OTHER = "other"


class ContactPointKind(StrEnum):
    PHONE = "phone"
    WECHAT = "wechat"
    EMAIL = "email"
    APP = "app"
    OTHER = "other"


class EventKind(StrEnum):
    CALL = "call"
    SMS = "sms"
    CHAT = "chat"  # WeChat, app message, QQ…
    EMAIL = "email"
    LETTER = "letter"
    VISIT = "visit"  # a visit to home or work
    MEETING = "meeting"  # an in-person meeting the borrower went to
    NEGOTIATION = "negotiation"  # a contact about a repayment arrangement
    PAYMENT = "payment"
    AGREEMENT = "agreement"  # a repayment agreement reached
    COMPLAINT = "complaint"  # a complaint the borrower filed
    USER_REQUEST = "user_request"  # "do not call my work", preferred hours, a cease request…
    NOTE = "note"


#: Kinds that are contacts *by* the other side (what conduct rules look at).
CONTACT_KINDS = frozenset(
    {EventKind.CALL, EventKind.SMS, EventKind.CHAT, EventKind.EMAIL, EventKind.LETTER, EventKind.VISIT}
)


class Direction(StrEnum):
    INCOMING = "incoming"  # the other side contacted the borrower (or a third party)
    OUTGOING = "outgoing"  # the borrower made the contact


class CallOutcome(StrEnum):
    ANSWERED = "answered"
    MISSED = "missed"
    REJECTED = "rejected"
    VOICEMAIL = "voicemail"
    BUSY = "busy"  # busy or not in service: not connected and, for Reg F, not "placed"


class Target(StrEnum):
    """Who was contacted."""

    BORROWER = "borrower"
    THIRD_PARTY = "third_party"


class Conduct(StrEnum):
    """Misconduct the user ticks on an event.  Rule packs map these to their own articles."""

    THREAT = "threat"  # threats of violence or harm
    ABUSE = "abuse"  # abuse, insults, obscene language
    IMPERSONATION = "impersonation"  # posing as police, a court, a lawyer or a government body
    FALSE_LEGAL_CLAIM = "false_legal_claim"  # "you will be arrested for fraud", fake lawsuits
    FALSE_CREDIT_CLAIM = "false_credit_claim"  # fake blacklists / credit databases, exaggerated amount
    THIRD_PARTY_DISCLOSURE = "third_party_disclosure"  # told someone else about the debt
    PUBLIC_SHAMING = "public_shaming"  # posters, group messages, social media posts
    VISIT_WITHOUT_NOTICE = "visit_without_notice"
    REFUSED_ID = "refused_id"  # refused to show ID or say who they are
    ENTERED_WITHOUT_CONSENT = "entered_without_consent"  # home or office
    PERSONAL_ACCOUNT_PAYMENT = "personal_account_payment"  # demanded payment to a personal account
    PRESSURE_TO_BORROW = "pressure_to_borrow"  # pushed to borrow elsewhere to pay
    EXTRA_FEES = "extra_fees"  # fees "for collection"
    PRIVATE_PHONE = "private_phone"  # collector used a private phone or social account
    OTHER = "other"


class RequestType(StrEnum):
    """What a USER_REQUEST event asks for; rules treat contact after it differently."""

    CEASE = "cease"  # stop contacting me (US: a written cease request if `written`)
    NO_WORK_CONTACT = "no_work_contact"  # do not call my work / my employer forbids it
    PREFERRED_HOURS = "preferred_hours"  # contact me only between `hours_from` and `hours_to`
    STOP_THIRD_PARTY = "stop_third_party"  # stop contacting this third party (`target_party_id`)
    ATTORNEY = "attorney"  # I am represented by an attorney
    CHANNEL = "channel"  # do not use this channel (`channel`)
    OTHER = "other"


class VisitPlace(StrEnum):
    HOME = "home"
    WORK = "work"
    OTHER = "other"


class Channel(StrEnum):
    """Messaging channel of an SMS/chat/email event, and where a complaint was filed."""

    SMS = "sms"
    WECHAT = "wechat"
    APP = "app"
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    PLATFORM = "platform"
    CBIRC_12378 = "12378"  # banking and insurance consumer hotline
    PBOC_12363 = "12363"  # central bank financial consumer hotline
    NIFA = "nifa"
    HEIMAO = "heimao"  # 黑猫投诉
    POLICE = "police"
    CFPB = "cfpb"
    FCA = "fca"
    FOS = "fos"  # UK Financial Ombudsman Service
    OTHER = "other"


class CaptureSource(StrEnum):
    """Where an evidence file's capture time came from (the dossier says which)."""

    EXIF = "exif"
    FILENAME = "filename"
    MTIME = "mtime"
    IMPORT = "import"  # given by the importer (e.g. an MMS part's message time)
    USER = "user"
