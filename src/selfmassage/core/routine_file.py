"""The routine file format, versions 1 and 2: read, validate and write ``.smroutine`` files.

The spec is ``docs/formats/routine-file.md``. A routine file is untrusted input (it comes by
e-mail or USB stick), so the reader checks cheap limits first — size, then nesting
depth — before msgspec decodes it, and then validates every value, collecting all the
problems with their JSON paths instead of stopping at the first. Those shared stages are
``document_check``'s; the rules of routine files are here, those version 2 added
(breathing steps, the cue style) in ``breathing_file``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from selfmassage.core.anatomy import REGIONS, region
from selfmassage.core.atomic import write_atomic
from selfmassage.core.breathing_file import (
    BREATHING_STEP_KEYS,
    BREATHING_VERSION,
    breathing_step_document,
    check_breathing_step,
    check_cue_style,
    default_breathing_instructions,
    default_breathing_name,
    needs_version,
    step_kind,
)
from selfmassage.core.document_check import MAX_DEPTH as MAX_DEPTH  # re-exported
from selfmassage.core.document_check import (
    DocumentCheck,
    Refusal,
    decode_untrusted_json,
    in_date_range,
    is_iso_date,
    is_iso_datetime,
    is_readable_version,
    kind_of,
    out_of_range,
    quoted,
    read_untrusted_file,
)
from selfmassage.core.document_check import Problem as Problem  # re-exported
from selfmassage.core.file_kinds import ROUTINE_SUFFIX
from selfmassage.core.language import _, speaking
from selfmassage.core.routine import (
    Cue,
    CueStyle,
    Pressure,
    Routine,
    Schedule,
    Step,
    StepSide,
    Tool,
)
from selfmassage.core.words import cannot_save, file_problems, in_sentence

FORMAT = "selfmassage-routine"
VERSION = 2
"""The newest version this app reads; it writes the lowest that holds the routine."""
SUFFIX = ROUTINE_SUFFIX

MAX_BYTES = 1024 * 1024
"""Larger files are refused before they are parsed."""

TITLE_MAX = 120
DESCRIPTION_MAX = 2000
AUTHOR_MAX = 120
TECHNIQUE_MAX = 80
NAME_MAX = 80
INSTRUCTIONS_MAX = 1000
SAY_MAX = 200
STEPS_MAX = 200
CUES_MAX = 20
PROMPTS_MAX = 5
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
    "start",
    "prompts",
)
TOP_KEYS_V2 = (*TOP_KEYS[:-1], "cues", "steps")
STEP_KEYS_V2 = ("kind", *STEP_KEYS)
CUE_KEYS = ("at", "say")
SCHEDULE_KEYS = ("times_per_week", "weeks", "start")

# A BCP 47 tag's shape (not its registry): a 2–8 letter language, then 1–8 character subtags.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_LANGUAGE_MAX = 64

_REGION_NAMES = tuple(reg.id for reg in REGIONS)
_TOOL_NAMES = tuple(tool.value for tool in Tool)
_SIDE_NAMES = tuple(side.value for side in StepSide)
_PRESSURE_NAMES = tuple(pressure.value for pressure in Pressure)


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

    def __init__(self, source: str, errors: tuple[Problem, ...], *, saving: bool = False) -> None:
        self.source = source
        self.errors = errors
        if saving:
            super().__init__(cannot_save(source, errors))
        else:
            super().__init__(str(file_problems(source, "routine", errors)))


# Reading -------------------------------------------------------------------------------


def read_routine(path: Path) -> RoutineReadResult:
    """Read and check a routine file. Never raises for a bad or unreadable file."""
    data = read_untrusted_file(path, MAX_BYTES)
    if isinstance(data, Refusal):
        return _refused(data.reason)
    return parse_routine(data)


def load_routine(path: Path) -> Routine:
    """Read a routine file that must be good; RoutineFileError lists what is wrong."""
    result = read_routine(path)
    if result.routine is None:
        raise RoutineFileError(str(path), result.errors)
    return result.routine


def parse_routine(data: bytes) -> RoutineReadResult:
    """Check and read the bytes of a routine file."""
    document = decode_untrusted_json(data, MAX_BYTES, _("a routine file"), "1 MiB")
    if isinstance(document, Refusal):
        return _refused(document.reason)
    return check_routine(document)


def check_routine(document: object) -> RoutineReadResult:
    """Check a decoded routine file (or what a draft would save) against every rule of
    the format: the routine if it is usable, and all the errors and warnings with paths."""
    check = DocumentCheck()
    routine = _routine(check, document)
    errors = check.errors()
    return RoutineReadResult(None if errors else routine, errors, check.warnings())


def _refused(reason: str) -> RoutineReadResult:
    return RoutineReadResult(None, (Problem("$", reason),))


def _routine(check: DocumentCheck, document: object) -> Routine | None:
    if not isinstance(document, dict):
        check.error("$", _("must be a JSON object, not {kind}").format(kind=kind_of(document)))
        return None
    if not is_readable_version(check, document, FORMAT, VERSION, _("a routine file")):
        return None
    # A version-1 file reads exactly as it always did: "cues" and "kind" are unknown there.
    version = int(document["version"])
    check.unknown_keys("$", document, TOP_KEYS if version == 1 else TOP_KEYS_V2)
    title = check.text("$.title", document, TITLE_MAX, required=True)
    description = check.text("$.description", document, DESCRIPTION_MAX)
    author = check.text("$.author", document, AUTHOR_MAX)
    created = _created(check, document)
    language = _language(check, document)
    schedule = check_schedule(check, "$.schedule", document)
    cues = check_cue_style(check, document) if version >= BREATHING_VERSION else CueStyle.FULL
    steps = _steps(check, document, version)
    if check.has_errors:
        return None
    return Routine(
        title=title,
        steps=steps,
        description=description,
        author=author,
        created=created,
        language=language,
        schedule=schedule,
        cues=cues,
    )


def _created(check: DocumentCheck, document: Mapping[str, Any]) -> str | None:
    value = check.optional_text("$.created", document, 64)
    if value is None:
        return None
    if not (is_iso_date(value) or is_iso_datetime(value)):
        check.error(
            "$.created",
            _(
                "must be an ISO 8601 date or date-time such as 2025-03-01 or "
                "2025-03-01T09:30:00, not {value}"
            ).format(value=quoted(value)),
        )
    elif not in_date_range(date.fromisoformat(value[:10])):
        check.error("$.created", out_of_range(value))
    return value


def _language(check: DocumentCheck, document: Mapping[str, Any]) -> str | None:
    value = check.optional_text("$.language", document, _LANGUAGE_MAX)
    if value is None:
        return None
    if not _LANGUAGE_TAG.fullmatch(value):
        check.error(
            "$.language",
            _("must be a language tag such as en or de-AT, not {value}").format(
                value=quoted(value)
            ),
        )
    return value


def check_schedule(
    check: DocumentCheck, path: str, container: Mapping[str, Any]
) -> Schedule | None:
    """The optional schedule at ``path``, by the routine file's rules. Other formats that
    carry a routine's schedule (reports) check it with this too."""
    value = check.json_object(path, container, SCHEDULE_KEYS, required=False)
    if value is None:
        return None
    times = check.integer(
        f"{path}.times_per_week", value, TIMES_PER_WEEK_MIN, TIMES_PER_WEEK_MAX, required=True
    )
    weeks = check.integer(f"{path}.weeks", value, WEEKS_MIN, WEEKS_MAX)
    start = check.iso_date(f"{path}.start", value)
    if times is None:
        return None
    return Schedule(times_per_week=times, weeks=weeks, start=start)


