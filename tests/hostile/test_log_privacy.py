"""Item 12: the log never holds values from the user's data — not from warnings, not from an unexpected
error whose message quotes them."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import log as core_log
from desktop_app.core.importers import service

NAME, EMAIL, STREET = "Wilhelmina Quackenbush", "wq.collector@example.org", "42 Marigold Crescent"
SECRETS = (NAME, EMAIL, STREET, "Marigold", "Quackenbush", "wq.collector")


def _backup(tmp_path: Path) -> Path:
    path = tmp_path / "calls-20240314201507.xml"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n<calls count=\"3\">\n"
        f'<call number="17000001111" duration="30" date="1710165667512" type="1" contact_name="{NAME}"/>\n'
        f'<call number="17000001111" duration="0" date="bogus {EMAIL}" type="1" contact_name="{NAME}"/>\n'
        f'<call number="17000001111" duration="5" date="1710165669512" type="99" contact_name="{STREET}"/>\n'
        "</calls>\n", encoding="utf-8")
    return path


def _log_text(data_dir: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "\n".join(p.read_text(encoding="utf-8") for p in (data_dir / "logs").glob("papertrail.log*"))


@pytest.fixture
def case(data_dir: Path) -> Path:
    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(data_dir) as ws:
        ws.cases.create("Log privacy", "CN")
    yield data_dir
    root = logging.getLogger()
    for handler in list(root.handlers):  # this test's log file: let the next test start its own
        if isinstance(handler, logging.FileHandler) and str(data_dir) in handler.baseFilename:
            root.removeHandler(handler)
            handler.close()
    core_log._configured.clear()


def test_an_unexpected_error_quoting_values_is_logged_as_type_and_place_only(
        case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    original = service.event_row

    def buggy(case_id, record, *args, **kwargs):
        if record.contact_name == STREET:  # a bug whose message quotes the data, as most do
            raise ValueError(f"cannot store {record.contact_name!r} for {NAME} <{EMAIL}>")
        return original(case_id, record, *args, **kwargs)

    monkeypatch.setattr(service, "event_row", buggy)
    code = main(["--data-dir", str(case), "--lang", "en", "import", "1", str(_backup(tmp_path)), "--all"])
    err = capsys.readouterr().err
    assert code == 70 and "unexpected error (ValueError)" in err
    text = _log_text(case)
    assert "ValueError" in text and 'File "service.py"' in text and "in buggy" in text
    for secret in SECRETS:
        assert secret not in text, secret


def test_an_import_with_warnings_logs_no_values(case: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(case), "--lang", "en", "import", "1", str(_backup(tmp_path)), "--all"])
    out = capsys.readouterr().out
    assert code == 0 and "warning:" in out and EMAIL in out  # the user is told; the log is not
    text = _log_text(case)
    assert "import 1 into case 1: 1 files (sbr_calls), 0 skipped as unreadable, 2 imported, 0 duplicates, " \
           "1 records skipped, 2 warnings" in text  # what happened, in counts
    logging.getLogger("desktop_app").warning("a slip: %r from %s", STREET, EMAIL)
    text = _log_text(case)
    for secret in SECRETS:
        assert secret not in text, secret


@pytest.mark.parametrize(("raw", "masked"), [
    ("sent to wq.collector@example.org today", "sent to [email] today"),
    ("KeyError: 'Wilhelmina Quackenbush'", "KeyError: [quoted]"),
    ('field "42 Marigold Crescent" bad', "field [quoted] bad"),
    ("call from +86 170 0000 1111", "call from [number]"),
    ("张三 called", "[…] called"),
    ("imported 12 records in 3 files", "imported 12 records in 3 files"),
])
def test_the_filter_masks_values_that_slip_through(raw: str, masked: str) -> None:
    assert core_log.redact(raw) == masked


def test_a_chained_exception_keeps_both_types_and_no_message() -> None:
    try:
        try:
            raise KeyError(EMAIL)
        except KeyError as inner:
            raise RuntimeError(NAME) from inner
    except RuntimeError as exc:
        text = core_log.safe_traceback(type(exc), exc, exc.__traceback__)
    assert "builtins.RuntimeError" in text and "caused by: builtins.KeyError" in text
    assert NAME not in text and EMAIL not in text
