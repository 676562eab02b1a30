"""The demo cases show every category of finding their rule pack has."""

from __future__ import annotations

import importlib.util

import pytest

from desktop_app.core.rules import Severity, evaluate_case, flagged_event_ids, load_pack


def test_cn_demo_yields_every_cn_category(demo_workspace):
    found = evaluate_case(demo_workspace, demo_workspace.demo_case_id, lang="zh_CN")
    # The demo debt is a consumer-finance instalment loan (消费分期): the credit-card measures' Art. 70
    # does not apply to it, so only the rules for every product show.
    every_product = {r.id for r in load_pack("cn").rules if not r.applies_to_products}
    assert {f.rule_id for f in found} == every_product
    assert "cn.contact_after_agreement" not in every_product
    assert all(f.title and f.explanation and f.citation.instrument for f in found)
    assert {f.severity for f in found if f.rule_id == "cn.impostor_risk"} == {Severity.WARNING}
    flagged = flagged_event_ids(found)
    events = {e.id: e for e in demo_workspace.events.list(demo_workspace.demo_case_id)}
    assert set(flagged) <= set(events)


@pytest.mark.skipif(importlib.util.find_spec("desktop_app.core.demo.us_case") is None,
                    reason="the US demo case is not built yet")
def test_us_demo_yields_every_us_category(workspace):
    from desktop_app.core.demo import ensure_demo

    case_id = ensure_demo(workspace, "us")
    found = evaluate_case(workspace, case_id, lang="en")
    assert {f.rule_id for f in found} == {r.id for r in load_pack("us").rules}
