"""The routine file format, version 1: read, validate and write ``.smroutine`` files.

The spec is ``formats/routine-file.md``. A routine file is untrusted input (it comes by
e-mail or USB stick), so the reader checks cheap limits first — size, then nesting
depth — before msgspec decodes it, and then validates every value, collecting all the
problems with their JSON paths instead of stopping at the first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from selfmassage.core.anatomy import REGIONS, region
from selfmassage.core.atomic import write_atomic
from selfmassage.core.routine import Cue, Pressure, Routine, Schedule, Step, StepSide, Tool

FORMAT = "selfmassage-routine"
VERSION = 1
SUFFIX = ".smroutine"
MIME_TYPE = "application/x-selfmassage-routine"

MAX_BYTES = 1024 * 1024
"""Larger files are refused before they are parsed."""
MAX_DEPTH = 16
"""A valid file nests 5 deep; the rest is room for keys a later 1.x writer may add."""
MAX_PROBLEMS = 50
"""Past this many errors (or warnings) the rest are summed up in one line."""

TITLE_MAX = 120
DESCRIPTION_MAX = 2000
AUTHOR_MAX = 120
TECHNIQUE_MAX = 80
NAME_MAX = 80
INSTRUCTIONS_MAX = 1000
SAY_MAX = 200
STEPS_MAX = 200
CUES_MAX = 20
SECONDS_MIN, SECONDS_MAX = 5, 1800
TIMES_PER_WEEK_MIN, TIMES_PER_WEEK_MAX = 1, 14
WEEKS_MIN, WEEKS_MAX = 1, 52

TOP_KEYS = (
    "format",
    "version",
    "title",
    "description",
    "author",
    "created",
    "language",
    "schedule",
    "steps",
)
STEP_KEYS = (
    "region",
    "side",
    "seconds",
    "tool",
    "technique",
    "name",
    "instructions",
    "pressure",
    "cues",
)
CUE_KEYS = ("at", "say")
SCHEDULE_KEYS = ("times_per_week", "weeks", "start")

_BOM = b"\xef\xbb\xbf"
# A BCP 47 tag's shape (not its registry): a 2–8 letter language, then 1–8 character subtags.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_LANGUAGE_MAX = 64
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)
_MALFORMED_AT = re.compile(r"^(?:JSON is malformed: )?(.*?)(?: \(byte (\d+)\))?$")


class Problem(NamedTuple):
    """One error or warning: where in the file (a JSON path such as ``$.steps[3].seconds``,
    or ``$`` for the file as a whole) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RoutineReadResult:
    """What reading a routine file gave: the routine, or the errors; and any warnings."""

    routine: Routine | None
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.routine is not None


class RoutineFileError(ValueError):
    """Raised by :func:`load_routine` for a file that cannot be used."""

    def __init__(self, source: str, errors: tuple[Problem, ...]) -> None:
        self.source = source
        self.errors = errors
        lines = "\n".join(str(problem) for problem in errors)
        super().__init__(f"{source} is not a usable routine file:\n{lines}")


# Reading -------------------------------------------------------------------------------


def read_routine(path: Path) -> RoutineReadResult:
    """Read and check a routine file. Never raises for a bad or unreadable file."""
    try:
        with path.open("rb") as file:
            # Read one byte past the limit, so a file that grows or lies about its size
            # is still refused without reading all of it.
            data = file.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return _refused("cannot read it: it is a folder, not a file")
    except OSError as error:
        return _refused(f"cannot read it: {error.strerror or error}")
    return parse_routine(data)


def load_routine(path: Path) -> Routine:
    """Read a routine file that must be good; RoutineFileError lists what is wrong."""
    result = read_routine(path)
    if result.routine is None:
        raise RoutineFileError(str(path), result.errors)
    return result.routine


