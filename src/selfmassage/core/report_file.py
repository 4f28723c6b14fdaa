"""The adherence report format, version 1: read, validate and write ``.smreport`` files.

The spec is ``docs/formats/report-file.md``. A report comes from a client, so it is
untrusted input: the same cheap limits as a routine file come first (size, nesting),
then every value is checked, with all problems collected with their JSON paths. The
value checks are the routine file's own, so both formats speak alike.
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
from selfmassage.core.routine import Schedule
from selfmassage.core.routine_file import (
    AUTHOR_MAX,
    TIMES_PER_WEEK_MAX,
    TIMES_PER_WEEK_MIN,
    TITLE_MAX,
    WEEKS_MAX,
    WEEKS_MIN,
    Problem,
    Refusal,
    _is_iso_date,
    _is_iso_datetime,
    _kind,
    _quote,
    _Validator,
    decode_untrusted_json,
)

FORMAT = "selfmassage-report"
VERSION = 1
SUFFIX = ".smreport"
MIME_TYPE = "application/x-selfmassage-report"

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
STATUSES = ("completed", "stopped", "interrupted")

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
SCHEDULE_KEYS = ("times_per_week", "weeks", "start")
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
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return _refused("cannot read it: it is a folder, not a file")
    except OSError as error:
        return _refused(f"cannot read it: {error.strerror or error}")
    return parse_report(data)


def parse_report(data: bytes) -> ReportReadResult:
    document = decode_untrusted_json(data, MAX_BYTES, "a report file", "4 MiB")
    if isinstance(document, Refusal):
        return _refused(document.reason)
    return _ReportValidator().report(document)


def _refused(reason: str) -> ReportReadResult:
    return ReportReadResult(None, (Problem("$", reason),))


class _ReportValidator(_Validator):
    def finish(self, report: Report | None) -> ReportReadResult:
        routine_result = self.result(None)  # appends the "and N more" lines
        if routine_result.errors:
            report = None
        return ReportReadResult(report, routine_result.errors, routine_result.warnings)

    def report(self, document: Any) -> ReportReadResult:
        if not isinstance(document, dict):
            self.error("$", f"must be a JSON object, not {_kind(document)}")
            return self.finish(None)
        if document.get("format") != FORMAT:
            if "format" not in document:
                self.error("$.format", f'missing: a report file starts with "format": "{FORMAT}"')
            else:
                self.error("$.format", f'must be "{FORMAT}": this is not a report file')
            return self.finish(None)
        version = self.integer("$.version", document, 1, None, required=True)
        if version is None:
            return self.finish(None)
        if version > VERSION:
            self.error(
                "$.version",
                "the file was made by a newer version of the app "
                f"(format version {version}; this app reads version {VERSION}). "
                "Update SelfMassage to open it",
            )
            return self.finish(None)

        self.unknown_keys("$", document, TOP_KEYS)
        created = self.datetime_("$.created", document, required=True)
        app_version = self.text("$.app_version", document, APP_VERSION_MAX)
        client = self.text("$.client", document, CLIENT_MAX)
        routine = self.object_("$.routine", document, ROUTINE_KEYS, required=True)
        title, author, schedule = "", "", None
        if routine is not None:
            title = self.text("$.routine.title", routine, TITLE_MAX, required=True)
            author = self.text("$.routine.author", routine, AUTHOR_MAX)
            schedule = self.schedule_in(routine)
        period = self.period(document)
        planned = self.integer("$.sessions_planned", document, 0, SESSIONS_PLANNED_MAX)
        sessions = self.sessions(document)
        if self.errors or created is None or period is None:
            return self.finish(None)
        return self.finish(
            Report(
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
        )

    def object_(
        self, path: str, container: Mapping[str, Any], keys: tuple[str, ...], *, required: bool
    ) -> Mapping[str, Any] | None:
        key = path.rsplit(".", 1)[1]
        if key not in container:
            if required:
                self.error(path, "missing")
            return None
        value = container[key]
        if not isinstance(value, dict):
            self.error(path, f"must be an object, not {_kind(value)}")
            return None
        self.unknown_keys(path, value, keys)
        return value

    def date_(
        self, path: str, container: Mapping[str, Any], *, required: bool = False
    ) -> date | None:
        text = self.optional_text(path, container, 32, required=required)
        if text is None:
            return None
        if not _is_iso_date(text):
            self.error(path, f"must be an ISO 8601 date such as 2025-03-01, not {_quote(text)}")
            return None
        return date.fromisoformat(text)

    def datetime_(
        self,
        path: str,
        container: Mapping[str, Any],
        *,
        required: bool = False,
        zoned: bool = False,
    ) -> datetime | None:
        text = self.optional_text(path, container, 64, required=required)
        if text is None:
            return None
        if not _is_iso_datetime(text):
            self.error(
                path,
                f"must be an ISO 8601 date-time such as 2025-03-01T09:30:00+01:00, "
                f"not {_quote(text)}",
            )
            return None
        moment = datetime.fromisoformat(text)
        if zoned and moment.tzinfo is None:
            self.error(path, f"must say its time zone (Z or +01:00), not {_quote(text)}")
            return None
        return moment

    def schedule_in(self, routine: Mapping[str, Any]) -> Schedule | None:
        path = "$.routine.schedule"
        value = self.object_(path, routine, SCHEDULE_KEYS, required=False)
        if value is None:
            return None
        times = self.integer(
            f"{path}.times_per_week", value, TIMES_PER_WEEK_MIN, TIMES_PER_WEEK_MAX, required=True
        )
        weeks = self.integer(f"{path}.weeks", value, WEEKS_MIN, WEEKS_MAX)
        start = self.date_(f"{path}.start", value)
        if times is None:
            return None
        return Schedule(times_per_week=times, weeks=weeks, start=start)

    def period(self, document: Mapping[str, Any]) -> tuple[date, date] | None:
        value = self.object_("$.period", document, PERIOD_KEYS, required=True)
        if value is None:
            return None
        first = self.date_("$.period.from", value, required=True)
        last = self.date_("$.period.to", value, required=True)
        if first is None or last is None:
            return None
        if last < first:
            self.error("$.period.to", f"must not be before the period's start ({first})")
            return None
        if (last - first).days > PERIOD_DAYS_MAX:
            self.error("$.period.to", f"at most {PERIOD_DAYS_MAX} days after the start")
            return None
        return first, last

    def sessions(self, document: Mapping[str, Any]) -> tuple[ReportSession, ...]:
        if "sessions" not in document:
            self.error("$.sessions", "missing: an array of sessions, possibly empty")
            return ()
        value = document["sessions"]
        if not isinstance(value, list):
            self.error("$.sessions", f"must be an array of sessions, not {_kind(value)}")
            return ()
        if len(value) > SESSIONS_MAX:
            self.error("$.sessions", f"at most {SESSIONS_MAX} sessions, not {len(value)}")
            return ()
        sessions = []
        for index, item in enumerate(value):
            session = self.session(f"$.sessions[{index}]", item)
            if session is not None:
                sessions.append(session)
        return tuple(sessions)

    def session(self, path: str, value: Any) -> ReportSession | None:
        if not isinstance(value, dict):
            self.error(path, f"a session must be an object, not {_kind(value)}")
            return None
        self.unknown_keys(path, value, SESSION_KEYS)
        started = self.datetime_(f"{path}.started", value, required=True, zoned=True)
        status = self.choice(f"{path}.status", value, STATUSES, "status", required=True)
        planned = self.integer(f"{path}.planned_seconds", value, 0, SECONDS_MAX, required=True)
        done = self.integer(f"{path}.done_seconds", value, 0, SECONDS_MAX, required=True)
        steps_done = self.integer(f"{path}.steps_done", value, 0, STEPS_MAX, required=True)
        skipped = self.integer(f"{path}.steps_skipped", value, 0, STEPS_MAX, required=True)
        feeling = self.integer(f"{path}.feeling", value, 1, 5)
        before = self.ratings(f"{path}.soreness_before", value)
        after = self.ratings(f"{path}.soreness_after", value)
        notes = self.text(f"{path}.notes", value, NOTES_MAX)
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

    def ratings(self, path: str, container: Mapping[str, Any]) -> dict[str, int]:
        key = path.rsplit(".", 1)[1]
        if key not in container:
            return {}
        value = container[key]
        if not isinstance(value, dict):
            self.error(path, f"must be an object of region ratings, not {_kind(value)}")
            return {}
        if len(value) > RATINGS_MAX:
            self.error(path, f"at most {RATINGS_MAX} regions, not {len(value)}")
            return {}
        ratings: dict[str, int] = {}
        for place in value:
            entry_path = f"{path}[{msgspec.json.encode(place).decode()}]"
            if not is_rated_place(place):
                self.error(
                    entry_path, f"unknown region {_quote(place)}; use a region id such as calves"
                )
                continue
            rating = self._integer_at(entry_path, value[place], 0, 10)
            if rating is not None:
                ratings[place] = rating
        return ratings

    def _integer_at(self, path: str, value: Any, lowest: int, highest: int | None) -> int | None:
        # The routine file's check wants a container and a key; a region name as the key
        # could hold a dot, so check under a plain key and move the message to the path.
        errors_before = len(self.errors)
        result = self.integer("$.value", {"value": value}, lowest, highest)
        if len(self.errors) > errors_before:
            problem = self.errors.pop()
            self.errors.append(Problem(path, problem.reason))
        return result


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
        "version": VERSION,
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
