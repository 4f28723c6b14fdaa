"""The command line: ``selfmassage [FILE]`` opens the window; subcommands work headless.

Qt is imported only on the paths that need it, so ``--version``, ``paths`` and the
headless subcommands start fast and run without a display.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from selfmassage import __version__
from selfmassage.core.language import _
from selfmassage.core.paths import app_paths

Command = Callable[[argparse.Namespace], int]
Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def _paths_command(args: argparse.Namespace) -> int:
    paths = app_paths()
    for name in ("config", "data", "cache", "logs"):
        print(f"{name}: {getattr(paths, name)}")
    return 0


def _register_paths(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("paths", help=_("print where config, data, cache and logs live"))
    parser.set_defaults(command=_paths_command)


# The first word of argv picks a command; only its module is imported, so opening the
# window (the common case) imports none of them. Each module has `register(commands)`.
COMMAND_MODULES: dict[str, str] = {
    "paths": __name__,
    "routine": "selfmassage.commands.routine",
    "run": "selfmassage.commands.run",
    "history": "selfmassage.commands.history",
    "report": "selfmassage.commands.report",
    "safety": "selfmassage.commands.safety",
    "self-test": "selfmassage.commands.selftest",
    "speech-renderer": "selfmassage.speech.render_process",
}
INTERNAL_COMMANDS = frozenset({"speech-renderer"})


def _registrar(name: str) -> Registrar:
    if name == "paths":
        return _register_paths
    register: Registrar = importlib.import_module(COMMAND_MODULES[name]).register
    return register


def command_parser(names: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of the headless commands (all of them, or just those named)."""
    parser = argparse.ArgumentParser(prog="selfmassage", description=_("SelfMassage commands."))
    parser.add_argument("--version", action="version", version=f"selfmassage {__version__}")
    parser.add_argument("--verbose", action="store_true", help=_("also log to standard error"))
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")
    for name in COMMAND_MODULES if names is None else names:
        _registrar(name)(commands)
    return parser


def window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="selfmassage",
        description=_("Guided self-massage: pick sore muscles, get a timed routine, follow it."),
        epilog=_("commands (run 'selfmassage COMMAND --help' for more):")
        + "\n  "
        + "\n  ".join(sorted(set(COMMAND_MODULES) - INTERNAL_COMMANDS)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help=_("routine (.smroutine) or client report (.smreport) files to open"),
    )
    parser.add_argument("--version", action="version", version=f"selfmassage {__version__}")
    parser.add_argument("--verbose", action="store_true", help=_("also log to standard error"))
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help=_("open the main window, wait until it is painted once, then exit"),
    )
    parser.add_argument(
        "--theme", choices=("system", "light", "dark"), help=_("override the colour scheme")
    )
    return parser


# A word like this is taken for a mistyped command, unless a file of that name exists:
# "histroy" or "self-tset", never "routine.smroutine" or "./notes/neck".
_COMMAND_LIKE = r"[a-z][a-z-]*"  # compiled when a start is given a file, not at every start


def unknown_command(word: str) -> str | None:
    """What to say when ``word`` looks like a mistyped command, or None for a file name."""
    if not re.fullmatch(_COMMAND_LIKE, word) or Path(word).exists():
        return None
    import difflib  # here: only a mistyped command needs it, not every start

    commands = sorted(set(COMMAND_MODULES) - INTERNAL_COMMANDS)
    close = difflib.get_close_matches(word, commands, n=1)
    if close:
        return _("unknown command: {word} (did you mean {command}?)").format(
            word=word, command=close[0]
        )
    return _("unknown command: {word} (commands: {commands})").format(
        word=word, commands=", ".join(commands)
    )


def _reader_gone() -> int:
    """The output's reader closed the pipe (`... | head`): stop quietly, as Unix tools do."""
    # What is still buffered cannot be written; point stdout at nothing so that the
    # flush at exit does not fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    started = time.monotonic()
    args_list = list(sys.argv[1:] if argv is None else argv)
    first_word = next((arg for arg in args_list if not arg.startswith("-")), None)
    if first_word in COMMAND_MODULES:
        _use_language()  # before the parser: its help is in the person's language
        args = command_parser([first_word]).parse_args(args_list)
        from selfmassage.logs import setup_logging

        setup_logging(app_paths(), verbose=args.verbose)
        command: Command = args.command
        try:
            code = command(args)
            sys.stdout.flush()  # inside the try: a reader gone away shows up here
            return code
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            return _reader_gone()
    args = window_parser().parse_args(args_list)
    problem = unknown_command(args.files[0]) if args.files else None
    if problem is not None:
        print(f"selfmassage: {problem}", file=sys.stderr)
        return 2
    args.started = started  # for the log's "first paint after N ms"
    # Building the window makes many objects and no garbage worth collecting: the cycle
    # collector stays off until the first screen is up (run_app turns it back on).
    gc.disable()
    _python_imports_under_qt()
    from selfmassage.launch import run_app

    return run_app(args)


def _use_language() -> None:
    """Commands speak the window's language: the saved choice is read from the settings
    file as it is (a command never rewrites or reports on the settings)."""
    import json

    from selfmassage.core.language import set_app_language, starting_language

    try:
        saved = json.loads(app_paths().settings_file.read_text(encoding="utf-8"))
        language = saved.get("language", "") if isinstance(saved, dict) else ""
    except (OSError, ValueError):
        language = ""
    set_app_language(starting_language(language if isinstance(language, str) else ""))
    from selfmassage.commands.argparse_words import speak_argparse

    speak_argparse()


def _python_imports_under_qt() -> None:
    """Load Qt for Python, and keep Python's own ``import`` under it.

    Loading PySide6 replaces ``builtins.__import__`` with a hook for its opt-in
    ``from __feature__ import snake_case, true_property``; to tell which modules use
    PySide it reads the source of every module imported after it (``inspect.getsource``)
    and runs Python code at every import statement: about 3% of the instructions of a
    start. The app uses no ``__feature__``, so the window's start goes without the hook.
    """
    import builtins

    import PySide6.QtCore  # noqa: F401 - the hook comes with it

    hook = getattr(builtins, "__feature_import__", None)
    original = getattr(builtins, "__orig_import__", None)  # where PySide keeps Python's
    if original is not None and builtins.__import__ is hook:  # no one else's wrapper
        builtins.__import__ = original
