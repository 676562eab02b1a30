"""The evidence package: one ZIP a regulator, a lawyer or a court can check file by file.

    E-001_<original name>…   the original evidence files, byte for byte, named by exhibit number
    <ref>_complaint.pdf      the complaint dossier (and -vol2, -vol3… when it was split)
    manifest.json            case reference and, per exhibit, sha256, size, name, type, capture time, events
    SHA256SUMS               `sha256sum -c SHA256SUMS` checks every file above
    HOW-TO-VERIFY.txt        the same check on Windows and macOS, in the dossier's language

The manifest is canonical JSON (sorted keys, no timestamps), so the SHA-256 printed on the
dossier's cover is the SHA-256 of manifest.json in the package.  The ZIP is written to a
temporary file and renamed at the very end: a cancel or an error leaves nothing behind.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.domain.models import Case, Evidence
from desktop_app.core.errors import FileInputError, VaultError
from desktop_app.core.i18n import _, translator
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress
from desktop_app.core.report.staging import staging

if TYPE_CHECKING:
    from desktop_app.core.report.common import ReportOptions
    from desktop_app.core.services.workspace import Workspace

MANIFEST_VERSION = 1
_STORED = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "audio/", "video/", "application/zip")


def safe_name(name: str) -> str:
    """A file name safe in a ZIP on every system (no folders, no control or reserved characters)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.sub(r'[\x00-\x1f<>:"/\\|?*]+', "_", name).strip(" .")
    return name[:150] or "file"


def exhibit_file_name(item: Evidence) -> str:
    return f"{item.exhibit}_{safe_name(item.original_name)}"


def manifest_for(case: Case, evidence: list[Evidence]) -> dict[str, Any]:
    return {
        "format": "papertrail-evidence-manifest",
        "version": MANIFEST_VERSION,
        "case_reference": case.reference,
        "exhibits": [
            {
                "exhibit": v.exhibit,
                "file": exhibit_file_name(v),
                "sha256": v.sha256,
                "size": v.size,
                "original_name": v.original_name,
                "mime": v.mime,
                "capture_time": v.capture_time.isoformat() if v.capture_time else None,
                "capture_source": v.capture_source.value if v.capture_source else None,
                "duration_s": v.duration_s,
                "event_ids": list(v.event_ids),
            }
            for v in evidence
        ],
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def manifest_sha256(manifest: dict[str, Any]) -> str:
    return hashlib.sha256(manifest_bytes(manifest)).hexdigest()


@dataclass(slots=True)
class PackageResult:
    path: Path
    size: int
    exhibits: int
    pdfs: list[str]  # names inside the ZIP
    manifest_sha256: str
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "bytes": self.size, "exhibits": self.exhibits, "pdfs": self.pdfs,
                "manifest_sha256": self.manifest_sha256, "warnings": list(self.warnings)}


def how_to_verify(lang: str, case_ref: str, manifest_hash: str) -> str:
    _ = translator(lang)
    lines = [
        _("How to check that these files are unaltered ({ref})").format(ref=case_ref),
        "",
        _("Every evidence file is listed in SHA256SUMS with its SHA-256 fingerprint, taken when it was "
           "first added. If even one byte had changed, the fingerprint would differ."),
        "",
        _("Linux: open a terminal in this folder and run:"),
        "    sha256sum -c SHA256SUMS",
        _("macOS: open Terminal in this folder and run:"),
        "    shasum -a 256 -c SHA256SUMS",
        _("Windows: open Command Prompt in this folder and run, for each file:"),
        "    certutil -hashfile E-001_<name> SHA256",
        _("and compare the result with the line for that file in SHA256SUMS."),
        "",
        _("The SHA-256 of manifest.json, printed on the cover of the dossier: {sha}").format(sha=manifest_hash),
        "",
        # What a hash can and cannot show, in the same words as the dossier's appendix.
        _("A matching SHA-256 shows only that a file is identical to the one listed here. It does not show when the "
          "file was made or added: Paper Trail recorded that time on the complainant's computer, and no independent "
          "timestamp is attached. A timestamp from an independent authority (such as an RFC 3161 time-stamping "
          "service or a notary) over manifest.json would show that these files existed by that time."),
    ]
    return "\n".join(lines) + "\n"


