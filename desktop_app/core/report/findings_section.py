"""The complaint dossier's findings section: each finding under a heading whose verb follows the
legal weight of its source, with the citation, that weight, every caveat of the rule pack, and the
events and exhibits behind it.

A regulator reads this, so nothing here may overstate the law: a recommended national standard or
an industry guideline is "not met", never "violated" (rules.wording decides), and the app's advice to
the user (Finding.advice) is never printed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Paragraph

from desktop_app.core.i18n import translator
from desktop_app.core.report import fonts, layout
from desktop_app.core.report.dossier import Dossier

MAX_REFS = 40  # event links per finding; the rest are counted


def _p(text: str, style: Any, lang: str) -> Paragraph:
    return Paragraph(fonts.markup(text, lang), style)


def _link(target: str, text: str, lang: str) -> str:
    return f'<a href="#{target}" color="black"><u>{fonts.markup(text, lang)}</u></a>'


def findings(d: Dossier, st: dict, link_exhibit: Callable[[str], bool]) -> list:
    from desktop_app.core.rules.model import status_label
    from desktop_app.core.rules.wording import cite_text, heading

    lang = d.options.lang
    _ = translator(lang)
    story: list = [layout.heading(_("Conduct measured against the rules"), st["h1"], lang, 0, "findings")]
    if d.findings is None:
        return story + [_p(_("The rule checks could not be run for this dossier, so this section is left out."),
                           st["note"], lang)]
    if not d.findings:
        return story + [_p(_("The rule checks found no breach in the chosen events."), st["body"], lang)]
    story.append(_p(_("Each finding names the provision it is measured against and that source's legal status. "
                      "Conduct contrary to a law or a binding regulation is described as violating it; conduct "
                      "contrary to a recommended national standard or an industry guideline, which are not law, "
                      "is described as not meeting its requirements."), st["body"], lang))
    # Consecutive findings with the same heading (the same rule, paragraph and verb) share it.
    groups: list[tuple[str, list[Any]]] = []
    for finding in d.findings:
        title = heading(finding, _)
        if groups and groups[-1][0] == title:
            groups[-1][1].append(finding)
        else:
            groups.append((title, [finding]))
    events = {e.id: e for e in d.events}
    sep = "" if lang.startswith("zh") else " "
    for number, (title, group) in enumerate(groups, 1):
        first = group[0]
        story.append(layout.heading(f"{number}. {title}", st["h2"], lang, 1, f"rule-{first.rule_id}-{number}"))
        # No severity word here: "Violation" would overstate a guideline; the heading's verb says it.
        status = _("Legal status of the source: {status}.").format(status=status_label(first.status, _))
        story.append(_p(sep.join((status, _("Rule {id}.").format(id=first.rule_id))), st["small"], lang))
        for other in first.also_cited:
            story.append(_p(_("Also relevant: {citation} ({status}).").format(
                citation=cite_text(other, lang), status=status_label(other.status, _)), st["small"], lang))
        for finding in group:
            story.append(Paragraph(_finding_text(d, finding, events, link_exhibit, lang, _), st["list"]))
        notes = list(dict.fromkeys(n for f in group for n in f.notes))
        if any(f.unverified for f in group):
            notes.append(_("Part of this finding rests on a source or article that could not be checked against "
                           "an official text."))
        if notes:
            story.append(_p(_("Notes and caveats:"), st["small"], lang))
            for note in notes:
                story.append(_p("– " + note, st["small"], lang))
    return story


def _finding_text(d: Dossier, finding: Any, events: dict, link_exhibit: Callable[[str], bool], lang: str,
                  _: Callable[[str], str]) -> str:
    refs = []
    for event_id in finding.event_ids[:MAX_REFS]:
        e = events.get(event_id)
        if e is None:
            continue
        refs.append(_link(f"ev-{event_id}", e.start.strftime("%m-%d %H:%M"), lang))
        refs += [_link(x, x, lang) if link_exhibit(x) else x
                 for x in (d.exhibit_of.get(i) for i in e.evidence_ids) if x]
    text = "• " + fonts.markup(d.redactor.text(finding.explanation), lang)
    if refs:
        text += "<br/>" + ", ".join(dict.fromkeys(refs))
        more = len(finding.event_ids) - MAX_REFS
        if more > 0:
            text += " " + fonts.markup(_("and {n} more").format(n=more), lang)
    return text
