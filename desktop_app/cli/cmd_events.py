"""Subcommands for timeline entries and a case's own texts: add, edit, edit-case.

Everything the app's entry editor can hold can be written from here, through the same
`EventService` / `CaseService` calls and so the same validation: a bad kind, time, zone, party
or conduct is one line naming the option, never a half-written entry.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.cli.output import emit, emit_json, path_argument
from desktop_app.core.domain import serialize
from desktop_app.core.domain.enums import (
    CONTACT_KINDS,
    CallOutcome,
    CaseStatus,
    Conduct,
    Direction,
    EventKind,
    Target,
)
from desktop_app.core.domain.times import zone
from desktop_app.core.errors import FileInputError, ValidationError
from desktop_app.core.i18n import _
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.vault.vault import check_readable_file

#: Words people use for a kind that is stored under another name.
KIND_ALIASES = {"message": EventKind.SMS.value, "text": EventKind.SMS.value, "wechat": EventKind.CHAT.value}
KIND_CHOICES = sorted({k.value for k in EventKind} | set(KIND_ALIASES))


def _entry_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    """The options `add` and `edit` share; on `edit` an option left out keeps the stored value."""
    p.add_argument("--kind", required=adding, choices=KIND_CHOICES, metavar="KIND",
                   help="call, message (sms), chat, email, letter, visit, meeting, negotiation, payment, "
                        "agreement, complaint, user_request or note")
    p.add_argument("--time", dest="start", metavar="ISO",
                   help="when it began, e.g. 2026-03-03T22:15 (the case's time zone unless an offset is given)"
                        + ("; default: now" if adding else ""))
    p.add_argument("--end", metavar="ISO", help="when it ended")
    p.add_argument("--duration", type=int, metavar="SECONDS", help="a call's length in seconds")
    p.add_argument("--tz", metavar="ZONE", help="IANA time zone of this entry (default: the case's)")
    p.add_argument("--number", metavar="N", help="the phone number or account used")
    p.add_argument("--party", type=int, metavar="ID", help="the person or organisation behind it")
    p.add_argument("--direction", choices=[d.value for d in Direction],
                   help="incoming (default for contacts) or outgoing" if adding else None)
    p.add_argument("--outcome", choices=[o.value for o in CallOutcome], help="a call's outcome")
    p.add_argument("--target", choices=[t.value for t in Target], help="who was contacted (default borrower)")
    p.add_argument("--target-party", type=int, metavar="ID", help="the third party contacted")
    p.add_argument("--summary", metavar="TEXT", help="one line on what happened")
    p.add_argument("--body", metavar="TEXT", help="a message's full text")
    p.add_argument("--body-file", type=path_argument, metavar="FILE", help="read the body from a UTF-8 file")
    p.add_argument("--quote", action="append", metavar="TEXT",
                   help="a verbatim quote; repeat for several (on edit: replaces all quotes)")
    p.add_argument("--conduct", action="append", metavar="C", choices=[c.value for c in Conduct],
                   help="misconduct shown; repeat for several (on edit: replaces the list): "
                        + ", ".join(c.value for c in Conduct))
    p.add_argument("--detail", action="append", metavar="KEY=VALUE",
                   help="an extra detail (e.g. people_count=3, request_type=cease); a JSON value is read as JSON")
    p.add_argument("--follow-up", metavar="DATE", help="a date to come back to it (YYYY-MM-DD)")
    p.add_argument("--follow-up-note", metavar="TEXT")
    p.add_argument("--json", action="store_true")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="log an entry (a call, message, visit, letter, payment, note…) in a case")
    p.add_argument("case", type=int)
    _entry_options(p, adding=True)
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("edit", help="change fields of an entry; options left out keep their value")
    p.add_argument("event", type=int)
    _entry_options(p, adding=False)
    p.add_argument("--no-conduct", action="store_true", help="clear the misconduct list")
    p.add_argument("--no-quotes", action="store_true", help="clear the quotes")
    p.add_argument("--follow-up-done", action="store_true", help="mark the follow-up as done")
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("edit-case", help="change a case's title, status, statement, requests and account details")
    p.add_argument("case", type=int)
    p.add_argument("--title")
    p.add_argument("--status", choices=[s.value for s in CaseStatus])
    p.add_argument("--statement", metavar="TEXT", help="the complainant's own account, for the complaint")
    p.add_argument("--statement-file", type=path_argument, metavar="FILE", help="read the statement from a file")
    p.add_argument("--request", action="append", metavar="TEXT",
                   help="what the complaint asks for; repeat for several (replaces the list)")
    for name in ("platform", "funder", "product-type", "account-numbers", "borrower-name", "borrower-contact",
                 "borrower-address", "notes"):
        p.add_argument(f"--{name}", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_edit_case)


# -- parsing --------------------------------------------------------------------------------
def _time(text: str, option: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(_("{option}: {value!r} is not a date and time such as 2026-03-03T22:15.").format(
            option=option, value=text), option) from exc


def _date(text: str, option: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(_("{option}: {value!r} is not a date such as 2026-03-31.").format(
            option=option, value=text), option) from exc


def _read_text(path: Path) -> str:
    path = check_readable_file(path)  # missing, a folder, unreadable: the vault's own one-line messages
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise FileInputError(path, _("is not UTF-8 text")) from exc
    except OSError as exc:
        raise FileInputError(path, _("could not be read ({error})").format(error=exc.strerror or exc)) from exc


def _text_or_file(args: argparse.Namespace, name: str, message: str) -> str | None:
    """The value of --NAME or the text of --NAME-file (never both); None when neither was given."""
    text, path = getattr(args, name), getattr(args, f"{name}_file")
    if path is None:
        return text
    if text is not None:
        raise ValidationError(message, name)
    return _read_text(path)


def _details(pairs: list[str], base: dict[str, Any]) -> dict[str, Any]:
    details = dict(base)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(_("--detail: {value!r} is not KEY=VALUE.").format(value=pair), "details")
        try:
            details[key.strip()] = json.loads(value)
        except ValueError:
            details[key.strip()] = value
    return details


def _entry_fields(args: argparse.Namespace, base_details: dict[str, Any] | None) -> dict[str, Any]:
    """The service fields the options name (only those given, so `edit` keeps the rest)."""
    fields: dict[str, Any] = {}
    if args.kind:
        fields["kind"] = KIND_ALIASES.get(args.kind, args.kind)
    if args.start is not None:
        fields["start"] = _time(args.start, "--time")
    if args.end is not None:
        fields["end"] = _time(args.end, "--end") if args.end.strip() else None
    if args.tz is not None:
        zone(args.tz)
        fields["tz"] = args.tz
    simple = {"duration": "duration_s", "number": "contact_value", "party": "party_id", "direction": "direction",
              "outcome": "call_outcome", "target": "target", "target_party": "target_party_id",
              "summary": "summary", "follow_up_note": "follow_up_note"}
    for option, field in simple.items():
        value = getattr(args, option)
        if value is not None:
            fields[field] = value
    body = _text_or_file(args, "body", _("Give either --body or --body-file, not both."))
    if body is not None:
        fields["body"] = body
    if args.quote:
        fields["quotes"] = "\n".join(q.strip("\n") for q in args.quote)
    if args.conduct:
        fields["conduct"] = list(dict.fromkeys(args.conduct))
    if args.detail:
        fields["details"] = _details(args.detail, base_details or {})
    if args.follow_up is not None:
        fields["follow_up"] = _date(args.follow_up, "--follow-up")
    if fields.get("target_party_id") is not None and "target" not in fields:
        fields["target"] = Target.THIRD_PARTY.value
    return fields


def _print_event(args: argparse.Namespace, ws: Workspace, event_id: int) -> None:
    event = ws.events.get(event_id)
    if args.json:
        emit_json(serialize.event(event))
    else:
        emit(str(event.id))


# -- handlers -------------------------------------------------------------------------------
def cmd_add(args: argparse.Namespace, ws: Workspace) -> int:
    case = ws.cases.get(args.case)
    fields = _entry_fields(args, None)
    kind = fields.pop("kind")
    start = fields.pop("start", None)
    if start is None:
        start = datetime.now(zone(fields.get("tz") or case.tz)).replace(second=0, microsecond=0)
    if EventKind(kind) in CONTACT_KINDS:
        fields.setdefault("direction", Direction.INCOMING.value)  # as the quick log does: they contacted you
    event = ws.events.log(case.id, kind, start, **fields)
    _print_event(args, ws, event.id)
    return 0


def cmd_edit(args: argparse.Namespace, ws: Workspace) -> int:
    before = ws.events.get(args.event)
    fields = _entry_fields(args, before.details)
    if args.no_conduct:
        if args.conduct:
            raise ValidationError(_("Give either --conduct or --no-conduct, not both."), "conduct")
        fields["conduct"] = []
    if args.no_quotes:
        if args.quote:
            raise ValidationError(_("Give either --quote or --no-quotes, not both."), "quotes")
        fields["quotes"] = ""
    if args.follow_up_done:
        fields["follow_up_done"] = True
    if not fields:
        print("papertrail: " + _("nothing to change: name at least one field (see papertrail edit --help)."),
              file=sys.stderr)
        return 2
    ws.events.update(before.id, **fields)
    _print_event(args, ws, before.id)
    return 0


def cmd_edit_case(args: argparse.Namespace, ws: Workspace) -> int:
    case = ws.cases.get(args.case)
    fields: dict[str, Any] = {}
    for name in ("title", "status", "platform", "funder", "product_type", "account_numbers",
                 "borrower_name", "borrower_contact", "borrower_address", "notes"):
        value = getattr(args, name)
        if value is not None:
            fields[name] = value
    statement = _text_or_file(args, "statement", _("Give either --statement or --statement-file, not both."))
    if statement is not None:
        fields["statement"] = statement
    if args.request is not None:
        fields["requests"] = [r for r in args.request if r.strip()]
    if not fields:
        print("papertrail: " + _("nothing to change: name at least one field (see papertrail edit-case --help)."),
              file=sys.stderr)
        return 2
    case = ws.cases.update(case.id, **fields)
    if args.json:
        emit_json(serialize.case(case))
    else:
        emit(str(case.id))
    return 0
