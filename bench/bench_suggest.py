"""Benchmark: the suggestion matcher's precision and recall on the labelled set.

Prints micro precision and recall over (message, conduct) pairs, overall and per language, and
the misses and false alarms.  Targets (issue 18): precision >= 0.90, recall >= 0.80 overall and
>= 0.70 in each language.  Usage:  python bench/bench_suggest.py [--quiet]
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.suggest import suggest  # noqa: E402

LABELLED = ROOT / "tests" / "suggest" / "labelled.toml"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    messages: int = 0
    legitimate: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(path: Path = LABELLED) -> dict[str, Score]:
    """Scores per language and under "all"."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    scores = {"all": Score()}
    for lang, items in data.items():
        s = scores[lang] = Score()
        for text, labels in items:
            want = set(labels.split())
            got = {c.value for c in suggest(text)}
            for sc in (s, scores["all"]):
                sc.messages += 1
                sc.legitimate += not want
                sc.tp += len(want & got)
                sc.fp += len(got - want)
                sc.fn += len(want - got)
            if want != got:
                s.errors.append(f"{lang}: {text}  want={sorted(want)} got={sorted(got)}")
    return scores


def main() -> None:
    scores = evaluate()
    for lang, s in scores.items():
        print(f"{lang:6} messages={s.messages:4} legitimate={s.legitimate / s.messages:.0%}  "
              f"precision={s.precision:.3f} recall={s.recall:.3f}  (tp={s.tp} fp={s.fp} fn={s.fn})")
    if "--quiet" not in sys.argv:
        for s in scores.values():
            for line in s.errors:
                print("  " + line)


if __name__ == "__main__":
    main()
