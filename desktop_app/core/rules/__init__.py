"""Conduct rules: cited rule packs (China, US, UK) that flag collector misconduct in a case.

    findings = evaluate_case(ws, case_id)                 # the case's own pack and saved parameters
    findings = evaluate(case, events, parties, "us", {"max_calls_7_days": 7}, "zh_CN")   # pure
"""

from desktop_app.core.rules.engine import CHECKS, evaluate, evaluate_case, flagged_event_ids
from desktop_app.core.rules.model import Citation, Finding, Product, RulePack, RuleSpec, Severity, Status
from desktop_app.core.rules.packs import PACKS, default_pack, effective_params, load_pack

__all__ = [
    "CHECKS", "PACKS", "Citation", "Finding", "Product", "RulePack", "RuleSpec", "Severity", "Status", "default_pack",
    "effective_params", "evaluate", "evaluate_case", "flagged_event_ids", "load_pack",
]
