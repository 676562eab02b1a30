"""Importing phone exports: call logs, messages, call recordings, screenshots.

    from desktop_app.core.importers import preview, run_import
    found = preview(ws, case_id, [path])              # reads, writes nothing
    result = run_import(ws, case_id, [path], numbers=found.suggested)

Formats: SMS Backup & Restore XML (calls, SMS, MMS), iPhone CallHistory.storedata and sms.db,
Huawei and OPPO backups, VMSG, MemoTrace (WeChat) and iMazing CSV, any CSV with a column
mapping, OEM call-recording file names, screenshots and photos.
"""

from desktop_app.core.importers.csvfiles import ColumnMapping, guess_mapping
from desktop_app.core.importers.errors import ImportFormatError
from desktop_app.core.importers.model import FileReport, FoundNumber, ImportPreview, ImportResult
from desktop_app.core.importers.service import preview, run_import

__all__ = ["ColumnMapping", "FileReport", "FoundNumber", "ImportFormatError", "ImportPreview", "ImportResult",
           "guess_mapping", "preview", "run_import"]
