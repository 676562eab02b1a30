"""Full-text search over a case's events (summaries, quotes, message bodies, numbers, party names).

SQLite's FTS5 trigram index answers queries of three or more characters.  Chinese words are
often two characters (律师, 拘留), which trigram cannot match, so a query with any term shorter
than three characters scans the indexed text of that case instead — still fast, because the
index table holds only the text, not whole event rows.  Several words must all match.
"""

from __future__ import annotations

from desktop_app.core.storage.db import Database


def _terms(query: str) -> list[str]:
    return [t for t in query.replace("\u3000", " ").split() if t]


class SearchService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def search_ids(self, case_id: int, query: str, limit: int | None = None) -> list[int]:
        """Matching event ids, oldest first (deleted events excluded)."""
        terms = _terms(query)
        if not terms:
            return []
        params: list[object] = []
        if all(len(t) >= 3 for t in terms):
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
            inner = "SELECT rowid FROM event_search WHERE event_search MATCH ?"
            params.append(match)
        else:
            likes = " AND ".join(["text LIKE ? ESCAPE '\\'"] * len(terms))
            inner = f"SELECT rowid FROM event_search WHERE case_id = ? AND {likes}"
            params.append(case_id)
            params.extend("%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms)
        sql = (f"SELECT e.id FROM events e WHERE e.id IN ({inner}) AND e.case_id = ? AND e.deleted_at IS NULL "
               "ORDER BY e.start_utc, e.id")
        params.append(case_id)
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.db.execute(sql, params)]
