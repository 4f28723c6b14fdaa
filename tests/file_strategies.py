"""Hypothesis strategies for the files the app reads from outside: routine files, report
files and history exports.

Each strategy draws documents near the format (so that most pass the reader and reach
the windows), then bends some of them: a value swapped for any JSON value, a key dropped
or added, a date at the edge of the calendar, a time without a zone, text with control
and bidi characters. :func:`file_bytes` turns a document into the bytes of a file, now
and then cut short or with a byte changed, so the byte-level checks are fuzzed too.

How many examples: :data:`FUZZ` (50 by default; ``SELFMASSAGE_FUZZ_EXAMPLES=5000`` for
a long run). Failures are kept in ``tests/hypothesis-db/`` (see tests/conftest.py) and
replayed first on the next run.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from selfmassage.core.anatomy import REGIONS
from selfmassage.core.routine import Pressure, StepSide, Tool

FUZZ_EXAMPLES = int(os.environ.get("SELFMASSAGE_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""The settings of every fuzz test, of the readers and of the windows alike."""
FUZZ_WINDOWS = FUZZ

REGION_IDS = [region.id for region in REGIONS]
SIDED = [region.id for region in REGIONS if region.sided]

# Text with what files from outside may hold: letters of any script, markup, controls,
# bidi overrides and isolates, zero-width and combining characters, very long words.
_ODD_CHARACTERS = st.sampled_from(
    ["\u202e", "\u2066", "\u2069", "\u200b", "\x1b[31m", "\x9b", "\x00", "\u0301", "\ufeff", "<b>"]
)
text = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.text(max_size=8), _ODD_CHARACTERS), max_size=8).map("".join),
    st.sampled_from(["", " ", "=1+1", "-2", "@SUM(A1)", "W" * 120, "مرحبا abc", "\n\n"]),
)

EDGE_DAYS = [
    date(1, 1, 1),
    date(1970, 1, 1),
    date(1970, 12, 31),
    date(1971, 1, 1),
    date(2026, 11, 2),
    date(9000, 12, 31),
    date(9001, 1, 1),
    date(9999, 12, 25),
    date(9999, 12, 31),
]
FIRST_DAY, LAST_DAY = date(1971, 1, 1), date(9000, 12, 31)
good_days = st.one_of(
    st.sampled_from([day for day in EDGE_DAYS if FIRST_DAY <= day <= LAST_DAY]),
    st.dates(FIRST_DAY, LAST_DAY),
)
days = st.one_of(st.sampled_from(EDGE_DAYS), st.dates())
titles = text.filter(lambda t: bool(t.strip()) and len(t.strip()) <= 120)


def pick(wild: bool, good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> Any:
    """Good values, or in a wild document good or odd ones."""
    return st.one_of(good, odd) if wild else good


_ZONES = st.one_of(
    st.none(),
    st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12))]),
    st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m))),
)


@st.composite
def moments(draw: st.DrawFn, *, wild: bool = True, zoned: bool = False) -> str:
    """An ISO 8601 date-time, with or without a zone, often at the calendar's edge."""
    day = draw(days if wild else good_days)
    moment = datetime(
        day.year, day.month, day.day, draw(st.integers(0, 23)), draw(st.integers(0, 59))
    )
    zone = draw(_ZONES.filter(lambda z: z is not None) if zoned and not wild else _ZONES)
    return moment.replace(tzinfo=zone).isoformat(
        timespec=draw(st.sampled_from(["seconds", "minutes"]))
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def bent(draw: st.DrawFn, document: dict[str, Any]) -> object:
    """``document`` as drawn, or with one value anywhere in it swapped, dropped or added."""
    how = draw(st.sampled_from(["as is", "as is", "swap", "drop", "add"]))
    if how == "as is":
        return document
    containers: list[Any] = []

    def walk(value: object) -> None:
        if isinstance(value, dict | list) and value:
            containers.append(value)
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)

    walk(document)
    if not containers:
        return document
    target = draw(st.sampled_from(containers))
    keys = list(target) if isinstance(target, dict) else list(range(len(target)))
    key = draw(st.sampled_from(keys))
    if how == "swap":
        target[key] = draw(json_values)
    elif how == "drop":
        del target[key]
    elif isinstance(target, dict):
        target[draw(text)] = draw(json_values)
    else:
        target.append(draw(json_values))
    return document


