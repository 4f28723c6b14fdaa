"""``selfmassage routine ...``: check, show and build routine files without a window.

Each subcommand is a small registrar in SUBCOMMANDS, so another one (``timeline``) is a
function and one line. Text from files is untrusted: control characters are made
visible before it reaches the terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from selfmassage.commands.output import one_line, print_errors, print_warnings, printable
from selfmassage.commands.safety import (
    RED_FLAG_EXIT,
    add_answer_option,
    saved_state,
    screening_with,
)
from selfmassage.commands.timeline import add_timeline
from selfmassage.core.anatomy import REGIONS, RegionSide, is_region, region, region_sides
from selfmassage.core.language import _, ngettext
from selfmassage.core.routine import Pacing, Routine, Tool, plan
from selfmassage.core.routine_file import read_routine, write_routine
from selfmassage.core.words import duration, schedule, step_place, step_time

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> None:
    """Add ``routine`` and its subcommands to the command line."""
    parser = commands.add_parser(
        "routine",
        help=_("check, show and build routine files (.smroutine)"),
        description=_("Work with routine files (.smroutine) from the command line."),
    )
    parser.set_defaults(command=lambda _args: _usage(parser))
    subcommands = parser.add_subparsers(title=_("routine commands"), metavar="SUBCOMMAND")
    for add in SUBCOMMANDS:
        add(subcommands)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


# routine check ---------------------------------------------------------------------------


def _add_check(subcommands: SubParsers) -> None:
    parser = subcommands.add_parser(
        "check",
        help=_("check routine files as the app would read them"),
        description=_(
            "Check routine files. Prints 'FILE: ok' for a good file (exit 0), "
            "'FILE: error: PATH: reason' lines on standard error for a bad one (exit 1), and "
            "a 'FILE: warning:' line for each step that goes against the safety answers or "
            "the places marked to avoid."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    add_answer_option(parser)
    parser.set_defaults(command=check_command)


def check_command(args: argparse.Namespace) -> int:
    from selfmassage.core.catalog import CatalogError, load_catalog
    from selfmassage.core.routine_check import check_routine

    saved, avoided = saved_state()
    screening = screening_with(saved, args.answer)
    try:
        catalog = load_catalog()
    except CatalogError:
        catalog = None  # steps are still checked, without their positions
    status = 0
    for path in args.files:
        result = read_routine(path)
        if result.ok:
            print(f"{one_line(str(path))}: ok")
            print_warnings(str(path), result)
            assert result.routine is not None
            if screening.stops():
                # Translators: after "FILE: warning: " (those words stay as they are).
                stop = _("a safety answer says do not massage today")
                print(f"{one_line(str(path))}: warning: {stop}")
            for conflict in check_routine(result.routine, screening, avoided, catalog):
                print(f"{one_line(str(path))}: warning: {conflict.text}")
        else:
            print_errors(str(path), result)
            status = 1
    return status


# routine show ----------------------------------------------------------------------------


def _add_show(subcommands: SubParsers) -> None:
    parser = subcommands.add_parser(
        "show",
        help=_("print a routine's steps and total time"),
        description=_("Print the steps of a routine file and how long it takes."),
    )
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.set_defaults(command=show_command)


def show_command(args: argparse.Namespace) -> int:
    result = read_routine(args.file)
    if result.routine is None:
        print_errors(str(args.file), result)
        return 1
    print_warnings(str(args.file), result)
    print(describe(result.routine, Pacing()))
    return 0


def describe(routine: Routine, pacing: Pacing) -> str:
    lines = [one_line(routine.title)]
    if routine.author:
        lines.append(_("by {author}").format(author=one_line(routine.author)))
    if routine.description:
        lines.append(printable(routine.description))
    if routine.schedule is not None:
        lines.append(schedule(routine.schedule))
    lines.append("")
    width = len(str(len(routine.steps)))
    for number, step in enumerate(routine.steps, start=1):
        title = f"{one_line(step.name)} — " if step.name else ""
        side = step.side.value if step.side is not None else None
        lines.append(
            f"{number:>{width}}. {title}{step_place(step.region, side)}, "
            f"{step.uses}, {step_time(step.seconds, side)}"
        )
    timing = plan(routine, pacing)
    breathing = sum(step.seconds for step in routine.steps if step.is_breathing)
    lines.append("")
    if breathing:
        total = _(
            "Total: {total} ({massage} of massage, {breathing} of breathing, "
            "{changes} to change position and side)"
        )
    else:
        total = _("Total: {total} ({massage} of massage, {changes} to change position and side)")
    lines.append(
        total.format(
            total=duration(timing.total_seconds),
            massage=duration(timing.work_seconds - breathing),
            breathing=duration(breathing),
            changes=duration(timing.transition_seconds),
        )
    )
    return "\n".join(lines)


# routine build ---------------------------------------------------------------------------


def _places(text: str) -> list[RegionSide]:
    """``calves-left,calves-right,quads`` -> places; a bare sided id means both sides."""
    places: list[RegionSide] = []
    for word in (part.strip() for part in text.split(",")):
        if not word:
            continue
        if is_region(word) and region(word).sided:
            places.extend(region_sides(region(word)))
            continue
        try:
            places.append(RegionSide.parse(word))
        except ValueError:
            known = ", ".join(reg.id for reg in REGIONS)
            raise argparse.ArgumentTypeError(
                _(
                    "unknown region {word}; use one of: {known} (add -left or -right for one side)"
                ).format(word=repr(word), known=known)
            ) from None
    if not places:
        raise argparse.ArgumentTypeError(_("name at least one region"))
    return places


def _tools(text: str) -> frozenset[Tool]:
    tools = set()
    for word in (part.strip() for part in text.split(",")):
        if not word:
            continue
        try:
            tools.add(Tool(word))
        except ValueError:
            known = ", ".join(tool.value for tool in Tool)
            raise argparse.ArgumentTypeError(
                _("unknown tool {word}; use one of: {known}").format(word=repr(word), known=known)
            ) from None
    return frozenset(tools | {Tool.HANDS})


def _minutes(text: str) -> int | None:
    if text.strip().lower() in {"none", "no-limit", "unlimited"}:
        return None
    try:
        minutes = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a number of minutes (or 'none' for no limit)").format(text=repr(text))
        ) from None
    if not 1 <= minutes <= 180:
        raise argparse.ArgumentTypeError(_("minutes must be from 1 to 180, or 'none'"))
    return minutes


def _add_build(subcommands: SubParsers) -> None:
    parser = subcommands.add_parser(
        "build",
        help=_("build a routine from regions, tools and minutes, and write it to a file"),
        description=_("Build a routine as the app's builder would, without a window."),
    )
    parser.add_argument(
        "--regions",
        required=True,
        type=_places,
        metavar="IDS",
        help=_(
            "comma-separated region ids; add -left or -right for one side, "
            "e.g. calves-left,calves-right,quads"
        ),
    )
    parser.add_argument(
        "--tools",
        type=_tools,
        default=frozenset({Tool.HANDS}),
        metavar="TOOLS",
        help=_("comma-separated tools you own: {tools}").format(
            tools=", ".join(tool.value for tool in Tool)
        ),
    )
    parser.add_argument(
        "--minutes",
        type=_minutes,
        default=10,
        metavar="N",
        help=_("the time budget in minutes, or 'none' for no limit (default 10)"),
    )
    parser.add_argument(
        "--intensity",
        choices=INTENSITIES,
        default="standard",
    )
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    add_answer_option(parser)
    parser.set_defaults(command=build_command)


# The builder's Intensity values; spelled out so the command line starts without the builder.
INTENSITIES = ("gentle", "standard", "deep")


def build_command(args: argparse.Namespace) -> int:
    from selfmassage.core.builder import BuildRequest, Refusal, build_routine
    from selfmassage.core.catalog import CatalogError
    from selfmassage.core.routine_options import Intensity
    from selfmassage.core.selection import Selection

    saved, avoided = saved_state()
    request = BuildRequest(
        selection=Selection.of(args.regions, avoided),
        tools=args.tools,
        budget_minutes=args.minutes,
        intensity=Intensity(args.intensity),
        screening=screening_with(saved, args.answer),
    )
    try:
        result = build_routine(request)
    except CatalogError as error:
        broken = _("the technique catalog is broken: {error}").format(error=error)
        print(f"selfmassage: {broken}", file=sys.stderr)
        return 1
    if isinstance(result, Refusal) and result.red_flag:
        print(result.message, file=sys.stderr)
        return RED_FLAG_EXIT
    if isinstance(result, Refusal):
        print(f"selfmassage: {result.message}", file=sys.stderr)
        for choice in result.choices:
            print(f"  - {choice.label}", file=sys.stderr)
        return 1
    try:
        write_routine(args.output, result.routine)
    except OSError as error:
        problem = _("cannot write {file}: {reason}").format(
            file=args.output, reason=error.strerror or error
        )
        print(f"selfmassage: {problem}", file=sys.stderr)
        return 1
    for note in result.notes:
        print(note)
    timing = plan(result.routine, request.pacing)
    steps = len(result.routine.steps)
    print(
        ngettext(
            "Wrote {file}: {title}, {n} step, {time}",
            "Wrote {file}: {title}, {n} steps, {time}",
            steps,
        ).format(
            file=args.output,
            title=one_line(result.routine.title),
            n=steps,
            time=duration(timing.total_seconds),
        )
    )
    return 0


SUBCOMMANDS: list[Callable[[SubParsers], None]] = [_add_check, _add_show, _add_build, add_timeline]