def parse_routine(data: bytes) -> RoutineReadResult:
    """Check and read the bytes of a routine file."""
    document = decode_untrusted_json(data, MAX_BYTES, "a routine file", "1 MiB")
    if isinstance(document, Refusal):
        return _refused(document.reason)
    return _Validator().routine(document)


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file was refused as a whole, before its content was looked at."""

    reason: str


def decode_untrusted_json(data: bytes, max_bytes: int, what: str, size: str) -> object:
    """The JSON value in ``data``, or a Refusal: too large, not UTF-8, nested too deep or
    not JSON. Each limit is checked before the next, cheaper ones first, so a hostile
    file costs little memory or time. Shared by every file format the app reads."""
    if len(data) > max_bytes:
        return Refusal(f"too large: {what} is at most {max_bytes:,} bytes ({size})")
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Refusal(f"not UTF-8 text (bad byte at {_position(data, error.start)})")
    if _nested_deeper_than(data, MAX_DEPTH):
        return Refusal(f"nested too deep: at most {MAX_DEPTH} levels of arrays and objects")
    try:
        document: object = msgspec.json.decode(data)
    except msgspec.DecodeError as error:
        return Refusal(_not_json_reason(data, str(error)))
    except (msgspec.ValidationError, ValueError, RecursionError) as error:
        # msgspec says "Number out of range" for 1e999 and very long integers.
        return Refusal(f"not valid JSON: {error}")
    return document


def _refused(reason: str) -> RoutineReadResult:
    return RoutineReadResult(None, (Problem("$", reason),))


def _position(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _not_json_reason(data: bytes, message: str) -> str:
    if message == "Input data was truncated":
        return "not valid JSON: it ends too early (cut short, or an unclosed string or bracket)"
    match = _MALFORMED_AT.match(message)
    what, offset = (match.group(1), match.group(2)) if match else (message, None)
    if offset is None:
        return f"not valid JSON: {what}"
    return f"not valid JSON: {what} at {_position(data, int(offset))}"


_OPENERS_AND_CLOSERS = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def _nested_deeper_than(data: bytes, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` deep, without parsing.

    Every step is a C-speed bytes operation, so 1 MiB of ``[[[[`` costs a few
    milliseconds. Brackets inside strings do not count. Invalid JSON may be misjudged;
    the decoder refuses it afterwards anyway.
    """
    # Drop escaped backslashes first, then escaped quotes: what is left of '"' are the
    # string delimiters, and every other piece between them lies outside a string.
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(unescaped.split(b'"')[::2])
    brackets = outside.translate(_OPENERS_AND_CLOSERS, _NOT_BRACKETS)
    if b"[" * (limit + 1) in brackets:
        return True
    # Removing every adjacent "[]" takes one level off every nest; ``limit`` rounds
    # leave nothing of a file nested at most ``limit`` deep.
    for _ in range(limit):
        shorter = brackets.replace(b"[]", b"")
        if len(shorter) == len(brackets):
            break
        brackets = shorter
    if b"[]" in brackets:
        return True
    # Only unclosed openers are left (the decoder will say the JSON is cut short).
    return brackets.count(b"[") > limit


