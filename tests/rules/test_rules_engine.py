"""Packs as data, parameters per case, the workspace path, translations, and the findings command."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import datetime

import pytest

from desktop_app.core.errors import ValidationError
from desktop_app.core.i18n import catalogue_entries
from desktop_app.core.paths import resource_path
from desktop_app.core.rules import (
    Status,
    effective_params,
    evaluate,
    evaluate_case,
    flagged_event_ids,
    load_pack,
)
from desktop_app.core.rules.engine import CHECKS
from desktop_app.core.rules.loading import load_events

SPEC_IDS = {
    "cn": {"cn.quiet_hours", "cn.unanswered_attempts_per_day", "cn.connected_calls_per_day", "cn.third_party_contact",
           "cn.prohibited_conduct", "cn.visit_conduct", "cn.contact_after_agreement", "cn.impostor_risk"},
    "us": {"us.inconvenient_time", "us.call_frequency_7in7", "us.call_after_conversation_7d", "us.contact_after_cease",
           "us.third_party_disclosure", "us.workplace_contact", "us.harassment_abuse", "us.false_representation"},
}


@pytest.mark.parametrize("name", ["cn", "us", "uk"])
def test_packs_load_with_known_checks_and_statuses(name):
    pack = load_pack(name)
    assert {r.id for r in pack.rules} >= SPEC_IDS.get(name, set())
    for rule in pack.rules:
        assert rule.id.startswith(name + ".") and rule.check in CHECKS
        assert rule.citations[0].instrument
        for p in rule.params:
            assert p in pack.params


def _pack_strings(name):
    data = tomllib.loads(resource_path("rules", f"{name}.toml").read_text("utf-8"))
    yield data["title"]
    yield data["scope"]
    for p in data["params"].values():
        yield p["label"]
        yield p.get("help", "")
    for rule in data["rules"]:
        yield rule["title"]
        yield from rule.get("notes", [])
        for c in rule["citations"]:
            yield c["instrument"]
            yield from c.get("notes", [])
            article = c.get("article", "")
            if re.search(r"[a-z]{3,}", article):  # words, not a bare legal reference such as "CONC 7.9.4R"
                yield article
        for spec in rule.get("options", {}).get("conduct", {}).values():
            for key in ("title", "explain", "note", "advice"):
                yield spec.get(key, "")


@pytest.mark.parametrize("name", ["cn", "us", "uk"])
def test_every_pack_string_is_translated(name):
    have = catalogue_entries()
    missing = [s for s in _pack_strings(name) if s and not (have.get(s, {}).get("zh_CN") and have[s].get("zh_TW"))]
    assert missing == []


def test_no_guideline_is_presented_as_law():
    for name in ("cn", "us", "uk"):
        for rule in load_pack(name).rules:
            for c in rule.citations:
                if "Guidelines" in c.instrument or "Association" in c.instrument:
                    assert c.status == Status.INDUSTRY_GUIDELINE
                if c.instrument.startswith("GB/T"):
                    assert c.status == Status.NATIONAL_STANDARD_RECOMMENDED


def test_effective_params_merge_and_validate(cn):
    cn.case.rule_params = {"cn": {"quiet_start": "21:00"}, "us": {"max_calls_7_days": 2}}
    params = effective_params(cn.case)
    assert params["quiet_start"] == "21:00" and params["quiet_end"] == "08:00" and params["max_unanswered"] == 6
    assert effective_params(cn.case, "us")["max_calls_7_days"] == 2
    e = cn.event("2026-03-02 21:30")
    assert cn.run()[0].event_ids == [e.id]  # the saved override is used when no params are passed
    for bad, field in (({"quiet_start": "25:00"}, "quiet_start"), ({"max_unanswered": "many"}, "max_unanswered"),
                       ({"max_unanswered": 0}, "max_unanswered"), ({"nonsense": 1}, "nonsense")):
        cn.case.rule_params = {"cn": bad}
        with pytest.raises(ValidationError) as info:
            effective_params(cn.case)
        assert info.value.field == field


def test_words_parameter_accepts_chinese_commas(cn):
    cn.case.rule_params = {"cn": {"impostor_words": "代还，债务重组, 找人 "}}
    assert effective_params(cn.case)["impostor_words"] == ["代还", "债务重组", "找人"]


def test_unknown_pack_is_a_clear_error(cn):
    with pytest.raises(ValidationError, match="fr"):
        evaluate(cn.case, [], [], "fr")


def test_flagged_event_ids(cn):
    night = cn.event("2026-03-02 23:00", conduct=["threat"])
    day = cn.event("2026-03-02 12:00")
    flagged = flagged_event_ids(cn.run())
    assert flagged == {night.id: ["cn.quiet_hours", "cn.prohibited_conduct"]} and day.id not in flagged


@pytest.mark.parametrize(("jurisdiction", "tz", "pack"), [
    ("CN", "Asia/Shanghai", "cn"), ("TW", "Asia/Taipei", "cn"), ("HK", "Asia/Hong_Kong", "cn"),
    ("other", "UTC", "cn"), ("US", "America/Chicago", "us"), ("UK", "Europe/London", "uk"),
])
def test_default_pack_follows_the_jurisdiction(make_case, jurisdiction, tz, pack):
    b = make_case(jurisdiction, tz)
    b.event("2026-03-02 23:30")
    found = b.run()
    assert found and {f.pack for f in found} == {pack} and all(f.rule_id.startswith(pack + ".") for f in found)
    # Rules of another place are labelled as a reference, never as binding on this lender.
    assert all(("for reference" in f.note) is (jurisdiction in ("TW", "HK", "other")) for f in found)


def _log_case(ws, jurisdiction="CN"):
    case = ws.cases.create("rules", jurisdiction)
    mother = ws.parties.add(case.id, "母亲", "third_party", relationship="relative").id
    agency = ws.parties.add(case.id, "催收公司", "agency", numbers=["+86 170 0000 1111"]).id
    log = ws.events.log
    ids = [log(case.id, "call", datetime(2026, 3, 2, 22, 30), direction="incoming", call_outcome="answered",
               contact_value="17000001111").id]
    ids += [log(case.id, "call", datetime(2026, 3, 3, 9, i), direction="incoming", call_outcome="missed",
                contact_value="17000001111").id for i in range(7)]
    ids.append(log(case.id, "call", datetime(2026, 3, 3, 10, 0), direction="outgoing", call_outcome="missed").id)
    ids.append(log(case.id, "user_request", datetime(2026, 3, 4, 9, 0),
                   details={"request_type": "stop_third_party", "target_party_id": mother}).id)
    ids.append(log(case.id, "sms", datetime(2026, 3, 5, 9, 0), direction="incoming", target="third_party",
                   target_party_id=mother, conduct=["third_party_disclosure"]).id)
    deleted = log(case.id, "call", datetime(2026, 3, 6, 23, 0), direction="incoming").id
    ws.events.delete(deleted)
    return case.id, agency, ids, deleted


def test_workspace_matches_pure_evaluation(workspace):
    case_id, agency, ids, deleted = _log_case(workspace)
    from_ws = evaluate_case(workspace, case_id, lang="en")
    case = workspace.cases.get(case_id)
    pure = evaluate(case, workspace.events.list(case_id), workspace.parties.list(case_id), None, None, "en")
    assert [f.to_json() for f in from_ws] == [f.to_json() for f in pure]
    flagged = flagged_event_ids(from_ws)
    assert ids[0] in flagged and deleted not in flagged and ids[8] not in flagged  # borrower's own call ignored
    assert {f.rule_id for f in from_ws} == {"cn.quiet_hours", "cn.unanswered_attempts_per_day",
                                            "cn.third_party_contact"}
    after_stop = [f for f in from_ws if f.rule_id == "cn.third_party_contact"][0]
    assert "asking the collectors to stop" in after_stop.explanation
    loaded = {e.id: e for e in load_events(workspace, case_id)}
    full = {e.id: e for e in workspace.events.list(case_id)}
    assert loaded.keys() == full.keys()
    for eid, e in full.items():
        assert loaded[eid].start == e.start and loaded[eid].start.utcoffset() == e.start.utcoffset()
        assert (loaded[eid].party_id, loaded[eid].kind, loaded[eid].conduct) == (e.party_id, e.kind, e.conduct)
    assert full[ids[0]].party_id == agency  # matched by its number


def test_findings_command_json_contract(workspace, data_dir, capsys):
    from desktop_app.cli.main import main

    case_id, *_ = _log_case(workspace)
    workspace.close()
    assert main(["--data-dir", str(data_dir), "--lang", "zh_CN", "findings", str(case_id), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"rule_id", "severity", "event_ids", "citation", "title", "status", "explanation", "params",
                     "count", "first", "last", "unverified"} <= set(rows[0])
    assert set(rows[0]["citation"]) >= {"instrument", "article", "url"}
    assert rows[0]["title"] == "夜间休息时段催收"
    assert main(["--data-dir", str(data_dir), "findings", str(case_id), "--pack", "us", "--json"]) == 0
    assert all(r["rule_id"].startswith("us.") for r in json.loads(capsys.readouterr().out))
    assert main(["--data-dir", str(data_dir), "--lang", "zh_TW", "findings", str(case_id)]) == 0
    text = capsys.readouterr().out
    # Quiet hours rest on a guideline and a recommended standard: "not met", never "violated" (違規).
    assert "不符合" in text and "違規" not in text and "cn.quiet_hours" in text and "22:00" in text
    assert main(["--data-dir", str(data_dir), "findings", "999"]) == 2
    assert "999" in capsys.readouterr().err


def test_the_borrowers_own_request_is_listed_but_not_flagged(make_case):
    us = make_case("US")
    cease = us.request("2026-05-02 10:00", "cease", written=True)
    call = us.event("2026-05-03 10:00")
    finding = us.findings("us.contact_after_cease")[0]
    assert finding.event_ids == [cease.id, call.id] and finding.context_ids == [cease.id] and finding.count == 1
    assert flagged_event_ids([finding]) == {call.id: ["us.contact_after_cease"]}
    assert finding.to_json()["context_ids"] == [cease.id]
