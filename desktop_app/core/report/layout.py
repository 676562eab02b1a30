"""Page layout shared by every PDF: paper, styles, header/footer, outline, metadata, tables.

How to use (the negotiation letter does exactly this):

    from desktop_app.core.report import layout
    st = layout.styles(lang)                       # ParagraphStyles: title, h1, h2, body, small, cell…
    doc = layout.ReportDoc(out_path, lang=lang, paper="a4", case_ref=case.reference,
                           title=_("Complaint dossier"), author=case.borrower_name, subject=…,
                           cancel=cancel, progress=progress)
    story = [layout.heading(_("Requests"), st["h1"], level=0, key="requests"), Paragraph(…), …]
    doc.build(story)            # header: title + case reference; footer: "Page x of y"
    doc.page_count              # pages written

`heading()` makes a Paragraph that also becomes a PDF bookmark (outline entry) and a link
target `key` (`<a href="#key">` in any Paragraph jumps there).  Levels must not skip (0, 1, 2).
`table_style()` is black-and-white friendly (black rules, light grey header, no colour coding).
"Page x of y" is done in one pass: each footer draws a form XObject that is defined once the
total is known, so internal links and bookmarks keep pointing at the right pages.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, TableStyle

from desktop_app import APP_DISPLAY_NAME, __version__
from desktop_app.core.i18n import translator
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress
from desktop_app.core.report import fonts

PAPER = {"a4": A4, "letter": LETTER}
MARGIN_X = 18 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 18 * mm
GREY_HEADER = colors.Color(0.86, 0.86, 0.86)
GREY_ZEBRA = colors.Color(0.955, 0.955, 0.955)
PDF_LANG = {"zh_CN": "zh-CN", "zh_TW": "zh-TW", "en": "en"}


def page_size(paper: str) -> tuple[float, float]:
    try:
        return PAPER[paper.lower()]
    except KeyError:
        raise ValueError(f"unknown paper size {paper!r}; expected a4 or letter") from None


def styles(lang: str) -> dict[str, ParagraphStyle]:
    """Paragraph styles for a document in `lang` (CJK line breaking for Chinese; in English, a
    paragraph with Chinese in it is broken by the same rules: see linebreak.install())."""
    fonts.register()
    font = fonts.primary_font(lang)
    cjk = lang in ("zh_CN", "zh_TW")
    wrap = "CJK" if cjk else None
    # Chinese reads better with a little more leading; English keeps the usual 1.25.
    lead = 1.5 if cjk else 1.3

    def style(name: str, size: float, **kw) -> ParagraphStyle:
        kw.setdefault("leading", round(size * lead, 1))
        kw.setdefault("alignment", TA_LEFT)
        kw.setdefault("wordWrap", wrap)
        return ParagraphStyle(name, fontName=font, fontSize=size, **kw)

    return {
        "title": style("title", 20, alignment=TA_CENTER, spaceAfter=6 * mm, leading=28),
        "subtitle": style("subtitle", 12, alignment=TA_CENTER, spaceAfter=4 * mm),
        "h1": style("h1", 14, spaceBefore=5 * mm, spaceAfter=2.5 * mm, keepWithNext=1),
        "h2": style("h2", 11.5, spaceBefore=3.5 * mm, spaceAfter=1.5 * mm, keepWithNext=1),
        "h3": style("h3", 10, spaceBefore=2 * mm, spaceAfter=1 * mm, keepWithNext=1),
        "body": style("body", 10, spaceAfter=2 * mm),
        "list": style("list", 10, leftIndent=7 * mm, firstLineIndent=-5 * mm, spaceAfter=1.5 * mm),
        "small": style("small", 8, spaceAfter=1 * mm, textColor=colors.Color(0.2, 0.2, 0.2)),
        "note": style("note", 8.5, spaceAfter=1.5 * mm, leftIndent=3 * mm, borderPadding=2,
                      textColor=colors.Color(0.15, 0.15, 0.15)),
        "cell": style("cell", 8, leading=10.5 if cjk else 10),
        "cell_head": style("cell_head", 8, leading=10.5 if cjk else 10),
        "cell_small": style("cell_small", 7, leading=9),
        # Hashes: small enough that 64 hex digits sit on one line of a full-width row, so text
        # extraction gives the whole hash in one piece.
        "hash": style("hash", 7.5, leading=9.5, wordWrap=None, splitLongWords=0),
        "mono_block": style("mono_block", 8.5, leading=11, leftIndent=4 * mm),
        "cover_label": style("cover_label", 9.5, textColor=colors.Color(0.25, 0.25, 0.25)),
        "cover_value": style("cover_value", 11),
        "quote": style("quote", 9, leftIndent=5 * mm, rightIndent=5 * mm, spaceAfter=2 * mm),
    }


def heading(text: str, style: ParagraphStyle, lang: str, level: int = 0, key: str | None = None,
            outline_title: str | None = None) -> Paragraph:
    """A heading Paragraph that is also a bookmark (outline entry) and a link target `key`."""
    anchor = f'<a name="{key}"/>' if key else ""
    para = Paragraph(anchor + fonts.markup(text, lang), style)
    # The bookmark is drawn by the viewer, not by us: show control characters there too.
    para._pt_outline = (level, fonts.visible_controls(outline_title or text),
                        key or f"h{id(para)}")
    return para


def table_style(header_rows: int = 1, zebra: bool = True, font_size: float = 8,
                extra: list[tuple] | None = None, lang: str = "zh_CN") -> TableStyle:
    """Black rules, a light grey header row, optional light zebra rows — all readable in B/W.

    Plain-string cells use the document's font (ReportLab's default, Helvetica, would be a
    font that is not embedded)."""
    cmds: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.primary_font(lang)),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
    ]
    if header_rows:
        cmds += [("BACKGROUND", (0, 0), (-1, header_rows - 1), GREY_HEADER),
                 ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1.0, colors.black)]
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, GREY_ZEBRA]))
    return TableStyle(cmds + (extra or []))


class ReportDoc(BaseDocTemplate):
    """A document with the house header and footer, bookmarks, metadata, progress and cancel."""

    def __init__(self, filename, *, lang: str, paper: str = "a4", case_ref: str = "", title: str = "",
                 author: str = "", subject: str = "", keywords: list[str] | None = None,
                 header_text: str | None = None, generated: datetime | None = None,
                 progress: ProgressFn = no_progress, cancel: CancelToken = NEVER_CANCELLED,
                 progress_label: str = "") -> None:
        fonts.register()
        self.doc_lang = lang
        self.case_ref = case_ref
        self.header_text = title if header_text is None else header_text
        self.generated = generated or datetime.now().astimezone()
        self.page_count = 0
        self._progress = progress
        self._cancel = cancel
        self._progress_label = progress_label
        self._flowables_total = 1
        self._flowables_done = 0
        size = page_size(paper)
        super().__init__(
            str(filename), pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM, title=fonts.visible_controls(title),
            author=fonts.visible_controls(author) or APP_DISPLAY_NAME, subject=fonts.visible_controls(subject),
            creator=f"{APP_DISPLAY_NAME} {__version__}", producer=f"{APP_DISPLAY_NAME} {__version__} (ReportLab)",
            keywords=keywords or [], lang=PDF_LANG.get(lang, "en"), displayDocTitle=1,
            initialFontName=fonts.primary_font(lang), initialFontSize=10,
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    # -- header and footer ------------------------------------------------------------------
    def _footer_parts(self) -> tuple[str, str]:
        """("Page {page} of ", "{pages}…") split around the total, translated."""
        _ = translator(self.doc_lang)
        template = _("Page {page} of {pages}")
        head, _sep, tail = template.partition("{pages}")
        return head, "{pages}" + tail

    def _decorate(self, canv, doc) -> None:
        _ = translator(self.doc_lang)
        width, height = self.pagesize
        self.page_count = canv.getPageNumber()
        canv.saveState()
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(0.5)
        top = height - MARGIN_TOP + 6 * mm
        fonts.draw_string(canv, MARGIN_X, top, self.header_text, self.doc_lang, 8)
        fonts.draw_string(canv, width - MARGIN_X, top, self.case_ref, self.doc_lang, 8, align="right")
        canv.line(MARGIN_X, top - 2, width - MARGIN_X, top - 2)
        bottom = MARGIN_BOTTOM - 9 * mm
        canv.line(MARGIN_X, bottom + 9, width - MARGIN_X, bottom + 9)
        made = _("Made with {app} on {date}").format(app=APP_DISPLAY_NAME, date=self.generated.strftime("%Y-%m-%d"))
        fonts.draw_string(canv, MARGIN_X, bottom, f"{self.case_ref}  ·  {made}" if self.case_ref else made,
                          self.doc_lang, 7.5)
        head, _tail = self._footer_parts()
        # The total is a form drawn later; reserve room for it right of the page number.
        split_x = width - MARGIN_X - fonts.text_width("0000" + _tail.replace("{pages}", ""), self.doc_lang, 7.5)
        fonts.draw_string(canv, split_x, bottom, head.format(page=canv.getPageNumber()), self.doc_lang, 7.5,
                          align="right")
        canv.saveState()
        canv.translate(split_x, bottom)
        canv.doForm("pt_total_pages")
        canv.restoreState()
        canv.restoreState()

    def _endBuild(self) -> None:  # noqa: N802 - ReportLab's name
        self._doSave = 0
        super()._endBuild()
        canv = self.canv
        _head, tail = self._footer_parts()
        canv.beginForm("pt_total_pages")
        fonts.draw_string(canv, 0, 0, tail.format(pages=self.page_count), self.doc_lang, 7.5)
        canv.endForm()
        from desktop_app.core.report.full_text import define_page_forms  # it imports this module

        define_page_forms(canv)  # the "Full text: page N" references
        canv.save()

    # -- outline, progress, cancel ----------------------------------------------------------
    def beforeDocument(self) -> None:  # noqa: N802
        self.canv.showOutline()

    def afterFlowable(self, flowable) -> None:  # noqa: N802
        self._cancel.check()
        outline = getattr(flowable, "_pt_outline", None)
        if outline:
            level, title, key = outline
            # The outline gets its own page destination; `key` itself is the heading's <a name>.
            self.canv.bookmarkPage("o-" + key)
            self.canv.addOutlineEntry(title, "o-" + key, level=level, closed=level > 0)
        self._flowables_done += 1
        if self._flowables_done % 25 == 0:
            self._progress(self._flowables_done, self._flowables_total, self._progress_label)

    def build(self, flowables, **kw) -> None:
        self._flowables_total = max(1, len(flowables))
        self._flowables_done = 0
        super().build(flowables, **kw)
        self._progress(self._flowables_total, self._flowables_total, self._progress_label)

