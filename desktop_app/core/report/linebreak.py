"""Line breaking for every PDF text: CJK rules (kinsoku) plus whole Latin words and numbers.

ReportLab's CJK wrap breaks between any two characters (so "，" can start a line, "“" end one
and "12" split in two) and its Western wrap treats a run of hanzi as one long word that is
then cut anywhere.  This module decides where a line may break — once, for both paths:

* never before closing punctuation (，。、；：？！）」』》】〕…”’ …) — it stays with what it closes;
* never after opening punctuation (（「『《【〔“‘ …) — it stays with what it opens;
* never inside a run of Latin letters, digits and their punctuation ("12", "3,000", "HX-0217"),
  nor inside a number written in groups ("171 3357 0826");
* never inside "……" or "——", nor before a combining mark, a joiner or a variation selector;
* anywhere else between wide (CJK) characters, and after a space.

A line that has no allowed break point (one very long word) is cut where it overflows, except
that a closing mark hangs in the margin rather than starting the next line.

`install()` (called by fonts.register()) routes ReportLab's CJK paragraph splitting — and any
paragraph with CJK text in it, whatever its style — through `line_spans()`; `wrap()` serves
FastText with the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

# Closing marks: none of these may start a line.
CLOSING = frozenset(
    "，。、；：？！）」』》】〕〗〙〛〉｝］｠”’…‥·・ー～〜%‰℃°′″"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞｡､｣,.;:?!)]}>"
    "ゝゞヽヾ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
# Opening marks: none of these may end a line.
OPENING = frozenset("（「『《【〔〖〘〚〈｛［｟“‘([{<﹙﹛﹝｢£$¥￥€#＃№")
# Marks written doubled ("……", "——") that must not be split in the middle.
DOUBLED = frozenset("…‥—―─")
_FUZZ = 1e-6


@lru_cache(maxsize=8192)
def _kind(ch: str) -> str:
    """'s' space, 'g' glue (joins to what precedes it), 'w' wide (CJK), 'n' narrow (Latin…)."""
    if not ch:
        return "g"
    if ch.isspace():
        return "s"
    code = ord(ch)
    if code in (0x200D, 0x2060, 0xFEFF) or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF \
            or 0x1F3FB <= code <= 0x1F3FF:
        return "g"
    if unicodedata.category(ch) in ("Mn", "Me", "Mc"):
        return "g"
    return "w" if unicodedata.east_asian_width(ch) in ("W", "F") else "n"


def can_break(before: str, after: str) -> bool:
    """May a line end between the characters `before` and `after`?"""
    kb, ka = _kind(before), _kind(after)
    if ka in ("s", "g") or before == "\u200d":
        return False  # keep spaces at the end of a line; never split a cluster
    if kb == "s":
        return after not in CLOSING
    if after in CLOSING or before in OPENING:
        return False
    if before == after and before in DOUBLED:
        return False
    return not (kb == "n" and ka == "n")


def line_spans(chars: Sequence[str], widths: Sequence[float], width_of_line: Callable[[int], float],
               forced: Sequence[bool] | None = None) -> list[tuple[int, int, bool]]:
    """(start, end, hard) for each line of `chars` (one character or '' per item).

    `widths[i]` is the width of item i, `width_of_line(n)` the room on line n, `forced[i]` true
    for an item that ends its line (a <br/>).  Spaces after a soft break are skipped."""
    n = len(chars)
    spans: list[tuple[int, int, bool]] = []
    start = 0
    prev_real = [""] * n  # the last non-empty character before each index (empty glyphs are anchors)
    glued = [False] * n  # a digit after "digit space": a number written in groups stays on one line
    last = last2 = ""
    for i, ch in enumerate(chars):
        prev_real[i] = last
        glued[i] = ch.isdigit() and last == " " and last2.isdigit()
        if ch:
            last, last2 = ch, last
    while start < n:
        limit = width_of_line(len(spans))
        used = 0.0
        best = -1  # the latest index a break may come before
        end, hard = n, False
        i = start
        while i < n:
            ch = chars[i]
            if i > start and ch and not glued[i] and can_break(prev_real[i], ch):
                best = i
            used += widths[i]
            if forced is not None and forced[i]:
                end, hard = i + 1, True
                break
            if used > limit + _FUZZ and i > start and _kind(ch) != "s":
                if best > start:
                    end = best
                elif ch in CLOSING:
                    end = i + 1  # hang it in the margin rather than start a line with it
                else:
                    end = i
                break
            i += 1
        spans.append((start, end, hard))
        start = end
        if not hard:
            while start < n and chars[start].isspace() and not (forced is not None and forced[start]):
                start += 1
    return spans


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines of one paragraph of plain text (no newlines) that fit `width`, by the rules above."""
    if not text:
        return [""]
    chars = list(text)
    widths = [measure(ch) for ch in chars]
    return [text[s:e].rstrip() for s, e, _hard in line_spans(chars, widths, lambda _n: width)]


