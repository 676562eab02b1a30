"""Find the patterns in a text and keep only hits that are meant.

Speed (an import suggests over every message): the fixed words each pattern cannot match without
(`literals.required`) are indexed by their first two characters; a text's character pairs are
looked up in that index with set operations, and only the patterns whose words occur are run
(negation and guards are checked only around their hits).  A clean message costs one pass over
its pairs, and a message that names a word costs the few patterns that need it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop_app.core.domain.enums import Conduct
from desktop_app.core.suggest.literals import required
from desktop_app.core.suggest.patterns import LANGUAGES, Pattern, PatternSet, load, traditional_map

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]{2}")
#: Ends a clause: a negation cue before it does not reach a hit after it.
_CLAUSE_END = re.compile(r"[，,。.！!？?；;：:\n、…—()（）「」『』“”\"]")
#: Ends a sentence: a guard word must be in the hit's own sentence.
_SENTENCE_END = re.compile(r"[。！!？?；;\n]|\.(?:\s|$)")
#: Typographic apostrophes and full-width letters read as plain ones (one char to one char).
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u3000": " "}
                       | {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)
                          if chr(c) not in "，。！？；：（）"})


@dataclass(frozen=True)
class Hit:
    conduct: Conduct
    start: int
    end: int
    pattern: str  # the pattern's id


class _Compiled:
    def __init__(self, ps: PatternSet) -> None:
        flags = re.IGNORECASE if ps.ignore_case else 0
        self.set = ps
        self.each: list[tuple[Pattern, re.Pattern[str], re.Pattern[str] | None]] = [
            (p, re.compile(p.regex, flags), re.compile(p.unless, flags) if p.unless else None)
            for p in ps.patterns]
        self.negation = re.compile(ps.negation, flags)
        self.guards = [(g, re.compile(g.regex, flags)) for g in ps.guards]
        self.always: frozenset[int] = frozenset()  # patterns without fixed words: run on every text
        owners: dict[str, set[int]] = {}
        for i, p in enumerate(ps.patterns):
            words = required(p.regex, ps.ignore_case)
            if words is None:
                self.always |= {i}
                continue
            for w in words:
                owners.setdefault(w, set()).add(i)
        #: one-character words, and longer words by their first two characters
        self.singles = {w: frozenset(ids) for w, ids in owners.items() if len(w) == 1}
        self.pairs: dict[str, list[tuple[str, frozenset[int]]]] = {}
        for w, ids in owners.items():
            if len(w) > 1:
                self.pairs.setdefault(w[:2], []).append((w, frozenset(ids)))

    def candidates(self, text: str) -> set[int]:
        """The patterns whose fixed words occur in `text` (plus those that have none)."""
        if self.set.ignore_case:
            text = text.lower()
        run = set(self.always)
        for ch in self.singles.keys() & set(text):
            run |= self.singles[ch]
        for pair in self.pairs.keys() & {text[i:i + 2] for i in range(len(text) - 1)}:
            for word, ids in self.pairs[pair]:
                if not ids <= run and (len(word) == 2 or word in text):
                    run |= ids
        return run


class Matcher:
    def __init__(self, sets: list[PatternSet], traditional: dict[int, int]) -> None:
        self.langs = {ps.language: _Compiled(ps) for ps in sets}
        self.table = {**traditional, **_PLAIN}

    def hits(self, text: str) -> list[Hit]:
        """The meant hits in `text`, in order; spans index `text` as given."""
        if not text:
            return []
        norm = text.translate(self.table)  # same length: spans stay valid in the original
        out: list[Hit] = []
        if _HAN.search(norm):
            out += self._hits(self.langs["zh_CN"], norm)
        if _LATIN.search(norm):
            out += self._hits(self.langs["en"], norm)
        out.sort(key=lambda h: (h.start, h.end))
        return out

    def _hits(self, c: _Compiled, text: str) -> list[Hit]:
        run = c.candidates(text)
        if not run:
            return []
        out = []
        for i in sorted(run):
            pattern, regex, unless = c.each[i]
            for m in regex.finditer(text):
                s, e = m.span()
                if self._negated(c, text, s) or self._guarded(c, pattern, unless, text, s, e):
                    continue
                out.append(Hit(pattern.conduct, s, e, pattern.id))
        return out

    @staticmethod
    def _negated(c: _Compiled, text: str, start: int) -> bool:
        before = text[max(0, start - c.set.window):start]
        before = before[max((m.end() for m in _CLAUSE_END.finditer(before)), default=0):]
        return c.negation.search(before) is not None

    @staticmethod
    def _guarded(c: _Compiled, pattern: Pattern, unless: re.Pattern[str] | None, text: str, s: int, e: int) -> bool:
        begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, s)), default=0)
        end_m = _SENTENCE_END.search(text, e)
        sentence = text[begin:end_m.start() if end_m else len(text)]
        if unless is not None and unless.search(sentence):
            return True
        return any((not g.conducts or pattern.conduct in g.conducts) and rx.search(sentence)
                   for g, rx in c.guards)


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    """The app's matcher over the shipped pattern files (built once per process)."""
    return Matcher([load(lang) for lang in LANGUAGES], traditional_map())


def suggest(text: str) -> list[Conduct]:
    """The conducts `text` suggests, each once, in the order of their first hit."""
    seen: dict[Conduct, None] = {}
    for hit in matcher().hits(text):
        seen.setdefault(hit.conduct, None)
    return list(seen)
