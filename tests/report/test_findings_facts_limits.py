"""The facts table and chart state the rule they draw, from the case's own parameters, and a broken rule
pack is an error instead of figures silently computed from other numbers than the findings."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from reportlab.graphics.shapes import Circle, Line, String

from desktop_app.core.i18n import translator
from desktop_app.core.report import facts as facts_mod
from desktop_app.core.report.chart import contacts_chart
from desktop_app.core.rules.packs import RulePackError


def _missed(ws, case_id, day, n):
    for i in range(n):
        ws.events.log(case_id, "call", datetime(2026, 3, day, 10, i), direction="incoming", call_outcome="missed",
                      contact_value="13800138000")


def test_cn_limit_follows_the_saved_parameter_and_names_the_contact_method(workspace):
    case = workspace.cases.create("cn", "CN")
    _missed(workspace, case.id, 2, 5)
    workspace.cases.update(case.id, rule_params={"cn": {"max_unanswered": 4}})
    f = facts_mod.compute(workspace.cases.get(case.id), workspace.events.list(case.id))
    assert f.limits.daily_calls == 4 and f.days_over_limit == 1  # the old code read other keys: 6, 0
    label, value = facts_mod.limit_row(f, translator("zh_CN"))
    assert "同一联系方式" in label and "4" in label and value == "1"
    kwargs = facts_mod.chart_limit(f, translator("en"))
    assert kwargs["limit"] == 4 and kwargs["counted"] == {date(2026, 3, 2): 5}
    assert "on one contact method" in kwargs["legend_limit"]


def test_us_figure_is_a_rolling_seven_days_not_a_daily_limit(workspace):
    case = workspace.cases.create("us", "US")
    for day in (1, 1, 2, 3, 3, 4, 5, 6, 7, 20):
        _missed(workspace, case.id, day, 1)
    f = facts_mod.compute(workspace.cases.get(case.id), workspace.events.list(case.id))
    label, value = facts_mod.limit_row(f, translator("en"))
    assert label.startswith("Most calls placed to the complainant within any 7 consecutive days")
    assert value == "9 (2026-03-01 – 2026-03-07)" and f.days_over_limit == 0
    assert facts_mod.chart_limit(f, translator("en")) == {}  # no dashed "daily limit" over all contacts
    drawing = contacts_chart(f.per_day, 400, "en", legend_all="Contacts", legend_quiet="Quiet",
                             **facts_mod.chart_limit(f, translator("en")))
    assert not [s for s in drawing.contents if isinstance(s, Line) and s.strokeDashArray]
    assert not [s for s in drawing.contents if isinstance(s, String) and "limit" in s.text.lower()]


def test_a_limit_line_is_never_drawn_without_the_series_it_counts():
    per_day = {date(2026, 3, 2): (9, 1)}
    plain = contacts_chart(per_day, 400, "en", legend_all="Contacts", legend_quiet="Quiet", limit=6,
                           legend_limit="Limit")
    assert not [s for s in plain.contents if isinstance(s, Line) and s.strokeDashArray]
    drawn = contacts_chart(per_day, 400, "en", legend_all="Contacts", legend_quiet="Quiet", limit=6,
                           legend_limit="Limit", counted={date(2026, 3, 2): 8}, legend_counted="Unanswered")
    assert [s for s in drawn.contents if isinstance(s, Line) and s.strokeDashArray]
    assert len([s for s in drawn.contents if isinstance(s, Circle)]) == 2  # the day's dot and the legend's


def test_a_broken_rule_pack_is_not_swallowed(workspace, monkeypatch):
    case = workspace.cases.create("cn", "CN")
    _missed(workspace, case.id, 2, 7)

    def broken(*_args, **_kwargs):
        raise RulePackError("resources/rules/cn.toml: the rule pack is malformed (unknown legal status 'x')")

    monkeypatch.setattr("desktop_app.core.rules.packs.effective_params", broken)
    with pytest.raises(RulePackError, match="cn.toml"):
        facts_mod.compute(workspace.cases.get(case.id), workspace.events.list(case.id))
