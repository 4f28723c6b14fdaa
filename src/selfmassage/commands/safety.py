"""``selfmassage safety list``, and the ``--answer ID=yes|no|unsure`` of routine commands.

The answers a command uses are the saved ones (File > Safety questions in the window),
each replaced by an ``--answer`` given for the same question.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from selfmassage.core.safety import QUESTIONS, Answer, Screening, question

if TYPE_CHECKING:
    from selfmassage.core.anatomy import RegionSide

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

RED_FLAG_EXIT = 3
"""The exit status when a safety answer says: no massage, see a doctor."""


def register(commands: SubParsers) -> None:
    parser = commands.add_parser(
        "safety",
        help="the safety questions",
        description="The safety questions the app asks before a routine.",
    )
    parser.set_defaults(command=lambda _args: _usage(parser))
    subcommands = parser.add_subparsers(title="safety commands", metavar="SUBCOMMAND")
    listing = subcommands.add_parser(
        "list",
        help="print each question: its id, then its text",
        description="Print the safety questions, one a line: the id (for --answer), then "
        "the question.",
    )
    listing.set_defaults(command=list_command)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def list_command(_args: argparse.Namespace) -> int:
    for q in QUESTIONS:
        print(f"{q.id} {q.text}")
    return 0


def answer_argument(text: str) -> tuple[str, Answer]:
    """``blood-thinners=yes`` -> (id, answer); a clear message for anything else."""
    key, equals, value = text.partition("=")
    key, value = key.strip(), value.strip().lower()
    try:
        question(key)
    except KeyError:
        raise argparse.ArgumentTypeError(
            f"unknown safety question {key!r}; 'selfmassage safety list' shows the ids"
        ) from None
    if not equals or value not in Answer._value2member_map_:
        raise argparse.ArgumentTypeError(f"answer {key} with yes, no or unsure, e.g. {key}=no")
    return key, Answer(value)


def add_answer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answer",
        action="append",
        type=answer_argument,
        default=[],
        metavar="ID=yes|no|unsure",
        help="a safety answer (repeatable; 'selfmassage safety list' shows the ids); "
        "the saved answers count for the questions not given",
    )


def saved_state() -> tuple[dict[str, str], frozenset[RegionSide]]:
    """The saved answers and the places marked to avoid, from the settings file."""
    from selfmassage.core.paths import app_paths
    from selfmassage.core.selection import places_from_keys
    from selfmassage.core.settings import SettingsStore

    settings = SettingsStore(app_paths().settings_file).load()
    avoided, _unknown = places_from_keys(settings.avoided)
    return dict(settings.safety_answers), avoided


def screening_with(saved: dict[str, str], given: Iterable[tuple[str, Answer]]) -> Screening:
    answers = dict(Screening.from_stored(saved).answers)
    answers.update(dict(given))
    return Screening(answers)
