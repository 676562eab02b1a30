"""How suggestions live in an event's `details` JSON, apart from the conduct the user confirmed.

- "suggested_conduct": [conduct values] the words suggest and the user has neither confirmed
  (moved into the event's `conduct`) nor dismissed;
- "suggestion_spans": [{conduct, start, end, field, pattern}] the words behind each open
  suggestion, so the editor can highlight them (start/end index the field's text);
- "dismissed_suggestions": [conduct values] the user said the words do not show.

Clean messages get none of these keys, so an import of clean messages stores `{}` as before.
Only contacts *by the other side* are read: outgoing messages and the user's own notes never
get suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desktop_app.core.domain.enums import CONTACT_KINDS, Direction, EventKind
from desktop_app.core.suggest.matcher import Hit, matcher

SUGGESTED = "suggested_conduct"
SPANS = "suggestion_spans"
DISMISSED = "dismissed_suggestions"
#: The fields that hold the other side's words (`summary` is the user's own description).
TEXT_FIELDS = ("body", "quotes")
_KINDS = frozenset(k.value for k in CONTACT_KINDS)
_OUTGOING = Direction.OUTGOING.value


def applies(kind: EventKind | str, direction: Direction | str | None) -> bool:
    """Whether an event's words are read: a contact by the other side, not one the user made."""
    return str(kind) in _KINDS and (direction is None or str(direction) != _OUTGOING)


def suggested_conduct(details: Mapping[str, Any] | None) -> list[str]:
    return list((details or {}).get(SUGGESTED) or [])


def refresh_details(details: Mapping[str, Any] | None, kind: EventKind | str, direction: Direction | str | None,
                    texts: Mapping[str, str], conduct: Iterable[str] = ()) -> dict[str, Any]:
    """`details` with the suggestion keys recomputed from `texts` ({field: text}).

    Keys the user set (dismissals) and every other key are kept; confirmed and dismissed
    conduct is not suggested again."""
    out = {k: v for k, v in (details or {}).items() if k not in (SUGGESTED, SPANS)}
    if not applies(kind, direction):
        return out
    m = matcher()
    spans = [_span(hit, field) for field, text in texts.items() for hit in m.hits(text or "")]
    return _with(out, spans, conduct)


def suggest_imported(details: dict[str, Any], kind: EventKind | str, direction: Direction | str | None,
                     body: str) -> dict[str, Any]:
    """An imported message's details with its suggestions: the same dict when there are none
    (most messages), so the import stores `{}` for them as before.  Equal to what
    `refresh_details` gives for an event with this body and no quotes."""
    if not body or not applies(kind, direction):
        return details
    hits = matcher().hits(body)
    if not hits:
        return details
    return _with({k: v for k, v in details.items() if k not in (SUGGESTED, SPANS)},
                 [_span(hit, "body") for hit in hits], ())


def _span(hit: Hit, field: str) -> dict[str, Any]:
    return {"conduct": hit.conduct.value, "start": hit.start, "end": hit.end, "field": field, "pattern": hit.pattern}


def _with(out: dict[str, Any], spans: list[dict[str, Any]], conduct: Iterable[str]) -> dict[str, Any]:
    if not spans:
        return out
    done = {str(c) for c in conduct} | set(out.get(DISMISSED) or [])
    pending = [c for c in dict.fromkeys(s["conduct"] for s in spans) if c not in done]
    if pending:  # an entry whose words show only conduct already reviewed keeps its details as typed
        out[SUGGESTED] = pending
        out[SPANS] = [s for s in spans if s["conduct"] in pending]
    return out
