"""Hiding third parties (relatives, employer, colleagues) in a dossier: every written form.

A third party's name or number must not reach the PDF in any form the user or a phone may
have written it.  `Matcher` finds, in any text:

* names: the name as stored, without its bracketed note ("陈秀兰（母亲）" → "陈秀兰"), a Chinese
  person's given name ("秀兰"), a Chinese company without its place and legal form
  ("深圳市南岭精密电子有限公司" → "南岭精密电子"), a Latin name's words ("Rachel") — except words
  it shares with the complainant or another named party ("Whitfield" is also Dana Whitfield's
  name, so it is hidden only as part of "Rachel Whitfield"); full-width letters and digits
  ("Ｒａｃｈｅｌ"), Latin names in any case, with or without accents ("LOPEZ", "María" for
  "Maria López"), spaces inside a name ("陈 秀 兰") and the other script of a Chinese name
  ("陳秀蘭" for "陈秀兰", resources/text/hanzi_variants.txt) match too;
* numbers: any run of digits (half or full width) with spaces, dashes, dots, slashes or
  brackets between them whose digits contain the number's national significant digits
  ("+86 171 3357 0826", "0086-171…", "(717) 555-0131"), or are its last 7 or more digits (a
  local number written without its area code: "2668 3310", "555-0131"), or an older mask of
  it ("171****0826").  Another number that only shares an area code and exchange with it
  ("(610) 555-0177" beside "(610) 555-0119") is left alone;
* accounts (WeChat ids, e-mail addresses) as written, in any case.

`redact_tree()` applies the matcher to every string of the gathered data (dataclasses, lists,
dicts) at once, so no drawing code can forget one; `strings()` lists those strings for the
missing-glyph check.  Images and recordings are not changed: the dossier says so.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from functools import lru_cache
from typing import Any

from desktop_app.core.domain.phones import national_digits, redacted

log = logging.getLogger(__name__)

# Fields that hold no prose: file locations, hashes, types, zones.  They are neither changed
# (the exhibit must still be found) nor printed as text.
SKIP_FIELDS = frozenset({"path", "sha256", "source_sha256", "mime", "tz", "dedupe_key", "url", "lang", "pack",
                         "rule_id"})
_ORG_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司|分公司|公司|集团|工作室|事务所|门市部|店|厂)$")
_PLACE_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{1,3}?[省市区县])+")
_LATIN_LEGAL = frozenset({"inc", "llc", "ltd", "co", "corp", "corporation", "company", "group", "plc", "lp",
                          "llp", "pc", "the", "and", "of", "&"})
_BRACKET = re.compile(r"[（(［\[【〔].*$")
_DIGIT = "0-9\uff10-\uff19"
_SEP = r"[\s\u00a0\u3000\-‐‑–—－.．/／()（）*＊]"
_NUMBER_RUN = re.compile(rf"[+＋(（]{{0,2}}[{_DIGIT}](?:{_SEP}*[{_DIGIT}])+")
_LATIN_LETTER = "[A-Za-z\u00c0-\u024f\uff21-\uff3a\uff41-\uff5a]"
_MIN_RUN = 7  # digits in a row that identify a number (a local number without its area code)


def _is_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


def _latin_words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", text)


def name_forms(name: str, organisation: bool = False) -> set[str]:
    """The ways a name is likely written in free text (NFKC-folded)."""
    name = unicodedata.normalize("NFKC", name).strip()
    core = _BRACKET.sub("", name).strip()
    forms = {name, core}
    if _is_cjk(core):
        stem = _ORG_SUFFIX.sub("", core)
        if stem != core or organisation:
            forms.add(stem)
            forms.add(_PLACE_PREFIX.sub("", stem))
        elif re.search(r"[·・•‧]", core):  # 阿依古丽·买买提: each part is how people write it
            forms.update(part for part in re.split(r"[·・•‧]", core) if len(part) >= 2)
        elif 3 <= len(core) <= 4:
            forms.add(core[1:])  # the given name: how family and friends write it
    else:
        words = _latin_words(core)
        if organisation or any(w.casefold() in _LATIN_LEGAL for w in words):
            while words and words[-1].casefold() in _LATIN_LEGAL:
                words = words[:-1]
            if words:
                forms.add(" ".join(words))
                if len(words[0]) >= 4:
                    forms.add(words[0])
        else:
            forms.update(w for w in words if len(w) >= 3)
    return {f for f in forms if len(f) >= 2}


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """hanzi → its Simplified/Traditional variant group ("陈" → "陈陳"), from resources/text."""
    from desktop_app.core.paths import resource_path

    out: dict[str, str] = {}
    try:
        lines = resource_path("text", "hanzi_variants.txt").read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken install: names still match in the script they were written in
        log.warning("hanzi_variants.txt is missing; names match only as written")
        return out
    for line in lines:
        if line and not line.startswith("#"):
            for ch in line:
                out[ch] = line
    return out


def _plain_letter(ch: str) -> str:
    """A Latin letter without its accent ("ó" → "o"); anything else unchanged."""
    if "\u00c0" <= ch <= "\u024f":
        base = unicodedata.normalize("NFD", ch)[0]
        if "A" <= base <= "z":
            return base
    return ch


@lru_cache(maxsize=1)
def _accented() -> dict[str, str]:
    """"o" → "òóôõöøōŏő…": the accented forms of each Latin letter (Latin-1 and Extended-A/B)."""
    out: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = _plain_letter(ch)
        if base != ch:
            out[base] = out.get(base, "") + ch
    return out


def _char_pattern(ch: str) -> str:
    """One character of a name, in its half- and full-width forms or its Simplified and
    Traditional forms ("陈" also as "陳")."""
    base = _plain_letter(ch)
    if "!" <= base <= "~":  # "López" also as "Lopez", "Maria" also as "María", "Ｍａｒｉａ"
        return f"[{re.escape(base + chr(ord(base) + 0xFEE0) + _accented().get(base, ''))}]"
    group = _variants().get(ch)
    return f"[{re.escape(group)}]" if group else re.escape(ch)


def _name_pattern(form: str) -> str:
    if _is_cjk(form):
        return r"[\s\u3000]*".join(_char_pattern(ch) for ch in form if not ch.isspace())
    words = form.split()
    body = r"[\s\u00a0\u3000]+".join("".join(_char_pattern(ch) for ch in w) for w in words)
    # Latin: whole words only ("Rachel" but not "Rachelle"), any case; a hanzi next to it is a
    # boundary too ("打給Rachel Whitfield").
    return rf"(?<!{_LATIN_LETTER})(?i:{body})(?!{_LATIN_LETTER})"


def _fold(text: str) -> str:
    """The lookup key of a name as matched: no spaces, NFKC, case-folded, one script of hanzi."""
    variants = _variants()
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()
    return "".join(variants[ch][0] if ch in variants else _plain_letter(ch) for ch in text)


class Matcher:
    """Finds and replaces third parties' names, numbers and accounts in text (see module doc)."""

    def __init__(self, region: str = "CN") -> None:
        self.region = region
        self._names: dict[str, tuple[str, str]] = {}  # folded form → (form, replacement)
        self._keep: dict[str, str] = {}  # folded → form: names that stay (the complainant, collectors)
        self._numbers: list[tuple[str, str]] = []  # (national digits, mask)
        self._accounts: dict[str, tuple[str, str]] = {}  # folded account → (account, mask)
        self._regex: re.Pattern[str] | None = None
        self._dirty = True

    def add_name(self, name: str, replacement: str, organisation: bool = False) -> None:
        for form in name_forms(name, organisation):
            self._names[_fold(form)] = (form, replacement)
        self._dirty = True

    def keep_name(self, name: str) -> None:
        """A name that stays as written even where a third party's name is part of it."""
        for form in {name.strip(), _BRACKET.sub("", name).strip()}:
            if len(form) >= 2:
                self._keep[_fold(form)] = unicodedata.normalize("NFKC", form)
        self._dirty = True

    def add_number(self, value: str) -> str:
        """Register a phone number or an account; returns its mask."""
        digits = national_digits(value, self.region)
        if len(digits) >= 5:
            mask = redacted(value, self.region)
            self._numbers.append((digits, mask))
            return mask
        text = unicodedata.normalize("NFKC", value).strip()
        mask = text[:1] + "*" * (len(text) - 1) if len(text) >= 4 else "*" * len(text)
        # An account (WeChat id, e-mail) is looked for in text; a bare short number ("110") is
        # not, or every "拨打110" would be masked.
        if len(text) >= 4 and any(ch.isalpha() for ch in text):
            self._accounts[_fold(text)] = (text, mask)
            self._dirty = True
        return mask

    def _compiled(self) -> re.Pattern[str] | None:
        if self._dirty:
            self._dirty = False
            # A word the complainant's or a collector's name also has ("Whitfield") is not
            # hidden on its own: it is hidden as part of the third party's full name.
            shared = {_fold(w) for kept in self._keep.values() for w in _latin_words(kept)}
            names = {k: v for k, v in self._names.items() if k not in shared and k not in self._keep}
            if not names and not self._accounts:
                self._regex = None
                return None
            patterns = {k: _name_pattern(form) for k, (form, _r) in names.items()}
            patterns.update({k: _name_pattern(form) for k, form in self._keep.items()})
            patterns.update({k: rf"(?<![\w@.])(?i:{re.escape(text)})(?![\w@])"
                             for k, (text, _m) in self._accounts.items()})
            # Longest first: at one position the alternation takes the first that matches.
            order = sorted(patterns, key=len, reverse=True)
            self._regex = re.compile("|".join(patterns[k] for k in order))
        return self._regex

    def _name_sub(self, match: re.Match[str]) -> str:
        folded = _fold(match.group())
        if folded in self._accounts:
            return self._accounts[folded][1]
        if folded in self._names and folded not in self._keep:
            return self._names[folded][1]
        return match.group()

    def _number_sub(self, match: re.Match[str]) -> str:
        run = unicodedata.normalize("NFKC", match.group())
        # Keep an opening bracket that belongs to the sentence, not to the number: "(17133570826)".
        lead = match.group()[0] if run[0] == "(" and ")" not in run else ""
        digits = re.sub(r"\D", "", run)
        if "*" in run:  # an earlier mask such as "171****0826": hide what it still shows
            head, _stars, tail = run.partition("*")
            head_digits, tail_digits = re.sub(r"\D", "", head), re.sub(r"\D", "", tail)
            for number, mask in self._numbers:
                if tail_digits and number.endswith(tail_digits) and number.startswith(head_digits) \
                        and len(head_digits) + len(tail_digits) < len(number):
                    return lead + mask
            return match.group()
        for number, mask in self._numbers:
            if number in digits or (len(digits) >= _MIN_RUN and number.endswith(digits)):
                return lead + mask
        return match.group()

    def __call__(self, text: str) -> str:
        if not text:
            return text
        if self._numbers:
            text = _NUMBER_RUN.sub(self._number_sub, text)
        regex = self._compiled()
        if regex is not None:
            text = regex.sub(self._name_sub, text)
        return text


