"""The negotiation request letter (协商还款申请书 / hardship letter) as a PDF.

Sections follow research/domain.md §C.2: heading and the creditor's OFFICIAL channel as
addressee (never a collector), applicant and account, willingness to repay, what happened
(dates and figures), current finances, the proposed plan with its schedule computed here to
the cent, commitments (art. 70(4) for credit cards), requests (written confirmation, pause of
collection contact), attachments with their SHA-256, signature.  Tone: factual, polite, no
threats.  Whether the creditor must consider the request is explained to the user in the
app, not in the letter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table

from desktop_app.core.domain.enums import Jurisdiction
from desktop_app.core.domain.models import Case, Evidence
from desktop_app.core.domain.negotiation import (
    SEND_LABELS,
    Negotiation,
    ProposalKind,
    Schedule,
    compute_schedule,
)
from desktop_app.core.i18n import _, context_translator, translator
from desktop_app.core.progress import CancelToken, ProgressFn
from desktop_app.core.report import exhibit_check, fonts, layout
from desktop_app.core.report.common import (
    ReportOptions,
    ReportResult,
    atomic_output,
    case_redactor,
    missing_glyph_warnings,
)
from desktop_app.core.report.negotiation_notes import letter_warnings
from desktop_app.core.report.plan_table import (
    budget_table,
    debts_table,
    key_value_table,
    lines_table,
    long_date,
    money,
    schedule_table,
    style_for,
)
from desktop_app.core.report.redaction import all_strings

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

ZH_NUMERALS = "一二三四五六七八九十"


class Letter:
    """Everything one letter needs, in one language."""

    def __init__(self, case: Case, neg: Negotiation, schedule: Schedule, exhibits: list[Evidence], lang: str,
                 paper: str, today: date) -> None:
        self.case, self.neg, self.schedule, self.exhibits = case, neg, schedule, exhibits
        self.lang, self.today = lang, today
        self.card = neg.is_card(case)
        base = translator(lang)
        # A Chinese letter addresses a bank as 贵行/貴行 and any other lender as 贵司/貴公司;
        # the catalogue holds the company form once and a card letter swaps it here.
        if self.card and lang == "zh_CN":
            self._: Callable[[str], str] = lambda m: base(m).replace("贵司", "贵行")
        elif self.card and lang == "zh_TW":
            self._ = lambda m: base(m).replace("貴公司", "貴行")
        else:
            self._ = base
        self.pgettext = context_translator(lang)
        self.st = layout.styles(lang)
        self.width = layout.page_size(paper)[0] - 2 * layout.MARGIN_X
        self.section_no = 0

    # -- small helpers ---------------------------------------------------------------------------
    def m(self, amount) -> str:
        return money(amount, self.case.currency, self.lang)

    def d(self, day: date | None) -> str:
        return long_date(day, self.lang, us=self.case.jurisdiction == Jurisdiction.US)

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(fonts.markup(text, self.lang), self.st[style])

    def bullet(self, text: str) -> Paragraph:
        return Paragraph("•&nbsp;&nbsp;" + fonts.markup(text, self.lang), self.st["list"])

    def section(self, title: str, key: str) -> Paragraph:
        self.section_no += 1
        n = self.section_no
        prefix = f"{ZH_NUMERALS[n - 1]}、" if self.lang != "en" else f"{n}. "
        return layout.heading(prefix + title, self.st["h1"], self.lang, level=0, key=key, outline_title=title)

    @property
    def creditor(self) -> str:
        return self.neg.addressee.organisation or self.case.funder or self.case.platform

    def title(self) -> str:
        _ = self._
        name = self.case.platform or self.creditor
        if self.card:
            return (_("Request to negotiate repayment of the {creditor} credit card debt").format(creditor=name)
                    if name else _("Request to negotiate repayment of a credit card debt"))
        return (_("Request to negotiate repayment of the {creditor} loan").format(creditor=name)
                if name else _("Request to negotiate repayment of a loan"))

    # -- the sections ----------------------------------------------------------------------------
    def heading_block(self) -> list:
        _ = self._
        a = self.neg.addressee
        dept = a.department or _("Post-loan management / customer service department")
        to = f"{self.creditor}  {dept}".strip()
        out = [layout.heading(self.title(), self.st["title"], self.lang, level=0, key="top"),
               self.p(_("To: {addressee}").format(addressee=to))]
        sent = _(SEND_LABELS[a.method])
        if a.address:
            sent = f"{sent} — {a.address}"
        out.append(self.p(_("Sent by: {method}").format(method=sent), "small"))
        if a.tracking_no:
            out.append(self.p(_("Tracking / reference number: {number}").format(number=a.tracking_no), "small"))
        name = self.case.borrower_name or _("the applicant")
        account = self.case.account_numbers or _("(account number not given)")
        out.append(Spacer(1, 2 * mm))
        out.append(self.p(_("I, {name}, hold the account {account} with you. Because of the circumstances described "
                            "below I cannot, for now, repay as the contract requires. I want to repay this debt, "
                            "and I ask you to agree to the repayment plan set out in this letter.").format(
            name=name, account=account)))
        return out

    def applicant(self) -> list:
        _ = self._
        c = self.case
        rows = [(_("Name"), c.borrower_name)]
        if c.borrower_id_number:
            rows.append((_("ID number"), c.borrower_id_number))
        rows += [(_("Phone / contact"), c.borrower_contact), (_("Address"), c.borrower_address),
                 (_("Creditor"), c.platform or self.creditor)]
        if c.funder and c.funder != c.platform:
            rows.append((_("Lender (funder)"), c.funder))
        rows += [(_("Product"), c.product_type), (_("Contract / account number"), c.account_numbers),
                 (_("Original principal"), self.m(c.principal)), (_("Outstanding balance"), self.m(c.balance))]
        if c.overdue_since:
            days = (self.today - c.overdue_since).days
            rows.append((_("Overdue since"), self.d(c.overdue_since)))
            rows.append((_("Days overdue"), _("{days} days (as of {date})").format(days=days, date=self.d(self.today))))
        rows = [(k, v) for k, v in rows if v]
        return [self.section(_("Applicant and account"), "applicant"), key_value_table(rows, self.lang, self.width)]

    def willingness(self) -> list:
        _ = self._
        out = [self.section(_("Willingness to repay"), "willingness"),
               self.p(_("I am willing to repay this debt. The delay is caused by the hardship described below, not by "
                        "unwillingness to pay, and I want to resolve it with you through your official channels."))]
        if self.card and self.case.jurisdiction == Jurisdiction.CN:
            out.append(self.p(_("In accordance with Article 70 of the Measures for the Supervision and Administration "
                                "of Credit Card Business of Commercial Banks, I apply for an individual instalment "
                                "repayment agreement.")))
        elif self.case.jurisdiction == Jurisdiction.UK:
            out.append(self.p(_("I ask you to consider this proposal in line with the FCA's rules on customers in "
                                "financial difficulty (CONC 7.3).")))
        return out

    def hardship(self) -> list:
        _, pgettext = self._, self.pgettext
        out = [self.section(pgettext("hardship", "What happened"), "hardship")]
        for r in self.neg.hardship:
            if r.from_date and r.to_date:
                period = _("From {start} to {end}").format(start=self.d(r.from_date), end=self.d(r.to_date))
            elif r.from_date:
                period = (_("Since {start} (still ongoing)") if r.ongoing else _("Since {start}")).format(
                    start=self.d(r.from_date))
            else:
                period = ""
            text = f"{period}: {r.what}" if period and self.lang == "en" else (
                f"{period}，{r.what}" if period else r.what)
            out.append(self.bullet(text))
            details = []
            if r.effect:
                details.append(_("Effect: {effect}").format(effect=r.effect))
            if r.income_before is not None and r.income_after is not None:
                details.append(_("My monthly income fell from {before} to {after}.").format(
                    before=self.m(r.income_before), after=self.m(r.income_after)))
            for line in details:
                out.append(Paragraph(fonts.markup(line, self.lang), self.st["list"].clone(
                    "detail", firstLineIndent=0, leftIndent=7 * mm)))
        out.append(self.p(_("For these reasons I cannot, for now, pay the instalments the contract requires. The plan "
                            "below is what I can realistically pay from my current income.")))
        return out

    def finances(self) -> list:
        _ = self._
        neg, cur, w = self.neg, self.case.currency, self.width
        if not (neg.income or neg.expenses or neg.other_debts):
            return []  # a table of zeros would say the user has no income at all; warned instead
        intro = _("Monthly figures as of {date}. Supporting documents are listed under Attachments.").format(
            date=self.d(self.today))
        blocks: list[list] = []  # each kept on one page; short tables read badly when split
        if neg.income:
            blocks.append([lines_table(_("Income"), [(x.label, x.monthly) for x in neg.income], _("Total income"),
                                       cur, self.lang, w, _)])
        if neg.expenses:
            spending = [(x.label, x.monthly) for x in neg.expenses]
            blocks.append([lines_table(_("Essential living expenses"), spending, _("Total essential expenses"), cur,
                                       self.lang, w, _)])
        if neg.other_debts:
            blocks.append([self.p(_("Other debts"), "h3"), debts_table(neg, cur, self.lang, w, _)])
        blocks.append([budget_table(neg.budget(), cur, self.lang, w, _)])
        # The heading and its intro travel with the first table rather than end a page on their own.
        blocks[0] = [self.section(_("My current finances"), "finances"), self.p(intro), *blocks[0]]
        out: list = []
        for block in blocks:
            out += [KeepTogether(block), Spacer(1, 3 * mm)]
        return out

    def plan(self) -> list:
        _ = self._
        s, p = self.schedule, self.neg.proposal
        regular = s.regular
        n = len(regular)
        rest = s.base - (s.down_payment.amount if s.down_payment else 0)
        args = {"base": self.m(rest), "n": n, "monthly": self.m(s.monthly_amount), "months": p.deferral_months}
        text = {
            ProposalKind.LONGER_TERM: _("I propose to repay {base} in {n} monthly instalments."),
            ProposalKind.LOWER_INSTALMENT: _("I propose to lower the monthly payment to {monthly}, repaying {base} "
                                             "in {n} monthly instalments."),
            ProposalKind.WAIVER: _("I propose to repay {base} in {n} monthly instalments, with the penalty interest "
                                   "and fees waived."),
            ProposalKind.DEFERRAL: _("I propose a pause of {months} months, after which I will repay {base} in {n} "
                                     "monthly instalments."),
            ProposalKind.PRINCIPAL_ONLY: _("I propose to repay the principal of {base} in {n} monthly instalments, "
                                           "with the remaining interest, penalty interest and fees waived."),
        }[p.kind].format(**args)
        out = [self.section(_("The plan I propose"), "plan")]
        if s.down_payment:
            out.append(self.p(_("As a sign of good faith I will first pay {amount} on {date}.").format(
                amount=self.m(s.down_payment.amount), date=self.d(s.down_payment.due))))
        out.append(self.p(text))
        if p.waive_penalty_and_fees and p.kind not in (ProposalKind.WAIVER, ProposalKind.PRINCIPAL_ONLY):
            out.append(self.p(_("I ask you to waive the penalty interest and late fees, and not to add further "
                                "interest or fees while I keep to this plan.")))
        if s.total_interest > 0:
            out.append(self.p(_("The instalments include interest of {rate}% a year on the remaining balance.").format(
                rate=f"{p.annual_rate.normalize():f}" if p.annual_rate is not None else "0")))
        summary = [(_("Amount to repay under the plan"), self.m(s.base)), (_("Number of instalments"), str(n)),
                   (_("Monthly payment"), self.m(s.monthly_amount)),
                   (_("First payment"), self.d(s.first_due)), (_("Last payment"), self.d(s.last_due)),
                   (_("Total to pay"), self.m(s.total))]
        # The schedule may be long (up to 60 rows for a card): let it split across pages with its
        # header repeated rather than push the whole table on, leaving half a page blank.
        out += [key_value_table(summary, self.lang, self.width), CondPageBreak(45 * mm),
                Paragraph(fonts.markup(_("Repayment schedule"), self.lang), self.st["h3"].clone("h3s", keepWithNext=0)),
                schedule_table(s, self.case.currency, self.lang, self.width, _)]
        budget = self.neg.budget()
        if self.neg.income and budget.fits(s.largest_amount):
            out.append(Spacer(1, 2 * mm))
            out.append(self.p(_("Each monthly payment (at most {monthly}) is within my disposable income of {left} a "
                                "month.").format(
                monthly=self.m(s.largest_amount), left=self.m(budget.disposable))))
        return out

    def commitments(self) -> list:
        _ = self._
        items = [_("I will pay every instalment of the agreed plan in full and on time.")]
        if self.neg.promises_no_new_cards(self.case):
            items.append(_("Until this debt is repaid in full, I will not apply for a credit card from any bank."))
        items.append(_("If my income or circumstances change, I will tell you promptly."))
        items += self.neg.commitments
        return [self.section(_("My commitments"), "commitments"), *[self.bullet(t) for t in items]]

    def requests(self) -> list:
        _ = self._
        items = []
        if self.neg.request_confirmation:
            items.append(_("Please reply in writing. If we agree a plan, please send me the written agreement; if it "
                           "is agreed by telephone, please tell me the staff member's ID number and keep the recording "
                           "of the call."))
        if self.neg.request_contact_pause:
            items.append(_("While you consider this request, please pause collection calls and messages, and do not "
                           "contact my family, employer or other third parties."))
        if self.neg.contact_preference:
            items.append(_("Please contact me only as follows: {how}").format(how=self.neg.contact_preference))
        if not items:
            return []
        return [self.section(_("My requests"), "requests"), *[self.bullet(t) for t in items]]

    def attachments(self) -> list:
        _ = self._
        out = [CondPageBreak(40 * mm), self.section(_("Attachments"), "attachments")]
        if not self.exhibits:
            return [*out, self.p(_("No documents are attached."))]
        out.append(self.p(_("Copies of the following documents are attached. The SHA-256 fingerprint identifies each "
                            "file exactly.")))
        st_cell, st_hash = self.st["cell"], self.st["hash"]
        rows = [[Paragraph(fonts.markup(t, self.lang), self.st["cell_head"])
                 for t in (_("Exhibit"), _("File and description"), "SHA-256")]]
        for e in self.exhibits:
            desc = e.original_name + (f"\n{e.caption}" if e.caption else "")
            rows.append([Paragraph(e.exhibit, st_cell), Paragraph(fonts.markup(desc, self.lang), st_cell),
                         Paragraph(e.sha256, st_hash)])
        table = Table(rows, colWidths=[self.width * 0.11, self.width * 0.32, self.width * 0.57], repeatRows=1,
                      splitInRow=1)
        table.setStyle(style_for(self.lang))
        return [*out, table]

    def signature(self) -> list:
        _ = self._
        line = "_" * 22
        lines = [_("Thank you for considering this request. I look forward to your reply."), "",
                 _("Applicant (signature): {line}").format(line=line),
                 _("Name: {name}").format(name=self.case.borrower_name or line),
                 _("Date: {date}").format(date=self.d(self.today))]
        if self.neg.place:
            lines.append(_("Place: {place}").format(place=self.neg.place))
        return [Spacer(1, 6 * mm), KeepTogether([self.p(t) if t else Spacer(1, 4 * mm) for t in lines])]


def build_negotiation(ws: Workspace, case_id: int, options: ReportOptions, out_path: Path, progress: ProgressFn,
                      cancel: CancelToken) -> ReportResult:
    """Write the negotiation request for `case_id` to `out_path` (atomically; a cancel leaves nothing)."""
    progress(0, 100, _("Reading the case"))
    case = ws.cases.get(case_id)
    neg = Negotiation.from_dict(case.negotiation)
    today = neg.letter_date or date.today()
    schedule = compute_schedule(neg.proposal, neg.proposal.default_base(case), today=today,
                                credit_card=neg.is_card(case))
    by_id = {e.id: e for e in ws.evidence.list(case_id)}
    wanted = list(dict.fromkeys(neg.evidence_ids))
    exhibits = [by_id[i] for i in wanted if i in by_id and options.evidence_selected(by_id[i])]
    missing = [i for i in wanted if i not in by_id]
    # The letter lists each attachment's SHA-256: check the files still match, as the dossier does.
    unverified = exhibit_check.check(exhibits, cancel=cancel)
    if unverified and not options.leave_out_unverified:
        raise exhibit_check.UnverifiedExhibitsError(unverified)
    dropped = {u.evidence.id for u in unverified}
    exhibits = [v for v in exhibits if v.id not in dropped]
    if options.redact_third_parties:  # the same masking as the dossier (common.Redactor)
        redactor = case_redactor(ws, case, options)
        case, neg, exhibits = redactor.apply(case), redactor.apply(neg), redactor.apply(exhibits)
    glyph_warnings = missing_glyph_warnings(all_strings([case, neg, exhibits]))
    cancel.check()
    progress(10, 100, _("Writing the letter"))
    letter = Letter(case, neg, schedule, exhibits, options.lang, options.paper, today)
    story: list = []
    for part in (letter.heading_block, letter.applicant, letter.willingness, letter.hardship, letter.finances,
                 letter.plan, letter.commitments, letter.requests, letter.attachments, letter.signature):
        cancel.check()
        story += part()
    layout_label = _("Laying out the pages")
    progress(20, 100, layout_label)

    def layout_progress(done: int, total: int, label: str = "") -> None:  # flowables → the last 80 %
        progress(20 + 80 * min(done, total) // max(total, 1), 100, label or layout_label)
    with atomic_output(out_path, ws.layout.root) as tmp:
        doc = layout.ReportDoc(str(tmp), lang=options.lang, paper=options.paper, case_ref=case.reference,
                               title=letter.title(), author=case.borrower_name,
                               subject=letter._("Negotiation request"),
                               keywords=[case.reference, "negotiation"], progress=layout_progress, cancel=cancel,
                               progress_label=layout_label)
        doc.build(story)
        cancel.check()
    progress(100, 100, _("Done"))
    warnings = letter_warnings(case, neg, schedule, missing) + glyph_warnings
    if unverified:
        warnings.append(_("Not listed among the letter's attachments because their files are missing or altered: "
                          "{exhibits}").format(exhibits=", ".join(u.evidence.exhibit for u in unverified)))
    return ReportResult([out_path], doc.page_count, out_path.stat().st_size, warnings)
