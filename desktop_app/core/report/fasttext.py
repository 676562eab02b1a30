"""A light text flowable for big tables: pre-wrapped lines, font fallback, an optional link target.

A Paragraph parses markup and breaks CJK text character by character through ReportLab's
generic machinery; for a 5,000-row chronology that is most of the build time.  `FastText`
wraps plain text once with `wrap_lines()` (CJK may break anywhere, Latin words break at spaces,
closing punctuation never starts a line) and draws it with `fonts.draw_string`, so fallback
fonts still apply and extraction still gives the exact characters.

    FastText([(summary, 8, black), (note, 6.5, grey)], lang, width, anchor="ev-12")
"""

from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop_app.core.report import fonts

_TOKEN = re.compile(r"[\x21-\x7e\u00a0-\u024f]+ ?|\s|.", re.S)
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]}…")


def _width(token: str, lang: str, size: float, font: str, covered: frozenset[int]) -> float:
    if all(ord(ch) in covered for ch in token):
        return stringWidth(token, font, size)
    return fonts.text_width(token, lang, size)


def wrap_lines(text: str, lang: str, size: float, width: float) -> list[str]:
    """Lines of `text` that each fit in `width` points (hard newlines kept)."""
    font = fonts.primary_font(lang)
    covered = fonts.covered(lang)
    out: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0.0
        for token in _TOKEN.findall(para):
            w = _width(token, lang, size, font, covered)
            if used + w <= width or not line or (token in _NO_LINE_START and used + w <= width * 1.08):
                if w > width and not line and len(token) > 1:  # a word longer than the line
                    for ch in token:
                        cw = _width(ch, lang, size, font, covered)
                        if used + cw > width and line:
                            out.append(line)
                            line, used = "", 0.0
                        line += ch
                        used += cw
                    continue
                line += token
                used += w
                continue
            out.append(line.rstrip())
            token = token.lstrip() if token.strip() else ""
            line, used = token, _width(token, lang, size, font, covered) if token else 0.0
        out.append(line.rstrip())
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
