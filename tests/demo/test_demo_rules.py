"""The demos are the rule packs' showcase: each one should light up the rules it was written for."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop_app.core.demo import ensure_demo

engine = pytest.importorskip("desktop_app.core.rules.engine")


def _rule_ids(ws, case_id: int) -> Counter:
    return Counter(f.rule_id for f in engine.evaluate_case(ws, case_id, lang="en"))


def test_cn_demo_triggers_the_china_rules(demo_workspace):
    found = _rule_ids(demo_workspace, demo_workspace.demo_case_id)
    for rule in ("cn.quiet_hours", "cn.connected_calls_per_day", "cn.third_party_contact", "cn.prohibited_conduct",
                 "cn.visit_conduct", "cn.impostor_risk"):
        assert found[rule] >= 1, rule
    assert found["cn.unanswered_attempts_per_day"] == 2  # 2026-02-23 and 2026-03-09


def test_us_demo_triggers_every_us_rule(workspace):
    case_id = ensure_demo(workspace, "us")
    found = _rule_ids(workspace, case_id)
    for rule in ("us.inconvenient_time", "us.call_frequency_7in7", "us.call_after_conversation_7d",
                 "us.contact_after_cease", "us.third_party_disclosure", "us.workplace_contact",
                 "us.harassment_abuse", "us.false_representation"):
        assert found[rule] >= 1, rule
