"""Everything the complaint dossier prints, gathered once from the workspace.

Kept apart from the drawing code so that the evidence package (manifest) and the PDF agree
on exactly which events and exhibits are in, and on the manifest's SHA-256.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop_app.core.domain.models import Case, Event, Evidence, Party
from desktop_app.core.domain.times import zone
from desktop_app.core.report import facts as facts_mod
from desktop_app.core.report.common import Redactor, ReportOptions, case_redactor

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Dossier:
    case: Case
    options: ReportOptions
    parties: list[Party]
    events: list[Event]  # selected, in time order
    evidence: list[Evidence]  # selected, in exhibit order
    facts: facts_mod.Facts
    redactor: Redactor
    recorded: dict[int, tuple[str, str | None]]  # event id → (first recorded, last edited) UTC ISO
    manifest: dict[str, Any]
    manifest_sha256: str
    findings: list[Any] | None = None  # rules.Finding, or None when the rules could not run
    findings_problem: str = ""
    exhibit_of: dict[int, str] = field(default_factory=dict)  # evidence id → "E-001"
    event_ids: set[int] = field(default_factory=set)
    # exhibit_check.Unverified: exhibits the user chose to leave out because their file is missing
    # or altered; the dossier says which and why.
    left_out: list[Any] = field(default_factory=list)

    def local_time(self, iso_utc: str | None) -> str:
        """An audit time (UTC ISO) shown in the case's zone, to the minute."""
        if not iso_utc:
            return ""
        try:
            return datetime.fromisoformat(iso_utc).astimezone(zone(self.case.tz)).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return iso_utc


def select_evidence(evidence: list[Evidence], options: ReportOptions, event_ids: set[int]) -> list[Evidence]:
    """The chosen exhibits; one linked only to events left out of the dossier is left out too."""
    out = []
    for item in evidence:
        if not options.evidence_selected(item):
            continue
        if item.event_ids and not (set(item.event_ids) & event_ids) and options.include_evidence_ids is None:
            continue
        out.append(item)
    return out


def _findings(ws: Workspace, case: Case, lang: str, event_ids: set[int]) -> tuple[list[Any] | None, str]:
    try:
        from desktop_app.core.rules import evaluate_case
    except ImportError:
        return None, "missing"
    try:
        found = evaluate_case(ws, case.id, lang=lang)
    except Exception:  # noqa: BLE001 - a rule bug must not cost the user the whole dossier
        log.exception("rule evaluation failed for the dossier")
        return None, "failed"
    kept = []
    for finding in found:
        ids = [i for i in getattr(finding, "event_ids", []) if i in event_ids]
        if getattr(finding, "event_ids", None) and not ids:
            continue  # all its events are outside the dossier's selection
        if ids:
            finding.event_ids = ids
        kept.append(finding)
    return kept, ""


def gather(ws: Workspace, case_id: int, options: ReportOptions, with_findings: bool = True) -> Dossier:
    from desktop_app.core.package import manifest_for, manifest_sha256

    case = ws.cases.get(case_id)
    parties = ws.parties.list(case_id)
    events = [e for e in ws.events.list(case_id) if options.event_selected(e)]
    event_ids = {e.id for e in events}
    evidence = select_evidence(ws.evidence.list(case_id), options, event_ids)
    manifest = manifest_for(case, evidence)  # of the files as they are: the package holds them unredacted
    findings, problem = _findings(ws, case, options.lang, event_ids) if with_findings else (None, "skipped")
    facts = facts_mod.compute(case, events)  # counts by number key: before the keys are masked
    redactor = case_redactor(ws, case, options)
    if options.redact_third_parties:
        # One pass over everything the PDF can print, so no section can forget a field.
        case, parties, events, evidence = (redactor.apply(case), redactor.apply(parties), redactor.apply(events),
                                           redactor.apply(evidence))
        findings = redactor.apply(findings) if findings is not None else None
        redactor.parties = {p.id: p for p in parties}  # name() of anyone now gives the redacted form
        redactor.applied = True
    return Dossier(
        case=case, options=options, parties=parties, events=events, evidence=evidence,
        facts=facts, redactor=redactor,
        recorded=ws.audit.recorded_and_edited(case_id, "event"), manifest=manifest,
        manifest_sha256=manifest_sha256(manifest), findings=findings, findings_problem=problem,
        exhibit_of={v.id: v.exhibit for v in evidence}, event_ids=event_ids,
    )


def printed_strings(d: Dossier) -> list[str]:
    """Every piece of user or rule text the dossier can print (for the missing-glyph check)."""
    from desktop_app.core.report.redaction import all_strings

    return all_strings([d.case, d.parties, d.events, d.evidence, d.findings or []])
