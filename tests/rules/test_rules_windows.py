"""The sliding-window counter against a brute-force count over every window (property-based)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.rules import load_pack
from desktop_app.core.rules.checks_frequency import over_limit
from desktop_app.core.rules.context import Context
from desktop_app.core.rules.packs import defaults

START = date(2026, 1, 25)  # windows cross a month end and the US spring clock change is in reach


# make_case hands out the builder class (no state), so sharing it across examples is fine.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.lists(st.integers(0, 60), min_size=0, max_size=60), window=st.sampled_from([1, 7]),
       limit=st.integers(1, 8))
def test_over_limit_matches_brute_force(make_case, days, window, limit):
    us = make_case("US")
    for i, offset in enumerate(sorted(days)):
        us.event(f"{START + timedelta(days=offset)} {8 + i % 12:02d}:{i % 60:02d}")
    pack = load_pack("us")
    ctx = Context(us.case, us.events, [], pack, defaults(pack), "en")
    calls = ctx.events
    clusters = over_limit(ctx, calls, window, limit)
    got = {e.id for c in clusters for e in c.events}
    expected: set[int] = set()
    peak = 0
    for first in range(-window, 62):
        inside = [e for e in calls if first <= (ctx.local[e.id].date() - START).days < first + window]
        if len(inside) > limit:
            expected |= {e.id for e in inside}
            peak = max(peak, len(inside))
    assert got == expected
    assert max((c.peak for c in clusters), default=0) == peak
    for c in clusters:  # the reported peak window really holds that many calls
        lo, hi = date.fromisoformat(c.peak_first), date.fromisoformat(c.peak_last)
        assert (hi - lo).days == window - 1
        assert sum(1 for e in calls if lo <= ctx.local[e.id].date() <= hi) == c.peak
