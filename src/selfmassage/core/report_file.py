"""The adherence report format, versions 1 and 2: read, validate and write ``.smreport`` files.

The spec is ``docs/formats/report-file.md``. A report comes from a client, so it is
untrusted input: ``document_check`` refuses it whole past the same cheap limits as a
routine file (size, nesting) and checks every value, with all problems collected with
their JSON paths, so both formats speak alike. The routine's schedule in a report is
checked by the routine file's own rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec

from selfmassage.core.anatomy import RegionSide, is_region
from selfmassage.core.atomic import write_atomic
from selfmassage.core.document_check import (
    DocumentCheck,
    Problem,
    Refusal,
    decode_untrusted_json,
    is_readable_version,
    kind_of,
    quoted,
    read_untrusted_file,
)
from selfmassage.core.file_kinds import REPORT_SUFFIX
from selfmassage.core.language import _
from selfmassage.core.routine import Schedule
from selfmassage.core.routine_file import AUTHOR_MAX, TITLE_MAX, check_schedule

FORMAT = "selfmassage-report"
VERSION = 2
"""Version 2 adds the session status ``partly_done``; a report without one is written
as version 1, which older apps read."""
SUFFIX = REPORT_SUFFIX

MAX_BYTES = 4 * 1024 * 1024
SESSIONS_MAX = 2000
SESSIONS_PLANNED_MAX = 1000
PERIOD_DAYS_MAX = 366
SECONDS_MAX = 86400
STEPS_MAX = 1000
RATINGS_MAX = 50
NOTES_MAX = 2000
CLIENT_MAX = 120
APP_VERSION_MAX = 40
STATUSES_V1 = ("completed", "stopped", "interrupted")
STATUSES = ("completed", "partly_done", "stopped", "interrupted")

TOP_KEYS = (
    "format",
    "version",
    "created",
    "app_version",
    "client",
    "routine",
    "period",
    "sessions_planned",
    "sessions",
)
ROUTINE_KEYS = ("title", "author", "schedule")
PERIOD_KEYS = ("from", "to")
SESSION_KEYS = (
    "started",
    "status",
    "planned_seconds",
    "done_seconds",
    "steps_done",
    "steps_skipped",
    "feeling",
    "soreness_before",
    "soreness_after",
    "notes",
)


@dataclass(frozen=True, slots=True)
class ReportSession:
    started: datetime
    status: str
    planned_seconds: int
    done_seconds: int
    steps_done: int
    steps_skipped: int
    feeling: int | None = None
    soreness_before: Mapping[str, int] = field(default_factory=dict)
    soreness_after: Mapping[str, int] = field(default_factory=dict)
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    created: datetime
    routine_title: str
    period_from: date
    period_to: date
    sessions: tuple[ReportSession, ...]
    routine_author: str = ""
    schedule: Schedule | None = None
    sessions_planned: int | None = None
    client: str = ""
    app_version: str = ""


@dataclass(frozen=True, slots=True)
class ReportReadResult:
    report: Report | None
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report is not None


# Reading -------------------------------------------------------------------------------


def read_report(path: Path) -> ReportReadResult:
    """Read and check a report file. Never raises for a bad or unreadable file."""
    data = read_untrusted_file(path, MAX_BYTES)
    if isinstance(data, Refusal):
        return _refused(data.reason)
    return parse_report(data)


def parse_report(data: bytes) -> ReportReadResult:
    document = decode_untrusted_json(data, MAX_BYTES, _("a report file"), "4 MiB")
    if isinstance(document, Refusal):
        return _refused(document.reason)
    return check_report(document)


def check_report(document: object) -> ReportReadResult:
    """Check a decoded report against every rule of the format: the report if it is
    usable, and all the errors and warnings with their paths."""
    check = DocumentCheck()
    report = _report(check, document)
    errors = check.errors()
    return ReportReadResult(None if errors else report, errors, check.warnings())


def _refused(reason: str) -> ReportReadResult:
    return ReportReadResult(None, (Problem("$", reason),))


def _report(check: DocumentCheck, document: object) -> Report | None:
    if not isinstance(document, dict):
        check.error("$", _("must be a JSON object, not {kind}").format(kind=kind_of(document)))
        return None
    if not is_readable_version(check, document, FORMAT, VERSION, _("a report file")):
        return None
    check.unknown_keys("$", document, TOP_KEYS)
    created = check.iso_datetime("$.created", document, required=True)
    app_version = check.text("$.app_version", document, APP_VERSION_MAX)
    client = check.text("$.client", document, CLIENT_MAX)
    routine = check.json_object("$.routine", document, ROUTINE_KEYS, required=True)
    title, author, schedule = "", "", None
    if routine is not None:
        title = check.text("$.routine.title", routine, TITLE_MAX, required=True)
        author = check.text("$.routine.author", routine, AUTHOR_MAX)
        schedule = check_schedule(check, "$.routine.schedule", routine)
    period = _period(check, document)
    planned = check.integer("$.sessions_planned", document, 0, SESSIONS_PLANNED_MAX)
    sessions = _sessions(check, document)
    if check.has_errors or created is None or period is None:
        return None
    return Report(
        created=created,
        routine_title=title,
        routine_author=author,
        schedule=schedule,
        period_from=period[0],
        period_to=period[1],
        sessions_planned=planned,
        sessions=sessions,
        client=client,
        app_version=app_version,
    )


def _period(check: DocumentCheck, document: Mapping[str, Any]) -> tuple[date, date] | None:
    value = check.json_object("$.period", document, PERIOD_KEYS, required=True)
    if value is None:
        return None
    first = check.iso_date("$.period.from", value, required=True)
    last = check.iso_date("$.period.to", value, required=True)
    if first is None or last is None:
        return None
    if last < first:
        check.error(
            "$.period.to", _("must not be before the period's start ({start})").format(start=first)
        )
        return None
    if (last - first).days > PERIOD_DAYS_MAX:
        check.error("$.period.to", _("at most {n} days after the start").format(n=PERIOD_DAYS_MAX))
        return None
    return first, last


def _sessions(check: DocumentCheck, document: Mapping[str, Any]) -> tuple[ReportSession, ...]:
    value = check.array(
        "$.sessions",
        document,
        _("sessions"),
        SESSIONS_MAX,
        missing=_("missing: an array of sessions, possibly empty"),
    )
    if value is None:
        return ()
    statuses = STATUSES_V1 if document.get("version") == 1 else STATUSES
    sessions = (
        _session(check, path, item, statuses)
        for path, item in check.objects("$.sessions", value, _("a session"), SESSION_KEYS)
    )
    return tuple(session for session in sessions if session is not None)


def _session(
    check: DocumentCheck, path: str, value: Mapping[str, Any], statuses: tuple[str, ...]
) -> ReportSession | None:
    started = check.iso_datetime(f"{path}.started", value, required=True, zoned=True)
    status = check.choice(f"{path}.status", value, statuses, _("status"), required=True)
    planned = check.integer(f"{path}.planned_seconds", value, 0, SECONDS_MAX, required=True)
    done = check.integer(f"{path}.done_seconds", value, 0, SECONDS_MAX, required=True)
    steps_done = check.integer(f"{path}.steps_done", value, 0, STEPS_MAX, required=True)
    skipped = check.integer(f"{path}.steps_skipped", value, 0, STEPS_MAX, required=True)
    feeling = check.integer(f"{path}.feeling", value, 1, 5)
    before = _ratings(check, f"{path}.soreness_before", value)
    after = _ratings(check, f"{path}.soreness_after", value)
    notes = check.text(f"{path}.notes", value, NOTES_MAX)
    if (
        started is None
        or status is None
        or planned is None
        or done is None
        or steps_done is None
        or skipped is None
    ):
        return None
    return ReportSession(
        started=started,
        status=status,
        planned_seconds=planned,
        done_seconds=done,
        steps_done=steps_done,
        steps_skipped=skipped,
        feeling=feeling,
        soreness_before=before,
        soreness_after=after,
        notes=notes,
    )


def _ratings(check: DocumentCheck, path: str, container: Mapping[str, Any]) -> dict[str, int]:
    key = path.rsplit(".", 1)[1]
    if key not in container:
        return {}
    value = container[key]
    if not isinstance(value, dict):
        check.error(
            path, _("must be an object of region ratings, not {kind}").format(kind=kind_of(value))
        )
        return {}
    if len(value) > RATINGS_MAX:
        check.error(
            path, _("at most {most} regions, not {n}").format(most=RATINGS_MAX, n=len(value))
        )
        return {}
    ratings: dict[str, int] = {}
    for place in value:
        entry_path = f"{path}[{msgspec.json.encode(place).decode()}]"
        if not is_rated_place(place):
            check.error(
                entry_path,
                _("unknown region {value}; use a region id such as calves").format(
                    value=quoted(place)
                ),
            )
            continue
        rating = check.integer_value(entry_path, value[place], 0, 10)
        if rating is not None:
            ratings[place] = rating
    return ratings


def is_rated_place(place: str) -> bool:
    """A region id (``neck``) or a region with its side (``calves-left``)."""
    if is_region(place):
        return True
    try:
        RegionSide.parse(place)
    except ValueError:
        return False
    return True


# Writing -------------------------------------------------------------------------------


def report_document(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": report_version(report),
        "created": report.created.isoformat(timespec="seconds"),
    }
    if report.app_version:
        document["app_version"] = report.app_version
    if report.client:
        document["client"] = report.client
    routine: dict[str, Any] = {"title": report.routine_title}
    if report.routine_author:
        routine["author"] = report.routine_author
    if report.schedule is not None:
        schedule: dict[str, Any] = {"times_per_week": report.schedule.times_per_week}
        if report.schedule.weeks is not None:
            schedule["weeks"] = report.schedule.weeks
        if report.schedule.start is not None:
            schedule["start"] = report.schedule.start.isoformat()
        routine["schedule"] = schedule
    document["routine"] = routine
    document["period"] = {
        "from": report.period_from.isoformat(),
        "to": report.period_to.isoformat(),
    }
    if report.sessions_planned is not None:
        document["sessions_planned"] = report.sessions_planned
    document["sessions"] = [_session_document(session) for session in report.sessions]
    return document


def report_version(report: Report) -> int:
    """The lowest version that holds the report."""
    return 2 if any(s.status not in STATUSES_V1 for s in report.sessions) else 1


def _session_document(session: ReportSession) -> dict[str, Any]:
    result: dict[str, Any] = {
        "started": session.started.isoformat(timespec="seconds"),
        "status": session.status,
        "planned_seconds": session.planned_seconds,
        "done_seconds": session.done_seconds,
        "steps_done": session.steps_done,
        "steps_skipped": session.steps_skipped,
    }
    if session.feeling is not None:
        result["feeling"] = session.feeling
    if session.soreness_before:
        result["soreness_before"] = dict(session.soreness_before)
    if session.soreness_after:
        result["soreness_after"] = dict(session.soreness_after)
    if session.notes:
        result["notes"] = session.notes
    return result


def dump_report(report: Report) -> bytes:
    encoded = msgspec.json.encode(report_document(report))
    return msgspec.json.format(encoded, indent=2) + b"\n"


def write_report(path: Path, report: Report) -> None:
    """Write atomically; OSError (full disk, no permission) reaches the caller."""
    write_atomic(path, dump_report(report))
