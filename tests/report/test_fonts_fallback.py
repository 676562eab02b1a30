"""Font fallback, escaping and exact copy-out of characters beyond U+FFFF."""

from __future__ import annotations

from report_case_builder import pdffonts, pdftotext, pypdf_text, squash
from reportlab.platypus import Paragraph

from desktop_app.core.report import fonts, layout


def test_markup_escapes_and_wraps_missing_characters() -> None:
    assert fonts.markup("a < b & c > d", "en") == "a &lt; b &amp; c &gt; d"
    assert fonts.markup("一\n二", "zh_CN") == "一<br/>二"
    out = fonts.markup("催收😀员", "zh_CN")
    assert out == '催收<font name="NotoEmoji">😀</font>员'
    # 𨋢 (HKSCS, Ext-B) is only in the TC font: SC documents borrow it from TC…
    assert fonts.markup("𨋢", "zh_CN") == '<font name="NotoSansTC">𨋢</font>'
    # …and TC documents borrow simplified-only characters from SC.
    assert fonts.markup("这", "zh_TW") == '<font name="NotoSansSC">这</font>'
    assert fonts.primary_font("zh_TW") == "NotoSansTC" and fonts.primary_font("zh_CN") == "NotoSansSC"
    assert fonts.missing("好😀𠮷") == set()  # Extension B: the HanaMinB subset draws it
    assert fonts.missing("好\U00031350") == {"\U00031350"}  # Extension H: no font has it


def _doc(tmp_path, text: str, lang: str):
    out = tmp_path / f"f-{lang}.pdf"
    st = layout.styles(lang)
    doc = layout.ReportDoc(out, lang=lang, case_ref="PT-00042", title="测试 <&>")
    doc.build([layout.heading("标题", st["h1"], lang, 0, "t"), Paragraph(fonts.markup(text, lang), st["body"])])
    return out, doc


def test_emoji_ext_b_and_symbols_copy_out_exactly(tmp_path) -> None:
    text = "账单😀👍🎉 𨋢𡃁 𠮷 ☎✓① <b>&amp; 臺灣 这"
    for lang in ("zh_CN", "zh_TW", "en"):
        out, doc = _doc(tmp_path, text, lang)
        assert doc.page_count == 1
        for extracted in (pdftotext(out), pypdf_text(out)):
            assert squash(text) in squash(extracted), lang
            assert "\ufffd" not in extracted
        rows = pdffonts(out)
        assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows), rows
        assert not any(row[0] == "Helvetica" for row in rows)


def test_header_footer_and_page_x_of_y(tmp_path) -> None:
    st = layout.styles("zh_TW")
    out = tmp_path / "pages.pdf"
    doc = layout.ReportDoc(out, lang="zh_TW", case_ref="PT-00042", title="申訴資料")
    doc.build([Paragraph(fonts.markup(f"第 {i} 段", "zh_TW"), st["body"]) for i in range(200)])
    text = pdftotext(out)
    assert doc.page_count > 2
    assert f"第 1 頁，共 {doc.page_count} 頁" in text
    assert f"第 {doc.page_count} 頁，共 {doc.page_count} 頁" in text
    assert text.count("PT-00042") >= 2 * doc.page_count  # header and footer on every page
