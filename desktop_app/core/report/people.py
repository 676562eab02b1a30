"""The dossier's "people and numbers" table: who is who, which numbers they used, how often.

A regulator routes a complaint by the lender and the agency; linking each number to a
collector and an agency is what lets them ask for the right call records.
"""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import LongTable, Paragraph

from desktop_app.core.domain.enums import PartyRole
from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import translator
from desktop_app.core.report import fonts, layout
from desktop_app.core.report.dossier import Dossier
from desktop_app.core.report.facts import is_contact

ORDER = (PartyRole.PLATFORM, PartyRole.FUNDER, PartyRole.AGENCY, PartyRole.LAW_FIRM, PartyRole.COLLECTOR,
         PartyRole.UNKNOWN, PartyRole.THIRD_PARTY, PartyRole.REGULATOR)


def people(d: Dossier, st, width: float) -> list:
    lang = d.options.lang
    _ = translator(lang)
    made: Counter[int] = Counter()  # contacts each party made in the chosen events
    received: Counter[int] = Counter()  # contacts that reached a third party
    for e in d.events:
        if is_contact(e) and e.party_id is not None:
            made[e.party_id] += 1
        if is_contact(e) and e.target_party_id is not None:
            received[e.target_party_id] += 1
    shown = [p for p in d.parties if p.role != PartyRole.REGULATOR]
    if not shown:
        return []
    shown.sort(key=lambda p: (ORDER.index(p.role) if p.role in ORDER else len(ORDER), p.id))
    names = {p.id: d.redactor.name(p.id) for p in d.parties}

    def cell(text: str) -> Paragraph:
        return Paragraph(fonts.markup(text, lang), st["cell_small"])

    head = [_("Name"), _("Role"), _("Works for"), _("Numbers and accounts"), _("Contacts")]
    data = [[Paragraph(fonts.markup(h, lang), st["cell_head"]) for h in head]]
    for p in shown:
        role = label(p.role, _)
        if p.relationship:
            role += f" ({label(p.relationship, _)})"
        if p.badge_no:
            role += "\n" + _("badge no. {badge}").format(badge=p.badge_no)
        numbers = "\n".join(d.redactor.number(cp.value, p.id) for cp in p.contact_points)
        count = made[p.id] if p.role != PartyRole.THIRD_PARTY else received[p.id]
        org = names.get(p.organisation_id, "") if p.organisation_id is not None else ""
        data.append([cell(names[p.id]), cell(role), cell(org), cell(numbers),
                     cell(str(count) if count else "")])
    table = LongTable(data, colWidths=[width * r for r in (0.24, 0.2, 0.24, 0.22, 0.1)], repeatRows=1, splitInRow=1)
    table.setStyle(layout.table_style(lang=lang))
    return [layout.heading(_("People and numbers"), st["h2"], lang, 1, "people"), table]
