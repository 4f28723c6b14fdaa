"""``selfmassage routine timeline FILE [--json]``: a routine laid out in time, as it will run.

Also the one place the headless commands turn a routine file and the user's settings
into a timeline, so ``routine timeline`` prints exactly what ``run`` will do.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfmassage.commands.output import one_line, print_errors, print_warnings
from selfmassage.core.anatomy import Side
from selfmassage.core.language import _, ngettext, speaking
from selfmassage.core.paths import app_paths
from selfmassage.core.routine import Routine
from selfmassage.core.routine_file import read_routine
from selfmassage.core.settings import SettingsStore
from selfmassage.core.timeline import (
    Cue,
    Segment,
    SegmentKind,
    TechniqueLookup,
    Timeline,
    build_timeline,
    options_from_settings,
    step_title,
)
from selfmassage.core.words import clock_readout

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

log = logging.getLogger(__name__)


def technique_lookup() -> TechniqueLookup | None:
    """The catalog's spoken lines; None (step texts only) if the catalog cannot be read."""
    from selfmassage.core.catalog import CatalogError, load_catalog

    try:
        return load_catalog().get
    except (CatalogError, OSError) as error:
        log.warning("no technique lines for the cues: %s", error)
        return None


def timeline_for_file(path: Path, *, warnings: bool = True) -> tuple[Routine, Timeline] | None:
    """Read a routine file and lay it out with the user's settings; None (errors printed)."""
    routine = routine_from_file(path, warnings=warnings)
    if routine is None:
        return None
    timeline = timeline_for(routine, path)
    return None if timeline is None else (routine, timeline)


def routine_from_file(path: Path, *, warnings: bool = True) -> Routine | None:
    """The routine of a file; None (its errors printed) when it cannot be read."""
    result = read_routine(path)
    if result.routine is None:
        print_errors(str(path), result)
        return None
    if warnings:
        print_warnings(str(path), result)
    return result.routine


def timeline_for(routine: Routine, path: Path) -> Timeline | None:
    """The routine laid out with the user's settings; None (said) when it has no steps."""
    settings = SettingsStore(app_paths().settings_file).load()
    pacing, options = options_from_settings(
        settings.cue_level,
        settings.countdown_style,
        settings.transition_seconds,
        settings.voice_rate,
    )
    lookup = technique_lookup()
    # The cues are the routine's words: said (and printed) in its language.
    with speaking(routine.language):
        timeline = build_timeline(routine, pacing, options, lookup)
    if not timeline.segments:
        # Translators: after "FILE: error: $.steps: " (those words stay as they are).
        reason = _("the routine has no steps")
        print(f"{one_line(str(path))}: error: $.steps: {reason}", file=sys.stderr)
        return None
    return timeline


def add_timeline(subcommands: SubParsers) -> None:
    parser = subcommands.add_parser(
        "timeline",
        help=_("print a routine laid out in time: each part and every cue"),
        description=_(
            "Print when each part of a routine starts and ends and every cue in it, "
            "as a session would run it with your settings."
        ),
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    parser.set_defaults(command=timeline_command)


def timeline_command(args: argparse.Namespace) -> int:
    loaded = timeline_for_file(args.file, warnings=not args.json)
    if loaded is None:
        return 1
    _routine, timeline = loaded
    if args.json:
        json.dump(timeline_document(timeline), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(describe_timeline(timeline))
    return 0


def segment_title(timeline: Timeline, segment: Segment) -> str:
    """A part's heading, in the routine's language, as its cues are."""
    with speaking(timeline.routine.language):
        step = timeline.step(segment)
        if segment.kind is SegmentKind.TRANSITION:
            return _("Get ready: {step}").format(step=step_title(step, segment.side))
        if segment.kind is SegmentKind.SWITCH_SIDE:
            if segment.side is Side.LEFT:
                return _("Switch to the left side")
            if segment.side is Side.RIGHT:
                return _("Switch to the right side")
            return _("Switch side")
        return f"{step_title(step, segment.side)} · {step.uses}"


def _cue_line(cue: Cue) -> str:
    if cue.voice:
        sound = ""
    elif cue.beep:
        # Translators: a cue heard as a beep only; {beep} is its kind, such as "soft".
        sound = " " + _("[{beep} beep]").format(beep=cue.beep)
    else:
        sound = " " + _("[on screen]")
    return f"  {clock_readout(cue.at)}  {cue.kind.value:<11} {one_line(cue.text)}{sound}"


def describe_timeline(timeline: Timeline) -> str:
    steps, parts = len(timeline.routine.steps), len(timeline.segments)
    lines = [
        f"{one_line(timeline.routine.title)}: {clock_readout(timeline.total_seconds)}, "
        + ngettext("{n} step", "{n} steps", steps).format(n=steps)
        + ", "
        + ngettext("{n} part", "{n} parts", parts).format(n=parts),
        "",
    ]
    for segment in timeline.segments:
        lines.append(
            f"{clock_readout(segment.start)}–{clock_readout(segment.end)}  "
            f"{one_line(segment_title(timeline, segment))}"
        )
        lines.extend(_cue_line(cue) for cue in segment.cues)
    # Translators: the end of a routine laid out in time, after its clock time.
    end = _("end")
    lines.append(f"{clock_readout(timeline.total_seconds)}  {end}")
    lines.append(_cue_line(timeline.finish))
    if timeline.dropped:
        lines.append("")
        lines.append(_("Left out so that no two cues talk over each other:"))
        lines.extend(_cue_line(cue) for cue in timeline.dropped)
    return "\n".join(lines)


def _cue_document(cue: Cue) -> dict[str, Any]:
    return {
        "at": cue.at,
        "kind": cue.kind.value,
        "text": cue.text,
        "voice": cue.voice,
        "beep": cue.beep.value if cue.beep else None,
    }


def timeline_document(timeline: Timeline) -> dict[str, Any]:
    return {
        "title": timeline.routine.title,
        "total_seconds": timeline.total_seconds,
        "transition_seconds": timeline.pacing.transition_seconds,
        "switch_side_seconds": timeline.pacing.switch_side_seconds,
        "segments": [
            {
                "kind": segment.kind.value,
                "step": segment.step_index,
                "side": segment.side.value if segment.side else None,
                "start": segment.start,
                "end": segment.end,
                "title": segment_title(timeline, segment),
                "cues": [_cue_document(cue) for cue in segment.cues],
            }
            for segment in timeline.segments
        ],
        "finish": _cue_document(timeline.finish),
        "dropped": [_cue_document(cue) for cue in timeline.dropped],
    }
