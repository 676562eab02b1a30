"""Each kind of US conduct is cited to its own paragraph, never to a neighbour's."""

from __future__ import annotations

from desktop_app.core.rules import Status


def _by_article(found):
    return {f.citation.article: f for f in found}


def test_each_conduct_lands_under_its_exact_paragraph(us):
    insult = us.event("2026-05-01 10:00", conduct=["abuse"])
    threat = us.event("2026-05-02 10:00", conduct=["threat"])
    envelope = us.event("2026-05-03 10:00", "letter", conduct=["public_shaming"])
    post = us.event("2026-05-03 11:00", "chat", conduct=["public_shaming"])
    nine = us.calls([f"2026-06-{d:02d} 12:00" for d in (1, 1, 2, 3, 3, 4, 5, 6, 7)], call_outcome="missed")
    found = us.run()
    cited = _by_article(found)
    assert cited["15 U.S.C. 1692d(2)"].event_ids == [insult.id]
    assert cited["15 U.S.C. 1692d(1)"].event_ids == [threat.id]
    assert cited["15 U.S.C. 1692f(8)"].event_ids == [envelope.id]
    assert cited["15 U.S.C. 1692d(3)"].event_ids == [post.id]  # published elsewhere, not an envelope
    seven = cited["12 CFR 1006.14(b)(2)(i)(A)"]
    assert seven.count == 9 and set(seven.event_ids) == {e.id for e in nine}
    assert [c.article for c in seven.also_cited] == ["15 U.S.C. 1692d(5)"]
    assert all(f.status in (Status.LAW, Status.REGULATION) for f in found)
    # No finding is filed under a paragraph that is not its own.
    assert envelope.id not in cited["15 U.S.C. 1692d(1)"].event_ids + cited["15 U.S.C. 1692d(3)"].event_ids
    assert insult.id not in cited["15 U.S.C. 1692d(1)"].event_ids


def test_third_party_and_attorney_findings_cite_their_own_paragraphs(us):
    sister = us.party("Sister", "third_party", relationship="relative")
    us.event("2026-05-01 10:00", target_party_id=sister, conduct=["third_party_disclosure"])
    us.event("2026-05-02 10:00", target_party_id=sister)
    us.request("2026-05-03 09:00", "attorney")
    us.event("2026-05-04 10:00")
    found = us.run()
    disclosed = [f for f in found if f.rule_id == "us.third_party_disclosure" and f.citation.article.endswith("c(b)")]
    assert disclosed and disclosed[0].also_cited == []  # Reg F 1006.10(b) is about location calls only
    repeated = [f for f in found if f.citation.article == "15 U.S.C. 1692b(3)"]
    assert repeated and [c.article for c in repeated[0].also_cited] == ["12 CFR 1006.10(b)"]
    lawyer = [f for f in found if f.rule_id == "us.contact_after_cease"]
    assert [f.citation.article for f in lawyer] == ["15 U.S.C. 1692c(a)(2)"]
    assert [c.article for c in lawyer[0].also_cited] == ["12 CFR 1006.6(b)(2)"]


def test_time_citation(us):
    us.event("2026-05-01 07:30")
    found = us.findings("us.inconvenient_time")
    assert found[0].citation.article == "15 U.S.C. 1692c(a)(1)" and found[0].status == Status.LAW
