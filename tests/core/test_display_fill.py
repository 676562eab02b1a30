"""Filled-in names keep a space from Chinese text around them, as Chinese typesetting wants."""

from __future__ import annotations

from desktop_app.core.domain.display import fill


def test_latin_values_get_a_space_next_to_cjk_only() -> None:
    template = "{by}打給{who}的電話"
    assert fill(template, by="Keystone Arbor Recovery Group, LLC", who="投訴人") == \
        "Keystone Arbor Recovery Group, LLC 打給投訴人的電話"
    assert fill(template, by="张经理", who="Rachel Whitfield (sister)") == "张经理打給 Rachel Whitfield (sister) 的電話"
    assert fill(template, by="张经理", who="投诉人") == "张经理打給投诉人的電話"  # all Chinese: nothing added
    assert fill("calls to {who} by {by}", who="the complainant", by="ACME") == "calls to the complainant by ACME"
    assert fill("共{n}次", n=12) == "共 12 次"
