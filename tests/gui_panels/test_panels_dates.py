"""The panels write dates as the timeline does, in every language: "01/04/2026" must not mean
1 April in the parties window and 4 January in the timeline."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.ui.application import apply_language
from desktop_app.ui.panel_format import fmt_date, fmt_datetime
from desktop_app.ui.timeline_model import TimelineModel


@pytest.mark.parametrize("language", ["en", "zh_CN", "zh_TW"])
def test_panel_dates_match_the_timeline(qapp, lang, language: str) -> None:
    lang(language)
    apply_language(qapp, language)
    try:
        timeline = TimelineModel().when_text("2026-04-01T10:05:00")
        assert fmt_datetime(datetime(2026, 4, 1, 10, 5)) == timeline
        assert timeline.startswith(fmt_date(date(2026, 4, 1)))
    finally:
        apply_language(qapp, "en")


def test_english_dates_are_month_first_with_the_full_year(qapp, lang) -> None:
    lang("en")
    apply_language(qapp, "en")
    assert fmt_date(date(2026, 4, 1)) == "4/1/2026"  # month first, the year in full
