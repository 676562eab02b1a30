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
        """Matching event ids, oldest first (trashed events are not indexed)."""
        terms = [t.lower() for t in _terms(query)]
        if not terms:
            return []
        params: list[object] = []
        long_terms = [t for t in terms if len(t) >= 3]
        short_terms = [t for t in terms if len(t) < 3]
        sql = "SELECT t.id FROM event_text t WHERE t.case_id = ?"
        params.append(case_id)
        if long_terms:
            sql += " AND t.id IN (SELECT rowid FROM event_search WHERE event_search MATCH ?)"
            params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
        for term in short_terms:
            sql += " AND instr(t.text, ?) > 0"
            params.append(term)
        sql += " ORDER BY t.start_utc, t.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.db.execute(sql, params)]
