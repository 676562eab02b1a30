"""A Hypothesis strategy shared by the importer fuzz tests: a real file damaged a few times over."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st


@st.composite
def mutated(draw, source: bytes, inserts: Sequence[bytes]) -> bytes:
    """`source` with one to six flipped bytes, cuts, deletions, or insertions drawn from `inserts`."""
    data = bytearray(source)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[pos:]
        elif action == "insert":
            data[pos:pos] = draw(st.sampled_from(list(inserts)))
        elif data:
            del data[pos:pos + draw(st.integers(1, 40))]
    return bytes(data)
