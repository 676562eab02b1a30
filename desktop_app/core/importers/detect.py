"""What each file is (judged from its content, not only its name), and the parser for it.

Folders are walked; an iPhone backup folder is read through its Manifest.db.  A file found in a
folder that we cannot use is listed as skipped; a file the user named that we cannot use is an
error with a message naming it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from desktop_app.core.i18n import N_, _
from desktop_app.core.importers import csvfiles, ios, sbr, vendor
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.model import FileReport, Record
from desktop_app.core.importers.recordings import AUDIO_EXTENSIONS, parse_name
from desktop_app.core.importers.safeopen import open_regular, what_is
from desktop_app.core.importers.sqlitefiles import tables
from desktop_app.core.importers.xmlstream import as_utf8_head
from desktop_app.core.vault.sniff import sniff_mime

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp", ".gif", ".bmp"}

#: format code → what the user is told it is
FORMATS: dict[str, str] = {
    "sbr_calls": N_("SMS Backup & Restore call log"),
    "sbr_sms": N_("SMS Backup & Restore messages"),
    "oppo_calls": N_("OPPO backup call log"),
    "vmsg": N_("VMSG messages (OPPO, Meizu, Samsung)"),
    "huawei_calls": N_("Huawei backup call log"),
    "huawei_sms": N_("Huawei backup messages"),
    "ios_calls": N_("iPhone call history"),
    "ios_sms": N_("iPhone messages"),
    "wechat_csv": N_("WeChat chat export (MemoTrace CSV)"),
    "imazing_csv": N_("iMazing messages CSV"),
    "csv": N_("CSV file (needs a column mapping)"),
    "recording": N_("call recording"),
    "image": N_("screenshot or photo"),
    "unsupported": N_("not supported"),
}
_SKIP_NAMES = {"Manifest.db", "Manifest.plist", "Info.plist", "Status.plist", ".DS_Store", "Thumbs.db",
               "desktop.ini", "MANIFEST.tsv", "LICENSE", "README.md", "SOURCES.txt"}
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_DECL = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.S)  # (with its entity list)


def _xml_root(head: bytes) -> str:
    body = _DECL.sub(b"", head.lstrip(b"\xef\xbb\xbf \t\r\n"))
    match = _ROOT.search(body.lstrip())
    return match.group(1).decode("ascii", "replace") if match and body.lstrip().startswith(b"<") else ""


def classify(path: Path, tz: str = "Asia/Shanghai") -> tuple[str, str, list[str]]:
    """(format, problem if unsupported, CSV columns) for one file."""
    suffix = path.suffix.lower()
    problem = what_is(path)  # a FIFO or device is never opened: reading one would hang the import
    if problem:
        return "unsupported", problem, []
    try:
        with open_regular(path) as fh:
            head = fh.read(8192)
    except ImportFormatError as exc:
        return "unsupported", exc.problem, []
    except OSError as exc:
        return "unsupported", _("the file cannot be read ({detail})").format(
            detail=exc.strerror or type(exc).__name__), []
    if not head:
        if suffix in AUDIO_EXTENSIONS and parse_name(path.name, tz):
            return "recording", "", []  # an empty placeholder still names a call
        return "unsupported", _("the file is empty"), []
    if head.startswith(b"SQLite format 3\x00"):
        cols = tables(path)
        if "ZCALLRECORD" in cols:
            return "ios_calls", "", []
        if "message" in cols and "handle" in cols:
            return "ios_sms", "", []
        if "calls_tb" in cols:
            return "huawei_calls", "", []
        if "sms_tb" in cols:
            return "huawei_sms", "", []
        if "Files" in cols:
            return "unsupported", _("this is an iPhone backup's Manifest.db; choose the whole backup folder"), []
        return "unsupported", _("a database we do not know (tables: {tables})").format(
            tables=", ".join(sorted(cols)[:6])), []
    if head.startswith(b"PK\x03\x04"):
        return "unsupported", _("a zip archive (a zipped or encrypted backup?); unzip it or export it again "
                                "without a password"), []
    if b"BEGIN:VMSG" in head[:200]:
        return "vmsg", "", []
    root = _xml_root(as_utf8_head(head))
    if root == "calls":
        return "sbr_calls", "", []
    if root == "smses":
        return "sbr_sms", "", []
    if root == "CallLog":
        return "oppo_calls", "", []
    if root:
        return "unsupported", _("an XML file that is not a phone backup we know (root <{tag}>)").format(tag=root), []
    # Content beats the name: a picture is a picture only if its bytes say so (a text file, or a
    # link to /etc/passwd, named IMG_….jpg is not one).  Recordings are looser on purpose: phones
    # leave empty or cut placeholders whose name still proves the call, so only another known
    # kind of file (a picture) is refused under an audio name.
    mime = sniff_mime(head)
    if suffix in AUDIO_EXTENSIONS or (head.startswith((b"#!AMR", b"ID3")) or head[4:8] == b"ftyp") and not (
            mime.startswith("image/") and suffix in IMAGE_EXTENSIONS):  # HEIC is an "ftyp" file too
        if mime.startswith("image/"):
            return "unsupported", _("named like a recording, but the file holds a picture"), []
        if parse_name(path.name, tz):
            return "recording", "", []
        return "unsupported", _("an audio file whose name does not give the number and time of a call; attach it "
                                "to the call by hand"), []
    if mime.startswith("image/"):
        return "image", "", []
    if suffix in IMAGE_EXTENSIONS:
        return "unsupported", _("named like a picture, but the file does not hold one"), []
    if suffix in (".csv", ".txt", ".tsv"):
        columns = csvfiles.header(path)
        kind = csvfiles.kind_of(columns)
        if kind == "csv" and len(columns) < 2:
            return "unsupported", _("a text file without columns"), []
        return kind, "", columns
    return "unsupported", _("not a phone export we can read"), []


def _walk(folder: Path) -> Iterator[tuple[Path, str]]:
    """(file, why it is skipped or "") for each file in `folder`, at any depth.

    Links are followed only to files inside the folder being imported: a link out of it (to
    /etc/passwd, say) would bring in a file the user never chose.  Links to folders are not
    followed at all (they could loop)."""
    top = folder.resolve()
    for root, dirs, files in os.walk(folder):  # followlinks=False: a linked folder is listed, not entered
        for name in sorted(d for d in dirs if not d.startswith(".") and (Path(root) / d).is_symlink()):
            yield Path(root) / name, _("a link to a folder; it was not followed")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (Path(root) / d).is_symlink())
        for name in sorted(files):
            if name.startswith(".") or name in _SKIP_NAMES:
                continue
            path = Path(root) / name
            problem = ""
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):  # dangling, or a loop of links
                    target = None
                if target is None:
                    problem = _("a link to nothing; it was not followed")
                elif not target.is_relative_to(top):
                    problem = _("a link to a file outside the folder being imported; it was not followed")
            yield path, problem


def expand(paths: Iterable[Path | str], tz: str) -> list[FileReport]:
    """A report per file: named files, files inside named folders, or an iPhone backup's two databases."""
    reports: list[FileReport] = []
    seen: set[Path] = set()

    def add(path: Path, explicit: bool, fmt: str | None = None, problem: str = "") -> None:
        real = path if problem else path.resolve()
        if real in seen:
            return
        seen.add(real)
        columns: list[str]
        if problem:
            fmt, columns = "unsupported", []
        elif fmt is None:
            try:
                fmt, problem, columns = classify(path, tz)
            except ImportFormatError as exc:
                fmt, problem, columns = "unsupported", exc.problem, []
        else:
            problem, columns = "", []
        report = FileReport(path=path, format=fmt, error=problem, explicit=explicit, columns=columns)
        try:
            report.size = path.stat().st_size
        except OSError:
            pass
        reports.append(report)

    for item in paths:
        if not str(item).strip():  # Path("") is ".": an empty argument must not import the current folder
            raise ImportFormatError(Path(""), _("an empty file name was given"))
        path = Path(item)
        if not path.exists():
            raise ImportFormatError(path, _("no such file or folder"))
        # (A link the user named is followed: they chose it.  What it points at is still checked.)
        if path.is_dir():
            if (path / "Manifest.db").is_file():
                found = ios.backup_files(path)
                if not found:
                    raise ImportFormatError(path, _("this iPhone backup holds no messages or call history we can "
                                                    "read (call history needs an encrypted backup, decrypted first)"))
                for fmt, file in found:
                    add(file, True, fmt)
                continue
            for file, problem in _walk(path):
                add(file, False, problem=problem)
        else:
            add(path, True)
    return reports