class _Validator:
    """Walks a decoded document, collecting errors and warnings with their paths."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._more_errors = 0
        self._more_warnings = 0

    def error(self, path: str, reason: str) -> None:
        if len(self.errors) < MAX_PROBLEMS:
            self.errors.append(Problem(path, reason))
        else:
            self._more_errors += 1

    def warn(self, path: str, reason: str) -> None:
        if len(self.warnings) < MAX_PROBLEMS:
            self.warnings.append(Problem(path, reason))
        else:
            self._more_warnings += 1

    def result(self, routine: Routine | None) -> RoutineReadResult:
        if self._more_errors:
            self.errors.append(Problem("$", f"and {self._more_errors} more errors"))
        if self._more_warnings:
            self.warnings.append(Problem("$", f"and {self._more_warnings} more warnings"))
        if self.errors:
            routine = None
        return RoutineReadResult(routine, tuple(self.errors), tuple(self.warnings))

    # The document ----------------------------------------------------------------------

    def routine(self, document: Any) -> RoutineReadResult:
        if not isinstance(document, dict):
            self.error("$", f"must be a JSON object, not {_kind(document)}")
            return self.result(None)
        if "format" not in document:
            self.error("$.format", f'missing: a routine file starts with "format": "{FORMAT}"')
            return self.result(None)
        if document["format"] != FORMAT:
            self.error("$.format", f'must be "{FORMAT}": this is not a routine file')
            return self.result(None)
        if "version" not in document:
            self.error("$.version", "missing: the format version, 1")
            return self.result(None)
        if not _is_int(document["version"]):
            self.error("$.version", f"must be a whole number, not {_kind(document['version'])}")
            return self.result(None)
        version: int = document["version"]
        if version > VERSION:
            self.error(
                "$.version",
                "the file was made by a newer version of the app "
                f"(format version {_short_number(version)}; this app reads version {VERSION}). "
                "Update SelfMassage to open it",
            )
            return self.result(None)
        if version < VERSION:
            self.error("$.version", f"must be {VERSION}, not {version}")
            return self.result(None)

        self.unknown_keys("$", document, TOP_KEYS)
        title = self.text("$.title", document, TITLE_MAX, required=True)
        description = self.text("$.description", document, DESCRIPTION_MAX)
        author = self.text("$.author", document, AUTHOR_MAX)
        created = self.created(document)
        language = self.language(document)
        schedule = self.schedule(document)
        steps = self.steps(document)
        if self.errors:
            return self.result(None)
        return self.result(
            Routine(
                title=title,
                steps=steps,
                description=description,
                author=author,
                created=created,
                language=language,
                schedule=schedule,
            )
        )

    def created(self, document: Mapping[str, Any]) -> str | None:
        value = self.optional_text("$.created", document, 64)
        if value is None:
            return None
        if not (_is_iso_date(value) or _is_iso_datetime(value)):
            self.error(
                "$.created",
                f"must be an ISO 8601 date or date-time such as 2025-03-01 or "
                f"2025-03-01T09:30:00, not {_quote(value)}",
            )
        return value

    def language(self, document: Mapping[str, Any]) -> str | None:
        value = self.optional_text("$.language", document, _LANGUAGE_MAX)
        if value is None:
            return None
        if not _LANGUAGE_TAG.fullmatch(value):
            self.error(
                "$.language", f"must be a language tag such as en or de-AT, not {_quote(value)}"
            )
        return value

    def schedule(self, document: Mapping[str, Any]) -> Schedule | None:
        if "schedule" not in document:
            return None
        value = document["schedule"]
        path = "$.schedule"
        if not isinstance(value, dict):
            self.error(path, f"must be an object, not {_kind(value)}")
            return None
        self.unknown_keys(path, value, SCHEDULE_KEYS)
        times = self.integer(
            f"{path}.times_per_week", value, TIMES_PER_WEEK_MIN, TIMES_PER_WEEK_MAX, required=True
        )
        weeks = self.integer(f"{path}.weeks", value, WEEKS_MIN, WEEKS_MAX)
        start_text = self.optional_text(f"{path}.start", value, 32)
        start: date | None = None
        if start_text is not None:
            if _is_iso_date(start_text):
                start = date.fromisoformat(start_text)
            else:
                self.error(
                    f"{path}.start",
                    f"must be an ISO 8601 date such as 2025-03-01, not {_quote(start_text)}",
                )
        if times is None:
            return None
        return Schedule(times_per_week=times, weeks=weeks, start=start)

    def steps(self, document: Mapping[str, Any]) -> tuple[Step, ...]:
        if "steps" not in document:
            self.error("$.steps", "missing: a routine needs at least one step")
            return ()
        value = document["steps"]
        if not isinstance(value, list):
            self.error("$.steps", f"must be an array of steps, not {_kind(value)}")
            return ()
        if not value:
            self.error("$.steps", "must hold at least one step")
            return ()
        if len(value) > STEPS_MAX:
            # Checking thousands of steps would only repeat errors: stop here.
            self.error("$.steps", f"at most {STEPS_MAX} steps, not {len(value)}")
            return ()
        steps = []
        for index, item in enumerate(value):
            step = self.step(f"$.steps[{index}]", item)
            if step is not None:
                steps.append(step)
        return tuple(steps)

    def step(self, path: str, value: Any) -> Step | None:
        if not isinstance(value, dict):
            self.error(path, f"a step must be an object, not {_kind(value)}")
            return None
        self.unknown_keys(path, value, STEP_KEYS)
        region_id = self.choice(f"{path}.region", value, _REGION_NAMES, "region", required=True)
        side = self.side(path, value, region_id)
        seconds = self.integer(f"{path}.seconds", value, SECONDS_MIN, SECONDS_MAX, required=True)
        tool = self.choice(f"{path}.tool", value, _TOOL_NAMES, "tool")
        technique = self.optional_text(f"{path}.technique", value, TECHNIQUE_MAX)
        name = self.text(f"{path}.name", value, NAME_MAX)
        instructions = self.text(f"{path}.instructions", value, INSTRUCTIONS_MAX)
        pressure = self.choice(f"{path}.pressure", value, _PRESSURE_NAMES, "pressure")
        cues = self.cues(path, value, seconds)
        if region_id is None or seconds is None:
            return None
        return Step(
            region=region_id,
            seconds=seconds,
            side=StepSide(side) if side is not None else None,
            tool=Tool(tool) if tool is not None else Tool.HANDS,
            technique=technique,
            name=name,
            instructions=instructions,
            pressure=Pressure(pressure) if pressure is not None else None,
            cues=cues,
        )

    def side(self, path: str, value: Mapping[str, Any], region_id: str | None) -> str | None:
        side = self.choice(f"{path}.side", value, _SIDE_NAMES, "side")
        if side is not None and region_id is not None and not region(region_id).sided:
            self.error(
                f"{path}.side",
                f"{region_id} has no left and right side: leave out the side",
            )
            return None
        return side

    def cues(self, path: str, step: Mapping[str, Any], seconds: int | None) -> tuple[Cue, ...]:
        if "cues" not in step:
            return ()
        value = step["cues"]
        if not isinstance(value, list):
            self.error(f"{path}.cues", f"must be an array of cues, not {_kind(value)}")
            return ()
        if len(value) > CUES_MAX:
            self.error(f"{path}.cues", f"at most {CUES_MAX} cues, not {len(value)}")
            return ()
        cues = []
        for index, item in enumerate(value):
            cue_path = f"{path}.cues[{index}]"
            if not isinstance(item, dict):
                self.error(cue_path, f"a cue must be an object, not {_kind(item)}")
                continue
            self.unknown_keys(cue_path, item, CUE_KEYS)
            at = self.integer(f"{cue_path}.at", item, 0, None, required=True)
            say = self.text(f"{cue_path}.say", item, SAY_MAX, required=True)
            if at is not None and seconds is not None and at >= seconds:
                self.error(
                    f"{cue_path}.at",
                    f"must be less than the step's seconds ({seconds}), not {at}",
                )
                continue
            if at is not None and say:
                cues.append(Cue(at=at, say=say))
        return tuple(cues)

    # Values ----------------------------------------------------------------------------

    def unknown_keys(self, path: str, value: Mapping[str, Any], known: tuple[str, ...]) -> None:
        for key in value:
            if key not in known:
                self.warn(_child(path, key), "unknown key, ignored")

    def text(
        self, path: str, container: Mapping[str, Any], longest: int, *, required: bool = False
    ) -> str:
        """A trimmed string, "" when absent."""
        value = self.optional_text(path, container, longest, required=required)
        return value or ""

    def optional_text(
        self, path: str, container: Mapping[str, Any], longest: int, *, required: bool = False
    ) -> str | None:
        """A trimmed string, None when absent, empty or wrong."""
        key = path.rsplit(".", 1)[1]
        if key not in container:
            if required:
                self.error(path, "missing")
            return None
        value = container[key]
        if not isinstance(value, str):
            self.error(path, f"must be a string, not {_kind(value)}")
            return None
        value = value.strip()
        if required and not value:
            self.error(path, "must not be empty")
        elif len(value) > longest:
            self.error(path, f"at most {longest:,} characters, not {len(value):,}")
        return value or None

    def integer(
        self,
        path: str,
        container: Mapping[str, Any],
        lowest: int,
        highest: int | None,
        *,
        required: bool = False,
    ) -> int | None:
        key = path.rsplit(".", 1)[1]
        if key not in container:
            if required:
                self.error(path, "missing")
            return None
        value = container[key]
        if not _is_int(value):
            self.error(path, f"must be a whole number, not {_kind(value)}")
            return None
        if value < lowest or (highest is not None and value > highest):
            bounds = f"from {lowest} to {highest}" if highest is not None else f"{lowest} or more"
            self.error(path, f"must be {bounds}, not {_short_number(value)}")
            return None
        return int(value)

    def choice(
        self,
        path: str,
        container: Mapping[str, Any],
        allowed: tuple[str, ...],
        what: str,
        *,
        required: bool = False,
    ) -> str | None:
        key = path.rsplit(".", 1)[1]
        if key not in container:
            if required:
                self.error(path, "missing")
            return None
        value = container[key]
        if not isinstance(value, str):
            self.error(path, f"must be a string, not {_kind(value)}")
            return None
        if value not in allowed:
            self.error(path, f"unknown {what} {_quote(value)}; use one of: {', '.join(allowed)}")
            return None
        return value


_REGION_NAMES = tuple(reg.id for reg in REGIONS)
_TOOL_NAMES = tuple(tool.value for tool in Tool)
_SIDE_NAMES = tuple(side.value for side in StepSide)
_PRESSURE_NAMES = tuple(pressure.value for pressure in Pressure)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    kinds: dict[type, str] = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true or false",
        int: "a whole number",
        float: "a number with a fraction",
    }
    if value is None:
        return "null"
    if isinstance(value, float):
        return f"the number {value!r}"
    return kinds.get(type(value), type(value).__name__)


def _short_number(value: int) -> str:
    text = str(value)
    return text if len(text) <= 20 else f"a number {len(text)} digits long"


def _quote(value: str, longest: int = 40) -> str:
    shown = value if len(value) <= longest else value[: longest - 1] + "…"
    # JSON escaping keeps control characters from a hostile file out of messages.
    return msgspec.json.encode(shown).decode()


def _child(path: str, key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key):
        return f"{path}.{key}"
    return f"{path}[{msgspec.json.encode(key).decode()}]"


def _is_iso_date(text: str) -> bool:
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_iso_datetime(text: str) -> bool:
    if not _ISO_DATETIME.fullmatch(text):
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


# Writing -------------------------------------------------------------------------------


def routine_document(routine: Routine) -> dict[str, Any]:
    """The routine as the file's JSON object, keys in the spec's order."""
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION, "title": routine.title}
    if routine.description:
        document["description"] = routine.description
    if routine.author:
        document["author"] = routine.author
    if routine.created:
        document["created"] = routine.created
    if routine.language:
        document["language"] = routine.language
    if routine.schedule is not None:
        document["schedule"] = _schedule_document(routine.schedule)
    document["steps"] = [_step_document(step) for step in routine.steps]
    return document


def _schedule_document(schedule: Schedule) -> dict[str, Any]:
    result: dict[str, Any] = {"times_per_week": schedule.times_per_week}
    if schedule.weeks is not None:
        result["weeks"] = schedule.weeks
    if schedule.start is not None:
        result["start"] = schedule.start.isoformat()
    return result


def _step_document(step: Step) -> dict[str, Any]:
    result: dict[str, Any] = {"region": step.region}
    if step.side is not None:
        result["side"] = step.side.value
    result["seconds"] = step.seconds
    result["tool"] = step.tool.value
    if step.technique:
        result["technique"] = step.technique
    # Always written, so the file runs the same on an install that lacks the technique.
    result["name"] = step.name or default_step_name(step)
    result["instructions"] = step.instructions or default_step_instructions(step)
    if step.pressure is not None:
        result["pressure"] = step.pressure.value
    if step.cues:
        result["cues"] = [{"at": cue.at, "say": cue.say} for cue in step.cues]
    return result


def default_step_name(step: Step) -> str:
    """A title for a step that has none: "Calves, foam roller"."""
    return f"{region(step.region).name}, {step.tool.label.lower()}"


def default_step_instructions(step: Step) -> str:
    """Plain, safe words for a step that came without its own."""
    where = region(step.region).singular
    how = "your hands" if step.tool is Tool.HANDS else f"the {step.tool.label.lower()}"
    return (
        f"Work slowly over the {where} with {how}, at a pressure that feels good. "
        "Ease off if anything hurts sharply."
    )


def dump_routine(routine: Routine) -> bytes:
    """The file's bytes: indented by 2 spaces, ending with a newline."""
    encoded = msgspec.json.encode(routine_document(routine))
    return msgspec.json.format(encoded, indent=2) + b"\n"


def write_routine(path: Path, routine: Routine) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one.

    The bytes are checked first, so the app never writes a file it would refuse to read:
    RoutineFileError lists what is wrong (say, a step of 2 seconds). OSError (full disk,
    no permission) reaches the caller.
    """
    data = dump_routine(routine)
    result = parse_routine(data)
    if result.routine is None:
        raise RoutineFileError(path.name, result.errors)
    write_atomic(path, data)
