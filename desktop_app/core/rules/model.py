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
    """The legal weight of the source a rule comes from — never blur these in the output."""

    LAW = "law"  # a statute (FDCPA, 民法典)
    REGULATION = "regulation"  # binding rules made under a statute (Reg F, FCA CONC, 部门规章)
    NATIONAL_STANDARD = "national_standard"  # a recommended national standard (GB/T)
    SELF_REGULATORY = "self_regulatory"  # an industry association's guideline (CBA, NIFA)
    SECONDARY = "secondary"  # known only from secondary sources, or general safety advice


class Severity(StrEnum):
    VIOLATION = "violation"
    WARNING = "warning"


STATUS_LABELS = {
    Status.LAW: N_("Law"),
    Status.REGULATION: N_("Regulation"),
    Status.NATIONAL_STANDARD: N_("National standard (recommended)"),
    Status.SELF_REGULATORY: N_("Self-regulatory guideline"),
    Status.SECONDARY: N_("Secondary source"),
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
    status: Status = Status.SECONDARY
    unverified: bool = False  # research marks this source or article [unverified]
    when: str = ""  # "" = always; "credit_card" = only for credit-card cases


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
    note: str = ""  # msgid: a caveat printed with every finding of this rule
    options: dict[str, Any] = field(default_factory=dict)  # check-specific data (e.g. conduct → article)

    def citation_for(self, credit_card: bool) -> tuple[Citation, tuple[Citation, ...]]:
        """The primary citation and the others that apply to this case."""
        usable = [c for c in self.citations if not c.when or (c.when == "credit_card" and credit_card)]
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
    note: str = ""  # caveats: source quality, unverified parts (in the requested language)
    also_cited: list[Citation] = field(default_factory=list)
    lang: str = "en"
    subject: str = ""  # what this one finding is about, in a few words ("Mother (Relative)", "threats")
    context_ids: list[int] = field(default_factory=list)  # in event_ids, but not misconduct (the request made)

    def to_json(self) -> dict[str, Any]:
        """The `papertrail findings --json` shape (documented in the README)."""
        from desktop_app.core.i18n import translator

        t = translator(self.lang)

        def cite(c: Citation) -> dict[str, Any]:
            return {"instrument": c.instrument, "article": c.article, "url": c.url, "status": c.status.value,
                    "unverified": c.unverified}

        return {
            "rule_id": self.rule_id, "pack": self.pack, "title": self.title,
            "severity": self.severity.value, "severity_label": severity_label(self.severity, t),
            "status": self.status.value, "status_label": status_label(self.status, t),
            "citation": cite(self.citation), "also_cited": [cite(c) for c in self.also_cited],
            "event_ids": list(self.event_ids), "count": self.count,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "explanation": self.explanation, "note": self.note, "params": dict(self.params),
            "unverified": self.unverified, "subject": self.subject,
            "context_ids": list(self.context_ids),
        }