def hash_files(reports: list[FileReport], cancel_check: Callable[[], None] = lambda: None) -> None:
    for report in reports:
        if report.format != "unsupported" and not report.sha256:
            cancel_check()
            report.sha256 = _sha256(report.path, cancel_check)


def _sha256(path: Path, cancel_check: Callable[[], None]) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as fh:  # never block on a file swapped for a FIFO since it was looked at
        while chunk := fh.read(1 << 20):
            cancel_check()
            digest.update(chunk)
    return digest.hexdigest()


#: The reader for each record format: (path, report, tz) -> records.
READERS = {
    "sbr_calls": sbr.read_calls,
    "sbr_sms": sbr.read_messages,
    "oppo_calls": vendor.read_oppo_calls,
    "vmsg": vendor.read_vmsg,
    "huawei_calls": vendor.read_huawei_calls,
    "huawei_sms": vendor.read_huawei_sms,
    "ios_calls": ios.read_calls,
    "ios_sms": ios.read_messages,
    "wechat_csv": csvfiles.read_memotrace,
    "imazing_csv": csvfiles.read_imazing,
}
#: Formats that hold call or message records (the rest are recordings and pictures).
RECORD_FORMATS = frozenset(READERS) | {"csv"}


def reader(report: FileReport, tz: str, mapping: csvfiles.ColumnMapping | None) -> Iterator[Record]:
    fmt, path = report.format, report.path
    if fmt == "csv":  # a generic CSV also needs its column mapping
        return csvfiles.read_generic(path, report, tz, mapping or csvfiles.guess_mapping(report.columns))
    read = READERS.get(fmt)
    if read is None:
        raise ImportFormatError(path, report.error or _("not a phone export we can read"))
    return read(path, report, tz)