def _steps(check: DocumentCheck, document: Mapping[str, Any], version: int) -> tuple[Step, ...]:
    value = check.array(
        "$.steps",
        document,
        _("steps"),
        STEPS_MAX,
        missing=_("missing: a routine needs at least one step"),
    )
    if value is None:
        return ()
    if not value:
        check.error("$.steps", _("must hold at least one step"))
        return ()
    if version == 1:
        items = check.objects("$.steps", value, _("a step"), STEP_KEYS)
        return tuple(step for path, item in items if (step := _step(check, path, item)))
    steps = []
    for index, item in enumerate(value):
        path = f"$.steps[{index}]"
        if not isinstance(item, dict):
            check.error(path, _("a step must be an object, not {kind}").format(kind=kind_of(item)))
            continue
        step = _step_v2(check, path, item)
        if step is not None:
            steps.append(step)
    return tuple(steps)


def _step_v2(check: DocumentCheck, path: str, value: Mapping[str, Any]) -> Step | None:
    """A step of a version-2 file: a massage step as in version 1, or a breathing step."""
    kind = step_kind(check, path, value)
    if kind == "breathing":
        check.unknown_keys(path, value, BREATHING_STEP_KEYS)
        return check_breathing_step(
            check, path, value, (SECONDS_MIN, SECONDS_MAX), (NAME_MAX, INSTRUCTIONS_MAX)
        )
    check.unknown_keys(path, value, STEP_KEYS_V2)
    return _step(check, path, value) if kind is not None else None


