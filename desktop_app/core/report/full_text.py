"""Long entries, printed whole: capped table cells and the "Entries in full" section they point to.

ReportLab cannot split one table row across pages, so a pasted transcript of a few thousand
characters in a chronology cell used to stop the build with a LayoutError.  A cell now shows at
most `CELL_CHARS` characters of a field; when anything was cut (or the entry has a body that no
other section prints whole) the cell ends with "Full text: page N", a link to that entry in the
"Entries in full" section, where every field is printed in ordinary paragraphs that split across
pages at any length.

The page number is known only once that section is drawn, which is after the table that cites
it.  Rather than lay the document out twice, the cell draws a PDF form XObject
(`pt_page_<key>`) and `define_page_forms()` fills each form in at the end of the build, the same
one-pass trick the footer uses for "Page x of y".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph

from desktop_app.core.domain.enums import EventKind
from desktop_app.core.domain.models import Event
from desktop_app.core.i18n import translator
from desktop_app.core.report import fonts, layout
from desktop_app.core.report.common import fmt_datetime
from desktop_app.core.report.dossier import Dossier
from desktop_app.core.report.entry_details import details_text
from desktop_app.core.report.third_person import dossier_label

CELL_CHARS = 300  # of a summary, or of all quotes together, in a table cell
BODY_START = 120  # a body shown in the cell when there is no summary
MESSAGE_KINDS = (EventKind.SMS, EventKind.CHAT, EventKind.EMAIL, EventKind.LETTER)


def anchor(event_id: int) -> str:
    return f"full-{event_id}"


def quote_lines(quotes: str) -> list[str]:
    """Every non-empty line of an entry's quotes (one quote per line, as the editor stores them)."""
    return [line.strip() for line in (quotes or "").splitlines() if line.strip()]


def cut(text: str, limit: int) -> tuple[str, bool]:
    """`text` shortened to `limit` characters with an ellipsis; and whether it was cut."""
    if len(text) <= limit:
        return text, False
    return text[:limit].rstrip() + "…", True


def body_printed_elsewhere(d: Dossier, e: Event) -> bool:
    """The message-texts section prints the body of messages (in full, or as the excerpts the
    user asked for with --excerpts); every other body is printed only in "Entries in full"."""
    return d.options.with_exhibits and e.kind in MESSAGE_KINDS


@dataclass(frozen=True, slots=True)
class CellText:
    summary: str  # as shown in the cell (perhaps cut)
    quotes: list[str]  # as shown, each in quotation marks (perhaps the last one cut)
    details: str  # the kind-specific details on one line (perhaps cut)
    needs_full: bool  # something is not whole in the cell: point to "Entries in full"


def cell_text(d: Dossier, e: Event) -> CellText:
    """What the chronology cell shows of an entry, deterministic so the table and the
    full-text section agree on which entries continue there."""
    summary = d.redactor.text(e.summary or "")
    body = d.redactor.text(e.body or "")
    more = False
    if summary:
        summary, more = cut(summary, CELL_CHARS)
        if body.strip() and not body_printed_elsewhere(d, e):
            more = True
    elif body.strip():
        summary, cut_body = cut(body.strip(), BODY_START)
        more = cut_body and not body_printed_elsewhere(d, e)
    shown: list[str] = []
    left = CELL_CHARS
    for line in quote_lines(d.redactor.text(e.quotes or "")):
        if left <= 0:
            more = True
            break
        text, was_cut = cut(line, left)
        shown.append(f"“{text}”")
        left -= len(text)
        more = more or was_cut
    if e.kind == EventKind.COMPLAINT and len(outcome(e)) > CELL_CHARS:
        more = True  # the earlier-complaints table cuts it
    if len(e.contact_value or "") > CELL_CHARS:
        more = True  # so does the chronology's number column
    details, cut_details = cut(details_of(d, e), CELL_CHARS)
    return CellText(summary, shown, details, more or cut_details)


def details_of(d: Dossier, e: Event) -> str:
    return details_text(e, translator(d.options.lang), d.redactor.name, d.redactor.text)


def outcome(e: Event) -> str:
    """A complaint's outcome as the earlier-complaints table prints it."""
    return str(e.details.get("outcome") or "") if e.kind == EventKind.COMPLAINT else ""


def needs_full(d: Dossier, e: Event) -> bool:
    return cell_text(d, e).needs_full


