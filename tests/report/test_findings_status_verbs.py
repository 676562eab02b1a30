"""Done-when (issue 14, item 2): per pack and in all three languages, no finding against a guideline or a
standard is headed with the violation verb — in `papertrail findings --json` and in the built PDF."""

from __future__ import annotations

import pytest

from tests.report.findings_helpers import cli, findings_json, findings_part, log, pdf_text

VERB = {"en": "Violates", "zh_CN": "违反", "zh_TW": "違反"}
NOT_MET = {"en": "Does not meet the requirements of", "zh_CN": "不符合", "zh_TW": "不符合"}
GUIDELINE_LABEL = {"en": "Industry self-regulatory guideline, not law", "zh_CN": "行业自律指引，非法律",
                   "zh_TW": "行業自律指引，非法律"}
NON_BINDING = {"industry_guideline", "national_standard_recommended", "unverified", "no_rule"}


def _cn_case(ws) -> int:
    case = ws.cases.create("consumer loan", "CN", product_type="消费分期")
    for minute in range(8):  # 8 unanswered attempts in a day (guideline: 6)
        log(ws, case.id, f"2026-03-02 10:{minute:02d}", call_outcome="missed", contact_value="17000001111")
    for hour in (9, 11, 14, 16):  # 4 connected calls in a day (GB/T: 3)
        log(ws, case.id, f"2026-03-03 {hour:02d}:00", contact_value="17000001111")
    log(ws, case.id, "2026-03-04 23:10", contact_value="17000001111", conduct=["threat"])  # quiet hours
    log(ws, case.id, "2026-03-05 10:00", "visit", details={"people_count": 1})
    log(ws, case.id, "2026-03-06 10:00", conduct=["personal_account_payment"])
    return case.id


def _us_case(ws) -> int:
    case = ws.cases.create("card", "US", product_type="Credit card")
    for day in range(1, 9):
        log(ws, case.id, f"2026-05-{day:02d} 12:00", call_outcome="missed", contact_value="+1 610 555 0177")
    log(ws, case.id, "2026-05-09 07:30", contact_value="+1 610 555 0177", conduct=["abuse"])
    return case.id


def _uk_case(ws) -> int:
    case = ws.cases.create("loan", "UK")
    log(ws, case.id, "2026-05-01 07:30", contact_value="+44 20 7946 0000", conduct=["threat"])
    return case.id


BUILD = {"cn": _cn_case, "us": _us_case, "uk": _uk_case}


@pytest.mark.parametrize("pack", ["cn", "us", "uk"])
def test_headings_follow_the_legal_status(workspace, data_dir, tmp_path, pack):
    case_id = BUILD[pack](workspace)
    for lang in ("en", "zh_CN", "zh_TW"):
        rows = findings_json(data_dir, case_id, lang)
        assert rows, (pack, lang)
        whole = pdf_text(data_dir, case_id, tmp_path / f"{pack}-{lang}.pdf", lang)
        flat = findings_part(whole, lang)
        for row in rows:
            assert row["status"] in {"law", "regulation", "national_standard", "self_regulatory", "secondary"}
            heading = row["heading"]
            assert "".join(heading.split()) in flat, (lang, heading)  # printed as it is in the JSON
            if row["legal_status"] in NON_BINDING:
                assert VERB[lang] not in heading and row["assertion"] != "violates", (lang, heading)
                assert row["binding"] is False
            elif row["severity"] == "violation" and not row["unverified"]:
                assert heading.startswith(VERB[lang]) and row["assertion"] == "violates", (lang, heading)
        if pack == "cn":  # the chart's limit is the guideline's: unanswered attempts on one contact method
            assert "每日来电上限" not in whole and "Dailycalllimit" not in whole
            assert {"en": "Guideline:atmost6unansweredattemptsadayononecontactmethod",
                    "zh_CN": "指引：同一联系方式每天未接通的拨打不宜超过6次",
                    "zh_TW": "指引：同一聯絡方式每天未接通的撥打不宜超過6次"}[lang] in whole
        if pack == "cn":  # a consumer-finance loan: every source is a guideline or a standard
            assert {r["legal_status"] for r in rows} <= NON_BINDING
            instruments = {"".join(c["instrument"].split()) for r in rows for c in [r["citation"], *r["also_cited"]]}
            assert instruments and all(f"{VERB[lang]}{i}" not in flat for i in instruments)
            assert "违规" not in flat and "違規" not in flat and "Violation" not in flat
            assert NOT_MET[lang].replace(" ", "") in flat and GUIDELINE_LABEL[lang].replace(" ", "") in flat
            # The pack's caveats are printed, not just kept in the JSON.
            notes = {n for r in rows for n in r["notes"]}
            assert any("不宜" in n for n in notes) or lang == "en"
            for note in notes:
                assert "".join(note.split()) in flat, (lang, note)
            # The command line's own output heads them the same way and prints every caveat.
            out = cli(data_dir, "findings", str(case_id), lang=lang).stdout
            assert all(r["heading"] in out for r in rows) and all(n in out for n in notes)
            assert "违规" not in out and "違規" not in out and "Violation" not in out
            # Advice for the user stays in the app.
            for advice in (a for r in rows for a in r["advice"]):
                assert "".join(advice.split()) not in flat, (lang, advice)
