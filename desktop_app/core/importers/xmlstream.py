"""Streaming, hardened XML reading for phone backups (SMS Backup & Restore, OPPO).

- Entities and external references are refused (defusedxml); nothing is ever fetched.  A file
  that cannot declare any (no document type before its root element, see `plain_prolog`) is read
  with the standard library's C parser, which is 1.4x faster than defusedxml's Python callbacks.
- Emoji written as UTF-16 surrogate character references (`&#55357;&#56832;`), which XML 1.0
  forbids and every parser rejects, are repaired on the fly: a pair becomes one code point and
  a lone half becomes U+FFFD (research/imports.md §1.5-1.6).  Any other reference XML forbids
  (`&#1;`) also becomes U+FFFD, with a warning: left alone it would end the file there.
- UTF-16 files (either byte order) are transcoded to UTF-8 first, so all of this applies to them.
- The file is read in blocks and each record element is cleared after use, so memory does not
  grow with the file.  Each tag reaches expat whole (linear time however long it is), and a tag
  over TOKEN_LIMIT is cut out of the stream, its record or MMS part skipped with a warning;
  nesting deeper than MAX_DEPTH stops the file like a break.
- A file that breaks off (an interrupted backup) yields every complete record before the break
  and notes the line on the report; one that breaks before any record raises ImportFormatError.
"""

from __future__ import annotations

import codecs
import io
import os
import pyexpat
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from desktop_app.core.i18n import _
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.model import FileReport
from desktop_app.core.importers.safeopen import open_regular

BLOCK = 1 << 16
_PAIR = re.compile(rb"&#(x[0-9A-Fa-f]{1,8}|[0-9]{1,10});&#(x[0-9A-Fa-f]{1,8}|[0-9]{1,10});")
_ONE = re.compile(rb"&#(x[0-9A-Fa-f]{1,12}|[0-9]{1,16});")  # longer than any valid one: those are repaired too
_TAIL_REF = re.compile(rb"&#(x[0-9A-Fa-f]{1,8}|[0-9]{1,10});$")
_REF_MAX = 20  # the longest reference `_ONE` repairs, "&#" and ";" included


def _num(text: bytes) -> int:
    return int(text[1:], 16) if text[:1] in (b"x", b"X") else int(text)


