"""The literal words a regular expression cannot match without, for a fast prefilter.

`required(regex)` walks the parsed expression and returns a set of strings one of which every
match contains (None when it cannot tell, e.g. a pattern that starts with `.{0,6}` and has no
other fixed part).  The matcher runs a pattern only on texts that contain one of its words.
"""

from __future__ import annotations

import re

# The standard library's own parser (stable across 3.11-3.13); typeshed leaves these private modules out.
from re import _constants as C  # type: ignore[attr-defined]  # noqa: N812
from re import _parser as P  # type: ignore[attr-defined]  # noqa: N812
from typing import Any

_MAX_CLASS = 12  # a character class of at most this many literal characters counts as alternatives
_MAX_SET = 400  # beyond this many alternatives a set is no use as a filter
Lits = frozenset[str] | None


def required(regex: str, ignore_case: bool = False) -> Lits:
    lits = _seq(list(P.parse(regex)))
    if lits is None or not lits or "" in lits:
        return None
    return frozenset(s.lower() for s in lits) if ignore_case else lits


#: Words too common in collection messages to filter on: a set holding one is chosen last.
_COMMON = frozenset("还把给和跟向打转付存汇找借卖我你您的是了在有") | frozenset({
    "me", "from", "pay", "card", "add", "put", "post", "take", "lose", "call", "let", "know", "find", "hear",
    "tell", "text", "send", "give", "i am", "i'm", "own ", "ask ", "cash", "loan", "sell", "end", "life",
    "live", "dead", "f", "hole", "rat", "pig", "$", "your", "you", "will", "we", "the", "a", "to", "on"})


def _score(lits: frozenset[str]) -> tuple[bool, int, int]:
    return (not lits & _COMMON, min(len(s) for s in lits), -len(lits))


def _seq(items: list[tuple[Any, Any]]) -> Lits:
    """A sequence: the best of its parts' sets, runs of fixed text joined into longer words."""
    best: Lits = None
    run: list[frozenset[str]] = []  # consecutive parts that are each a set of exact strings

    def close() -> None:
        nonlocal best, run
        if run:
            joined = run[0]
            for part in run[1:]:
                if len(joined) * len(part) > _MAX_SET:
                    break
                joined = frozenset(a + b for a in joined for b in part)
            if best is None or _score(joined) > _score(best):
                best = joined
        run = []

    for op, av in items:
        exact = _exact(op, av)
        if exact is not None:
            run.append(exact)
            continue
        close()
        lits = _node(op, av)
        if lits is not None and (best is None or _score(lits) > _score(best)):
            best = lits
    close()
    return best


def _exact(op: Any, av: Any) -> frozenset[str] | None:
    """The strings a part matches when it matches only fixed text (a literal, a small class, a
    group of alternatives that are all fixed text), else None."""
    if op is C.LITERAL:
        return frozenset({chr(av)})
    if op is C.IN:
        chars = [chr(v) for o, v in av if o is C.LITERAL]
        if len(chars) == len(av) and 0 < len(chars) <= _MAX_CLASS:
            return frozenset(chars)
        return None
    if op is C.SUBPATTERN:
        return _exact_seq(list(av[-1]))
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            e = _exact_seq(list(alt))
            if e is None:
                return None
            out |= e
        return frozenset(out) if len(out) <= _MAX_SET else None
    return None


def _exact_seq(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    acc = frozenset({""})
    for op, av in items:
        e = _exact(op, av)
        if e is None or len(acc) * len(e) > _MAX_SET:
            return None
        acc = frozenset(a + b for a in acc for b in e)
    return acc


def _node(op: Any, av: Any) -> Lits:
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            lits = _seq(list(alt))
            if lits is None:
                return None
            out |= lits
        return frozenset(out) if len(out) <= _MAX_SET else None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        return _seq(list(sub)) if low >= 1 else None
    return None  # ANY, AT, lookarounds, large classes: no fixed text


def trie_regex(words: set[str]) -> str:
    """One alternation shaped like a trie (shared prefixes factored out, longer words first), so
    the regex engine tries one branch per distinct next character instead of every word."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def alternatives(regex: str) -> list[str]:
    """`regex` split at its top-level `|` (not inside a group or a character class), so that each
    alternative can be filtered on its own words: a pattern whose one alternative names a common
    word then costs only that alternative."""
    out, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if regex[i + 1:i + 2] == "^":
                i += 1
            if regex[i + 1:i + 2] == "]":  # a literal ] first in a class
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(regex[start:i])
            start = i + 1
        i += 1
    out.append(regex[start:])
    return out
