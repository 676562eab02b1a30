"""Load and check the suggestion pattern files (resources/suggest/*.toml).

A file holds one language's patterns as regular expressions, each naming the `Conduct` it
suggests, why, the rule it relates to (a rule id of resources/rules/*.toml, or an article) and
reviewed examples that must and must not match (tests/suggest runs them).  Readable building
blocks are written once under `[vocab]` and used as `{name}`; negation cues, the clause window
and sentence-level guards (warnings against impostors, reported rumours) are data too.

Traditional Chinese is read through zh_TW.toml's explicit character map: every Traditional
character the patterns need is mapped one to one to its Simplified form before matching, so the
Simplified patterns serve both scripts and the spans found point into the text as written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.core.domain.enums import Conduct
from desktop_app.core.errors import AppError
from desktop_app.core.i18n import _
from desktop_app.core.paths import resource_path

#: The pattern files, one per language the matcher reads.
LANGUAGES = ("zh_CN", "en")
_VOCAB_REF = re.compile(r"\{([a-z_]+)\}")


class PatternFileError(AppError):
    """A suggestion pattern file is missing or malformed (a packaging bug, but say which file)."""


@dataclass(frozen=True)
class Pattern:
    id: str
    conduct: Conduct
    regex: str  # with {vocab} expanded
    note: str
    rule: str  # the rule id or article it relates to
    citation: str
    match: tuple[str, ...]  # reviewed examples that must suggest `conduct`
    clean: tuple[str, ...]  # reviewed examples that must not
    unless: str = ""  # words that, in the same sentence, cancel this pattern


@dataclass(frozen=True)
class Guard:
    """Sentence-level words that cancel hits of some conducts (all when `conducts` is empty)."""

    id: str
    regex: str
    conducts: frozenset[Conduct]
    note: str


@dataclass(frozen=True)
class PatternSet:
    language: str
    path: Path
    patterns: tuple[Pattern, ...]
    guards: tuple[Guard, ...]
    negation: str  # cues that negate a hit when they come shortly before it, in the same clause
    window: int  # how many characters before a hit the negation cues are looked for
    ignore_case: bool
    common_chars: str = ""  # speed only: characters most texts contain, never used as a word's key


def _expand(text: str, vocab: dict[str, str], where: str) -> str:
    for _depth in range(5):
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in vocab:
                raise ValueError(f"{where}: unknown vocabulary {{{name}}}")
            return f"(?:{vocab[name]})"
        new = _VOCAB_REF.sub(sub, text)
        if new == text:
            return new
        text = new
    raise ValueError(f"{where}: vocabulary nested too deep")


def _check_regex(regex: str, flags: int, where: str) -> None:
    try:
        compiled = re.compile(regex, flags)
    except re.error as exc:
        raise ValueError(f"{where}: invalid regular expression ({exc})") from exc
    if compiled.groups:  # groups would break the combined prefilter's cost model; (?:…) is enough
        raise ValueError(f"{where}: use (?:…) instead of capturing groups")
    if compiled.match(""):
        raise ValueError(f"{where}: the expression matches an empty text")


def parse(language: str, path: Path, data: dict[str, Any]) -> PatternSet:
    ignore_case = bool(data.get("ignore_case", False))
    flags = re.IGNORECASE if ignore_case else 0
    vocab = {str(k): str(v) for k, v in data.get("vocab", {}).items()}
    neg = data["negation"]
    negation = _expand(neg["cues"], vocab, "negation")
    _check_regex(negation, flags, "negation")
    guards = []
    for raw in data.get("guards", []):
        regex = _expand(raw["regex"], vocab, f"guard {raw['id']}")
        _check_regex(regex, flags, f"guard {raw['id']}")
        guards.append(Guard(raw["id"], regex, frozenset(Conduct(c) for c in raw.get("conducts", [])),
                            raw["note"]))
    patterns = []
    seen: set[str] = set()
    for raw in data["patterns"]:
        pid = raw["id"]
        if pid in seen:
            raise ValueError(f"pattern {pid}: the id is used twice")
        seen.add(pid)
        regex = _expand(raw["regex"], vocab, f"pattern {pid}")
        _check_regex(regex, flags, f"pattern {pid}")
        unless = _expand(raw.get("unless", ""), vocab, f"pattern {pid}")
        if unless:
            _check_regex(unless, flags, f"pattern {pid} unless")
        if not raw.get("match"):
            raise ValueError(f"pattern {pid}: give at least one example it must match")
        patterns.append(Pattern(pid, Conduct(raw["conduct"]), regex, raw["note"], raw["rule"], raw["citation"],
                                tuple(raw["match"]), tuple(raw.get("clean", [])), unless))
    if not patterns:
        raise ValueError("the file has no patterns")
    return PatternSet(language, path, tuple(patterns), tuple(guards), negation, int(neg["window"]), ignore_case,
                      str(data.get("common_chars", "")))


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise PatternFileError(_("{path}: the suggestion patterns cannot be read ({error})").format(
            path=path, error=exc.strerror)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise PatternFileError(_("{path}: the suggestion patterns are not valid TOML ({error})").format(
            path=path, error=exc)) from exc


@lru_cache(maxsize=4)
def load(language: str) -> PatternSet:
    """One language's patterns, checked; a malformed file raises PatternFileError naming it."""
    if language not in LANGUAGES:
        raise PatternFileError(_("{language}: no suggestion patterns for this language").format(language=language))
    path = resource_path("suggest", f"{language}.toml")
    data = _read(path)
    try:
        return parse(language, path, data)
    except (KeyError, ValueError, TypeError) as exc:
        raise PatternFileError(_("{path}: the suggestion patterns are malformed ({error})").format(
            path=path, error=exc)) from exc


@lru_cache(maxsize=1)
def traditional_map() -> dict[int, int]:
    """zh_TW.toml's Traditional → Simplified map, as a str.translate table (one char to one char)."""
    path = resource_path("suggest", "zh_TW.toml")
    data = _read(path)
    table: dict[int, int] = {}
    try:
        for pair in " ".join(data["pairs"]).split():
            if len(pair) != 2:
                raise ValueError(f"{pair!r} is not one Traditional then one Simplified character")
            trad, simp = pair[0], pair[1]
            if table.get(ord(trad), ord(simp)) != ord(simp):
                raise ValueError(f"{trad} is mapped twice")
            table[ord(trad)] = ord(simp)
    except (KeyError, ValueError, TypeError) as exc:
        raise PatternFileError(_("{path}: the character map is malformed ({error})").format(
            path=path, error=exc)) from exc
    return table
