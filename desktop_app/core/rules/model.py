"""What a rule pack is made of, and what a rule check produces.

A `RulePack` is data (resources/rules/<name>.toml): its rules, each with the instrument it
comes from and that instrument's legal status, and the parameters a user may change per case.
A `Finding` is one breach (or warning) with the events behind it, ready for the findings
panel, the command line and the PDF dossier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from desktop_app.core.i18n import N_, _


class Status(StrEnum):
    """The legal weight of the source a rule comes from — never blur these in the output.

    The vocabulary follows the research (domain.md §B): statutes; binding rules made under them;
    a regulator's own binding rulebook; a recommended (GB/T) national standard; an industry
    association's self-regulatory guideline; a text known only from one low-quality source; and the
    app's own safety warnings, which cite no rule at all.
    """

    LAW = "law"  # a statute (FDCPA, 民法典)
    REGULATION = "regulation"  # binding rules made under a statute (Reg F, 部门规章 such as the credit-card measures)
    REGULATORY_RULE = "regulatory_rule"  # a regulator's binding rulebook (FCA Handbook "R" provisions)
    NATIONAL_STANDARD_RECOMMENDED = "national_standard_recommended"  # GB/T: recommended, not mandatory
    INDUSTRY_GUIDELINE = "industry_guideline"  # an association's self-regulatory guideline (CBA, NIFA)
    UNVERIFIED = "unverified"  # known only from a single low-quality source; do not present as law
    NO_RULE = "no_rule"  # the app's own safety warning: no rule is cited

    @property
    def binding(self) -> bool:
        """Whether a breach of this source is a violation of law (the heading may say "violates")."""
        return self in BINDING

    @property
    def legacy(self) -> str:
        """The coarser value `papertrail findings --json` has always printed in "status" (a contract)."""
        return _LEGACY[self]


BINDING = frozenset({Status.LAW, Status.REGULATION, Status.REGULATORY_RULE})
_LEGACY = {
    Status.LAW: "law", Status.REGULATION: "regulation", Status.REGULATORY_RULE: "regulation",
    Status.NATIONAL_STANDARD_RECOMMENDED: "national_standard", Status.INDUSTRY_GUIDELINE: "self_regulatory",
    Status.UNVERIFIED: "secondary", Status.NO_RULE: "secondary",
}


class Product(StrEnum):
    """Kinds of debt a rule can be limited to (`applies_to_products`); see `case_products`."""

    CREDIT_CARD = "credit_card"
    OTHER = "other"  # any debt that is not a credit card (instalment loans, consumer loans, …)


class Severity(StrEnum):
    VIOLATION = "violation"
    WARNING = "warning"


STATUS_LABELS = {
    Status.LAW: N_("Law"),
    Status.REGULATION: N_("Regulation"),
    Status.REGULATORY_RULE: N_("Regulator's binding rule"),
    Status.NATIONAL_STANDARD_RECOMMENDED: N_("Recommended national standard, not mandatory"),
    Status.INDUSTRY_GUIDELINE: N_("Industry self-regulatory guideline, not law"),
    Status.UNVERIFIED: N_("Unverified source"),
    Status.NO_RULE: N_("No rule cited: a safety warning"),
}
SEVERITY_LABELS = {
    Severity.VIOLATION: N_("Violation"),
    Severity.WARNING: N_("Warning"),
}


def status_label(status: Status | str, t: Callable[[str], str] | None = None) -> str:
    return (t or _)(STATUS_LABELS[Status(status)])


def severity_label(severity: Severity | str, t: Callable[[str], str] | None = None) -> str:
    return (t or _)(SEVERITY_LABELS[Severity(severity)])


@dataclass(frozen=True, slots=True)
class Citation:
    instrument: str
    article: str = ""
    url: str = ""
    status: Status = Status.UNVERIFIED
    unverified: bool = False  # research marks this source or article [unverified]
    applies_to_products: tuple[Product, ...] = ()  # () = every case; else only cases of these products
    notes: tuple[str, ...] = ()  # msgids: caveats about this source (its wording, where its text comes from)

    def applies_to(self, products: frozenset[Product]) -> bool:
        return not self.applies_to_products or bool(products.intersection(self.applies_to_products))


@dataclass(frozen=True, slots=True)
class ParamSpec:
    name: str
    kind: str  # "time" (HH:MM), "int", "words" (list of strings)
    default: Any
    label: str  # msgid
    help: str = ""  # msgid
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    check: str  # name of the check function (rules.checks.CHECKS)
    title: str  # msgid
    severity: Severity
    citations: tuple[Citation, ...]
    params: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # msgids: caveats printed with every finding of this rule
    options: dict[str, Any] = field(default_factory=dict)  # check-specific data (e.g. conduct → article)
    applies_to_products: tuple[Product, ...] = ()  # () = every case; else the rule is skipped for other debts

    def applies_to(self, products: frozenset[Product]) -> bool:
        return not self.applies_to_products or bool(products.intersection(self.applies_to_products))

    def citation_for(self, products: frozenset[Product]) -> tuple[Citation, tuple[Citation, ...]]:
        """The primary citation and the others that apply to a case of these products."""
        usable = [c for c in self.citations if c.applies_to(products)]
        return usable[0], tuple(usable[1:])


@dataclass(frozen=True, slots=True)
class RulePack:
    name: str  # "cn", "us", "uk"
    title: str  # msgid
    scope: str  # msgid: who the pack applies to
    params: dict[str, ParamSpec]
    rules: tuple[RuleSpec, ...]

    def rule(self, rule_id: str) -> RuleSpec:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


@dataclass(slots=True)
class Finding:
    rule_id: str
    title: str  # in the requested language
    status: Status
    citation: Citation
    severity: Severity
    event_ids: list[int]
    explanation: str  # plain words, in the requested language
    params: dict[str, Any] = field(default_factory=dict)  # the parameter values this rule used
    unverified: bool = False
    count: int = 0
    first: datetime | None = None
    last: datetime | None = None
    pack: str = ""
    note: str = ""  # every caveat in one string (kept for the JSON contract; `notes` has them one by one)
    also_cited: list[Citation] = field(default_factory=list)
    lang: str = "en"
    subject: str = ""  # what this one finding is about, in a few words ("Mother (Relative)", "threats")
    context_ids: list[int] = field(default_factory=list)  # in event_ids, but not misconduct (the request made)
    notes: list[str] = field(default_factory=list)  # caveats of the rule and its sources, translated
    advice: list[str] = field(default_factory=list)  # for the user in the app only — never in the dossier

    def to_json(self) -> dict[str, Any]:
        """The `papertrail findings --json` shape (documented in the README)."""
        from desktop_app.core.i18n import translator

        t = translator(self.lang)

        from desktop_app.core.rules.wording import assertion, heading

        def cite(c: Citation) -> dict[str, Any]:
            # "status" keeps its documented coarse values; "legal_status" is the exact one.
            return {"instrument": c.instrument, "article": c.article, "url": c.url, "status": c.status.legacy,
                    "unverified": c.unverified, "legal_status": c.status.value,
                    "legal_status_label": status_label(c.status, t), "notes": [t(n) for n in c.notes],
                    "applies_to_products": [p.value for p in c.applies_to_products]}

        return {
            "rule_id": self.rule_id, "pack": self.pack, "title": self.title,
            "severity": self.severity.value, "severity_label": severity_label(self.severity, t),
            "status": self.status.legacy, "status_label": status_label(self.status, t),
            "citation": cite(self.citation), "also_cited": [cite(c) for c in self.also_cited],
            "event_ids": list(self.event_ids), "count": self.count,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "explanation": self.explanation, "note": self.note, "params": dict(self.params),
            "unverified": self.unverified, "subject": self.subject,
            "context_ids": list(self.context_ids),
            "legal_status": self.status.value, "binding": self.status.binding,
            "assertion": assertion(self).value, "heading": heading(self, t),
            "notes": list(self.notes), "advice": list(self.advice),
        }
