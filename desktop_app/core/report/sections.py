"""The complaint dossier's text sections: cover, requests, facts, chronology, findings, complaints,
declaration and the how-to-verify appendix.  Each function returns a list of flowables.

All literals go through `_ = translator(lang)` (the document's language, not the UI's), and
all user text through `fonts.markup()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, LongTable, PageBreak, Paragraph, Spacer, Table

from desktop_app.core.domain.enums import Channel, EventKind, PartyRole, Target
from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import translator
from desktop_app.core.report import facts as facts_mod
from desktop_app.core.report import fonts, full_text, layout
from desktop_app.core.report.chart import WEEKLY_AFTER_DAYS, by_week, contacts_chart
from desktop_app.core.report.common import REDACTION_NOTE, fmt_datetime, fmt_duration
from desktop_app.core.report.dossier import Dossier
from desktop_app.core.report.fasttext import FastText
from desktop_app.core.report.third_person import dossier_label

Styles = dict


def _p(text: str, style, lang: str) -> Paragraph:
    return Paragraph(fonts.markup(text, lang), style)


def _link(target: str, text: str, lang: str) -> str:
    return f'<a href="#{target}" color="black"><u>{fonts.markup(text, lang)}</u></a>'


def _kv_table(rows: list[tuple[str, str]], st: Styles, lang: str, width: float) -> Table:
    data = [[_p(k, st["cover_label"], lang), _p(v, st["cover_value"], lang)] for k, v in rows]
    table = Table(data, colWidths=[width * 0.28, width * 0.72], splitInRow=1)  # a long value may cross pages
    table.setStyle(layout.table_style(header_rows=0, zebra=False, lang=lang, extra=[
        ("GRID", (0, 0), (-1, -1), 0.4, layout.colors.black),
        ("BACKGROUND", (0, 0), (0, -1), layout.GREY_ZEBRA),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return table


def respondents(d: Dossier, _: Callable[[str], str]) -> list[tuple[str, str]]:
    case, parties = d.case, d.parties
    names = {p.id: p.name for p in parties}
    rows: list[tuple[str, str]] = []
    platform = case.platform or ", ".join(p.name for p in parties if p.role == PartyRole.PLATFORM)
    funder = case.funder or ", ".join(p.name for p in parties if p.role == PartyRole.FUNDER)
    if platform:
        rows.append((_("Platform"), platform))
    if funder:
        rows.append((_("Funder (lender)"), funder))
    agencies = [p.name for p in parties if p.role in (PartyRole.AGENCY, PartyRole.LAW_FIRM)]
    if agencies:
        rows.append((_("Collection agency"), "; ".join(agencies)))
    collectors = []
    for p in parties:
        if p.role != PartyRole.COLLECTOR:
            continue
        bits = [p.name]
        if p.badge_no:
            bits.append(_("badge no. {badge}").format(badge=p.badge_no))
        if p.organisation_id in names:
            bits.append(names[p.organisation_id])
        numbers = [cp.value for cp in p.contact_points]
        if numbers:
            bits.append(", ".join(numbers))
        collectors.append(" · ".join(bits))
    if collectors:
        rows.append((_("Named collectors"), "\n".join(collectors)))
    return rows


def cover(d: Dossier, st: Styles, width: float, generated: datetime, volumes: list[tuple[str, str]]) -> list:
    lang = d.options.lang
    _ = translator(lang)
    case, f = d.case, d.facts
    story: list = [Spacer(1, 8 * mm), _p(_("Complaint about debt collection conduct"), st["title"], lang),
                   _p(case.title, st["subtitle"], lang), Spacer(1, 4 * mm)]
    complainant = case.borrower_name or _("(not entered)")
    if case.borrower_contact:
        complainant += "\n" + case.borrower_contact
    rows = [(_("Complainant"), complainant)]
    rows += respondents(d, _) or [(_("Respondents"), _("(not entered)"))]
    if case.account_numbers:
        rows.append((_("Account or contract numbers"), case.account_numbers))
    period = ""
    if d.options.date_from or d.options.date_to or f.first:
        start = d.options.date_from or (f.first.date() if f.first else None)
        end = d.options.date_to or (f.last.date() if f.last else None)
        period = f"{start or '…'} – {end or '…'}"
    rows += [
        (_("Date"), generated.strftime("%Y-%m-%d")),
        (_("Case reference"), case.reference),
        (_("Period covered"), period or _("(no contacts logged)")),
        (_("Events and exhibits"), _("{events} events, {exhibits} exhibits").format(
            events=len(d.events), exhibits=len(d.evidence))),
    ]
    story.append(_kv_table(rows, st, lang, width))
    story.append(Spacer(1, 5 * mm))
    story.append(_p(_("SHA-256 of the evidence manifest (manifest.json in the evidence package):"), st["small"], lang))
    story.append(Paragraph(d.manifest_sha256, st["hash"]))
    story.append(Spacer(1, 3 * mm))
    if d.left_out:
        story.append(_p(_("Left out of this dossier because their stored files are missing or altered: {exhibits} "
                          "(see the evidence index).").format(
            exhibits=", ".join(u.evidence.exhibit for u in d.left_out)), st["note"], lang))
    if d.options.redact_third_parties:
        story.append(_p(_(REDACTION_NOTE), st["note"], lang))
    if len(volumes) > 1:
        story.append(_p(_("This dossier is in {n} volumes:").format(n=len(volumes)), st["note"], lang))
        for name, what in volumes:
            story.append(_p(f"• {name} — {what}", st["note"], lang))
    story.append(PageBreak())
    return story


def requests(d: Dossier, st: Styles) -> list:
    lang = d.options.lang
    _ = translator(lang)
    story: list = [layout.heading(_("The complainant's requests"), st["h1"], lang, 0, "requests")]
    items = [r for r in d.case.requests if r.strip()]
    if not items:
        story.append(_p(_("(No requests entered.)"), st["body"], lang))
    for number, text in enumerate(items, 1):
        story.append(Paragraph(f"{number}.&nbsp;&nbsp;" + fonts.markup(d.redactor.text(text), lang), st["list"]))
    return story


def facts_section(d: Dossier, st: Styles, width: float) -> list:
    lang = d.options.lang
    _ = translator(lang)
    f, limits = d.facts, d.facts.limits
    assert limits is not None
    quiet = f"{limits.quiet_start:%H:%M}–{limits.quiet_end:%H:%M}"
    story: list = [layout.heading(_("The facts in brief"), st["h1"], lang, 0, "facts")]
    if f.first and f.last:
        story.append(_p(_("Contacts by the other side from {first} to {last}: {contacts}, on {days} days "
                          "(calls: {calls}; messages: {messages}; visits: {visits}).").format(
            first=f.first.strftime("%Y-%m-%d"), last=f.last.strftime("%Y-%m-%d"), contacts=f.contacts,
            days=f.days_with_contact, calls=f.calls, messages=f.messages, visits=f.visits), st["body"], lang))
    rows = [
        (_("Contacts by the other side"), f.contacts),
        (_("Calls"), f.calls),
        (_("Unanswered calls"), f.unanswered_calls),
        (_("Messages (SMS, chat, e-mail, letters)"), f.messages),
        (_("Visits to home or work"), f.visits),
        (_("Contacts in quiet hours ({hours})").format(hours=quiet), f.quiet_contacts),
        (_("Calls in quiet hours ({hours})").format(hours=quiet), f.quiet_calls),
        facts_mod.limit_row(f, _),  # the rule as it is: per contact method, or a rolling 7 days
        (_("Most calls in one day"), f"{f.max_calls_in_a_day}" + (f" ({f.busiest_day})" if f.busiest_day else "")),
        (_("Third parties contacted"), f.third_parties),
        (_("Contacts with third parties"), f.third_party_contacts),
        (_("Numbers and accounts used"), f.numbers_used),
        (_("Complaints filed by the complainant"), f.complaints),
    ]
    data = [[_p(k, st["cell"], lang), Paragraph(str(v), st["cell"])] for k, v in rows]
    table = Table(data, colWidths=[width * 0.6, width * 0.25], hAlign="LEFT")
    table.setStyle(layout.table_style(header_rows=0, lang=lang))
    story += [table, Spacer(1, 3 * mm)]
    if f.per_day:
        story.append(CondPageBreak(70 * mm))
        legend_quiet = _("In quiet hours ({hours})").format(hours=quiet)
        if (max(f.per_day) - min(f.per_day)).days <= WEEKLY_AFTER_DAYS:
            story.append(layout.heading(_("Contacts per day"), st["h2"], lang, 1, "chart"))
            story.append(contacts_chart(f.per_day, width, lang, legend_all=_("Contacts"), legend_quiet=legend_quiet,
                                        **facts_mod.chart_limit(f, _)))
        else:  # a long case: one bar per week (the daily limit line would mean nothing there)
            story.append(layout.heading(_("Contacts per week"), st["h2"], lang, 1, "chart"))
            story.append(contacts_chart(by_week(f.per_day), width, lang, legend_all=_("Contacts"),
                                        legend_quiet=legend_quiet, step_days=7))
    story.append(layout.heading(_("The complainant's statement"), st["h2"], lang, 1, "statement"))
    statement = d.redactor.text(d.case.statement.strip())
    if not statement:
        story.append(_p(_("(No statement entered.)"), st["body"], lang))
    for para in (s for s in statement.split("\n\n") if s.strip()):
        story.append(_p(para.strip(), st["body"], lang))
    return story


def _kind_text(e, _) -> str:
    bits = [dossier_label(e.kind, _)]
    if e.kind == EventKind.CALL:
        if e.call_outcome:
            bits.append(label(e.call_outcome, _))
        if e.duration_s:
            bits.append(fmt_duration(e.duration_s))
    elif e.direction is not None and e.kind in (EventKind.SMS, EventKind.CHAT, EventKind.EMAIL, EventKind.LETTER):
        bits.append(label(e.direction, _))
    return "\n".join(bits)


def _party_text(d: Dossier, e, _) -> str:
    who = d.redactor.name(e.party_id) or str(e.details.get("claimed_identity") or e.details.get("sender_name") or "")
    if e.target == Target.THIRD_PARTY:
        target = d.redactor.name(e.target_party_id) or _("a third party")
        who = (who + "\n" if who else "") + "→ " + target
    return who


GREY_TEXT = layout.colors.Color(0.27, 0.27, 0.27)


def _summary_parts(d: Dossier, e, size: float, _, shown: full_text.CellText) -> list[tuple[str, float, object]]:
    """What happened: the summary (or the start of the message), every quote, the details, when it
    was recorded.  Long fields are cut (see full_text.py); the cell then points to "Entries in full"."""
    parts: list[tuple[str, float, object]] = [(shown.summary, size, layout.colors.black)]
    if shown.quotes:
        parts.append(("\n".join(shown.quotes), size, layout.colors.black))
    if shown.details:
        parts.append((shown.details, size - 1, layout.colors.black))
    first, edited = d.recorded.get(e.id, (None, None))
    if first:
        note = _("recorded {when}").format(when=d.local_time(first))
        if edited:
            note += "; " + _("edited {when}").format(when=d.local_time(edited))
        parts.append((note, 6.5, GREY_TEXT))
    return parts


def _what_cell(d: Dossier, e, size: float, _, lang: str, width: float) -> object:
    """The chronology's "What happened" cell; the event's link target (for the findings) sits on it."""
    shown = full_text.cell_text(d, e)
    text = FastText(_summary_parts(d, e, size, _, shown), lang, width, anchor=f"ev-{e.id}")
    if not shown.needs_full:
        return text
    return [text, full_text.PageRef(full_text.anchor(e.id), lang, width)]


def _cell(text: str, style, lang: str, width: float) -> str | Paragraph:
    """A plain string when every line fits in `width` in the main font, else a Paragraph.

    A Table draws plain strings without markup parsing or line breaking, several times
    cheaper than a Paragraph: it is what keeps a 5,000-row chronology fast."""
    if not text:
        return ""
    covered = fonts.covered(lang)
    font = fonts.primary_font(lang)
    if all(ord(ch) in covered or ch == "\n" for ch in text) and all(
            stringWidth(line, font, style.fontSize) <= width for line in text.split("\n")):
        return text
    return _p(text, style, lang)


def chronology(d: Dossier, st: Styles, width: float, link_exhibit: Callable[[str], bool]) -> list:
    """The timeline table.  `link_exhibit(label)` says whether that exhibit is in this volume."""
    lang = d.options.lang
    _ = translator(lang)
    story: list = [layout.heading(_("Chronology"), st["h1"], lang, 0, "chronology")]
    if not d.events:
        return story + [_p(_("(No events in the chosen period.)"), st["body"], lang)]
    cell, small = st["cell"], st["cell_small"]
    ratios = (0.125, 0.1, 0.13, 0.125, 0.32, 0.115, 0.085)
    widths = [width * r for r in ratios]
    inner = [w - 6 for w in widths]  # less the cell padding
    head = [_("Date and time"), _("Kind"), _("Who"), _("Number"), _("What happened"), _("Conduct"), _("Exhibits")]
    data = [[_p(h, st["cell_head"], lang) for h in head]]
    left_out = {u.evidence.id: u.evidence.exhibit for u in d.left_out}
    for e in d.events:
        exhibits = []
        for evidence_id in e.evidence_ids:
            exhibit = d.exhibit_of.get(evidence_id)
            if exhibit:
                exhibits.append(_link(exhibit, exhibit, lang) if link_exhibit(exhibit) else exhibit)
            elif evidence_id in left_out:  # say so rather than drop it silently (see the evidence index)
                exhibits.append(fonts.markup(_("{exhibit} (left out)").format(exhibit=left_out[evidence_id]), lang))
        data.append([
            fmt_datetime(e.start).replace(" ", "\n", 1),
            _cell(_kind_text(e, _), small, lang, inner[1]),
            # Names are whole in the people table; a number cut here is whole in "Entries in full".
            _cell(full_text.cut(_party_text(d, e, _), full_text.CELL_CHARS)[0], small, lang, inner[2]),
            _cell(full_text.cut(d.redactor.number(e.contact_value, e.party_id, e.contact_key),
                                full_text.CELL_CHARS)[0], small, lang, inner[3]),
            _what_cell(d, e, cell.fontSize, _, lang, inner[4]),
            _cell("; ".join(label(c, _) for c in e.conduct), small, lang, inner[5]),
            Paragraph("<br/>".join(exhibits), small) if exhibits else "",
        ])
    table = LongTable(data, colWidths=widths, repeatRows=1)
    plain = [("FONTSIZE", (0, 1), (-1, -1), small.fontSize), ("LEADING", (0, 1), (-1, -1), small.leading)]
    table.setStyle(layout.table_style(lang=lang, extra=plain))
    story.append(table)
    return story


def entries_in_full(d: Dossier, st: Styles) -> list:
    """Every field of the entries the tables could not show whole (see full_text.py)."""
    _ = translator(d.options.lang)
    return full_text.section(d, st, lambda e: _party_text(d, e, _).replace("\n", " "))


def prior_complaints(d: Dossier, st: Styles, width: float) -> list:
    lang = d.options.lang
    _ = translator(lang)
    story: list = [layout.heading(_("Complaints the complainant has already made"), st["h1"], lang, 0, "complaints")]
    rows = [e for e in d.events if e.kind == EventKind.COMPLAINT]
    if not rows:
        return story + [_p(_("(None recorded.)"), st["body"], lang)]
    head = [_("Date"), _("Where"), _("Ticket number"), _("Reply due"), _("What happened")]
    data = [[_p(h, st["cell_head"], lang) for h in head]]
    for e in rows:
        channel = e.details.get("channel")
        try:
            where = label(Channel(channel), _) if channel else ""
        except ValueError:
            where = str(channel)
        # Summary and outcome are cut to what a row can hold; the rest is in "Entries in full".
        summary = full_text.cut(d.redactor.text(e.summary), full_text.CELL_CHARS)[0]
        outcome = full_text.cut(d.redactor.text(full_text.outcome(e)), full_text.CELL_CHARS)[0]
        what: object = _p(" ".join(x for x in (summary, outcome) if x), st["cell"], lang)
        if full_text.needs_full(d, e):
            what = [what, full_text.PageRef(full_text.anchor(e.id), lang, width * 0.3 - 6)]
        data.append([_p(fmt_datetime(e.start, with_offset=False), st["cell"], lang), _p(where, st["cell"], lang),
                     _p(str(e.details.get("ticket_no") or ""), st["cell"], lang),
                     _p(str(e.details.get("reply_due") or ""), st["cell"], lang), what])
    table = LongTable(data, colWidths=[width * r for r in (0.16, 0.22, 0.2, 0.12, 0.3)], repeatRows=1)
    table.setStyle(layout.table_style(lang=lang))
    return story + [table]


def declaration(d: Dossier, st: Styles, width: float, generated: datetime) -> list:
    lang = d.options.lang
    _ = translator(lang)
    story: list = [CondPageBreak(80 * mm), layout.heading(_("Declaration"), st["h1"], lang, 0, "declaration"),
                   _p(_("The complainant declares that the facts stated in this dossier are true to the best of "
                        "their knowledge, and that the exhibits are files they recorded or received."),
                      st["body"], lang)]
    # Exactly what the hashes and the build can vouch for, no more (issue 14, item 4).
    story.append(_p(_("Each exhibit file in the evidence package has the SHA-256 listed for it in this dossier. "
                      "Paper Trail computed it when the file was added, and checked every exhibit against it when "
                      "this dossier was made on {date}. Pictures printed in this dossier are reduced copies made "
                      "for printing; the originals are the files in the evidence package.").format(
        date=generated.strftime("%Y-%m-%d")), st["body"], lang))
    if any(v.mime.startswith("text/") for v in d.evidence):
        story.append(_p(_("A text exhibit that the complainant typed (for example a transcript of a letter or a "
                          "call) is the complainant's own transcript, not an original document."), st["body"], lang))
    if d.left_out:
        story.append(_p(_("Left out of this dossier because the stored file is missing or no longer matches its "
                          "SHA-256: {exhibits}.").format(exhibits=", ".join(u.evidence.exhibit for u in d.left_out)),
                        st["body"], lang))
    story.append(Spacer(1, 12 * mm))
    rows = [[_p(_("Name"), st["body"], lang), _p(d.case.borrower_name, st["body"], lang)],
            [_p(_("Signature"), st["body"], lang), ""],
            [_p(_("Date"), st["body"], lang), ""]]
    table = Table(rows, colWidths=[width * 0.2, width * 0.5], rowHeights=[12 * mm] * 3, hAlign="LEFT")
    table.setStyle(layout.TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.primary_font(lang)),
                                      ("LINEBELOW", (1, 0), (1, -1), 0.6, layout.colors.black),
                                      ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return story + [table]


def appendix(d: Dossier, st: Styles) -> list:
    lang = d.options.lang
    _ = translator(lang)
    story: list = [PageBreak(), layout.heading(_("Appendix: how to check the files"), st["h1"], lang, 0, "verify"),
                   _p(_("Each exhibit's SHA-256 fingerprint was computed when the file was first added to Paper "
                        "Trail and is listed in the evidence index. Anyone can recompute it from the file in the "
                        "evidence package: if a single byte had changed, the result would be completely "
                        "different."), st["body"], lang),
                   _p(_("Linux:"), st["h3"], lang), Paragraph("sha256sum -c SHA256SUMS", st["mono_block"]),
                   Paragraph("sha256sum E-001_photo.jpg", st["mono_block"]),
                   _p(_("Windows (Command Prompt):"), st["h3"], lang),
                   Paragraph("certutil -hashfile E-001_photo.jpg SHA256", st["mono_block"]),
                   _p(_("macOS (Terminal):"), st["h3"], lang),
                   Paragraph("shasum -a 256 E-001_photo.jpg", st["mono_block"]),
                   Spacer(1, 3 * mm),
                   _p(_("Compare the result with the SHA-256 printed for that exhibit. The file manifest.json in "
                        "the package lists every exhibit; its own SHA-256 is printed on the cover of this "
                        "dossier, so a reader can check that the manifest they hold is the one this dossier was "
                        "made with."), st["body"], lang),
                   _p(_("A matching SHA-256 shows only that a file is identical to the one listed here. It does not "
                        "show when the file was made or added: Paper Trail recorded that time on the complainant's "
                        "computer, and no independent timestamp is attached. A timestamp from an independent "
                        "authority (such as an RFC 3161 time-stamping service or a notary) over manifest.json "
                        "would show that these files existed by that time."), st["body"], lang),
                   _p(_("Times are local times where the complainant lives, with their offset from UTC. "
                        "\"Recorded\" is when an entry was first saved in Paper Trail; \"edited\" is its last "
                        "change."), st["body"], lang)]
    return story
