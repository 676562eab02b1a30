"""Full-text search over a case's events (summaries, quotes, message bodies, numbers, party names).

SQLite's FTS5 trigram index answers queries of three or more characters.  Chinese words are
often two characters (律师, 拘留), which trigram cannot match, so a query with any term shorter
than three characters scans the indexed text of that case instead — still fast, because the
index table holds only the text, not whole event rows.  Several words must all match.
"""

from __future__ import annotations

from desktop_app.core.domain.phones import analyse, number_query_digits
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
        digits = number_query_digits(query)
        if digits:
            found = set(self._text_ids(case_id, terms)) | set(self._number_ids(case_id, query, digits))
            ids = [r[0] for r in self.db.execute(
                "SELECT id FROM event_text WHERE case_id = ? ORDER BY start_utc, id", (case_id,)) if r[0] in found]
            return ids[:limit] if limit else ids
        return self._text_ids(case_id, terms, limit)

    def _number_ids(self, case_id: int, query: str, digits: str) -> list[int]:
        """Events whose number key is the query's number or ends with its digits (keys are
        "+18885550163", "short:CN:95555", "raw:12345"), and events tied to a party whose contact
        point is that number: logged with no number of their own (a call noted as "Mike Turner"),
        or made to that party (the collector calling your sister finds her number).  An event with a
        different number of its own is not matched through its party: the search is for a number."""
        row = self.db.execute("SELECT jurisdiction FROM cases WHERE id = ?", (case_id,)).fetchone()
        exact = analyse(query, row[0] if row else "CN").key
        tail = "%" + digits
        owners = ("(SELECT cp.party_id FROM contact_points cp JOIN parties p ON p.id = cp.party_id "
                  "WHERE p.case_id = ? AND (cp.key = ? OR cp.key LIKE ?))")
        return [r[0] for r in self.db.execute(
            "SELECT e.id FROM events e WHERE e.case_id = ? AND e.deleted_at IS NULL AND "
            f"(e.contact_key = ? OR e.contact_key LIKE ? OR (e.contact_key = '' AND e.party_id IN {owners}) "
            f"OR e.target_party_id IN {owners})",
            (case_id, exact, tail, case_id, exact, tail, case_id, exact, tail))]

    def _text_ids(self, case_id: int, terms: list[str], limit: int | None = None) -> list[int]:
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
