"""Phone databases with a column missing or holding nonsense (iPhone, Huawei), built with sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

APPLE_2024 = 732_000_000  # seconds since 2001-01-01: March 2024


def _db(path: Path, *statements: str, rows: tuple[str, list[tuple]] | None = None) -> Path:
    conn = sqlite3.connect(path)
    for sql in statements:
        conn.execute(sql)
    if rows:
        conn.executemany(rows[0], rows[1])
    conn.commit()
    conn.close()
    return path


def ios_calls(path: Path, *, address: bool = True, duration: object = 61.0) -> Path:
    cols = "Z_PK INTEGER PRIMARY KEY, ZDATE TIMESTAMP, ZDURATION, ZORIGINATED INTEGER, ZANSWERED INTEGER" + (
        ", ZADDRESS" if address else "")
    values = [(i, APPLE_2024 + i * 600, duration if i == 2 else 30.0, 0, 1) + (("+8617000001111",) if address else ())
              for i in (1, 2, 3)]
    marks = ",".join("?" * len(values[0]))
    return _db(path, f"CREATE TABLE ZCALLRECORD ({cols})", rows=(f"INSERT INTO ZCALLRECORD VALUES ({marks})", values))


def ios_sms(path: Path, *, text: bool = True) -> Path:
    cols = "ROWID INTEGER PRIMARY KEY, handle_id INTEGER, date INTEGER, is_from_me INTEGER" + (", text" if text else "")
    values = [(i, 1, (APPLE_2024 + i * 600) * 10**9, 0) + ((f"message {i}",) if text else ()) for i in (1, 2)]
    marks = ",".join("?" * len(values[0]))
    return _db(path, "CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT)",
               "INSERT INTO handle VALUES (1, '+8617000001111')",
               f"CREATE TABLE message ({cols})", rows=(f"INSERT INTO message VALUES ({marks})", values))


def huawei_calls(path: Path, *, number: bool = True) -> Path:
    cols = "date INTEGER, duration INTEGER, type INTEGER" + (", number TEXT" if number else "")
    values = [(1_710_000_000_000 + i * 60_000, 30, 1) + (("17000001111",) if number else ()) for i in (1, 2)]
    marks = ",".join("?" * len(values[0]))
    return _db(path, f"CREATE TABLE calls_tb ({cols})", rows=(f"INSERT INTO calls_tb VALUES ({marks})", values))
