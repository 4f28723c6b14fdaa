"""The command line: ``selfmassage [FILE]`` opens the window; subcommands work headless.

Qt is imported only on the paths that need it, so ``--version``, ``paths`` and the
headless subcommands start fast and run without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from selfmassage import __version__
from selfmassage.commands import history as history_commands
from selfmassage.commands import report as report_commands
from selfmassage.commands import routine as routine_commands
from selfmassage.commands import run as run_command
from selfmassage.commands import selftest as selftest_command
from selfmassage.core.paths import app_paths
from selfmassage.speech import render_process

Command = Callable[[argparse.Namespace], int]


def _paths_command(args: argparse.Namespace) -> int:
    paths = app_paths()
    for name in ("config", "data", "cache", "logs"):
        print(f"{name}: {getattr(paths, name)}")
    return 0


def _register_paths(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("paths", help="print where config, data, cache and logs live")
    parser.set_defaults(command=_paths_command)


# Each subcommand group adds its parser here; the first word of argv picks it.
REGISTRARS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _register_paths,
    routine_commands.register,
    render_process.register,
    selftest_command.register,
    history_commands.register,
    report_commands.register,
    run_command.register,
]


def command_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    parser = argparse.ArgumentParser(prog="selfmassage", description="SelfMassage commands.")
    parser.add_argument("--version", action="version", version=f"selfmassage {__version__}")
    parser.add_argument("--verbose", action="store_true", help="also log to standard error")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for register in REGISTRARS:
        register(commands)
    return parser, set(commands.choices)


def window_parser(command_names: set[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfmassage",
        description="Guided self-massage: pick sore muscles, get a timed routine, follow it.",
        epilog="commands (run 'selfmassage COMMAND --help' for more):\n  "
        + "\n  ".join(sorted(command_names)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="routine files to open")
    parser.add_argument("--version", action="version", version=f"selfmassage {__version__}")
    parser.add_argument("--verbose", action="store_true", help="also log to standard error")
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="open the main window, wait until it is painted once, then exit",
    )
    parser.add_argument(
        "--theme", choices=("system", "light", "dark"), help="override the colour scheme"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser, command_names = command_parser()
    first_word = next((arg for arg in args_list if not arg.startswith("-")), None)
    if first_word in command_names:
        args = parser.parse_args(args_list)
        from selfmassage.logs import setup_logging

        setup_logging(app_paths(), verbose=args.verbose)
        command: Command = args.command
        try:
            return command(args)
        except KeyboardInterrupt:
            return 130
    args = window_parser(command_names).parse_args(args_list)
    from selfmassage.app import run_app

    return run_app(args)
