"""Find the patterns in a text and keep only hits that are meant.

Speed (an import suggests over every message): the fixed words each pattern cannot match without
(`literals.required`) are indexed by their rarest character; a text's set of characters is
intersected with that index, and only the patterns whose words occur are run (negation and
guards are checked only around their hits).  A clean message costs a set intersection, and a
message that names a word costs the few patterns that need it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from desktop_app.core.domain.enums import Conduct
from desktop_app.core.suggest.literals import alternatives, required, trie_regex
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


#: ASCII letters to lower case, one char to one char (str.lower may change a text's length).
_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


def _lower_regex(regex: str) -> str:
    """`regex` with its letters in lower case but its escapes (\\S, \\B, \\W…) kept.

    A case-insensitive set is matched on a lower-cased text with case-sensitive expressions:
    the regex engine is two to four times faster that way than with re.IGNORECASE."""
    out = []
    escaped = False
    for ch in regex:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


class _Compiled:
    def __init__(self, ps: PatternSet) -> None:
        fold = _lower_regex if ps.ignore_case else str
        self.set = ps
        # One unit per top-level alternative of each pattern: a unit runs only on texts that hold
        # one of its own fixed words.
        # Units are compiled when first needed: an import of everyday messages needs few of them.
        self.each: list[tuple[Pattern, str, re.Pattern[str] | None]] = []
        self.compiled: list[re.Pattern[str] | None] = []
        self.always: frozenset[int] = frozenset()  # units without fixed words: run on every text
        owners: dict[str, set[int]] = {}
        for p in ps.patterns:
            unless = re.compile(fold(p.unless)) if p.unless else None
            for alt in alternatives(p.regex):
                i = len(self.each)
                self.each.append((p, fold(alt), unless))
                self.compiled.append(None)
                words = required(alt, ps.ignore_case)
                if words is None:
                    self.always |= {i}
                    continue
                for w in words:
                    owners.setdefault(w, set()).add(i)
        self.negation = re.compile(fold(ps.negation))
        self.guards = [(g, re.compile(fold(g.regex))) for g in ps.guards]
        # Each word is filed under its rarest character (not one of the file's common characters,
        # and among the rest the one fewest words use): a text's set of characters meets few keys,
        # and under each key the words are grouped by the patterns that need them (None: the key
        # itself is one of the words, so its presence is enough).
        uses: dict[str, int] = {}
        for w in owners:
            for ch in set(w):
                uses[ch] = uses.get(ch, 0) + 1
        common = set(ps.common_chars)
        grouped: dict[str, dict[frozenset[int], set[str]]] = {}
        for w, ids in owners.items():
            key = min(w, key=lambda ch: (ch in common, uses[ch], ch))
            grouped.setdefault(key, {}).setdefault(frozenset(ids), set()).add(w)
        self.keys: dict[str, list[tuple[frozenset[int], tuple[str, ...] | None]]] = {
            key: [(ids, None if key in words else tuple(sorted(words))) for ids, words in groups.items()]
            for key, groups in grouped.items()}
        # Latin text shares a few letter pairs among many words ("yo", "th"): there one scan with
        # a trie-shaped alternation of all the words is faster; it reports the longest word at each
        # position, whose prefixes among the words are the other words found there.
        self.trie: re.Pattern[str] | None = None
        if ps.language == "en":
            self.trie = re.compile(f"(?=({trie_regex(set(owners))}))")
            self.owners = {w: frozenset(i for k in range(1, len(w) + 1) for i in owners.get(w[:k], ()))
                           for w in owners}

    def candidates(self, text: str) -> set[int]:
        """The units whose fixed words occur in `text` (lower-cased for a case-insensitive set)."""
        run = set(self.always)
        if self.trie is not None:
            for word in set(self.trie.findall(text)):
                run |= self.owners[word]
            return run
        for key in self.keys.keys() & set(text):
            for ids, words in self.keys[key]:
                if not ids <= run and (words is None or any(map(text.__contains__, words))):
                    run |= ids
        return run


class Matcher:
    def __init__(self, sets: list[PatternSet], traditional: dict[int, int]) -> None:
        self.langs = {ps.language: _Compiled(ps) for ps in sets}
        self.table: dict[int, int | str | None] = {**traditional, **_PLAIN}
        # One translation for the usual case where every set ignores case (all shipped ones do).
        self.fold_all = all(ps.ignore_case for ps in sets)
        if self.fold_all:
            self.table.update(_LOWER)

    def hits(self, text: str) -> list[Hit]:
        """The meant hits in `text`, in order; spans index `text` as given."""
        if not text:
            return []
        norm = text.translate(self.table)  # same length: spans stay valid in the original
        out: list[Hit] = []
        lower = norm if self.fold_all else None
        for lang, probe in (("zh_CN", _HAN), ("en", _LATIN)):
            if probe.search(norm):
                c = self.langs[lang]
                if c.set.ignore_case:
                    lower = lower or norm.translate(_LOWER)
                    out += self._hits(c, lower)
                else:
                    out += self._hits(c, norm)
        if len(out) > 1:
            out.sort(key=lambda h: (h.start, h.end, h.pattern))
        return out

    def _hits(self, c: _Compiled, text: str) -> list[Hit]:
        run = c.candidates(text)
        if not run:
            return []
        found = []
        for i in run:
            pattern, source, unless = c.each[i]
            regex = c.compiled[i]
            if regex is None:
                regex = c.compiled[i] = re.compile(source)
            for m in regex.finditer(text):
                s, e = m.span()
                if self._negated(c, text, s) or self._guarded(c, pattern, unless, text, s, e):
                    continue
                found.append(Hit(pattern.conduct, s, e, pattern.id))
        # Alternatives of one pattern may overlap; keep a pattern's hits apart, as one regex would.
        found.sort(key=lambda h: (h.start, -h.end))
        ends: dict[str, int] = {}
        out = []
        for h in found:
            if h.start >= ends.get(h.pattern, -1):
                out.append(h)
                ends[h.pattern] = h.end
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
