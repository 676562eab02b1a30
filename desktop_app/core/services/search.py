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

    def index_import(self, import_id: int, after_id: int = 0) -> int:
        """Index the live events of one import (those with ids above `after_id`), in the caller's
        transaction.  Rows an import inserts are not indexed one by one (see schema_v2.sql): two
        set-based statements at the end of the import are ten times faster.  Returns the row count."""
        conn = self.db.conn
        if not conn.in_transaction:
            raise RuntimeError("index_import must run inside the import's transaction")
        # Same text as the events_text_ai trigger.  The index first, while event_text does not yet
        # hold these rows (NOT EXISTS keeps a row some other statement already indexed out of both).
        rows = ("SELECT e.id, e.case_id, e.start_utc, lower(e.summary || char(10) || e.quotes || char(10) || e.body "
                "|| char(10) || e.contact_value || char(10) || COALESCE(p.name, '')) AS text "
                "FROM events e LEFT JOIN parties p ON p.id = e.party_id "
                "WHERE e.id > ? AND e.import_id = ? AND e.deleted_at IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM event_text t WHERE t.id = e.id)")
        conn.execute(f"INSERT INTO event_search(rowid, text) SELECT id, text FROM ({rows})", (after_id, import_id))
        cur = conn.execute(f"INSERT INTO event_text(id, case_id, start_utc, text) {rows}", (after_id, import_id))
        return cur.rowcount
