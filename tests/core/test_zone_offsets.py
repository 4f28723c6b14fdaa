"""The local offsets over a span, as spans of one offset, are those time.localtime gives
at every second, in zones with summer time, half-hour and 45-minute offsets, a skipped
day, and offsets in seconds."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from selfmassage.core.zone_offsets import OffsetSpan, local_offset, offset_spans
from tests.time_zones import in_zone

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")

ZONES = [
    "Europe/Berlin",
    "America/St_Johns",  # -03:30, summer time -02:30
    "Australia/Lord_Howe",  # summer time of half an hour
    "Europe/Dublin",  # "winter time" in the rules
    "Asia/Kathmandu",  # +05:30 to +05:45 in 1986
    "Pacific/Apia",  # skipped 30 December 2011
    "Africa/Casablanca",  # summer time stopped for Ramadan, weeks apart
    "UTC",
]


def moment(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> int:
    return int(datetime(year, month, day, hour, minute, second, tzinfo=UTC).timestamp())


def assert_spans_cover(spans: list[OffsetSpan], start: int, end: int) -> None:
    assert spans[0].start == start and spans[-1].end == end
    for before, after in itertools.pairwise(spans):
        assert before.end == after.start and before.offset != after.offset


@pytest.mark.parametrize("name", ZONES)
def test_each_span_holds_one_offset_and_changes_at_its_second(name: str) -> None:
    start, end = moment(1985, 1, 1), moment(2028, 1, 1)
    with in_zone(name):
        spans = offset_spans(start, end)
        assert_spans_cover(spans, start, end)
        reference = ZoneInfo(name)
        for span in spans:
            for second in (span.start, span.end - 1):
                assert local_offset(second) == span.offset
                local = datetime.fromtimestamp(second, UTC).astimezone(reference)
                assert local.utcoffset().total_seconds() == span.offset  # type: ignore[union-attr]
            # every six hours of the span, against the tz database as zoneinfo reads it
            for second in range(span.start, span.end, 6 * 3_600):
                local = datetime.fromtimestamp(second, UTC).astimezone(reference)
                assert local.utcoffset().total_seconds() == span.offset  # type: ignore[union-attr]


def test_summer_time_in_berlin_begins_and_ends_at_1_utc() -> None:
    with in_zone("Europe/Berlin"):
        spans = offset_spans(moment(2026, 1, 1), moment(2027, 1, 1))
    assert [(s.start, s.offset) for s in spans] == [
        (moment(2026, 1, 1), 3_600),
        (moment(2026, 3, 29, 1), 7_200),
        (moment(2026, 10, 25, 1), 3_600),
    ]


def test_offsets_in_seconds_before_standard_time() -> None:
    # Local mean time of Berlin until 1893: +00:53:28.
    with in_zone("Europe/Berlin"):
        spans = offset_spans(moment(1890, 1, 1), moment(1894, 1, 1))
    assert [s.offset for s in spans] == [3_208, 3_600]
    assert spans[1].start == moment(1893, 3, 31, 23, 6, 32)


def test_an_empty_span_has_no_offsets() -> None:
    assert offset_spans(100, 100) == []
    assert offset_spans(100, 50) == []
