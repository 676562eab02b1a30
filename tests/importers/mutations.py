"""Damaging a real file a few times over: a Hypothesis strategy for the importer fuzz tests, and the same
damage driven by a seeded random generator for the hostile-input corpus (tests/hostile/hostile_corpus.py)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from hypothesis import strategies as st

T = TypeVar("T")


def damage(source: bytes, inserts: Sequence[bytes], integer: Callable[[int, int], int],
           one: Callable[[Sequence[T]], T]) -> bytes:
    """`source` with one to six flipped bytes, cuts, deletions, or insertions drawn from `inserts`;
    `integer(lo, hi)` and `one(items)` make every choice (Hypothesis draws, or a seeded random)."""
    data = bytearray(source)
    for _ in range(integer(1, 6)):
        action = one(["flip", "cut", "insert", "delete"])
        pos = integer(0, max(len(data) - 1, 0))
        if action == "flip" and data:
            data[pos] = integer(0, 255)
        elif action == "cut":
            del data[pos:]
        elif action == "insert":
            data[pos:pos] = one(list(inserts))
        elif data:
            del data[pos:pos + integer(1, 40)]
    return bytes(data)


@st.composite
def mutated(draw, source: bytes, inserts: Sequence[bytes]) -> bytes:
    """A Hypothesis strategy: `damage` with every choice drawn (so failures shrink)."""
    return damage(source, inserts, lambda lo, hi: draw(st.integers(lo, hi)), lambda items: draw(st.sampled_from(items)))


def seeded_mutations(source: bytes, inserts: Sequence[bytes], seed: int, count: int) -> list[bytes]:
    """`count` damaged copies of `source`, the same on every run."""
    rng = random.Random(seed)
    return [damage(source, inserts, rng.randint, rng.choice) for _ in range(count)]
