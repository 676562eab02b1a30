"""A light text flowable for big tables: pre-wrapped lines, font fallback, an optional link target.

A Paragraph parses markup and breaks CJK text character by character through ReportLab's
generic machinery; for a 5,000-row chronology that is most of the build time.  `FastText`
wraps plain text once with `wrap_lines()` (the rules of linebreak.py, as for Paragraphs) and
draws it with `fonts.draw_string`, so fallback fonts still apply and extraction still gives the exact characters.

    FastText([(summary, 8, black), (note, 6.5, grey)], lang, width, anchor="ev-12")
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop_app.core.report import fonts, linebreak


def wrap_lines(text: str, lang: str, size: float, width: float) -> list[str]:
    """Lines of `text` that each fit in `width` points (hard newlines kept), broken by the rules
    of linebreak.py — the same as every Paragraph of the PDF."""
    font = fonts.primary_font(lang)
    covered = fonts.covered(lang)
    known: dict[str, float] = {}

    def measure(ch: str) -> float:
        w = known.get(ch)
        if w is None:
            w = known[ch] = (stringWidth(ch, font, size) if ord(ch) in covered
                             else fonts.text_width(ch, lang, size))
        return w

    out: list[str] = []
    for para in fonts.visible_controls(text).split("\n"):
        out += linebreak.wrap(para, width, measure)
    return out


class FastText(Flowable):
    """Pre-wrapped lines drawn with the fallback chain; `anchor` makes it a link target."""

    def __init__(self, parts: list[tuple[str, float, colors.Color]], lang: str, width: float,
                 anchor: str | None = None, leading: float = 1.3) -> None:
        super().__init__()
        self.lang = lang
        self.anchor = anchor
        self.lines: list[tuple[str, float, colors.Color]] = []
        for text, size, color in parts:
            if text:
                self.lines += [(line, size, color) for line in wrap_lines(text, lang, size, width)]
        self.leading = leading
        self.width = width
        self.height = sum(size * leading for _t, size, _c in self.lines)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if self.anchor:
            canv.bookmarkHorizontal(self.anchor, 0, self.height)
        y = self.height
        for text, size, color in self.lines:
            y -= size * self.leading
            canv.setFillColor(color)
            fonts.draw_string(canv, 0, y + size * 0.25, text, self.lang, size)
        canv.setFillColor(colors.black)
