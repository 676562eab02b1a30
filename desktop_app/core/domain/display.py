"""Showing text from outside (file names, message text, contact names) on a terminal or a label.

A file name may hold anything but "/" and NUL: an escape sequence that clears the screen or
recolours it, a newline that forges a second output line, or a right-to-left override that
makes "gpj.exe" read as "exe.jpg".  `escape_controls` shows those characters as visible escapes
(\\x1b, \\u202e) instead of letting them act.  Both front ends use it for every such string (the
command line for each human-readable line, the GUI for labels); `--json` output is left as data.
"""

from __future__ import annotations

import re

# C0 controls except tab, DEL and the C1 controls; the Unicode line and paragraph separators;
# and the bidirectional marks, embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` with every control and bidi-control character written as a visible escape."""
    return _UNSAFE.sub(_escape, text)


# Han, kana, hangul and CJK punctuation: where a Latin name or a number meets these, Chinese
# typesetting puts a space ("Keystone Arbor Recovery Group, LLC 打給投訴人的電話").
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around each filled-in value
_BEFORE_VALUE = re.compile(f"(?<=[{_CJK}]){_OPEN}(?=[A-Za-z0-9])")
_AFTER_VALUE = re.compile(f"(?<=[A-Za-z0-9.)]){_CLOSE}(?=[{_CJK}])")


def fill(template: str, **values: object) -> str:
    """`template.format(**values)` with a space where a filled-in value that starts or ends in Latin
    letters or digits meets CJK text in the template; the template's own text is left as written."""
    marked = template.format(**{k: f"{_OPEN}{v}{_CLOSE}" for k, v in values.items()})
    marked = _AFTER_VALUE.sub(" ", _BEFORE_VALUE.sub(" ", marked))
    return marked.replace(_OPEN, "").replace(_CLOSE, "")