def xml_char(code: int) -> bool:
    """True for a code point XML 1.0 allows (production [2] Char)."""
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _pair(match: re.Match[bytes]) -> bytes:
    hi, lo = _num(match.group(1)), _num(match.group(2))
    if 0xD800 <= hi <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF:
        return b"&#%d;" % (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
    return match.group(0)


def repair_surrogates(chunk: bytes, bad: Callable[[int], None] | None = None) -> bytes:
    """Repair character references in a complete piece of XML text: a surrogate pair becomes one
    code point; a lone half, or a reference to a character XML forbids (`&#1;`, `&#xFFFFFFF;`),
    becomes U+FFFD.  Every parser rejects the whole file at such a reference, which would drop
    every record after it.  `bad(offset)` is told where each forbidden (non-surrogate) one was."""
    if b"&#" not in chunk:
        return chunk

    def one(match: re.Match[bytes]) -> bytes:
        code = _num(match.group(1))
        if xml_char(code):
            return match.group(0)
        if bad is not None and not 0xD800 <= code <= 0xDFFF:
            bad(match.start())
        return b"&#65533;"

    return _ONE.sub(one, _PAIR.sub(_pair, chunk))


class RepairingReader(io.RawIOBase):
    """A read-only stream that repairs character references, even when a pair is split across blocks.

    `bad_lines` lists the lines (of the first MAX_NOTED) where a forbidden reference was replaced."""

    MAX_NOTED = 20

    def __init__(self, raw: BinaryIO | io.RawIOBase) -> None:
        self._raw = raw
        self._carry = b""
        self._out = b""
        self._eof = False
        self._lines = 1  # the line the next output byte is on
        self.consumed = 0  # raw bytes read so far (for progress)
        self.bad_count = 0
        self.bad_lines: list[int] = []

    def readable(self) -> bool:
        return True

    def _repair(self, data: bytes) -> bytes:
        def bad(offset: int) -> None:
            self.bad_count += 1
            if len(self.bad_lines) < self.MAX_NOTED:
                self.bad_lines.append(self._lines + data.count(b"\n", 0, offset))

        out = repair_surrogates(data, bad)
        self._lines += data.count(b"\n")
        return out

    def _fill(self) -> None:
        while not self._out and not self._eof:
            block = self._raw.read(BLOCK)
            self.consumed += len(block)
            if not block:
                self._eof = True
                self._out, self._carry = self._repair(self._carry), b""
                return
            data = self._carry + block
            cut = len(data)
            amp = data.rfind(b"&", max(0, len(data) - _REF_MAX))
            if amp >= 0 and b";" not in data[amp:]:
                cut = amp  # a reference may continue in the next block
            tail = _TAIL_REF.search(data, max(0, cut - 16), cut)
            if tail and 0xD800 <= _num(tail.group(1)) <= 0xDBFF:
                cut = tail.start()  # a high half whose low half may be in the next block
            self._out, self._carry = self._repair(data[:cut]), data[cut:]

    def readinto(self, buffer) -> int:
        self._fill()
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n


class Utf16Reader(io.RawIOBase):
    """A UTF-16 file (either byte order) as UTF-8, with its XML declaration saying so.

    SMS Backup & Restore files re-saved by Windows tools come as UTF-16; turning them into UTF-8
    first lets the same byte-level repairs, limits and fast path apply to them."""

    def __init__(self, raw: BinaryIO, encoding: str) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._out = b""
        self._first = True
        self._eof = False
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._out and not self._eof:
            block = self._raw.read(BLOCK)
            self.consumed += len(block)
            self._eof = not block
            self._out = self._decoder.decode(block, final=self._eof).encode("utf-8", "surrogatepass")
            if self._first and self._out:
                self._first = False
                self._out = utf8_declaration(self._out)
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n


_DECL_ENCODING = re.compile(rb"""\A(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


def utf8_declaration(text: bytes) -> bytes:
    """`text` (transcoded to UTF-8) with its XML declaration's encoding changed to match."""
    return _DECL_ENCODING.sub(rb"\1\2UTF-8\2", text, count=1)


def utf16_encoding(head: bytes) -> str:
    """The codec of a UTF-16 XML file judged from its first bytes (BOM or "<?"), else ""."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and not head.startswith(b"\xff\xfe\x00\x00"):
        return "utf-16"  # the BOM says which byte order, and is dropped
    if head.startswith(b"<\x00?\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<\x00?"):
        return "utf-16-be"
    return ""


def as_utf8_head(head: bytes) -> bytes:
    """The first bytes of a possibly UTF-16 XML file, as UTF-8 (for sniffing its root element)."""
    encoding = utf16_encoding(head)
    if not encoding:
        return head
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
    return utf8_declaration(text.encode("utf-8", "surrogatepass"))


PROLOG_LIMIT = 1 << 16  # how far to look for the root element's start tag before giving up on the fast path
_BOM = b"\xef\xbb\xbf"
_SPACE = b" \t\r\n"
_ENCODING = re.compile(rb"""\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1""")
_ASCII_SUPERSETS = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}
_NAME_START = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_:") | frozenset(range(0x80, 0x100))
# Why the C parser is safe for such a file.  The Python docs' "XML vulnerabilities" table lists
# xml.etree as safe from external entity expansion (it raises on any entity it does not know) and
# from DTD retrieval (it never fetches one), and as vulnerable to "billion laughs" and "quadratic
# blowup" only with expat older than 2.4.1.  Both attacks need entity declarations, which XML allows
# only in a document type declaration, which XML allows only in the prolog, before the root
# element (expat rejects `<!DOCTYPE` inside or after the root as not well-formed).  So a file whose
# prolog, read as bytes in an encoding where ASCII means ASCII, holds only the XML declaration,
# comments, processing instructions and white space declares no entity: the parser can meet only
# the five predefined ones and character references, exactly what defusedxml would let through.
# Anything else (a DOCTYPE, even one named in a comment; UTF-16; another declared encoding; a
# prolog longer than PROLOG_LIMIT; an expat without its own limits) goes through defusedxml as
# before.  (Huge single tokens are bounded before either parser sees them: `bounded_chunks`.)
_EXPAT_WITH_LIMITS = (2, 4, 1)  # the first expat with its own amplification limits


def plain_prolog(head: bytes) -> bool:
    """True when `head` (the first bytes of a file) is UTF-8 or ASCII and reaches its root element's
    start tag through nothing but a BOM, an XML declaration, comments, processing instructions and
    white space: no document type declaration, so no entity can be declared (see above)."""
    if pyexpat.version_info < _EXPAT_WITH_LIMITS:
        return False
    i = len(_BOM) if head.startswith(_BOM) else 0
    n = len(head)
    while i < n:
        byte = head[i]
        if byte in _SPACE:
            i += 1
        elif head.startswith(b"<!--", i):
            end = head.find(b"-->", i + 4)
            if end < 0:
                return False
            i = end + 3
        elif head.startswith(b"<?", i):
            end = head.find(b"?>", i + 2)
            if end < 0:
                return False
            if head[i + 2:i + 5].lower() == b"xml" and b"encoding" in head[i:end]:
                found = _ENCODING.search(head, i, end)
                if found is None or found.group(2).lower() not in _ASCII_SUPERSETS:
                    return False
            i = end + 2
        elif byte == 0x3C and i + 1 < n and head[i + 1] in _NAME_START:
            # The root element.  Belt and braces: no "<!DOCTYPE" anywhere before it, even inside a
            # comment (such a file just takes the defusedxml path).
            return b"<!doctype" not in head[:i].lower()
        else:
            # "<!DOCTYPE", text before the root, UTF-16/32 (a BOM or NUL bytes), not XML at all
            return False
    return False  # the root's start tag is not within the first PROLOG_LIMIT bytes


def _read_head(raw: BinaryIO) -> bytes:
    parts, size = [], 0
    while size < PROLOG_LIMIT:
        block = raw.read(PROLOG_LIMIT - size)
        if not block:
            break
        parts.append(block)
        size += len(block)
    return b"".join(parts)


def _problem(exc: Exception) -> tuple[str, str]:
    """(where, problem) for a parser exception."""
    if isinstance(exc, ET.ParseError):
        line = exc.position[0] if getattr(exc, "position", None) else 0
        text = str(exc).split(":")[0]
        return (_("line {n}").format(n=line) if line else ""), _("the XML is broken ({detail})").format(detail=text)
    if isinstance(exc, DefusedXmlException):
        return "", _("the file declares entities or a document type, which we refuse for safety")
    if isinstance(exc, LookupError):
        return "", _("the file declares a text encoding we do not know ({detail})").format(detail=exc)
    return "", _("the XML is broken ({detail})").format(detail=exc)


#: The largest single tag (or text between tags) read, in bytes.  Nothing in a phone backup comes
#: near it except a huge MMS attachment, whose base64 is one attribute; a bigger one is cut out of
#: the stream (its record or part is then skipped with a warning) instead of costing minutes and
#: gigabytes.  PAPERTRAIL_XML_TOKEN_LIMIT overrides it (the tests use a small one).
TOKEN_LIMIT = 32 << 20
MAX_DEPTH = 64  # SMS Backup & Restore nests 4 deep; a file nested deeper is damaged or hostile
CUT = "papertrail-cut"  # the attribute marking an element whose oversized attribute or text was cut out
_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_ATTR = re.compile(rb"""\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*')""")
_PARTIAL = re.compile(rb"""\s+([A-Za-z_][\w.:-]*)\s*=\s*["']""")
_TAG_END = re.compile(rb"\s*/?>")
_PREFIX = 1 << 20  # how much of an oversized tag is kept to rebuild it (its name and other attributes)


def token_limit() -> int:
    """TOKEN_LIMIT, or PAPERTRAIL_XML_TOKEN_LIMIT (bytes) when set."""
    try:
        return max(1024, int(os.environ.get("PAPERTRAIL_XML_TOKEN_LIMIT", "")))
    except ValueError:
        return TOKEN_LIMIT


def size_text(size: int) -> str:
    """"32 MB" or (for the tests' small limits) "64 KB"."""
    return f"{size >> 20} MB" if size >= 1 << 20 else f"{max(size >> 10, 1)} KB"


class _TooDeepError(Exception):
    """Elements nested deeper than MAX_DEPTH (each one held in memory until its record ends)."""


class OversizedTokenError(Exception):
    """A token over the limit that cannot be cut out safely (a comment, a name, no XML at all)."""


def _replacement(prefix: bytes) -> tuple[bytes, bool]:
    """(the start of a tag rebuilt without its oversized attribute or text, whether it is complete).

    An incomplete replacement gets its "/>" or ">" from the tag's real end."""
    match = _TAG.match(prefix)
    if match is None:
        raise OversizedTokenError
    pos = match.end()
    while (attr := _ATTR.match(prefix, pos)) is not None:
        pos = attr.end()
    end = _TAG_END.match(prefix, pos)
    if end is not None:  # the tag itself is whole: the text after it is what is too long
        if end.group(0).endswith(b"/>"):
            return prefix[:end.end()], True  # text after an empty element belongs to no record
        return prefix[:pos] + b' %s="#text"' % CUT.encode() + end.group(0), True
    partial = _PARTIAL.match(prefix, pos)
    if partial is None:
        raise OversizedTokenError
    return prefix[:pos] + b' %s="%s"' % (CUT.encode(), partial.group(1)), False


def bounded_chunks(read: Callable[[int], bytes], limit: int) -> Iterator[bytes]:
    """The stream cut just before each "<", so the parser gets every tag whole.

    Two reasons.  Expat rescans an unfinished token on every feed, so a 50 MB attribute fed in
    16 KB pieces (as `iterparse` does) took 144 s; fed whole it is linear.  And a token longer
    than `limit` is never held: it is replaced by its tag without the oversized value (marked
    with CUT) and the rest of it is read past without keeping it."""
    parts: list[bytes] = []  # the unfinished token, from its "<"
    held = 0
    skipping = False  # reading past the rest of an oversized token, up to the next "<"
    pending: bytes | None = None  # a rebuilt tag still needing its "/>" or ">" (from the real end)
    tail = b""  # the last non-blank bytes read past (does the tag end with "/>"?)
    while block := read(BLOCK):
        if skipping:
            lt = block.find(b"<")
            seen = block if lt < 0 else block[:lt]
            if seen.strip():
                tail = (tail + seen.rstrip())[-2:]
            if lt < 0:
                continue
            if pending is not None:
                yield pending + (b"/>" if tail.endswith(b"/>") else b">")
            skipping, pending, tail, block = False, None, b"", block[lt:]
        lt = block.rfind(b"<")
        if lt > 0 or (lt == 0 and parts):
            parts.append(block[:lt])
            yield b"".join(parts)
            parts, held = [block[lt:]], len(block) - lt
        else:
            parts.append(block)
            held += len(block)
        if held > limit:
            token = b"".join(parts)
            parts, held, skipping = [], 0, True
            replacement, complete = _replacement(token[:_PREFIX])
            if complete:
                yield replacement  # the tag is whole; the text after it is dropped
            else:
                pending, tail = replacement, token.rstrip()[-2:]
    if parts and not skipping:
        yield b"".join(parts)
    # A file that ends inside an oversized token is truncated there: the parser says so.


def _read_events(parser: ET.XMLPullParser, chunks: Iterator[bytes]) -> Iterator[tuple[str, ET.Element]]:
    # The parser is made for "start" and "end" events only, and each of those carries an element.
    for chunk in chunks:
        parser.feed(chunk)
        yield from cast("Iterator[tuple[str, ET.Element]]", parser.read_events())
    parser.close()
    yield from cast("Iterator[tuple[str, ET.Element]]", parser.read_events())


def iter_elements(path: Path, report: FileReport, tags: set[str],
                  roots: set[str]) -> Iterator[ET.Element]:
    """Yield each complete record element (a child of the root whose tag is in `tags`).

    The element is cleared as soon as the caller asks for the next one.  `roots` lists the root
    tags this format may have; another root raises ImportFormatError.  A record whose attribute
    was too large to read carries the CUT attribute (see `oversized`).
    """
    with open_regular(path) as raw:
        head = _read_head(raw)
        if head.startswith(b"PK"):
            raise ImportFormatError(path, _("this is a zipped (possibly encrypted) backup; export it again "
                                           "without compression or a password"))
        raw.seek(0)
        source: BinaryIO | io.RawIOBase = raw
        counter: Utf16Reader | RepairingReader
        encoding = utf16_encoding(head)
        if encoding:
            source = counter = Utf16Reader(raw, encoding)
            head = as_utf8_head(head)
        reader = RepairingReader(source)
        if not encoding:
            counter = reader
        limit = token_limit()
        parser: ET.XMLPullParser
        if plain_prolog(head):
            parser = ET.XMLPullParser(events=("start", "end"))  # the C parser: no entities possible
        else:
            parser = ET.XMLPullParser(events=("start", "end"), _parser=SafeET.DefusedXMLParser(
                target=ET.TreeBuilder(), forbid_dtd=False))
        root: ET.Element | None = None
        depth = 0
        try:
            for event, elem in _read_events(parser, bounded_chunks(reader.read, limit)):
                if event == "start":
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise _TooDeepError
                    if root is None:
                        root = elem
                        if elem.tag not in roots:
                            raise ImportFormatError(path, _("this XML file is not a backup we can read "
                                                            "(its root element is <{tag}>)").format(tag=elem.tag))
                    continue
                depth -= 1
                if depth == 1 and elem.tag in tags:
                    report.records += 1
                    report.bytes_done = counter.consumed  # only read between records (progress)
                    yield elem
                    elem.clear()
                    assert root is not None  # set by the first "start" event
                    root.clear()  # drop the cleared children too, so memory stays flat
        except _TooDeepError:
            if report.records == 0:
                raise ImportFormatError(path, _("the XML is nested more than {n} levels deep, which no phone backup "
                                                "is").format(n=MAX_DEPTH)) from None
            report.stopped_at = _("record {n}").format(n=report.records + 1)
            report.warn(_("{file}: the XML is nested more than {n} levels deep at {where}; the {k} complete records "
                          "before it were read.").format(file=path.name, n=MAX_DEPTH, where=report.stopped_at,
                                                         k=report.records))
        except OversizedTokenError:
            raise ImportFormatError(path, _("one item in the XML is larger than {size}, more than any phone "
                                            "backup holds; the file is damaged or not a backup").format(
                                                size=size_text(limit))) from None
        except (ET.ParseError, LookupError, ValueError) as exc:  # DefusedXmlException is a ValueError
            where, problem = _problem(exc)
            if root is None or not isinstance(exc, ET.ParseError) or (
                    report.records == 0 and depth > 0 and not _is_truncation(exc)):
                raise ImportFormatError(path, problem, where) from None
            report.stopped_at = where or _("the end")
            report.warn(_("{file}: the file breaks off at {where}; the {n} complete records before it were read.")
                        .format(file=path.name, where=report.stopped_at, n=report.records))
        finally:
            _note_bad_references(path, report, reader)
        if root is None:
            raise ImportFormatError(path, _("the file is empty"))


def _note_bad_references(path: Path, report: FileReport, reader: RepairingReader) -> None:
    if reader.bad_count:
        lines = ", ".join(str(n) for n in list(dict.fromkeys(reader.bad_lines))[:5])
        report.warn(_("{file}: {n} character references that XML forbids (such as &#1;) were replaced by \ufffd "
                      "(lines {lines}).").format(file=path.name, n=reader.bad_count, lines=lines))


def oversized(elem: ET.Element) -> bool:
    """True when the reader cut an oversized attribute or text out of this element."""
    return CUT in elem.attrib


def _is_truncation(exc: ET.ParseError) -> bool:
    return "no element found" in str(exc) or "unclosed token" in str(exc)