def redact_tree(value: Any, fn: Callable[[str], str]) -> Any:
    """A copy of `value` with `fn` applied to every string in it (dataclass fields, list and
    dict items, dict keys that are text); enums, numbers, dates and SKIP_FIELDS are kept."""
    if type(value) is str:
        return fn(value)
    if isinstance(value, (Enum, int, float, bool, bytes)) or value is None:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = copy.copy(value)
        for f in dataclasses.fields(value):
            if f.name in SKIP_FIELDS:
                continue
            old = getattr(value, f.name)
            new = redact_tree(old, fn)
            if new is not old:
                object.__setattr__(out, f.name, new)
        return out
    if isinstance(value, dict):
        return {redact_tree(k, fn) if type(k) is str else k: v if k in SKIP_FIELDS else redact_tree(v, fn)
                for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(redact_tree(v, fn) for v in value)
    return value


def strings(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every string in `value` that may be printed (the same walk as `redact_tree`)."""
    if type(value) is str:
        yield value
        return
    if isinstance(value, (Enum, int, float, bool, bytes)) or value is None:
        return
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name not in SKIP_FIELDS:
                yield from strings(getattr(value, f.name), seen)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k, seen)
            if k not in SKIP_FIELDS:
                yield from strings(v, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from strings(item, seen)


def all_strings(values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    seen: set[int] = set()
    for value in values:
        out.extend(strings(value, seen))
    return out
