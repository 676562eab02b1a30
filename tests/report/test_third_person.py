"""The dossier speaks of the complainant in the third person (issue 14, item 3).

The user's own words (statement, requests, summaries) stay as written; what the dossier itself
says — headings, labels, the declaration — never says I, me or my.  The findings' texts come from
the rule packs and are checked with them.
"""

from __future__ import annotations

import pytest
from report_case_builder import pdftotext, squash

from desktop_app.core.demo import ensure_demo
from desktop_app.core.report.common import ReportOptions, build_report

FIRST_PERSON = {
    "en": ("My request", "My requests", "In my own words", "Complaints I", "I declare", "entered by me",
           "Stop contacting me", "Do not contact my workplace", "Me (the borrower)"),
    "zh_CN": ("我的要求", "本人陈述", "我已提出的投诉", "本人声明", "本人填写", "对方共联系我", "我本人（借款人）"),
    "zh_TW": ("我的要求", "本人陳述", "我已提出的申訴", "本人聲明", "本人填寫", "對方共聯繫我", "我本人（借款人）"),
}
THIRD_PERSON = {
    "en": ("The complainant's requests", "The complainant's statement", "The complainant declares",
           "The complainant's request", "Do not contact the complainant's workplace"),
    "zh_CN": ("投诉人的请求事项", "投诉人陈述", "投诉人声明", "投诉人的要求", "对方共联系投诉人"),
    "zh_TW": ("申訴人的請求事項", "申訴人陳述", "申訴人聲明", "申訴人的要求", "對方共聯繫申訴人"),
}


@pytest.mark.parametrize("lang", ["en", "zh_CN", "zh_TW"])
def test_dossier_labels_speak_of_the_complainant(demo_workspace, tmp_path, lang) -> None:
    ws = demo_workspace
    out = tmp_path / f"us-{lang}.pdf"
    build_report(ws, ensure_demo(ws, "us"), ReportOptions(lang=lang), out)
    flat = squash(pdftotext(out))
    for text in FIRST_PERSON[lang]:
        assert squash(text) not in flat, (lang, text)
    for text in THIRD_PERSON[lang]:
        assert squash(text) in flat, (lang, text)
