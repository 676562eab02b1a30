"""`papertrail findings CASE`: the conduct-rule findings of a case, for people or as JSON."""

from __future__ import annotations

import argparse

from desktop_app.cli.output import emit, emit_json
from desktop_app.core.i18n import _, current_language
from desktop_app.core.rules import Finding, evaluate_case, load_pack
from desktop_app.core.rules.model import status_label
from desktop_app.core.rules.packs import PACKS, default_pack, effective_params
from desktop_app.core.rules.wording import Assertion, assertion, heading, short_label
from desktop_app.core.services.workspace import Workspace
from desktop_app.core.suggest.summary import annotate_findings, unreviewed_lines


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("findings", help="check a case against the conduct rules (China, US or UK) and list "
                                        "what breaks them, with citations")
    p.add_argument("case", type=int)
    p.add_argument("--pack", type=str.lower, choices=PACKS,
                   help="rule pack (default: the case's jurisdiction; Taiwan, Hong Kong and other use cn)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_findings)


def _params_text(params: dict) -> str:
    return ", ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in params.items())


def _block(f: Finding) -> list[str]:
    cite = f.citation
    # The heading's verb follows the source's legal weight: "violates" only for law and regulation.
    lines = [f"[{short_label(f, _)}] {heading(f, _)} ({f.rule_id})"]
    lines.append("  " + _("Source: {instrument}, {article} ({status})").format(
        instrument=cite.instrument, article=cite.article or "-", status=status_label(f.status)))
    if cite.url:
        lines.append(f"  {cite.url}")
    for other in f.also_cited:
        lines.append("  " + _("Also: {instrument}, {article} ({status})").format(
            instrument=other.instrument, article=other.article or "-", status=status_label(other.status)))
    lines.append("  " + f.explanation)
    if f.params:
        lines.append("  " + _("Parameters used: {values}").format(values=_params_text(f.params)))
    for note in f.notes:
        lines.append("  " + _("Note: {note}").format(note=note))
    for advice in f.advice:
        lines.append("  " + _("Advice: {advice}").format(advice=advice))
    if f.unverified:
        lines.append("  " + _("UNVERIFIED: part of this rule could not be checked against an official text."))
    ids = ", ".join(f"#{i}" for i in f.event_ids[:30]) + (" …" if len(f.event_ids) > 30 else "")
    lines.append("  " + _("Events: {ids}").format(ids=ids))
    return lines


def cmd_findings(args: argparse.Namespace, ws: Workspace) -> int:
    case = ws.cases.get(args.case)
    pack_name = args.pack or default_pack(case)
    findings = evaluate_case(ws, case.id, pack_name, current_language())
    if args.json:
        emit_json(annotate_findings(ws, case.id, pack_name, [f.to_json() for f in findings]))
        return 0
    pack = load_pack(pack_name)
    emit(_("{reference} {title}: {pack} rules").format(reference=case.reference, title=case.title,
                                                        pack=_(pack.title)))
    params = effective_params(case, pack_name)
    if params:
        emit(_("Parameters used: {values}").format(values=_params_text(params)))
    emit()
    if not findings:
        emit(_("No findings: nothing recorded in this case breaks these rules."))
        for line in unreviewed_lines(ws, case.id):
            emit(line)
        return 0
    for f in findings:
        for line in _block(f):
            emit(line)
        emit()
    for line in unreviewed_lines(ws, case.id):  # suggestions are named only as unreviewed words (issue 18)
        emit(line)
    kinds = [assertion(f) for f in findings]
    binding = kinds.count(Assertion.VIOLATES)
    not_met = kinds.count(Assertion.DOES_NOT_MEET)
    emit(_("{binding} against laws or regulations, {not_met} against standards or guidelines, {other} possible "
           "or unverified").format(binding=binding, not_met=not_met, other=len(kinds) - binding - not_met))
    return 0
