"""Done-when (issue 14, item 2): in the US dossier an insult, an envelope marking, a threat of violence
and a 7-in-7 pattern each land under their exact paragraph, and the summary labels the 7-in-7 figure
as what it is (calls within any 7 consecutive days), never as a daily limit."""

from __future__ import annotations

import re

from tests.report.findings_helpers import findings_json, findings_part, log, pdf_text


def test_each_conduct_under_its_paragraph_in_the_dossier(workspace, data_dir, tmp_path):
    case = workspace.cases.create("card", "US", product_type="Credit card")
    number = "+1 610 555 0177"
    insult = log(workspace, case.id, "2026-04-01 12:00", contact_value=number, conduct=["abuse"],
                 summary="Called me a deadbeat")
    threat = log(workspace, case.id, "2026-04-02 12:00", contact_value=number, conduct=["threat"],
                 summary="Said he would break my windows")
    envelope = log(workspace, case.id, "2026-04-03 18:00", "letter", conduct=["public_shaming"],
                   summary="Envelope printed DEBT COLLECTION")
    calls = [log(workspace, case.id, f"2026-05-{d:02d} 12:{i:02d}", contact_value=number, call_outcome="missed")
             for i, d in enumerate((1, 1, 2, 3, 3, 4, 5, 6, 7))]

    rows = findings_json(data_dir, case.id)
    by_article = {r["citation"]["article"]: r for r in rows}
    assert by_article["15 U.S.C. 1692d(2)"]["event_ids"] == [insult]
    assert by_article["15 U.S.C. 1692d(1)"]["event_ids"] == [threat]
    assert by_article["15 U.S.C. 1692f(8)"]["event_ids"] == [envelope]
    seven = by_article["12 CFR 1006.14(b)(2)(i)(A)"]
    assert seven["count"] == 9 and set(seven["event_ids"]) == set(calls)

    text = pdf_text(data_dir, case.id, tmp_path / "us.pdf", "en")
    part = findings_part(text, "en")
    headings = {
        "15U.S.C.1692d(1):Harassmentorabuse:Threatsofviolence": "Saidhewouldbreakmywindows",
        "15U.S.C.1692d(2):Harassmentorabuse:Obscene,profaneorabusivelanguage": "Calledmeadeadbeat",
        "15U.S.C.1692f(8):Unfairpractices:Languageorsymbolsonanenvelope": "Envelope",
        "12CFR1006.14(b)(2)(i)(A):Morethan7callsin7days": "9callsinthe7days",
    }
    for heading, _ in headings.items():
        assert f"ViolatesFairDebtCollectionPracticesAct,{heading}" in part or f"ViolatesRegulationF,{heading}" in part
    # Each paragraph's block holds its own finding and no other conduct's.
    blocks = re.split(r"\d+\.(?=Violates|Possibleviolation)", part)
    envelope_block = next(b for b in blocks if "1692f(8)" in b)
    threat_block = next(b for b in blocks if "1692d(1)" in b)
    assert "04-0318:00" in envelope_block and "04-0318:00" not in threat_block
    assert "04-0112:00" not in threat_block  # the insult is not filed under threats
    # The summary states the rolling-7-day figure beside the 7-in-7 finding, not "days over a daily limit".
    assert "Mostcallsplacedtothecomplainantwithinany7consecutivedays" in text
    assert "Dayswithmorethan7calls" not in text and "Dailycalllimit" not in text
