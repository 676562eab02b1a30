"""Item 9: a CSV mixing UTF-8 and GB18030 lines, or with a quote never closed, is read right and warned
about, naming the line, instead of storing mojibake or swallowing the rows after it."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.importers import detect
from desktop_app.core.importers.csvfiles import decode
from desktop_app.core.importers.model import FileReport

TZ = "Asia/Shanghai"
HEAD = "time,number,body\n"


def _read(path: Path) -> tuple[list, FileReport]:
    fmt, problem, columns = detect.classify(path, TZ)
    assert fmt == "csv", problem
    report = FileReport(path, fmt, columns=columns)
    return list(detect.reader(report, TZ, None)), report


def test_lines_in_two_encodings_are_each_read_in_their_own_and_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_bytes(HEAD.encode() + "2024-03-01 10:00,10086,你好 UTF-8\n".encode()
                     + "2024-03-01 11:00,10086,催收通知 GB18030\n".encode("gb18030")
                     + b"2024-03-01 12:00,10086,plain\n")
    records, report = _read(path)
    assert [r.body for r in records] == ["你好 UTF-8", "催收通知 GB18030", "plain"]
    assert report.warnings == ["messages.csv: the file mixes two text encodings (line 2 is UTF-8, line 3 is GB18030, "
                               "as Chinese Excel saves); each line was read in its own encoding — check the text."]


def test_a_gb18030_file_alone_is_read_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_bytes((HEAD + "2024-03-01 10:00,10086,催收通知\n").encode("gb18030"))
    records, report = _read(path)
    assert [r.body for r in records] == ["催收通知"] and report.warnings == []


def test_bytes_neither_encoding_reads_are_named_by_line() -> None:
    decoded = decode(b"a,b\n\xff\xfe\xfd,1\n")
    assert decoded.broken_lines == [2] and "\ufffd" in decoded.text


def test_an_unclosed_quote_does_not_swallow_the_rows_after_it(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(HEAD + '2024-03-01 10:00,10086,"hello\n2024-03-01 11:00,10087,world\n'
                    '2024-03-01 12:00,10088,end\n', encoding="utf-8")
    records, report = _read(path)
    assert [(r.number, r.body) for r in records] == [("10086", '"hello'), ("10087", "world"), ("10088", "end")]
    assert report.warnings == ["messages.csv, line 2: a quote opens here and is never closed, which swallowed the 2 "
                               "lines after it; this line was read as it stands and the rest as rows of their own "
                               "— check it."]


def test_a_real_multi_line_message_is_still_one_row(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(HEAD + '2024-03-01 10:00,10086,"line one\nline two, with a comma"\n'
                    '2024-03-01 11:00,10087,next\n', encoding="utf-8")
    records, report = _read(path)
    assert [r.body for r in records] == ["line one\nline two, with a comma", "next"] and report.warnings == []


def test_a_quote_closed_by_the_next_lines_quote_is_caught_too(tmp_path: Path) -> None:
    # Each bad line swallows the next one up to its quote: the field count and the quote count
    # look right, only the quoting rules are broken.
    path = tmp_path / "messages.csv"
    path.write_text(HEAD + "".join(f'2024-03-01 10:0{i},1008{i},"open {i}\n' for i in range(4)), encoding="utf-8")
    records, report = _read(path)
    assert [r.number for r in records] == ["10080", "10081", "10082", "10083"]
    assert [r.body for r in records] == ['"open 0', '"open 1', '"open 2', '"open 3']
    assert report.warnings[0].startswith("messages.csv, line 2: a quote opens here and is never closed")


def test_stray_and_doubled_quotes_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(HEAD + '2024-03-01 10:00,1,a 5" screen\n2024-03-01 10:01,2,"say ""hi""\nthere"\n',
                    encoding="utf-8")
    records, report = _read(path)
    assert [r.body for r in records] == ['a 5" screen', 'say "hi"\nthere'] and report.warnings == []