@st.composite
def file_bytes(draw: st.DrawFn, documents: st.SearchStrategy[object]) -> bytes:
    """A document as a file's bytes; now and then cut short or with one byte changed."""
    data = json.dumps(draw(documents), ensure_ascii=draw(st.booleans())).encode("utf-8")
    how = draw(st.sampled_from(["whole", "whole", "whole", "cut", "byte", "bom"]))
    if how == "cut" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "byte" and data:
        index = draw(st.integers(0, len(data) - 1))
        return data[:index] + bytes([draw(st.integers(0, 255))]) + data[index + 1 :]
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    return data


def _maybe(
    draw: st.DrawFn, document: dict[str, Any], key: str, values: st.SearchStrategy[Any]
) -> None:
    if draw(st.booleans()):
        document[key] = draw(values)


def schedules(wild: bool) -> st.SearchStrategy[dict[str, Any]]:
    if wild:
        return st.fixed_dictionaries(
            {"times_per_week": st.integers(0, 15)},
            optional={"weeks": st.integers(0, 53), "start": days.map(date.isoformat)},
        )
    return st.fixed_dictionaries(
        {"times_per_week": st.integers(1, 14)},
        optional={"weeks": st.integers(1, 52), "start": good_days.map(date.isoformat)},
    )


@st.composite
def routine_steps(draw: st.DrawFn, wild: bool) -> dict[str, Any]:
    region = draw(st.sampled_from(REGION_IDS))
    seconds = draw(pick(wild, st.integers(5, 1800), st.integers(-5, 4000)))
    step: dict[str, Any] = {"region": region, "seconds": seconds}
    if region in SIDED or wild:
        _maybe(draw, step, "side", st.sampled_from([side.value for side in StepSide]))
    _maybe(draw, step, "tool", st.sampled_from([tool.value for tool in Tool]))
    _maybe(draw, step, "technique", text)
    _maybe(draw, step, "name", text)
    _maybe(draw, step, "instructions", text)
    _maybe(draw, step, "pressure", st.sampled_from([p.value for p in Pressure]))
    last = max(seconds, 1) if wild else seconds - 1
    cue = st.fixed_dictionaries({"at": st.integers(0, last), "say": titles})
    _maybe(draw, step, "cues", st.lists(cue, max_size=3))
    return step


@st.composite
def routine_documents(draw: st.DrawFn) -> object:
    wild = draw(st.booleans())
    document: dict[str, Any] = {
        "format": "selfmassage-routine",
        "version": draw(pick(wild, st.just(1), st.sampled_from([0, 2]))),
        "title": draw(pick(wild, titles, text)),
        "steps": draw(st.lists(routine_steps(wild), min_size=1, max_size=4)),
    }
    _maybe(draw, document, "description", text)
    _maybe(draw, document, "author", text)
    created = st.one_of((days if wild else good_days).map(date.isoformat), moments(wild=wild))
    _maybe(draw, document, "created", created)
    _maybe(draw, document, "language", st.sampled_from(["en", "de-AT", "pt-BR"]))
    _maybe(draw, document, "schedule", schedules(wild))
    return draw(bent(document))


def ratings(wild: bool) -> st.SearchStrategy[dict[str, int]]:
    places = st.one_of(
        st.sampled_from(REGION_IDS), st.sampled_from(SIDED).map(lambda r: r + "-left")
    )
    if wild:
        return st.dictionaries(st.one_of(places, text), st.integers(-1, 11), max_size=4)
    return st.dictionaries(places, st.integers(0, 10), max_size=4)


