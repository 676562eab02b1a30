"""A vector bar chart of contacts per day, quiet-hour contacts marked, readable in black and white.

Each day is one bar: the part in quiet hours is solid black, the rest light grey with a black
outline, so the chart survives a photocopier.  A dashed limit line is drawn only together with the
series that limit counts (`counted`, a white dot per day — e.g. unanswered calls to the complainant
against the CN guideline's 6 a day on one contact method): a line over all contacts would claim a
rule that does not exist.
"""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.graphics import shapes
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors

from desktop_app.core.report import fonts

GREY = colors.Color(0.78, 0.78, 0.78)


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if top / step <= 6:
            return step
    return 2000


WEEKLY_AFTER_DAYS = 120  # beyond this a bar per day gets thinner than a hairline: one per week


def by_week(per_day: dict[date, tuple[int, int]]) -> dict[date, tuple[int, int]]:
    """The same counts summed per week (keyed by the week's Monday)."""
    weeks: dict[date, tuple[int, int]] = {}
    for day, (total, quiet) in per_day.items():
        monday = day - timedelta(days=day.weekday())
        t, q = weeks.get(monday, (0, 0))
        weeks[monday] = (t + total, q + quiet)
    return dict(sorted(weeks.items()))


def contacts_chart(per_day: dict[date, tuple[int, int]], width: float, lang: str, *, legend_all: str,
                   legend_quiet: str, legend_limit: str = "", limit: int | None = None,
                   counted: dict[date, int] | None = None, legend_counted: str = "",
                   height: float = 150, step_days: int = 1) -> Drawing:
    """`per_day`: day (or week's Monday, with step_days=7) → (all contacts, in quiet hours);
    `counted`: per day, what `limit` counts (the line is drawn only with it).  Labels are translated."""
    if counted is None:
        limit = None
    fonts.register()
    font = fonts.primary_font(lang)
    # A drawing starts from ReportLab's default state, whose font is Helvetica — a font the PDF
    # would then name without embedding it.  Start from ours instead (both are embedded).
    shapes.STATE_DEFAULTS["fontName"] = font
    drawing = Drawing(width, height)
    if not per_day:
        return drawing
    first, last = min(per_day), max(per_day)
    days = [first + timedelta(days=i) for i in range(0, (last - first).days + 1, step_days)]
    top = max(max(v[0] for v in per_day.values()), limit or 0, max((counted or {}).values(), default=0), 1)
    step = _nice_step(top)
    top = ((top + step - 1) // step) * step
    left, bottom, right = 26, 22, 6
    legend_h = 26 if limit and legend_limit else 16  # the limit's wording gets a legend line of its own
    plot_w, plot_h = width - left - right, height - bottom - legend_h - 4
    slot = plot_w / len(days)
    bar = max(0.6, slot * 0.72)

    def y_of(value: float) -> float:
        return bottom + plot_h * value / top

    # Axes, gridlines and the value scale.
    for value in range(0, top + 1, step):
        y = y_of(value)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=colors.Color(0.85, 0.85, 0.85), strokeWidth=0.3))
        drawing.add(String(left - 3, y - 2.5, str(value), fontName=font, fontSize=6.5, textAnchor="end"))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=colors.black, strokeWidth=0.6))
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeColor=colors.black, strokeWidth=0.6))
    for index, day in enumerate(days):
        total, quiet = per_day.get(day, (0, 0))
        if not total:
            continue
        x = left + index * slot + (slot - bar) / 2
        outline = 0.3 if bar > 2 else 0
        drawing.add(Rect(x, bottom, bar, y_of(total) - bottom, fillColor=GREY, strokeColor=colors.black,
                         strokeWidth=outline))
        if quiet:
            drawing.add(Rect(x, bottom, bar, y_of(quiet) - bottom, fillColor=colors.black,
                             strokeColor=colors.black, strokeWidth=outline))
    dot = max(1.2, min(2.6, bar / 2))
    for index, day in enumerate(days):
        n = (counted or {}).get(day, 0)
        if n:
            drawing.add(Circle(left + index * slot + slot / 2, y_of(n), dot, fillColor=colors.white,
                               strokeColor=colors.black, strokeWidth=0.6))
    if limit:
        y = y_of(limit)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=colors.black, strokeWidth=0.8,
                         strokeDashArray=[3, 2]))
    # Date labels: about eight, first and last always.
    every = max(1, round(len(days) / 8))
    for index, day in enumerate(days):
        if index % every and index != len(days) - 1:
            continue
        if index == len(days) - 1 and index % every and (len(days) - 1) % every < every / 2:
            continue  # too close to the previous label
        x = left + index * slot + slot / 2
        drawing.add(Line(x, bottom, x, bottom - 2, strokeColor=colors.black, strokeWidth=0.4))
        drawing.add(String(x, bottom - 10, day.strftime("%m-%d"), fontName=font, fontSize=6.5, textAnchor="middle"))
    drawing.add(String(left, 3, f"{first:%Y-%m-%d} – {last:%Y-%m-%d}", fontName=font, fontSize=6.5))
    # Legend across the top.
    y = height - legend_h + 4
    x = left
    for fill, text in ((GREY, legend_all), (colors.black, legend_quiet)):
        drawing.add(Rect(x, y, 9, 7, fillColor=fill, strokeColor=colors.black, strokeWidth=0.4))
        drawing.add(String(x + 12, y + 0.5, text, fontName=font, fontSize=7.5))
        x += 12 + fonts.text_width(text, lang, 7.5) + 14
    if counted is not None and legend_counted:
        drawing.add(Circle(x + 4.5, y + 3.5, 2.6, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.6))
        drawing.add(String(x + 12, y + 0.5, legend_counted, fontName=font, fontSize=7.5))
        x += 12 + fonts.text_width(legend_counted, lang, 7.5) + 14
    if limit and legend_limit:
        x, y = left, y - 10
        drawing.add(Line(x, y + 3.5, x + 14, y + 3.5, strokeColor=colors.black, strokeWidth=0.8,
                         strokeDashArray=[3, 2]))
        drawing.add(String(x + 17, y + 0.5, legend_limit, fontName=font, fontSize=7.5))
    return drawing