def _step(check: DocumentCheck, path: str, value: Mapping[str, Any]) -> Step | None:
    region_id = check.choice(f"{path}.region", value, _REGION_NAMES, _("region"), required=True)
    side = _side(check, path, value, region_id)
    seconds = check.integer(f"{path}.seconds", value, SECONDS_MIN, SECONDS_MAX, required=True)
    tool = check.choice(f"{path}.tool", value, _TOOL_NAMES, _("tool"))
    technique = check.optional_text(f"{path}.technique", value, TECHNIQUE_MAX)
    name = check.text(f"{path}.name", value, NAME_MAX)
    instructions = check.text(f"{path}.instructions", value, INSTRUCTIONS_MAX)
    pressure = check.choice(f"{path}.pressure", value, _PRESSURE_NAMES, _("pressure"))
    cues = _cues(check, path, value, seconds)
    start = check.text(f"{path}.start", value, SAY_MAX)
    prompts = _prompts(check, path, value)
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
        start=start,
        prompts=prompts,
    )


def _prompts(check: DocumentCheck, path: str, step: Mapping[str, Any]) -> tuple[str, ...]:
    value = check.array(f"{path}.prompts", step, _("prompts"), PROMPTS_MAX)
    if value is None:
        return ()
    prompts = []
    for index, item in enumerate(value):
        item_path = f"{path}.prompts[{index}]"
        if not isinstance(item, str) or not item.strip():
            check.error(item_path, _("must be a line of text to speak"))
            continue
        if len(item) > SAY_MAX:
            check.error(item_path, _("is longer than {n} characters").format(n=SAY_MAX))
            continue
        prompts.append(item.strip())
    return tuple(prompts)


def _side(
    check: DocumentCheck, path: str, value: Mapping[str, Any], region_id: str | None
) -> str | None:
    side = check.choice(f"{path}.side", value, _SIDE_NAMES, _("side"))
    if side is not None and region_id is not None and not region(region_id).sided:
        check.error(
            f"{path}.side",
            _("{region} has no left and right side: leave out the side").format(region=region_id),
        )
        return None
    return side


def _cues(
    check: DocumentCheck, path: str, step: Mapping[str, Any], seconds: int | None
) -> tuple[Cue, ...]:
    value = check.array(f"{path}.cues", step, _("cues"), CUES_MAX)
    if value is None:
        return ()
    cues = []
    for cue_path, item in check.objects(f"{path}.cues", value, _("a cue"), CUE_KEYS):
        at = check.integer(f"{cue_path}.at", item, 0, None, required=True)
        say = check.text(f"{cue_path}.say", item, SAY_MAX, required=True)
        if at is not None and seconds is not None and at >= seconds:
            check.error(
                f"{cue_path}.at",
                _("must be less than the step's seconds ({seconds}), not {at}").format(
                    seconds=seconds, at=at
                ),
            )
            continue
        if at is not None and say:
            cues.append(Cue(at=at, say=say))
    return tuple(cues)


# Writing -------------------------------------------------------------------------------


def routine_document(routine: Routine) -> dict[str, Any]:
    """The routine as the file's JSON object, keys in the spec's order."""
    version = needs_version(routine)
    document: dict[str, Any] = {"format": FORMAT, "version": version, "title": routine.title}
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
    if routine.cues is not CueStyle.FULL:
        document["cues"] = routine.cues.value
    with speaking(routine.language):  # a step's default words in the routine's language
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
    if step.is_breathing:
        return breathing_step_document(
            step,
            step.name or default_step_name(step),
            step.instructions or default_step_instructions(step),
        )
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
    if step.start:
        result["start"] = step.start
    if step.prompts:
        result["prompts"] = list(step.prompts)
    return result


def default_step_name(step: Step) -> str:
    """A title for a step that has none: "Calves, foam roller"."""
    if step.is_breathing:
        return default_breathing_name(step)
    # Translators: a step's title when it has none: "Calves, foam roller"
    return _("{region}, {tool}").format(
        region=region(step.region).name, tool=in_sentence(step.tool.label)
    )


def default_step_instructions(step: Step) -> str:
    """Plain, safe words for a step that came without its own."""
    if step.is_breathing:
        return default_breathing_instructions(step)
    where = region(step.region).singular
    if step.tool is Tool.HANDS:
        text = _(
            "Work slowly over the {place} with your hands, at a pressure that feels good. "
            "Ease off if anything hurts sharply."
        )
    else:
        # Translators: {place} is one side of a region ("calf"), {tool} a tool ("foam roller")
        text = _(
            "Work slowly over the {place} with the {tool}, at a pressure that feels good. "
            "Ease off if anything hurts sharply."
        )
    return text.format(place=where, tool=in_sentence(step.tool.label))


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
        raise RoutineFileError(path.name, result.errors, saving=True)
    write_atomic(path, data)
