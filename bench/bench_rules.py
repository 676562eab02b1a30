"""How long the conduct rules take on a big case (target: under 2 s for 100,000 events).

    /work/venv/bin/python bench/bench_rules.py [--events 100000] [--pack cn]

Builds a case in a temporary data folder (rows inserted in one transaction, the way an import
would), then times loading the case (`ws.events.list` + parties) and running the rules
separately, plus `evaluate_case` end to end, against the baseline of the service's full
`ws.events.list` in the same run.  Prints wall and CPU time (CPU time is what to compare when
the machine is busy).  Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta

from desktop_app.core.domain.times import to_storage, zone
from desktop_app.core.rules import evaluate, evaluate_case
from desktop_app.core.rules.loading import load_events
from desktop_app.core.services.workspace import Workspace

OUTCOMES = ["answered", "missed", "missed", "rejected", "voicemail", "busy"]
CONDUCT = ["threat", "abuse", "impersonation", "false_legal_claim", "third_party_disclosure", "private_phone"]


def build(ws: Workspace, n: int, jurisdiction: str, seed: int = 7) -> int:
    rnd = random.Random(seed)
    case = ws.cases.create("bench", jurisdiction)
    tz = zone(case.tz)
    agency = ws.parties.add(case.id, "Agency", "agency").id
    collectors = [ws.parties.add(case.id, f"Collector {i}", "collector", organisation_id=agency,
                                 numbers=[f"+86170{i:08d}"]).id for i in range(20)]
    relatives = [ws.parties.add(case.id, f"Relative {i}", "third_party", relationship="relative").id
                 for i in range(5)]
    start = datetime(2024, 1, 1, tzinfo=tz)
    now = "2026-01-01T00:00:00+00:00"
    rows = []
    for i in range(n):
        when = (start + timedelta(seconds=int(i * 900 + rnd.random() * 600))).astimezone(tz)
        local, utc, fold = to_storage(when)
        who = rnd.randrange(len(collectors))
        kind = "call" if rnd.random() < 0.8 else rnd.choice(["sms", "chat", "visit"])
        third = relatives[rnd.randrange(5)] if rnd.random() < 0.03 else None
        conduct = [rnd.choice(CONDUCT)] if rnd.random() < 0.02 else []
        rows.append((case.id, kind, local, utc, fold, case.tz, "outgoing" if rnd.random() < 0.05 else "incoming",
                     rnd.choice(OUTCOMES) if kind == "call" else None, collectors[who], f"+86170{who:08d}",
                     f"+86170{who:08d}", "third_party" if third else "borrower", third, json.dumps(conduct), "{}",
                     now, now))
    with ws.db.transaction() as conn:
        conn.executemany(
            "INSERT INTO events(case_id, kind, start_local, start_utc, fold, tz, direction, call_outcome, party_id, "
            "contact_value, contact_key, target, target_party_id, conduct, details, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        req = (start + timedelta(days=200)).astimezone(tz)
        for rtype, extra in (("stop_third_party", {"target_party_id": relatives[0]}), ("preferred_hours",
                             {"hours_from": "10:00", "hours_to": "18:00"}), ("cease", {"written": True}),
                             ("no_work_contact", {})):
            local, utc, fold = to_storage(req)
            conn.execute("INSERT INTO events(case_id, kind, start_local, start_utc, fold, tz, details, created_at, "
                         "updated_at) VALUES (?, 'user_request', ?, ?, ?, ?, ?, ?, ?)",
                         (case.id, local, utc, fold, case.tz, json.dumps({"request_type": rtype, **extra}), now, now))
    return case.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(tmp) as ws:
        t0 = time.perf_counter()
        case_id = build(ws, args.events, "CN")
        print(f"built {args.events:,} events in {time.perf_counter() - t0:.2f} s")
        for pack in ("cn", "us", "uk"):
            wall: dict[str, list[float]] = {"full": [], "load": [], "rules": [], "case": []}
            cpu: dict[str, list[float]] = {"load": [], "rules": [], "case": []}
            count = 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                ws.events.list(case_id)  # the baseline: the service's full Event load
                t1, c1 = time.perf_counter(), time.process_time()
                case = ws.cases.get(case_id)
                events = load_events(ws, case_id)
                parties = ws.parties.list(case_id)
                t2, c2 = time.perf_counter(), time.process_time()
                found = evaluate(case, events, parties, pack, None, "en")
                t3, c3 = time.perf_counter(), time.process_time()
                evaluate_case(ws, case_id, pack, "zh_CN")
                t4, c4 = time.perf_counter(), time.process_time()
                wall["full"].append(t1 - t0)
                wall["load"].append(t2 - t1)
                wall["rules"].append(t3 - t2)
                wall["case"].append(t4 - t3)
                cpu["load"].append(c2 - c1)
                cpu["rules"].append(c3 - c2)
                cpu["case"].append(c4 - c3)
                count = len(found)
            w = {k: statistics.median(v) for k, v in wall.items()}
            c = {k: statistics.median(v) for k, v in cpu.items()}
            print(f"pack {pack}: {count} findings; median of {args.repeat}\n"
                  f"  wall: load {w['load']:.3f} s + rules {w['rules']:.3f} s; evaluate_case {w['case']:.3f} s\n"
                  f"  cpu:  load {c['load']:.3f} s + rules {c['rules']:.3f} s; evaluate_case {c['case']:.3f} s\n"
                  f"  baseline ws.events.list {w['full']:.3f} s wall; lean load is {w['full'] / w['load']:.1f}x "
                  f"faster; evaluate_case / baseline load = {w['case'] / w['full']:.2f}")


if __name__ == "__main__":
    main()
