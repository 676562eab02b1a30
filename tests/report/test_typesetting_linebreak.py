"""Line breaking in the PDFs: CJK kinsoku, whole numbers and Latin words, control characters shown.

Paragraphs are wrapped at many controlled widths and every line's first and last character is
checked (ReportLab's blPara holds the lines); FastText (table cells) must follow the same rules.
"""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from desktop_app.core.report import fonts, layout
from desktop_app.core.report.fasttext import wrap_lines
from desktop_app.core.report.linebreak import CLOSING, OPENING, can_break

TEXT = ("催收员说“你这种人就是骗子，借钱不还的老赖。”他在12月3日22:15又打了12次电话，还说要“上门”（见证据E-003）。"
        "《催收指引》第十条：不得威胁；“明天就去你单位”……他又说——“你等着！”"
        " He said: “You owe 3,000 dollars (HX-0217).” Call 171 3357 0826 tomorrow, or else.")


def _lines(para: Paragraph) -> list[str]:
    bl = para.blPara
    if bl.kind == 1:
        return ["".join(frag.text for frag in line.words) for line in bl.lines]
    return ["".join(words) for _space, words in bl.lines]


def _problems(lines: list[str], text: str) -> list[str]:
    """Rule breaks at each line end, found by locating the break in the original text."""
    out, pos = [], 0
    for number, line in enumerate(lines):
        body = line.strip(" ")
        while text[pos] == " ":
            pos += 1
        assert text.startswith(body, pos), (line, text[pos:pos + 10])
        pos += len(body)
        if number == len(lines) - 1 or pos >= len(text):
            break
        before, after = text[pos - 1], text[pos]
        if after in CLOSING:
            out.append(f"line starts with {after!r}: {lines[number + 1][:8]!r}")
        if before in OPENING:
            out.append(f"line ends with {before!r}: {body[-8:]!r}")
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            out.append(f"word or number split: {body[-6:]!r} | {lines[number + 1][:6]!r}")
        if before.isdigit() and after == " " and text[pos + 1:pos + 2].isdigit():
            out.append(f"grouped number split: {body[-6:]!r} | {lines[number + 1][:6]!r}")
    return out


def test_rules_for_pairs():
    assert not can_break("字", "，") and not can_break("字", "。") and not can_break("字", "”")
    assert not can_break("“", "字") and not can_break("（", "字")
    assert not can_break("1", "2") and not can_break("a", "b") and not can_break("…", "…")
    assert can_break("字", "字") and can_break(" ", "a") and can_break("。", "字")


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW", "en"])
def test_paragraph_lines_follow_kinsoku_at_every_width(lang):
    st = layout.styles(lang)
    widths = range(70, 420, 3)
    seen_lines = 0
    for width in widths:
        para = Paragraph(fonts.markup(TEXT, lang), st["body"])
        para.wrap(width, 100_000)
        lines = _lines(para)
        seen_lines += len(lines)
        assert not _problems(lines, TEXT), (width, _problems(lines, TEXT))
    assert seen_lines > 3 * len(widths)  # the widths really made the text wrap


def test_paragraph_with_several_fonts_and_line_breaks():
    """Emoji and Ext-B characters make several frags (the general ReportLab path), <br/> forced breaks."""
    st = layout.styles("zh_CN")
    text = "他说😀“还钱，”𠮷𡈽𪚥，" * 8 + "\n第二段：“完”。"
    for width in range(60, 300, 5):
        para = Paragraph(fonts.markup(text, "zh_CN"), st["body"])
        para.wrap(width, 100_000)
        lines = _lines(para)
        assert not _problems(lines, text.replace("\n", "")), (width, lines)
        assert any(line.startswith("第二段") for line in lines)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_table_cells_follow_the_same_rules(lang):
    for width in range(60, 300, 4):
        lines = wrap_lines(TEXT, lang, 8, width)
        assert not _problems(lines, TEXT), (width, _problems(lines, TEXT))


def test_a_word_longer_than_the_line_is_still_cut():
    lines = wrap_lines("x" * 200, "en", 8, 60)
    assert len(lines) > 3 and "".join(lines) == "x" * 200


def test_control_and_bidi_characters_are_shown_not_obeyed():
    text = "invoice\u202egpj.exe \u2066a\u2069 \u200f\u061c\x07\x9b\ttab"
    out = fonts.markup(text, "en")
    for code in ("202E", "2066", "2069", "200F", "061C", "0007", "009B"):
        assert f"[U+{code}]" in out
    assert not any(ch in out for ch in "\u202e\u2066\u2069\u200f\u061c\x07\x9b")
    assert "\ttab" in out  # a tab is not a control to show
    assert fonts.markup("a\r\nb\u2028c", "en") == "a<br/>b<br/>c"
    assert "[U+202E]" in "".join(wrap_lines("file\u202etxt.exe", "en", 8, 300))
