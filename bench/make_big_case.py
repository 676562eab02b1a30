"""Build a large realistic case fast, for the benches (not the tests).

    python bench/make_big_case.py DATA_DIR [N_EVENTS]

Rows go in through the same `EventService.insert` the importers use, in one transaction,
so the search index and triggers are exercised exactly as in real use.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.core.services.workspace import Workspace  # noqa: E402

PHRASES = [
    "今天再不还款就上门", "已移交律师事务所处理", "通知你单位领导", "你已被列入征信黑名单", "明天安排外访人员",
    "请立即处理逾期账单", "联系你的紧急联系人", "再不还就起诉你", "Call about the overdue balance",
    "催收员态度恶劣，辱骂", "要求转账到个人账户", "Voicemail left, no name given", "深夜来电未接",
    "说要拘留我", "协商失败，对方拒绝分期", "短信威胁曝光通讯录",
]


def build(data_dir: Path, n: int, seed: int = 7) -> tuple[int, float]:
    rng = random.Random(seed)
    started = time.perf_counter()
    with Workspace.open(data_dir) as ws:
        case = ws.cases.create(f"Bench case {n}", "CN")
        numbers = [f"170{rng.randrange(10**8):08d}" for _ in range(60)]
        for i in range(12):
            ws.parties.add(case.id, f"催收员{i}号", "collector", numbers=numbers[i * 5:(i + 1) * 5])
        start = datetime(2024, 1, 1, 8, 0)
        with ws.db.transaction():
            for i in range(n):
                kind = rng.choice(("call", "call", "call", "sms", "chat"))
                ws.events.insert(
                    case.id, kind, start + timedelta(minutes=7 * i + rng.randrange(5)), audit=False,
                    direction="incoming", call_outcome=rng.choice(("answered", "missed", "rejected")) if kind == "call"
                    else None, contact_value=rng.choice(numbers),
                    summary=f"{rng.choice(PHRASES)} #{i}", body=rng.choice(PHRASES) if kind != "call" else "",
                    conduct=["threat"] if rng.random() < 0.05 else [],
                )
        ws.db.conn.execute("PRAGMA optimize")
    return case.id, time.perf_counter() - started


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    case_id, seconds = build(target, count)
    print(f"case {case_id}: {count} events in {seconds:.1f} s")
