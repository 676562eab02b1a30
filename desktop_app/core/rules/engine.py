"""Run a rule pack over a case: `evaluate` is pure (no database), `evaluate_case` loads and runs."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from desktop_app.core.domain.models import Case, Event, Party
from desktop_app.core.i18n import current_language, normalise_language
from desktop_app.core.rules import checks_conduct, checks_frequency, checks_parties, checks_time
from desktop_app.core.rules.context import Context
from desktop_app.core.rules.loading import load_events
from desktop_app.core.rules.model import Finding, RulePack, RuleSpec, Severity
from desktop_app.core.rules.packs import coerce_params, default_pack, defaults, effective_params, load_pack

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

Check = Callable[[Context, RuleSpec], list[Finding]]

#: The check functions a pack's `check = "…"` may name.
CHECKS: dict[str, Check] = {
    "quiet_hours": checks_time.quiet_hours,
    "inconvenient_time": checks_time.inconvenient_time,
    "unreasonable_times": checks_time.unreasonable_times,
    "contact_preferences": checks_time.contact_preferences,
    "unanswered_per_day": checks_frequency.unanswered_per_day,
    "connected_per_day": checks_frequency.connected_per_day,
    "call_frequency": checks_frequency.call_frequency,
    "uk_frequency": checks_frequency.uk_frequency,
    "call_after_conversation": checks_frequency.call_after_conversation,
    "cn_third_party": checks_parties.cn_third_party,
    "us_third_party": checks_parties.us_third_party,
    "uk_disclosure": checks_parties.uk_disclosure,
    "workplace_contact": checks_parties.workplace_contact,
    "contact_after_cease": checks_parties.contact_after_cease,
    "contact_after_agreement": checks_parties.contact_after_agreement,
    "conduct": checks_conduct.conduct,
    "visit_conduct": checks_conduct.visit_conduct,
    "impostor_risk": checks_conduct.impostor_risk,
}

_SEVERITY_ORDER = {Severity.VIOLATION: 0, Severity.WARNING: 1}


def _pack_and_params(case: Case, pack: str | RulePack | None, params: dict[str, Any] | None) -> tuple[RulePack,
                                                                                                       dict[str, Any]]:
    rp = pack if isinstance(pack, RulePack) else load_pack(pack or default_pack(case))
    if params is None:
        return rp, effective_params(case, rp.name)
    return rp, {**defaults(rp), **coerce_params(rp, params)}


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while ~100,000 short-lived records are built.

    The records hold no reference cycles, yet every few thousand allocations the collector would
    walk them all (and everything else alive, such as the timeline's rows): 20–30 % of the time
    on a big case.  Reference counting still frees memory as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def evaluate(case: Case, events: Iterable[Event], parties: Iterable[Party], pack: str | RulePack | None = None,
             params: dict[str, Any] | None = None, lang: str | None = None) -> list[Finding]:
    """Findings for a case's events under one pack, in the pack's rule order (violations first within a rule).

    `params` are overrides for this pack (None: the case's saved overrides); `lang` the language of
    titles and explanations (None: the UI language).
    """
    rp, values = _pack_and_params(case, pack, params)
    lang = normalise_language(lang) if lang else current_language()
    findings: list[Finding] = []
    with _gc_paused():
        ctx = Context(case, events, parties, rp, values, lang)
        for rule in rp.rules:
            if not rule.applies_to(ctx.products):
                continue  # e.g. Art. 70 of the credit-card measures for a consumer-finance loan
            found = CHECKS[rule.check](ctx, rule)
            found.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.first.timestamp() if f.first else 0.0))
            findings.extend(found)
    return findings


def evaluate_case(ws: Workspace, case_id: int, pack: str | None = None, lang: str | None = None) -> list[Finding]:
    """Load a case (lean, read-only: rules.loading) and evaluate it with its saved parameters."""
    case = ws.cases.get(case_id)
    with _gc_paused():
        # EventRecord carries Event's attribute names for everything the checks read (rules/loading.py);
        # the cast says so instead of widening every check's signature to a union.
        events = cast("list[Event]", load_events(ws, case_id))
        return evaluate(case, events, ws.parties.list(case_id), pack, None, lang)


def flagged_event_ids(findings: Iterable[Finding]) -> dict[int, list[str]]:
    """Event id → the rule ids that flag it (each once, in finding order) — for marking the timeline.

    Events that only set a finding up (the borrower's own request, an agreement, the conversation
    before a call) are not marked: they are not misconduct."""
    flagged: dict[int, list[str]] = {}
    for f in findings:
        context = set(f.context_ids)
        for event_id in f.event_ids:
            if event_id in context:
                continue
            ids = flagged.setdefault(event_id, [])
            if f.rule_id not in ids:
                ids.append(f.rule_id)
    return flagged
