"""Each exhibit is hashed as it goes into a dossier: the PDF prints its SHA-256 and a picture of it,
so a vault file that is missing or no longer matches must not be presented as that exhibit.

By default a missing or altered exhibit stops the report (`UnverifiedExhibitsError`, naming each
one).  The user may instead choose to leave them out (`ReportOptions.leave_out_unverified`,
`--leave-out-unverified`, the report dialog's check box); the dossier then lists which were
left out and why, and its manifest and declaration cover only the exhibits it holds.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.domain.models import Evidence
from desktop_app.core.errors import VaultError
from desktop_app.core.i18n import _
from desktop_app.core.progress import NEVER_CANCELLED, CancelToken, ProgressFn, no_progress
from desktop_app.core.report.dossier import Dossier

MISSING = "missing"
ALTERED = "altered"


@dataclass(frozen=True, slots=True)
class Unverified:
    evidence: Evidence
    problem: str  # MISSING | ALTERED


class UnverifiedExhibitsError(VaultError):
    """Exhibits whose vault file is missing or no longer matches its SHA-256."""

    def __init__(self, unverified: list[Unverified]) -> None:
        names = "; ".join(
            (_("{exhibit} ({name}) is missing from the vault") if u.problem == MISSING
             else _("{exhibit} ({name}) no longer matches its SHA-256")).format(
                exhibit=u.evidence.exhibit, name=u.evidence.original_name) for u in unverified)
        super().__init__(_("The PDF was not made, because {exhibits}; run 'papertrail verify' for details, or "
                           "choose to leave them out (in the report window, or with --leave-out-unverified).").format(
            exhibits=names))
        self.unverified = unverified


def file_sha256(path: Path, cancel: CancelToken = NEVER_CANCELLED) -> str | None:
    """The file's SHA-256, or None when it cannot be read (missing, a folder, no permission)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                cancel.check()
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def check(evidence: list[Evidence], progress: ProgressFn = no_progress,
          cancel: CancelToken = NEVER_CANCELLED) -> list[Unverified]:
    """Hash every exhibit's vault file; those that are missing or altered, in exhibit order."""
    total = sum(v.size for v in evidence) or 1
    done = 0
    out = []
    for v in evidence:
        cancel.check()
        found = file_sha256(Path(v.path), cancel)
        if found is None:
            out.append(Unverified(v, MISSING))
        elif found != v.sha256:
            out.append(Unverified(v, ALTERED))
        done += v.size
        progress(done, total, v.exhibit)
    return out


def leave_out(d: Dossier, unverified: list[Unverified]) -> Dossier:
    """The dossier without those exhibits: manifest, its SHA-256 and exhibit numbers agree again."""
    from desktop_app.core.package import manifest_for, manifest_sha256

    dropped = {u.evidence.id for u in unverified}
    kept = [v for v in d.evidence if v.id not in dropped]
    manifest = manifest_for(d.case, kept)
    return dataclasses.replace(d, evidence=kept, manifest=manifest, manifest_sha256=manifest_sha256(manifest),
                               exhibit_of={v.id: v.exhibit for v in kept}, left_out=list(unverified))