@st.composite
def report_sessions(draw: st.DrawFn, wild: bool) -> dict[str, Any]:
    session: dict[str, Any] = {
        "started": draw(moments(wild=wild, zoned=True)),
        "status": draw(
            pick(wild, st.sampled_from(["completed", "stopped", "interrupted"]), st.just("x"))
        ),
        "planned_seconds": draw(st.integers(0, 86400)),
        "done_seconds": draw(st.integers(0, 86400)),
        "steps_done": draw(st.integers(0, 1000)),
        "steps_skipped": draw(st.integers(0, 1000)),
    }
    _maybe(draw, session, "feeling", pick(wild, st.integers(1, 5), st.integers(0, 6)))
    _maybe(draw, session, "soreness_before", ratings(wild))
    _maybe(draw, session, "soreness_after", ratings(wild))
    _maybe(draw, session, "notes", text)
    return session


@st.composite
def report_documents(draw: st.DrawFn) -> object:
    wild = draw(st.booleans())
    first = draw(days if wild else good_days)
    length = draw(pick(wild, st.integers(0, 366), st.integers(-2, 400)))
    ordinal = min(max(first.toordinal() + length, 1), date.max.toordinal())
    last = date.fromordinal(ordinal)
    if not wild:
        last = min(last, LAST_DAY)
    routine: dict[str, Any] = {"title": draw(pick(wild, titles, text))}
    _maybe(draw, routine, "author", text)
    _maybe(draw, routine, "schedule", schedules(wild))
    document: dict[str, Any] = {
        "format": "selfmassage-report",
        "version": draw(pick(wild, st.just(1), st.just(2))),
        "created": draw(moments(wild=wild)),
        "routine": routine,
        "period": {"from": first.isoformat(), "to": last.isoformat()},
        "sessions": draw(st.lists(report_sessions(wild), max_size=5)),
    }
    _maybe(draw, document, "client", text)
    _maybe(draw, document, "app_version", text)
    _maybe(
        draw,
        document,
        "sessions_planned",
        pick(wild, st.integers(0, 1000), st.integers(-1, 1001)),
    )
    return draw(bent(document))


@st.composite
def history_sessions(draw: st.DrawFn, wild: bool) -> dict[str, Any]:
    statuses = st.sampled_from(["completed", "stopped", "interrupted", "running"])
    session: dict[str, Any] = {
        "uuid": draw(st.one_of(st.uuids().map(str), titles.filter(lambda t: len(t) <= 64))),
        "routine_title": draw(text),
        "started_at": draw(moments(wild=wild)),
        "status": draw(pick(wild, statuses, st.just("exploded"))),
    }
    _maybe(draw, session, "ended_at", moments(wild=wild))
    seconds = draw(pick(wild, st.integers(0, 7 * 24 * 3600), st.integers(-1, 8 * 24 * 3600)))
    _maybe(draw, session, "planned_seconds", st.just(seconds))
    _maybe(draw, session, "done_seconds", st.integers(0, 3600))
    _maybe(draw, session, "feeling", pick(wild, st.integers(1, 5), st.integers(0, 6)))
    _maybe(draw, session, "notes", text)
    _maybe(draw, session, "app_version", text)
    _maybe(draw, session, "soreness_before", ratings(wild))
    _maybe(draw, session, "soreness_after", ratings(wild))
    sides = st.sampled_from(["left", "right", "both"] + (["", "up"] if wild else []))
    step = st.fixed_dictionaries(
        {
            "position": st.integers(0, 20),
            "region": st.one_of(st.sampled_from(REGION_IDS), text),
            "planned_seconds": st.integers(0, 600),
            "actual_seconds": st.integers(0, 600),
            "ended_at": moments(wild=wild),
        },
        optional={"side": sides, "technique": text, "tool": text, "skipped": st.booleans()},
    )
    _maybe(draw, session, "steps", st.lists(step, max_size=3))
    return session


@st.composite
def history_documents(draw: st.DrawFn) -> object:
    wild = draw(st.booleans())
    document: dict[str, Any] = {
        "format": "selfmassage-history",
        "version": draw(pick(wild, st.just(1), st.just(2))),
        "sessions": draw(st.lists(history_sessions(wild), max_size=4)),
    }
    _maybe(draw, document, "exported_at", moments())
    return draw(bent(document))
