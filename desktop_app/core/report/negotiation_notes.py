"""What the app tells the user about a negotiation request — never printed in the letter.

`user_notice()` says what the creditor may or must do (art. 70 for mainland credit cards, a
voluntary negotiation elsewhere: domain.md §C.1) before the letter is made; `letter_warnings()`
lists what to fix or know after it is made (missing name, a plan over 5 years for a card, a
monthly payment above disposable income…).  Both in the UI language.
"""

from __future__ import annotations

from desktop_app.core.domain.models import Case
from desktop_app.core.domain.negotiation import Negotiation, Schedule
from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import _, current_language
from desktop_app.core.report.plan_table import money


def user_notice(case: Case) -> list[str]:
    """What the user may expect from the creditor (domain.md §C.1), for the app to show before a
    letter is made.  Never printed: the letter itself stays a plain, polite request."""
    try:
        found = Negotiation.from_dict(case.negotiation)
        neg: Negotiation | None = found
        card = found.is_card(case)
    except ValidationError:
        neg, card = None, False
    parts = [_("This case is marked as a credit card, so art. 70 applies.") if card else
             _("This case is not marked as a credit card, so art. 70 does not apply to it."),
             _("Credit cards (mainland China): under art. 70 of the Measures for the Supervision and Administration of "
               "Credit Card Business of Commercial Banks, a bank may agree an individual instalment plan of up to 5 "
               "years (60 months) when the debt exceeds what you can repay and you still want to repay. After "
               "signing, collection must stop as long as you keep to the plan. Banks may still charge fees; do not "
               "count on interest being frozen."),
             _("Other lenders (internet loan platforms, consumer finance companies, instalment apps) have no such "
               "duty: this request is a voluntary negotiation and they may refuse. It still helps to make the request "
               "in writing, through the official customer-service channel, never through a collector or someone "
               "offering \"上门协商\".")]
    if not case.negotiation:
        parts.append(_("You have not filled in the negotiation request yet: the letter would hold only the case "
                       "details and a 12-month plan. Fill in the request form for this case first."))
    elif neg is not None and not neg.hardship:
        parts.append(_("The request gives no reason for the hardship yet; add one in the request form."))
    return parts


def letter_warnings(case: Case, neg: Negotiation, schedule: Schedule, missing_exhibits: list[int]) -> list[str]:
    """What the user should fix or know before sending (in the UI language, never printed)."""
    out = list(schedule.warnings)
    ui = current_language()
    if not case.borrower_name:
        out.append(_("Your name is missing; add it to the case so the creditor can identify you."))
    if not case.account_numbers:
        out.append(_("The contract or account number is missing; add it to the case."))
    if not neg.hardship:
        out.append(_("No reason for the hardship is given; the creditor is unlikely to agree without one."))
    if not (neg.income or neg.expenses):
        out.append(_("Your monthly income and expenses are missing; creditors usually need them to agree a plan."))
    budget = neg.budget()
    if neg.income and not budget.fits(schedule.largest_amount):
        out.append(_("The monthly payment ({amount}) is more than your disposable income ({left}); a plan you cannot "
                     "keep ends the concessions.").format(amount=money(schedule.largest_amount, case.currency, ui),
                                                          left=money(budget.disposable, case.currency, ui)))
    if missing_exhibits:
        out.append(_("{n} attached document(s) are no longer in the evidence vault and were left out.").format(
            n=len(missing_exhibits)))
    return out
