"""Counts of suggested and confirmed conduct, for `findings --json`, the suggestions list and the
dossier.  A suggestion is not a fact: these texts name it only as unreviewed words."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from desktop_app.core.domain.enums import Conduct
from desktop_app.core.domain.labels import label
from desktop_app.core.i18n import current_language, translate_plural, translator
from desktop_app.core.rules.packs import load_pack
from desktop_app.core.suggest.stored import SUGGESTED

if TYPE_CHECKING:
    from desktop_app.core.services.workspace import Workspace

#: Checks that read these conducts besides the `conduct` check's own options.
_DISCLOSURE_CHECKS = {"cn_third_party": {"third_party_disclosure"}, "us_third_party": {"third_party_disclosure"},
                      "uk_disclosure": {"third_party_disclosure", "public_shaming"}}


def counts(ws: Workspace, case_id: int) -> dict[str, dict[str, int]]:
    """{conduct: {"confirmed": events that have it, "suggested": events whose words suggest it and
    the user has not reviewed}} over the case's live events; conducts with neither are left out."""
    confirmed: Counter[str] = Counter()
    suggested: Counter[str] = Counter()
    for conduct, details in ws.db.execute(
            "SELECT conduct, details FROM events WHERE case_id = ? AND deleted_at IS NULL "
            "AND (conduct != '[]' OR details LIKE '%\"suggested_conduct\"%')", (case_id,)):
        confirmed.update(json.loads(conduct))
        if SUGGESTED in details:
            suggested.update(json.loads(details).get(SUGGESTED) or [])
    return {c.value: {"confirmed": confirmed[c.value], "suggested": suggested[c.value]}
            for c in Conduct if confirmed[c.value] or suggested[c.value]}


def annotate_findings(ws: Workspace, case_id: int, pack: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`findings --json` entries about one conduct gain "conduct", "confirmed_count" and
    "suggested_count" (unreviewed suggestions of that conduct in the case); the others are unchanged."""
    rules = {r.id: r for r in load_pack(pack).rules}
    if not findings:
        return findings
    tally = counts(ws, case_id)
    by_id = {}
    ids = {i for f in findings for i in f.get("event_ids", [])}
    if ids:
        marks = ",".join("?" * len(ids))
        by_id = {eid: set(json.loads(c)) for eid, c in ws.db.execute(
            f"SELECT id, conduct FROM events WHERE id IN ({marks})", tuple(ids))}
    for f in findings:
        rule = rules.get(str(f.get("rule_id", "")))
        if rule is None:
            continue
        readable = set(rule.options.get("conduct", {})) | _DISCLOSURE_CHECKS.get(rule.check, set())
        present = set().union(*(by_id.get(i, set()) for i in f["event_ids"])) & readable if f["event_ids"] else set()
        if len(present) == 1:
            conduct = present.pop()
            f["conduct"] = conduct
            f["confirmed_count"] = tally.get(conduct, {}).get("confirmed", 0)
            f["suggested_count"] = tally.get(conduct, {}).get("suggested", 0)
    return findings


def unreviewed_lines(ws: Workspace, case_id: int, lang: str | None = None) -> list[str]:
    """One sentence per conduct with unreviewed suggestions, e.g. "3 messages contain words
    suggesting: Threats, not yet reviewed." — all a findings panel or a dossier may say of them
    (in `lang`, default the UI's language)."""
    lang = lang or current_language()
    t = translator(lang)
    out = []
    for conduct, n in counts(ws, case_id).items():
        if n["suggested"]:
            out.append(translate_plural(
                "{n} message contains words suggesting: {what}, not yet reviewed.",
                "{n} messages contain words suggesting: {what}, not yet reviewed.",
                n["suggested"], lang).format(n=n["suggested"], what=label(Conduct(conduct), t)))
    return out
