"""The labelled set meets the issue's targets (bench/bench_suggest.py prints the same figures)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from bench_suggest import LABELLED, evaluate  # noqa: E402


def test_the_set_is_big_and_balanced_enough() -> None:
    scores = evaluate(LABELLED)
    overall = scores["all"]
    assert overall.messages >= 150
    assert overall.legitimate / overall.messages >= 0.40
    assert {"zh_CN", "zh_TW", "en"} <= set(scores)


def test_precision_and_recall_meet_the_targets() -> None:
    scores = evaluate(LABELLED)
    overall = scores["all"]
    assert overall.precision >= 0.90, overall.errors
    assert overall.recall >= 0.80, overall.errors
    for lang in ("zh_CN", "zh_TW", "en"):
        assert scores[lang].recall >= 0.70, (lang, scores[lang].errors)