def _copy_verified(zf: zipfile.ZipFile, item: Evidence, arcname: str, cancel: CancelToken) -> None:
    """Copy a vault file into the ZIP, hashing as we go; refuse a file that no longer matches."""
    source = Path(item.path)
    if not source.is_file():
        raise VaultError(_("{exhibit} ({name}): the stored copy is missing from the vault; run "
                           "'papertrail verify' for details.").format(exhibit=item.exhibit, name=item.original_name))
    digest = hashlib.sha256()
    compress = zipfile.ZIP_STORED if item.mime.startswith(_STORED) else zipfile.ZIP_DEFLATED
    info = zipfile.ZipInfo.from_file(source, arcname)
    info.compress_type = compress
    with open(source, "rb") as src, zf.open(info, "w", force_zip64=item.size > 2**31) as dst:
        while chunk := src.read(1 << 20):
            cancel.check()
            digest.update(chunk)
            dst.write(chunk)
    if digest.hexdigest() != item.sha256:
        raise VaultError(_("{exhibit} ({name}): the stored copy no longer matches its SHA-256, so it cannot be "
                           "packaged; run 'papertrail verify' for details.").format(
                               exhibit=item.exhibit, name=item.original_name))


def build_package(ws: Workspace, case_id: int, out_zip: Path | str, options: ReportOptions | None = None,
                  progress: ProgressFn = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> PackageResult:
    """Write the evidence package (see module docstring).  Off the GUI thread; honours `cancel`."""
    from desktop_app.core.report.common import ReportOptions, build_report
    from desktop_app.core.report.dossier import gather

    out_zip = Path(out_zip)
    if out_zip.is_dir():
        raise FileInputError(out_zip, _("is a folder; give a file name ending in .zip"))
    if not out_zip.parent.exists():
        raise FileInputError(out_zip.parent, _("no such folder"))
    # The package always holds the complaint dossier; the caller's options are left as they are.
    # Nor does it ever leave out a missing or altered exhibit: a package is the originals or nothing.
    options = dataclasses.replace(options or ReportOptions(), kind="complaint",
                                  leave_out_unverified=False).validate()
    case = ws.cases.get(case_id)
    dossier = gather(ws, case_id, options, with_findings=False)
    evidence, manifest = dossier.evidence, dossier.manifest
    total = sum(v.size for v in evidence) or 1
    # Everything is written in the data folder's staging area and the ZIP published (0600, atomic)
    # at the very end; a kill's leftovers are swept at the next start (report/staging.py).
    with staging(ws.layout.root, out_zip.parent) as stage:
        tmp_zip = stage.path(out_zip.name)
        work = stage.path("pdf")
        work.mkdir()
        pdf_path = work / f"{case.reference}_complaint.pdf"

        def pdf_progress(done: int, all_: int, label: str = "") -> None:
            progress(int(40 * done / max(all_, 1)), 100, label)

        report = build_report(ws, case_id, options, pdf_path, pdf_progress, cancel)
        sums: list[str] = []
        with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            copied = 0
            for item in evidence:
                cancel.check()
                arcname = manifest_file_name(manifest, item)
                _copy_verified(zf, item, arcname, cancel)
                sums.append(f"{item.sha256}  {arcname}")
                copied += item.size
                progress(40 + int(55 * copied / total), 100, item.exhibit)
            pdf_names = []
            for path in report.paths:
                zf.write(path, path.name)
                pdf_names.append(path.name)
            data = manifest_bytes(manifest)
            zf.writestr("manifest.json", data)
            sums.append(f"{hashlib.sha256(data).hexdigest()}  manifest.json")
            for path in report.paths:
                sums.append(f"{_file_sha256(path)}  {path.name}")
            zf.writestr("SHA256SUMS", "\n".join(sums) + "\n")
            zf.writestr("HOW-TO-VERIFY.txt", how_to_verify(options.lang, case.reference,
                                                           manifest_sha256(manifest)))
        cancel.check()
        stage.publish(tmp_zip, out_zip)
    progress(100, 100, "")
    return PackageResult(out_zip, out_zip.stat().st_size, len(evidence), pdf_names, manifest_sha256(manifest),
                         list(report.warnings))


def manifest_file_name(manifest: dict[str, Any], item: Evidence) -> str:
    for entry in manifest["exhibits"]:
        if entry["exhibit"] == item.exhibit:
            return entry["file"]
    return exhibit_file_name(item)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
