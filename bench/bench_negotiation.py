"""Negotiation letter speed: schedule maths and PDF build, against a baseline from the same run.

    python bench/bench_negotiation.py

Baseline: a one-page ReportLab document with the same fonts (what any PDF costs here).
Measured: compute_schedule for 360 instalments with interest (x200), and the full letter for
a 12-instalment and a 60-instalment plan in each language.  Prints seconds and the ratio to
the baseline; the letter should stay within a few baselines so the dialog feels instant.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(fn, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    from reportlab.platypus import Paragraph

    from desktop_app.core.domain.negotiation import Negotiation, Proposal, compute_schedule
    from desktop_app.core.report import fonts, layout
    from desktop_app.core.report.common import ReportOptions, build_report
    from desktop_app.core.services.workspace import Workspace

    tmp = Path(tempfile.mkdtemp(prefix="bench-neg-"))
    fonts.register()

    def baseline() -> None:
        doc = layout.ReportDoc(str(tmp / "base.pdf"), lang="zh_CN", title="基线")
        doc.build([Paragraph("协商还款申请 baseline", layout.styles("zh_CN")["body"])])

    timed(baseline)  # warm the font caches once so the baseline is the steady state
    base = timed(baseline, 5)
    print(f"baseline one-page PDF          {base:8.3f} s   1.0x")

    p = Proposal(base_amount=Decimal("987654.32"), instalments=360, first_due=date(2027, 1, 31),
                 annual_rate=Decimal("7.2"), down_payment=Decimal("5000"))
    t = timed(lambda: compute_schedule(p, None, today=date(2026, 11, 22)), 200)
    print(f"schedule, 360 instalments      {t * 1000:8.3f} ms  {t / base:.2f}x")

    with Workspace.open(tmp / "data") as ws:
        case = ws.cases.create("bench", "CN", platform="某银行", product_type="信用卡", account_numbers="6225 0000",
                               balance=Decimal("53217.45"), borrower_name="张三", overdue_since=date(2026, 7, 1))
        for n in (12, 60):
            neg = Negotiation.from_dict({
                "income": [{"label": "工资", "monthly": "6000"}], "expenses": [{"label": "房租", "monthly": "1500"}],
                "hardship": [{"what": "失业", "from_date": "2026-06-01"}],
                "proposal": {"instalments": n, "first_due": "2027-01-15"}, "letter_date": "2026-11-22"})
            ws.cases.update(case.id, negotiation=neg.to_dict())
            for lang in ("zh_CN", "zh_TW", "en"):
                out = tmp / f"letter-{n}-{lang}.pdf"
                t = timed(lambda out=out, lang=lang: build_report(ws, case.id, ReportOptions(
                    kind="negotiation", lang=lang), out), 3)
                print(f"letter {n:2d} instalments {lang:5s}   {t:8.3f} s   {t / base:.1f}x   "
                      f"{out.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
