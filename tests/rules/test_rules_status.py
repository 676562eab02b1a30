"""Legal status, caveats and product limits are data in the packs, validated when a pack loads."""

from __future__ import annotations

import pytest

from desktop_app.core.paths import resource_path
from desktop_app.core.rules import Product, Status, load_pack
from desktop_app.core.rules.packs import RulePackError, load_pack_file
from desktop_app.core.rules.wording import Assertion, assertion, heading

GOOD = '''
name = "xx"
title = "Test"
[[rules]]
id = "xx.quiet"
check = "quiet_hours"
title = "Quiet hours"
severity = "violation"
[[rules.citations]]
instrument = "Some guideline"
status = "{status}"
'''


def test_every_citation_of_every_pack_has_a_known_status():
    for name in ("cn", "us", "uk"):
        for rule in load_pack(name).rules:
            for c in rule.citations:
                assert isinstance(c.status, Status)


def test_a_pack_with_an_unknown_status_fails_loudly(tmp_path):
    path = tmp_path / "xx.toml"
    path.write_text(GOOD.replace("{status}", "law"), "utf-8")
    assert load_pack_file(path, "xx").rules[0].citations[0].status == Status.LAW
    path.write_text(GOOD.replace("{status}", "self_regulatory"), "utf-8")  # an old, coarser value
    with pytest.raises(RulePackError) as info:
        load_pack_file(path, "xx")
    message = str(info.value)
    assert str(path) in message and "unknown legal status 'self_regulatory'" in message
    assert "industry_guideline" in message and "\n" not in message


@pytest.mark.parametrize(("old", "new", "problem"), [
    ('status = "law"', 'status = "law"\nwhen = "credit_card"', "unknown key(s) when"),
    ('severity = "violation"', 'severity = "violation"\nnote = "dropped"', "unknown key(s) note"),
    ('status = "law"', 'status = "law"\napplies_to_products = ["mortgage"]', "unknown product 'mortgage'"),
    ('status = "law"', 'status = "law"\nnotes = "not a list"', "notes must be a list"),
    ('status = "law"\n', '', "no legal status"),
])
def test_a_malformed_citation_names_the_problem(tmp_path, old, new, problem):
    path = tmp_path / "xx.toml"
    path.write_text(GOOD.replace("{status}", "law").replace(old, new), "utf-8")
    with pytest.raises(RulePackError, match="xx.toml") as info:
        load_pack_file(path, "xx")
    assert problem in str(info.value)


def test_statuses_follow_the_research():
    """domain.md: CBA and NIFA documents are association guidelines, GB/T is a recommended standard,
    the credit-card measures are a departmental regulation, FDCPA a statute, CONC R provisions rules."""
    for name in ("cn", "us", "uk"):
        for rule in load_pack(name).rules:
            for c in rule.citations:
                if "Association" in c.instrument:
                    assert c.status == Status.INDUSTRY_GUIDELINE
                elif c.instrument.startswith("GB/T"):
                    assert c.status == Status.NATIONAL_STANDARD_RECOMMENDED
                elif "Credit Card Business" in c.instrument:
                    assert c.status == Status.REGULATION and c.notes
                elif c.instrument == "Fair Debt Collection Practices Act":
                    assert c.status == Status.LAW
                elif c.instrument == "Regulation F":
                    assert c.status == Status.REGULATION
                elif c.instrument.startswith("FCA Handbook"):
                    assert c.status == Status.REGULATORY_RULE
                if not c.status.binding and c.status != Status.NO_RULE:
                    assert c.notes, f"{rule.id}: a non-binding source without a caveat"


def test_art_70_is_limited_to_credit_cards_as_data():
    rule = load_pack("cn").rule("cn.contact_after_agreement")
    assert rule.applies_to_products == (Product.CREDIT_CARD,)
    text = resource_path("rules", "cn.toml").read_text("utf-8")
    assert 'applies_to_products = ["credit_card"]' in text


def test_pack_notes_reach_the_finding(cn):
    cn.calls([f"2026-03-02 {h:02d}:00" for h in range(9, 17)], call_outcome="missed")
    found = cn.findings("cn.unanswered_attempts_per_day", lang="zh_CN")[0]
    assert any("不宜" in n for n in found.notes)
    assert any("媒体报道" in n for n in found.notes)
    assert found.status == Status.INDUSTRY_GUIDELINE and assertion(found) == Assertion.DOES_NOT_MEET
    assert heading(found, lambda s: {"Does not meet the requirements of {citation}": "不符合{citation}的要求"}.get(
        s, s)).startswith("不符合中国银行业协会")
    assert found.to_json()["status"] == "self_regulatory"  # the documented JSON value is kept
    assert found.to_json()["legal_status"] == "industry_guideline"


def test_advice_is_kept_apart_from_the_dossier_text(cn):
    cn.event("2026-03-02 10:00", conduct=["threat"])
    found = cn.findings("cn.prohibited_conduct", lang="zh_CN")[0]
    assert "110" not in found.explanation and "你" not in found.explanation and "投诉人" in found.explanation
    assert any("110" in a for a in found.advice)


def test_a_visit_without_id_is_not_cited_to_the_two_person_article(cn):
    cn.event("2026-03-02 10:00", "visit", details={"people_count": 1, "id_shown": False})
    found = {f.subject: f for f in cn.findings("cn.visit_conduct")}
    assert found["fewer than two visitors"].citation.article == "Art. 22 (visit collection)"
    no_id = found["no ID shown"]
    assert no_id.citation.article == "Visit collection" and assertion(no_id) == Assertion.UNVERIFIED
    assert any("You do not have to let in" in a for a in no_id.advice)
    assert "let in" not in no_id.explanation
