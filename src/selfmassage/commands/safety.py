"""``selfmassage safety list``, the ``--answer ID=yes|no|unsure`` of routine commands, and
the check ``selfmassage run`` makes before it starts (``--conflicts skip|light|keep``).

The answers a command uses are the saved ones (File > Safety questions in the window),
each replaced by an ``--answer`` given for the same question. The three questions of
the day (a fever, an injury, a hot swollen calf) count on the day they were answered
only, as in the window: ``run`` asks for them, as Start does, before the day's first
session.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from selfmassage.commands.output import one_line
from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.safety import QUESTIONS, TODAY_CHECK, Answer, Screening, question

if TYPE_CHECKING:
    from selfmassage.core.anatomy import RegionSide
    from selfmassage.core.catalog import Catalog
    from selfmassage.core.routine import Routine

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

RED_FLAG_EXIT = 3
"""The exit status when a safety answer says: no massage, see a doctor."""
TODAY_UNANSWERED_EXIT = 2
"""The exit status when ``run`` needs the answers of the day and was not given them."""


def register(commands: SubParsers) -> None:
    parser = commands.add_parser(
        "safety",
        help=_("the safety questions"),
        description=_("The safety questions the app asks before a routine."),
    )
    parser.set_defaults(command=lambda _args: _usage(parser))
    subcommands = parser.add_subparsers(title=_("safety commands"), metavar="SUBCOMMAND")
    listing = subcommands.add_parser(
        "list",
        help=_("print each question: its id, then its text"),
        description=_(
            "Print the safety questions, one a line: the id (for --answer), then the question."
        ),
    )
    listing.set_defaults(command=list_command)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def list_command(_args: argparse.Namespace) -> int:
    for q in QUESTIONS:
        print(f"{q.id} {_(q.text)}")
    return 0


def answer_argument(text: str) -> tuple[str, Answer]:
    """``blood-thinners=yes`` -> (id, answer); a clear message for anything else."""
    key, equals, value = text.partition("=")
    key, value = key.strip(), value.strip().lower()
    try:
        question(key)
    except KeyError:
        raise argparse.ArgumentTypeError(
            _("unknown safety question {id}; 'selfmassage safety list' shows the ids").format(
                id=repr(key)
            )
        ) from None
    if not equals or value not in Answer._value2member_map_:
        raise argparse.ArgumentTypeError(
            # Translators: yes, no and unsure are the words to type: they stay in English.
            _("answer {id} with yes, no or unsure, e.g. {id}=no").format(id=key)
        )
    return key, Answer(value)


def add_answer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answer",
        action="append",
        type=answer_argument,
        default=[],
        metavar="ID=yes|no|unsure",
        help=_(
            "a safety answer (repeatable; 'selfmassage safety list' shows the ids); "
            "the saved answers count for the questions not given"
        ),
    )


def saved_state() -> tuple[Screening, frozenset[RegionSide]]:
    """The saved answers (with the day each was given) and the places marked to avoid,
    from the settings file."""
    from selfmassage.core.paths import app_paths
    from selfmassage.core.selection import places_from_keys
    from selfmassage.core.settings import SettingsStore

    settings = SettingsStore(app_paths().settings_file).load()
    avoided, _unknown = places_from_keys(settings.avoided)
    saved = Screening.from_stored(settings.safety_answers, settings.safety_answered_on)
    return saved, avoided


def screening_with(
    saved: Screening, given: Iterable[tuple[str, Answer]], today: date | None = None
) -> Screening:
    """The answers that hold ``today``: the saved ones (a question of the day only if
    answered that day), each replaced by one given now."""
    today = today or date.today()
    return saved.current(today).answered(dict(given), today)


def today_unanswered(screening: Screening, today: date | None = None) -> str | None:
    """What to tell when the questions of the day are not answered today, or None."""
    if not screening.today_check_due(today or date.today()):
        return None
    missing = [q for q in TODAY_CHECK if q not in screening.answers]
    lines = [
        _(
            "Before the first session of the day, answer the questions of the day, as the "
            "window asks them before Start:"
        ),
        *(f"  {q}: {_(question(q).text)}" for q in missing),
        _(
            "Answer them with --answer, e.g. {example}, or in the window (File > Safety questions)."
        ).format(example=" ".join(f"--answer {q}=no" for q in missing)),
    ]
    return "\n".join(lines)


# ``selfmassage run``: the check the window makes before Start ------------------------------

CONFLICT_CHOICES: dict[str, str] = {
    "skip": N_("Skipped them (only its side marked to avoid, where a step has two)."),
    "light": N_(
        "Made them light: a gentler tool and light pressure (a step on a place to "
        "avoid, or on one an answer leaves out, is skipped)."
    ),
    "keep": N_("Kept them as they are."),
}
"""What ``--conflicts`` may say, and how the run says what it did."""


def add_conflicts_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--conflicts",
        choices=tuple(CONFLICT_CHOICES),
        default="skip",
        help=_(
            "what to do with steps that go against the safety answers or the places "
            "marked to avoid: skip them (the default), make them light, or keep them "
            "(as a physiotherapist prescribed)"
        ),
    )


def checked_for_run(
    routine: Routine,
    screening: Screening,
    avoided: frozenset[RegionSide],
    conflicts_choice: str,
    catalog: Catalog | None,
) -> Routine | int:
    """The routine to run, as ``--conflicts`` chose, with what was done said on standard
    error; an exit status when nothing may run: RED_FLAG_EXIT for a red flag (the "see a
    doctor" message), 1 when every step goes against the answers."""
    from selfmassage.core.routine_check import Resolution, check_routine, resolve
    from selfmassage.core.safety import stop_message

    if screening.stops():
        print(stop_message(screening.stops()), file=sys.stderr)
        return RED_FLAG_EXIT
    found = check_routine(routine, screening, avoided, catalog)
    if not found:
        return routine
    how = Resolution(conflicts_choice)
    title = one_line(routine.title)
    print(
        ngettext(
            "{n} step of “{title}” goes against your safety answers or the places you "
            "marked to avoid:",
            "{n} steps of “{title}” go against your safety answers or the places you "
            "marked to avoid:",
            len(found),
        ).format(n=len(found), title=title),
        file=sys.stderr,
    )
    for conflict in found:
        print(f"  {one_line(conflict.text)}", file=sys.stderr)
    chosen = resolve(routine, found, how, screening, catalog)
    others = ", ".join(f"--conflicts {name}" for name in CONFLICT_CHOICES if name != how.value)
    done = _(CONFLICT_CHOICES[how.value])
    other = _("Other choices: {choices}.").format(choices=others)
    print(f"{done} {other}", file=sys.stderr)
    if not chosen.steps:
        print(_("Nothing left to run of “{title}”.").format(title=title), file=sys.stderr)
        return 1
    return chosen
