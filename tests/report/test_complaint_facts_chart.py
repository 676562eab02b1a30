"""The facts-in-brief arithmetic (quiet hours per jurisdiction, days over the limit) and the chart."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.graphics.shapes import Rect, String

from desktop_app.core.report.chart import by_week, contacts_chart
from desktop_app.core.report.facts import compute, limits_for


def test_quiet_hours_follow_the_jurisdiction(workspace) -> None:
    cn = workspace.cases.create("cn", "CN")
    us = workspace.cases.create("us", "US")
    for case in (cn, us):
        for hour, minute in ((7, 59), (8, 0), (21, 30), (22, 0)):
            workspace.events.log(case.id, "call", datetime(2026, 3, 2, hour, minute), direction="incoming",
                                 call_outcome="missed", contact_value="13800138000")
        workspace.events.log(case.id, "call", datetime(2026, 3, 2, 23, 0), direction="outgoing",
                             call_outcome="answered", contact_value="13800138000")  # mine: not a contact
    f_cn = compute(workspace.cases.get(cn.id), workspace.events.list(cn.id))
    f_us = compute(workspace.cases.get(us.id), workspace.events.list(us.id))
    assert (f_cn.contacts, f_cn.calls, f_cn.quiet_calls) == (4, 4, 2)  # 07:59 and 22:00 (22:00–08:00)
    assert (f_us.contacts, f_us.quiet_calls) == (4, 3)  # 07:59, 21:30 and 22:00 (21:00–08:00)
    assert limits_for(workspace.cases.get(us.id)).unanswered_only is False
    assert f_cn.per_day == {date(2026, 3, 2): (4, 2)}


def test_days_over_the_limit(workspace) -> None:
    case = workspace.cases.create("cn", "CN")
    for day, n in ((2, 7), (3, 6)):  # the CN figure: more than 6 unanswered attempts in a day
        for i in range(n):
            workspace.events.log(case.id, "call", datetime(2026, 3, day, 10, i), direction="incoming",
                                 call_outcome="missed", contact_value="13800138000")
    f = compute(workspace.cases.get(case.id), workspace.events.list(case.id))
    assert f.days_over_limit == 1 and f.max_calls_in_a_day == 7 and f.busiest_day == date(2026, 3, 2)


def test_weekly_buckets_and_chart_shapes() -> None:
    per_day = {date(2026, 3, 2): (3, 1), date(2026, 3, 8): (2, 0), date(2026, 3, 9): (5, 5)}
    assert by_week(per_day) == {date(2026, 3, 2): (5, 1), date(2026, 3, 9): (5, 5)}
    drawing = contacts_chart(per_day, 400, "en", legend_all="Contacts", legend_quiet="Quiet", limit=6,
                             legend_limit="Limit", counted={date(2026, 3, 9): 5}, legend_counted="Unanswered")
    texts = [s.text for s in drawing.contents if isinstance(s, String)]
    assert "Contacts" in texts and "Quiet" in texts and "Limit" in texts and "Unanswered" in texts
    assert "03-02" in texts
    black = [r for r in drawing.contents if isinstance(r, Rect) and r.fillColor is not None
             and r.fillColor.red == 0 and r.y < 40]  # (not the legend's swatch at the top)
    assert len(black) == 2  # the two days with quiet-hour contacts are marked solid black
    assert all(getattr(s, "fontName", "NotoSansSC") != "Helvetica" for s in drawing.contents)