class PageRef(Flowable):
    """One line, "Full text: page N", linked to `key`; N is filled in at the end of the build."""

    def __init__(self, key: str, lang: str, width: float, size: float = 7) -> None:
        super().__init__()
        self.key, self.lang, self.size = key, lang, size
        _ = translator(lang)
        self.prefix = _("Full text:") + " "
        self.page_template = _("page {page}")
        self.width, self.height = width, size * 1.4

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        refs = canv.__dict__.setdefault("_pt_refs", {})
        refs[self.key] = (self.page_template, self.size, self.lang)
        y = self.size * 0.35
        x = fonts.draw_string(canv, 0, y, self.prefix, self.lang, self.size)
        canv.saveState()
        canv.translate(x, y)
        canv.doForm(f"pt_page_{self.key}")
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class MarkedParagraph(Paragraph):
    """A Paragraph that records the page it is drawn on, for the `PageRef`s that cite `key`."""

    def __init__(self, text: str | None, style=None, key: str = "", **kw) -> None:
        super().__init__(text, style, **kw)  # split() makes its halves through this signature
        self.page_key = key

    def split(self, avail_width: float, avail_height: float) -> list:
        parts = super().split(avail_width, avail_height)
        for part in parts[:1]:  # the first half is where the entry starts
            part.page_key = self.page_key
        return parts

    def draw(self) -> None:
        if self.page_key:
            pages = self.canv.__dict__.setdefault("_pt_pages", {})
            pages.setdefault(self.page_key, self.canv.getPageNumber())
        super().draw()


def define_page_forms(canv) -> None:
    """Fill in every page-number form the document used (call once, before the canvas is saved).

    A reference whose target was never drawn (it should not happen) says "?" rather than leave an
    undefined form, which would make the PDF unreadable."""
    pages = getattr(canv, "_pt_pages", {})
    for key, (template, size, lang) in getattr(canv, "_pt_refs", {}).items():
        canv.beginForm(f"pt_page_{key}")
        fonts.draw_string(canv, 0, 0, template.format(page=pages.get(key, "?")), lang, size)
        canv.endForm()


def _block(title: str, text: str, st, lang: str) -> list:
    """A labelled field, one Paragraph per paragraph of the text (each splits across pages)."""
    out: list = [Paragraph(fonts.markup(title, lang), st["small"])]
    for para in text.split("\n\n"):
        if para.strip():
            out.append(Paragraph(fonts.markup(para.strip("\n"), lang), st["quote"]))
    return out


def section(d: Dossier, st, who: Callable[[Event], str]) -> list:
    """"Entries in full": every field of each entry the tables could not show whole."""
    lang = d.options.lang
    _ = translator(lang)
    rows = [e for e in d.events if needs_full(d, e)]
    if not rows:
        return []
    story: list = [layout.heading(_("Entries in full"), st["h1"], lang, 0, "full-text"),
                   Paragraph(fonts.markup(_("Entries too long for the tables above are printed here whole; the "
                                            "table points to each one by page."), lang), st["small"])]
    for e in rows:
        # Names are printed whole in the people table; the heading only needs to identify the entry.
        head = " · ".join(x for x in (fmt_datetime(e.start), dossier_label(e.kind, _), cut(who(e), CELL_CHARS)[0]) if x)
        key = anchor(e.id)
        story.append(MarkedParagraph(f'<a name="{key}"/><a href="#ev-{e.id}" color="black">'
                                     f"{fonts.markup(head, lang)}</a>", st["h3"], key=key))
        if e.summary.strip():
            story += _block(_("Summary"), d.redactor.text(e.summary), st, lang)
        lines = quote_lines(d.redactor.text(e.quotes or ""))
        if lines:
            story.append(Paragraph(fonts.markup(_("Their words, as recorded"), lang), st["small"]))
            story += [Paragraph(fonts.markup(f"“{line}”", lang), st["quote"]) for line in lines]
        if e.body.strip() and not body_printed_elsewhere(d, e):
            story += _block(_("Full text"), d.redactor.text(e.body), st, lang)
        if details_of(d, e):
            story += _block(_("Details"), details_of(d, e), st, lang)
        if len(e.contact_value or "") > CELL_CHARS:
            story += _block(_("Number or account"), d.redactor.number(e.contact_value, e.party_id, e.contact_key),
                            st, lang)
        if outcome(e).strip():
            story += _block(_("Outcome of the complaint"), d.redactor.text(outcome(e)), st, lang)
    return story
