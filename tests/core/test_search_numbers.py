"""Issue 19 item 3: a query that is a phone number, or the tail of one, finds that number's entries."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.core.domain.phones import display_number, number_query_digits

QUERIES = ("8885550163", "+1 888 555 0163", "555-0163", "(888) 555-0163", "+1-888-555-0163")


@pytest.fixture
def us_demo(workspace):
    from desktop_app.core.demo import ensure_demo

    case_id = ensure_demo(workspace, "us")
    calls = {e.id for e in workspace.events.list(case_id) if e.contact_key == "+18885550163"}
    assert len(calls) == 15
    return workspace, case_id, calls


@pytest.mark.parametrize("query", QUERIES)
def test_every_way_of_writing_the_number_finds_all_its_calls(us_demo, query):
    ws, case_id, calls = us_demo
    found = set(ws.search.search_ids(case_id, query))
    assert calls <= found
    # Only entries that are about this number: its calls, or a message quoting it in its text.
    for event in ws.events.list(case_id, ids=sorted(found - calls)):
        assert "555-0163" in event.body or "555-0163" in event.summary


def test_a_number_finds_entries_through_the_contact_points(workspace):
    ws = workspace
    case = ws.cases.create("Debt", "US")
    sister = ws.parties.add(case.id, "Rachel", "third_party", relationship="relative", numbers=["717-555-0131"])
    mike = ws.parties.add(case.id, "Mike", "collector", numbers=["(888) 555-0163", "(610) 555-0177"])
    to_sister = ws.events.log(case.id, "call", datetime(2026, 3, 2, 9, 0), contact_value="8885550163",
                              target="third_party", target_party_id=sister.id, summary="Called my sister")
    no_number = ws.events.log(case.id, "call", datetime(2026, 3, 3, 9, 0), party_id=mike.id, summary="Threat")
    other_line = ws.events.log(case.id, "call", datetime(2026, 3, 4, 9, 0), contact_value="(610) 555-0177",
                               summary="Voicemail")
    assert ws.search.search_ids(case.id, "(717) 555-0131") == [to_sister.id]
    # A call logged with no number but attributed to the number's owner; not his other line's calls.
    assert ws.search.search_ids(case.id, "555 0163") == [to_sister.id, no_number.id]
    assert ws.search.search_ids(case.id, "0177") == [no_number.id, other_line.id]
    # Three digits are too few to be a number: only the text (the number as written) matches.
    assert ws.search.search_ids(case.id, "163") == [to_sister.id]
    assert ws.search.search_ids(case.id, "Threat") == [no_number.id]  # words still search the text


def test_query_digits_and_one_display_format():
    assert number_query_digits("+1 (888) 555-0163") == "18885550163"
    assert number_query_digits("555.0163") == "5550163"
    assert number_query_digits("０１６３") == "0163"  # full-width digits from a Chinese keyboard
    assert number_query_digits("123") == "" and number_query_digits("call 5550163") == ""
    # National format for the case's country, international for any other.
    assert display_number("8885550163", "US") == display_number("+1 888-555-0163", "US") == "(888) 555-0163"
    assert display_number("13800138000", "US") == "+86 138 0013 8000"
    assert display_number("+8613800138000", "CN") == "138 0013 8000"
    assert display_number("withheld", "CN") == "withheld"


def test_the_command_line_search_finds_the_number(data_dir: Path):
    from tests.core.test_cli import run

    case_id = int(run(data_dir, "demo", "--us").stdout.strip().split()[-1])
    found = json.loads(run(data_dir, "search", str(case_id), "+1 888 555 0163", "--json").stdout)
    assert sum(1 for e in found if e["number"] == "(888) 555-0163") == 15
