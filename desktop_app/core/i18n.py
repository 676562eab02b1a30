"""Translations for the core, the command line, the PDF and the GUI alike.

Catalogues are TOML files in `resources/i18n/`, one per area (core, rules, report, importers,
ui…), each entry keyed by its English text and holding the two Chinese translations side by
side so a translator sees all three at once:

    ["Log a call"]
    zh_CN = "记录来电"
    zh_TW = "記錄來電"

An English plural form goes in `en_plural` (Chinese has none).  When one English phrase
needs different Chinese in different places, give it a context with `pgettext(context, msgid)`;
its catalogue key is "context|msgid" ("hardship|What happened").  `_()` translates into the
current UI language; a PDF, whose language is chosen per document, uses `translator(lang)`.
Mark strings that are translated later (labels in tables) with `N_()`.  A test checks that
every marked string has both translations and the same `{placeholders}`.
"""

from __future__ import annotations

import json
import locale
import os
import threading
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from desktop_app.core.paths import resource_path

LANGUAGES: tuple[str, ...] = ("zh_CN", "zh_TW", "en")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"zh_CN": "简体中文", "zh_TW": "繁體中文", "en": "English"}

_state = threading.local()
_global_language = DEFAULT_LANGUAGE
_lock = threading.Lock()


#: The catalogues merged into one JSON file by `tools/i18n_compile.py` (like gettext's .mo files):
#: Python's TOML parser takes 28 ms for them at every start in Chinese, json 1 ms.
COMPILED = "catalogue.json"


def catalogue_sources(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"))


def fingerprint(sources: list[Path]) -> str:
    """Names, sizes and CRCs of the TOML files: the compiled file is used only when it matches."""
    return ";".join(f"{p.name}:{len(data)}:{zlib.crc32(data):08x}" for p in sources for data in [p.read_bytes()])


def parse_catalogues(sources: list[Path]) -> dict[str, dict[str, str]]:
    import tomllib  # only when the compiled file is missing or out of date

    merged: dict[str, dict[str, str]] = {}
    for path in sources:
        with open(path, "rb") as fh:
            for msgid, entry in tomllib.load(fh).items():
                if isinstance(entry, dict):
                    merged[msgid] = {k: str(v) for k, v in entry.items()}
    return merged


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict[str, str]]:
    folder = resource_path("i18n")
    sources = catalogue_sources(folder)
    try:
        compiled = json.loads((folder / COMPILED).read_text("utf-8"))
        if compiled.get("fingerprint") == fingerprint(sources):
            return compiled["messages"]
    except (OSError, ValueError, KeyError, AttributeError):
        pass  # missing or damaged: the TOML files are the source of truth
    return parse_catalogues(sources)


def reload_catalogues() -> None:
    _catalogue.cache_clear()


def normalise_language(code: str | None) -> str:
    """Map a locale name (zh_Hant_TW, zh-HK, zh_CN.UTF-8, en_US…) to one of LANGUAGES."""
    if not code:
        return DEFAULT_LANGUAGE
    text = code.replace("-", "_").split(".")[0].lower()
    if text.startswith("zh"):
        if any(tag in text for tag in ("tw", "hk", "mo", "hant")):
            return "zh_TW"
        return "zh_CN"
    return "en"


def detect_language() -> str:
    """The language the system asks for (used on first run)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return normalise_language(value.split(":")[0])
    try:
        return normalise_language(locale.getlocale()[0])
    except ValueError:
        return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Set the UI language for the whole process."""
    global _global_language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    with _lock:
        _global_language = lang


def current_language() -> str:
    return getattr(_state, "language", None) or _global_language


def translate(msgid: str, lang: str) -> str:
    if lang == "en":
        return msgid
    entry = _catalogue().get(msgid)
    if entry is None:
        return msgid
    return entry.get(lang) or msgid


def translate_plural(singular: str, plural: str, n: int, lang: str) -> str:
    if lang == "en":
        return singular if n == 1 else plural
    return translate(singular, lang)


def _(msgid: str) -> str:
    return translate(msgid, current_language())


def ngettext(singular: str, plural: str, n: int) -> str:
    return translate_plural(singular, plural, n, current_language())


CONTEXT_SEPARATOR = "|"


def translate_in_context(context: str, msgid: str, lang: str) -> str:
    if lang == "en":
        return msgid
    entry = _catalogue().get(f"{context}{CONTEXT_SEPARATOR}{msgid}")
    if entry is None:
        return translate(msgid, lang)
    return entry.get(lang) or msgid


def pgettext(context: str, msgid: str) -> str:
    """`_()` for a phrase whose translation depends on where it is used."""
    return translate_in_context(context, msgid, current_language())


def N_(msgid: str) -> str:  # noqa: N802 - the conventional gettext name
    """Mark a string for translation without translating it now."""
    return msgid


def translator(lang: str) -> Callable[[str], str]:
    """A `_` bound to one language, for documents whose language is not the UI's."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lambda msgid: translate(msgid, lang)


def context_translator(lang: str) -> Callable[[str, str], str]:
    """A `pgettext` bound to one language (use it under the name `pgettext`)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lambda context, msgid: translate_in_context(context, msgid, lang)


def catalogue_entries() -> dict[str, dict[str, str]]:
    """All entries (for tests and tools)."""
    return dict(_catalogue())
