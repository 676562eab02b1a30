"""`papertrail suggestions CASE`: conduct the other side's words suggest, for review.

Lists the unreviewed suggestions (of one kind with --conduct) with the words that triggered
them, or confirms and dismisses them (--confirm / --dismiss EVENT:CONDUCT, repeatable, all in
one transaction).  Confirmed conduct moves into the event's conduct, which the rules read.
"""

from __future__ import annotations

import argparse

from desktop_app.cli.output import emit, emit_json
from desktop_app.core.domain.enums import Conduct
from desktop_app.core.domain.labels import label
from desktop_app.core.domain.models import Event
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _, ngettext
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.suggest import SPANS, SUGGESTED
from desktop_app.core.suggest.summary import counts


def _decision(text: str) -> tuple[int, str]:
    event, sep, conduct = text.partition(":")
    if not sep or not event.strip().isdigit() or conduct.strip() not in Conduct._value2member_map_:
        raise argparse.ArgumentTypeError(_("{value!r} is not EVENT:CONDUCT (for example 12:threat).").format(
            value=text))
    return int(event), conduct.strip()


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggestions", help="list the conduct the other side's words suggest, and confirm or "
                                           "dismiss it")
    p.add_argument("case", type=int)
    p.add_argument("--conduct", choices=[c.value for c in Conduct], help="only this kind of conduct")
    p.add_argument("--confirm", type=_decision, action="append", default=[], metavar="EVENT:CONDUCT",
                   help="the words do show this conduct: record it (repeatable)")
    p.add_argument("--dismiss", type=_decision, action="append", default=[], metavar="EVENT:CONDUCT",
                   help="the words do not show it: do not suggest it again (repeatable)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_suggestions)


def _marked(text: str, spans: list[dict]) -> str:
    """The text with each triggering span between » and «."""
    out, at = [], 0
    for s in sorted(spans, key=lambda s: (s["start"], s["end"])):
        if s["start"] < at:
            continue  # overlaps the previous mark
        out += [text[at:s["start"]], "»", text[s["start"]:s["end"]], "«"]
        at = s["end"]
    return "".join(out) + text[at:]


def _json(e: Event, conduct: str | None) -> dict:
    return {"event_id": e.id, "start": e.start.isoformat(), "kind": e.kind.value, "number": e.contact_value,
            "suggested_conduct": [c for c in e.details.get(SUGGESTED, []) if conduct in (None, c)],
            "spans": [s for s in e.details.get(SPANS, []) if conduct in (None, s["conduct"])],
            "body": e.body, "quotes": e.quotes}


def cmd_suggestions(args: argparse.Namespace, ws: Workspace) -> int:
    case = ws.cases.get(args.case)
    decisions = [(e, c, True) for e, c in args.confirm] + [(e, c, False) for e, c in args.dismiss]
    if decisions:
        for event_id, _conduct, _ok in decisions:
            if ws.events.get(event_id).case_id != case.id:
                raise ValidationError(_("Event {id} is not in case {case}.").format(id=event_id, case=case.id),
                                      "event")
        ws.events.review(decisions)
        result = {"confirmed": len(args.confirm), "dismissed": len(args.dismiss)}
        if args.json:
            emit_json(result)
        else:
            emit(_("Confirmed {confirmed}, dismissed {dismissed}.").format(**result))
        return 0
    events = ws.events.suggestions(case.id, args.conduct)
    if args.json:
        emit_json({"case_id": case.id, "counts": counts(ws, case.id),
                   "events": [_json(e, args.conduct) for e in events]})
        return 0
    if not events:
        emit(_("No unreviewed suggestions in case {reference}.").format(reference=case.reference))
        return 0
    for e in events:
        kinds = [c for c in e.details.get(SUGGESTED, []) if args.conduct in (None, c)]
        emit(f"#{e.id} {e.start:%Y-%m-%d %H:%M} {e.contact_value} — "
             + ", ".join(f"{label(Conduct(c))} ({c})" for c in kinds))
        for field in ("body", "quotes"):
            spans = [s for s in e.details.get(SPANS, []) if s["field"] == field and s["conduct"] in kinds]
            if spans:
                emit("  " + _marked(getattr(e, field), spans).replace("\n", "\n  "))
    emit()
    emit(ngettext("{n} message with unreviewed suggestions. Confirm with --confirm EVENT:CONDUCT, dismiss "
                  "with --dismiss EVENT:CONDUCT.",
                  "{n} messages with unreviewed suggestions. Confirm with --confirm EVENT:CONDUCT, dismiss "
                  "with --dismiss EVENT:CONDUCT.", len(events)).format(n=len(events)))
    return 0