# -- ReportLab ------------------------------------------------------------------------------
def _frag_split(frags, maxWidths, calcBounds, encoding="utf8"):  # noqa: N803 - ReportLab's signature
    """cjkFragSplit with the rules above (same inputs and output as ReportLab's)."""
    from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

    glyphs: list[Any] = []  # ReportLab's cjkU glyphs
    for frag in frags:
        text = frag.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            glyphs.extend(cjkU(ch, frag, encoding) for ch in text)
        else:
            glyphs.append(cjkU(text, frag, encoding))
    widths = []
    for glyph in glyphs:
        w = glyph.width
        if hasattr(w, "normalizedValue"):  # a percentage width (images): relative to the first line
            w._normalizer = maxWidths[0]
            w = w.normalizedValue(maxWidths[0])
        widths.append(w)

    def room(line: int) -> float:
        return maxWidths[line] if line < len(maxWidths) else maxWidths[-1]

    forced = [hasattr(g.frag, "lineBreak") for g in glyphs]
    lines = []
    for number, (start, end, hard) in enumerate(line_spans(glyphs, widths, room, forced)):
        stop = end
        while stop > start and glyphs[stop - 1].isspace():  # trailing spaces take no room
            stop -= 1
        used = sum(widths[start:stop])
        lines.append(makeCJKParaLine(glyphs[start:end], room(number), used, room(number) - used, hard, calcBounds))
    return ParaLines(kind=1, lines=lines)


def _word_split(word, maxWidths, fontName, fontSize, encoding="utf8"):  # noqa: N803
    """textsplit.wordSplit (the one-font paragraph case) with the rules above."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = word.decode(encoding) if isinstance(word, bytes) else word
    rooms = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    chars = list(text)
    widths = [stringWidth(ch, fontName, fontSize) for ch in chars]

    def room(line: int) -> float:
        return rooms[line] if line < len(rooms) else rooms[-1]

    out = []
    for number, (start, end, _hard) in enumerate(line_spans(chars, widths, room)):
        line = text[start:end].rstrip()
        out.append([room(number) - stringWidth(line, fontName, fontSize), line])
    return out


# Wide characters: hanzi, kana, hangul, full-width forms, CJK punctuation, emoji, Ext-B and later.
_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe6f\uff00-\uff60"
                   "\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]")


def _has_wide(frags) -> bool:
    return any(isinstance(f.text, str) and _WIDE.search(f.text) for f in frags if hasattr(f, "text"))


def install() -> None:
    """Make ReportLab's paragraph wrapping follow these rules.

    A CJK-styled paragraph (wordWrap='CJK', the Chinese documents) always goes through
    `_frag_split`; a Western one (the English document) does too as soon as it holds a wide
    character — a Chinese summary in the English dossier — and keeps ReportLab's faster
    space-based wrap otherwise."""
    from reportlab.platypus import paragraph

    paragraph.cjkFragSplit = _frag_split
    paragraph.wordSplit = _word_split
    western = paragraph.Paragraph.breakLines
    if getattr(western, "_pt_kinsoku", False):
        return

    def break_lines(self, width):
        if not getattr(self.style, "splitLongWords", 1) or not _has_wide(self.frags):
            return western(self, width)
        return self.breakLinesCJK(width)

    break_lines._pt_kinsoku = True  # type: ignore[attr-defined]  # a marker: the patch is applied once
    paragraph.Paragraph.breakLines = break_lines
