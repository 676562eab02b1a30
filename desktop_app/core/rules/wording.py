"""How a finding is asserted: the heading's verb follows the legal weight of the source.

A regulator reads the dossier, so a breach of a statute or a binding regulation "violates" it,
while a recommended national standard or an association's guideline is one the conduct "does
not meet"; a warning (the facts fit only in part) says "possible"; a source the research could
not verify is marked as such, and the app's own safety warnings cite no rule at all.  One place
decides this for the PDF, the command line and the findings panel.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from desktop_app.core.i18n import N_
from desktop_app.core.rules.model import Citation, Finding, Severity, Status


class Assertion(StrEnum):
    VIOLATES = "violates"  # law or regulation, a violation
    MAY_VIOLATE = "may_violate"  # law or regulation, a warning
    DOES_NOT_MEET = "does_not_meet"  # standard or guideline, a violation of its terms
    MAY_NOT_MEET = "may_not_meet"  # standard or guideline, a warning
    UNVERIFIED = "unverified"  # the source (or this part of it) is unverified
    SAFETY_WARNING = "safety_warning"  # no rule cited


_PHRASES = {
    Assertion.VIOLATES: N_("Violates {citation}"),
    Assertion.MAY_VIOLATE: N_("Possible violation of {citation}"),
    Assertion.DOES_NOT_MEET: N_("Does not meet the requirements of {citation}"),
    Assertion.MAY_NOT_MEET: N_("May not meet the requirements of {citation}"),
    Assertion.UNVERIFIED: N_("May not meet {citation} (unverified)"),
    Assertion.SAFETY_WARNING: N_("Safety warning (no rule cited)"),
}


_SHORT = {  # for a column or a badge
    Assertion.VIOLATES: N_("Violates"),
    Assertion.MAY_VIOLATE: N_("Possible violation"),
    Assertion.DOES_NOT_MEET: N_("Does not meet"),
    Assertion.MAY_NOT_MEET: N_("May not meet"),
    Assertion.UNVERIFIED: N_("Unverified"),
    Assertion.SAFETY_WARNING: N_("Safety warning"),
}


def short_label(f: Finding, t: Callable[[str], str]) -> str:
    return t(_SHORT[assertion(f)])


def assertion(f: Finding) -> Assertion:
    if f.status == Status.NO_RULE:
        return Assertion.SAFETY_WARNING
    if f.status == Status.UNVERIFIED or f.unverified:
        return Assertion.UNVERIFIED
    if f.status.binding:
        return Assertion.VIOLATES if f.severity == Severity.VIOLATION else Assertion.MAY_VIOLATE
    return Assertion.DOES_NOT_MEET if f.severity == Severity.VIOLATION else Assertion.MAY_NOT_MEET


def cite_text(c: Citation, lang: str) -> str:
    """"《办法》第七十条", "《指引》关于催收时间" / "Fair Debt Collection Practices Act, 15 U.S.C. 1692d(2)"."""
    if not c.article:
        return c.instrument
    if not lang.startswith("zh"):
        return f"{c.instrument}, {c.article}"
    if c.article.startswith("第") or c.article[:1].isascii():  # an article number or a code such as CONC 7.9.4R
        return f"{c.instrument}{c.article}"
    about = "关于" if lang == "zh_CN" else "關於"  # a topic, not a number: "the guideline on collection time"
    return f"{c.instrument}{about}{c.article}"


def heading(f: Finding, t: Callable[[str], str]) -> str:
    """The finding's heading in its language: "<verb> <citation>: <what happened>"."""
    colon = "：" if f.lang.startswith("zh") else ": "
    which = assertion(f)
    claim = t(_PHRASES[which]).format(citation=cite_text(f.citation, f.lang))
    return f"{claim}{colon}{f.title}"


def is_violation_verb(which: Assertion) -> bool:
    """Only a binding source's breach may be called a violation outright."""
    return which == Assertion.VIOLATES
