"""The shared document check: decoding untrusted JSON, and the value checks both formats use."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.core.document_check import (
    MAX_DEPTH,
    MAX_PROBLEMS,
    DocumentCheck,
    Problem,
    Refusal,
    child_path,
    decode_untrusted_json,
    is_iso_date,
    is_iso_datetime,
    is_readable_version,
    is_whole_number,
    kind_of,
    quoted,
    read_untrusted_file,
    short_number,
)
from selfmassage.core.report_file import check_report, dump_report, parse_report
from selfmassage.core.routine_file import check_routine, check_schedule, parse_routine
from tests.core.test_report_file import sample_report
from tests.core.test_routine_file import SPEC_EXAMPLE

LIMIT = 1000


def decode(data: bytes) -> object:
    return decode_untrusted_json(data, LIMIT, "a test file", "1 kB")


def refusal(data: bytes) -> str:
    result = decode(data)
    assert isinstance(result, Refusal), result
    return result.reason


# Reading and decoding ------------------------------------------------------------------


def test_reading_stops_one_byte_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * (LIMIT * 3))
    assert read_untrusted_file(path, LIMIT) == b"x" * (LIMIT + 1)
    assert refusal(b"x" * (LIMIT + 1)).startswith("too large")


def test_a_file_that_cannot_be_read_is_refused_with_the_reason(tmp_path: Path) -> None:
    assert read_untrusted_file(tmp_path, LIMIT) == Refusal(
        "cannot read it: it is a folder, not a file"
    )
    assert read_untrusted_file(tmp_path / "gone.json", LIMIT) == Refusal(
        "cannot read it: No such file or directory"
    )


def test_json_decodes_to_plain_values() -> None:
    assert decode(b'{"a": [1, 2.5, "x", true, null]}') == {"a": [1, 2.5, "x", True, None]}


def test_a_byte_order_mark_is_skipped() -> None:
    assert decode(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_the_size_limit_counts_bytes_and_names_the_file() -> None:
    at_limit = b'"' + b"x" * (LIMIT - 2) + b'"'
    assert decode(at_limit) == "x" * (LIMIT - 2)
    assert refusal(at_limit + b" ") == "too large: a test file is at most 1,000 bytes (1 kB)"


def test_bad_utf8_names_its_line_and_column() -> None:
    assert refusal(b'{\n  "a": "\xff"}') == "not UTF-8 text (bad byte at line 2, column 9)"


def test_a_syntax_error_names_its_line_and_column() -> None:
    reason = refusal(b'{\n  "a" 1}')
    assert reason.startswith("not valid JSON: ") and reason.endswith("at line 2, column 7")


def test_a_cut_short_file_says_so() -> None:
    assert refusal(b'{"a": [1, 2') == (
        "not valid JSON: it ends too early (cut short, or an unclosed string or bracket)"
    )


@pytest.mark.parametrize("data", [b"1e999", b"NaN", b"", b"{} {}", b"[1,]"])
def test_what_is_not_json_is_refused(data: bytes) -> None:
    assert refusal(data).startswith("not valid JSON")


def test_a_number_too_long_for_python_is_refused() -> None:
    result = decode_untrusted_json(b"9" * 5000, 10_000, "a test file", "10 kB")
    assert isinstance(result, Refusal) and result.reason.startswith("not valid JSON")


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def test_nesting_is_refused_past_the_limit_only() -> None:
    assert decode(nested(MAX_DEPTH)) is not None
    assert refusal(nested(MAX_DEPTH + 1)) == (
        f"nested too deep: at most {MAX_DEPTH} levels of arrays and objects"
    )
    # Side by side is not deeper.
    assert isinstance(decode(b"[" + b",".join([nested(MAX_DEPTH - 1)] * 30) + b"]"), list)


def test_brackets_in_strings_are_not_nesting() -> None:
    text = '[[[[{{{{ \\" [[[[ \\\\'
    assert decode(json.dumps([text] * 5).encode()) == [text] * 5


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_value_or_a_refusal_with_a_reason(data: bytes) -> None:
    result = decode(data)
    if isinstance(result, Refusal):
        assert result.reason
    else:
        assert json.loads(data.removeprefix(b"\xef\xbb\xbf")) == result


# Value checks --------------------------------------------------------------------------


def only_error(check: DocumentCheck) -> Problem:
    (problem,) = check.errors()
    return problem


def test_text_is_trimmed_and_absent_is_empty() -> None:
    check = DocumentCheck()
    assert check.text("$.a", {"a": "  hi \n"}, 10) == "hi"
    assert check.text("$.b", {}, 10) == ""
    assert check.optional_text("$.a", {"a": "   "}, 10) is None
    assert not check.has_errors and check.errors() == ()


@pytest.mark.parametrize(
    ("container", "reason"),
    [
        ({}, "missing"),
        ({"a": "  "}, "must not be empty"),
        ({"a": 3}, "must be a string, not a whole number"),
        ({"a": "x" * 1001}, "at most 1,000 characters, not 1,001"),
    ],
)
def test_a_required_text(container: dict[str, Any], reason: str) -> None:
    check = DocumentCheck()
    check.text("$.p.a", container, 1000, required=True)
    assert only_error(check) == Problem("$.p.a", reason)


@pytest.mark.parametrize(
    ("value", "highest", "reason"),
    [
        (0, 5, "must be from 1 to 5, not 0"),
        (6, 5, "must be from 1 to 5, not 6"),
        (0, None, "must be 1 or more, not 0"),
        (10**30, 5, "must be from 1 to 5, not a number 31 digits long"),
        (True, 5, "must be a whole number, not true or false"),
        (2.0, 5, "must be a whole number, not the number 2.0"),
        ("2", 5, "must be a whole number, not a string"),
        (None, 5, "must be a whole number, not null"),
    ],
)
def test_integer_bounds_and_kinds(value: object, highest: int | None, reason: str) -> None:
    check = DocumentCheck()
    assert check.integer("$.n", {"n": value}, 1, highest) is None
    assert only_error(check) == Problem("$.n", reason)


def test_integer_in_bounds_and_integer_value_under_any_key() -> None:
    check = DocumentCheck()
    assert check.integer("$.n", {"n": 5}, 1, 5) == 5
    assert check.integer("$.n", {}, 1, 5) is None
    assert check.integer_value('$.r["a.b"]', 4, 0, 10) == 4
    assert not check.has_errors
    assert check.integer_value('$.r["a.b"]', 11, 0, 10) is None
    assert only_error(check) == Problem('$.r["a.b"]', "must be from 0 to 10, not 11")


def test_choice_names_the_allowed_words_and_quotes_the_wrong_one() -> None:
    check = DocumentCheck()
    assert check.choice("$.tool", {"tool": "ball"}, ("hands", "ball"), "tool") == "ball"
    assert check.choice("$.tool", {"tool": "Ball"}, ("hands", "ball"), "tool") is None
    assert only_error(check) == Problem("$.tool", 'unknown tool "Ball"; use one of: hands, ball')


def test_json_object_warns_of_unknown_keys_with_their_paths() -> None:
    check = DocumentCheck()
    value = check.json_object("$.o", {"o": {"a": 1, "b c": 2, "x": 3}}, ("a",), required=True)
    assert value == {"a": 1, "b c": 2, "x": 3}
    assert check.warnings() == (
        Problem('$.o["b c"]', "unknown key, ignored"),
        Problem("$.o.x", "unknown key, ignored"),
    )
    assert check.json_object("$.o", {"o": []}, ("a",), required=False) is None
    assert check.json_object("$.o", {}, ("a",), required=False) is None
    assert only_error(check) == Problem("$.o", "must be an object, not an array")


def test_an_array_is_counted_and_its_items_left_to_the_caller() -> None:
    check = DocumentCheck()
    assert check.array("$.xs", {"xs": [1, "a"]}, "things", 2) == [1, "a"]
    assert check.array("$.xs", {}, "things", 2) is None
    assert not check.has_errors
    assert check.array("$.xs", {"xs": [1, 2, 3]}, "things", 2) is None
    assert check.array("$.ys", {"ys": {}}, "things", 2) is None
    assert check.array("$.zs", {}, "things", 2, missing="missing: some things") is None
    assert check.errors() == (
        Problem("$.xs", "at most 2 things, not 3"),
        Problem("$.ys", "must be an array of things, not an object"),
        Problem("$.zs", "missing: some things"),
    )


def test_objects_of_an_array_come_with_their_paths_in_order() -> None:
    check = DocumentCheck()
    items = [{"a": 1}, 2, {"a": 3, "b": 4}]
    seen = []
    for path, item in check.objects("$.xs", items, "an x", ("a",)):
        check.error(f"{path}.a", "seen")  # interleaves with the check's own problems
        seen.append(item)
    assert seen == [{"a": 1}, {"a": 3, "b": 4}]
    assert check.errors() == (
        Problem("$.xs[0].a", "seen"),
        Problem("$.xs[1]", "an x must be an object, not a whole number"),
        Problem("$.xs[2].a", "seen"),
    )
    assert check.warnings() == (Problem("$.xs[2].b", "unknown key, ignored"),)


def test_dates_and_date_times() -> None:
    check = DocumentCheck()
    assert check.iso_date("$.d", {"d": "2025-03-01"}) == date(2025, 3, 1)
    moment = check.iso_datetime("$.t", {"t": "2025-03-01T09:30:00+01:00"}, zoned=True)
    assert moment == datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert not check.has_errors
    assert check.iso_date("$.d", {"d": "2025-02-30"}) is None
    assert check.iso_datetime("$.t", {"t": "2025-03-01T09:30"}, zoned=True) is None
    assert check.iso_datetime("$.t", {"t": "yesterday"}) is None
    assert check.errors() == (
        Problem("$.d", 'must be an ISO 8601 date such as 2025-03-01, not "2025-02-30"'),
        Problem("$.t", 'must say its time zone (Z or +01:00), not "2025-03-01T09:30"'),
        Problem(
            "$.t",
            'must be an ISO 8601 date-time such as 2025-03-01T09:30:00+01:00, not "yesterday"',
        ),
    )


def test_problems_past_the_cap_are_summed_up_once() -> None:
    check = DocumentCheck()
    for index in range(MAX_PROBLEMS + 7):
        check.error(f"$[{index}]", "bad")
        check.warn(f"$[{index}]", "odd")
    errors = check.errors()
    assert len(errors) == MAX_PROBLEMS + 1
    assert errors[MAX_PROBLEMS - 1] == Problem(f"$[{MAX_PROBLEMS - 1}]", "bad")
    assert errors[-1] == Problem("$", "and 7 more errors")
    assert check.warnings()[-1] == Problem("$", "and 7 more warnings")
    # Asking again does not add the summary twice.
    assert check.errors() == errors


def test_problems_read_as_path_and_reason() -> None:
    assert str(Problem("$.steps[3].seconds", "missing")) == "$.steps[3].seconds: missing"


# Words for messages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({}, "an object"),
        ([], "an array"),
        ("", "a string"),
        (False, "true or false"),
        (7, "a whole number"),
        (1.5, "the number 1.5"),
        (None, "null"),
    ],
)
def test_kind_of(value: object, words: str) -> None:
    assert kind_of(value) == words


def test_quoted_cuts_long_text_and_escapes_control_characters() -> None:
    assert quoted("x" * 41) == '"' + "x" * 39 + '…"'
    assert quoted("\x1b[31m<b>") == '"\\u001b[31m<b>"'


def test_small_helpers() -> None:
    assert short_number(10**19) == "10000000000000000000"
    assert short_number(10**20) == "a number 21 digits long"
    assert child_path("$", "steps") == "$.steps"
    assert child_path("$", "1st") == '$["1st"]'
    assert is_whole_number(3) and not is_whole_number(True) and not is_whole_number(3.0)
    assert is_iso_date("2024-02-29") and not is_iso_date("2023-02-29")
    assert not is_iso_date("2024-2-9")
    assert is_iso_datetime("2025-03-01 09:30") and is_iso_datetime("2025-03-01T09:30:00.5Z")
    assert not is_iso_datetime("2025-03-01T25:00")


def test_a_schedule_is_checked_by_the_routine_files_rules_wherever_it_is() -> None:
    check = DocumentCheck()
    schedule = check_schedule(check, "$.r.schedule", {"schedule": {"times_per_week": 15}})
    assert schedule is None
    assert only_error(check) == Problem(
        "$.r.schedule.times_per_week", "must be from 1 to 14, not 15"
    )


# Properties: whatever the JSON, a value or problems with messages ----------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["calves", "both", "2025-03-01", "2025-03-01T09:30:00Z", "en", "hands"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=15,
)

REPORT_EXAMPLE: dict[str, Any] = json.loads(dump_report(sample_report()))


def _places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    places = [at] if at else []
    if isinstance(value, dict):
        for key, item in value.items():
            places += _places(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places += _places(item, (*at, index))
    return places


@st.composite
def spoiled(draw: st.DrawFn, good: dict[str, Any]) -> Any:
    """A good document with a few values replaced by any JSON, or dropped."""
    document = copy.deepcopy(good)
    for _ in range(draw(st.integers(1, 3))):
        places = _places(document)
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent = document
        for key in place[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[place[-1]]
        else:
            parent[place[-1]] = draw(json_values)
    return document


def depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


FORMATS: dict[str, tuple[dict[str, Any], Callable[[object], Any], Callable[[bytes], Any]]] = {
    "routine": (SPEC_EXAMPLE, check_routine, parse_routine),
    "report": (REPORT_EXAMPLE, check_report, parse_report),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_json_gives_a_value_or_problems_never_an_exception(
    name: str, data: st.DataObject
) -> None:
    example, check, parse = FORMATS[name]
    document = data.draw(json_values | spoiled(example), label="document")
    result = check(document)
    assert (getattr(result, name) is None) == bool(result.errors) == (not result.ok)
    for problem in (*result.errors, *result.warnings):
        assert isinstance(problem, Problem)
        assert problem.path.startswith("$") and problem.reason
    # The same document as the bytes of a file gets the same verdict, unless refused whole.
    if depth(document) <= MAX_DEPTH:
        assert parse(json.dumps(document).encode()) == result


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_examples_themselves_are_good(name: str) -> None:
    # Otherwise the property above would only ever see broken documents.
    example, check, _ = FORMATS[name]
    assert check(example).ok


@settings(max_examples=200)
@given(
    st.sampled_from(["text", "optional_text", "integer", "choice", "iso_date", "iso_datetime"]),
    json_values,
    st.booleans(),
)
def test_each_check_gives_a_good_value_or_records_why_not(
    name: str, value: object, required: bool
) -> None:
    check = DocumentCheck()
    container = {"k": value}
    if name == "text":
        result: object = check.text("$.k", container, 10, required=required)
    elif name == "optional_text":
        result = check.optional_text("$.k", container, 10, required=required)
    elif name == "integer":
        result = check.integer("$.k", container, 0, 100, required=required)
    elif name == "choice":
        result = check.choice("$.k", container, ("calves", "hands"), "word", required=required)
    elif name == "iso_date":
        result = check.iso_date("$.k", container, required=required)
    else:
        result = check.iso_datetime("$.k", container, required=required, zoned=True)
    if check.has_errors:
        assert all(problem.path == "$.k" and problem.reason for problem in check.errors())
        return
    # No problem recorded: what came back is good by the check's own measure, or, for an
    # optional value, nothing at all.
    if result is None or result == "":
        assert not required
    elif name in ("text", "optional_text"):
        assert isinstance(result, str) and result == result.strip() and len(result) <= 10
    elif name == "integer":
        assert is_whole_number(result) and 0 <= result <= 100  # type: ignore[operator]
    elif name == "choice":
        assert result in ("calves", "hands")
    elif name == "iso_date":
        assert isinstance(result, date)
    else:
        assert isinstance(result, datetime) and result.tzinfo is not None


# One format and version check for every file format -------------------------------------


def _version_errors(document: dict[str, Any], current: int = 1) -> tuple[Problem, ...]:
    check = DocumentCheck()
    ok = is_readable_version(check, document, "selfmassage-x", current, "an x file")
    assert ok is not check.has_errors
    return check.errors()


@pytest.mark.parametrize(
    ("document", "path", "reason"),
    [
        ({"version": 1}, "$.format", 'missing: an x file starts with "format": "selfmassage-x"'),
        (
            {"format": "other", "version": 1},
            "$.format",
            'must be "selfmassage-x": this is not an x file',
        ),
        (
            {"format": "selfmassage-x"},
            "$.version",
            "missing: the file's format version, a whole number such as 3",
        ),
        (
            {"format": "selfmassage-x", "version": "2"},
            "$.version",
            "must be a whole number, not a string",
        ),
        (
            {"format": "selfmassage-x", "version": True},
            "$.version",
            "must be a whole number, not true or false",
        ),
        ({"format": "selfmassage-x", "version": 0}, "$.version", "must be from 1 to 3, not 0"),
        (
            {"format": "selfmassage-x", "version": 4},
            "$.version",
            "this file needs a newer version of SelfMassage "
            "(file version 4, this app reads up to 3)",
        ),
        (
            {"format": "selfmassage-x", "version": 10**30},
            "$.version",
            "this file needs a newer version of SelfMassage "
            "(file version a number 31 digits long, this app reads up to 3)",
        ),
    ],
)
def test_the_version_check_says_why_in_one_error(
    document: dict[str, Any], path: str, reason: str
) -> None:
    assert _version_errors(document, current=3) == (Problem(path, reason),)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_every_version_up_to_the_current_one_is_read(version: int) -> None:
    assert _version_errors({"format": "selfmassage-x", "version": version}, current=3) == ()


@pytest.mark.parametrize("check_file", [check_routine, check_report])
def test_both_formats_refuse_a_newer_file_alike(check_file: Callable[[object], Any]) -> None:
    # The same rule and words, whatever the format; and nothing else is said, since the
    # newer file's other keys may be new.
    document = (
        copy.deepcopy(SPEC_EXAMPLE)
        if check_file is check_routine
        else json.loads(dump_report(sample_report()))
    )
    document["version"] = 7
    document["steps"] = "something new"
    document["sessions"] = "something new"
    newest = 2
    assert [str(problem) for problem in check_file(document).errors] == [
        "$.version: this file needs a newer version of SelfMassage "
        f"(file version 7, this app reads up to {newest})"
    ]


@pytest.mark.parametrize("check_file", [check_routine, check_report])
def test_both_formats_refuse_version_zero_alike(check_file: Callable[[object], Any]) -> None:
    document = (
        copy.deepcopy(SPEC_EXAMPLE)
        if check_file is check_routine
        else json.loads(dump_report(sample_report()))
    )
    document["version"] = 0
    versions = "be from 1 to 2"
    assert [str(problem) for problem in check_file(document).errors] == [
        f"$.version: must {versions}, not 0"
    ]
