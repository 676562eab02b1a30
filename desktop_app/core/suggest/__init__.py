"""Suggested conduct: misconduct the other side's own words show (issue 18).

Pattern files are data (resources/suggest/*.toml, loaded and checked by `patterns`); `matcher`
finds them in a text and drops hits that are negated, hypothetical or warnings against
impostors; `stored` keeps the result in an event's `details`, apart from the conduct the user
confirmed, which alone feeds the rules.
"""

from desktop_app.core.suggest.matcher import Hit, Matcher, matcher, suggest
from desktop_app.core.suggest.stored import (
    DISMISSED,
    SPANS,
    SUGGESTED,
    applies,
    refresh_details,
    suggest_imported,
    suggested_conduct,
)

__all__ = ["DISMISSED", "SPANS", "SUGGESTED", "Hit", "Matcher", "applies", "matcher", "refresh_details",
           "suggest", "suggest_imported", "suggested_conduct"]
