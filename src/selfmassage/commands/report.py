"""``selfmassage report ...``: check adherence reports, and export one from the history."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from selfmassage import __version__
from selfmassage.commands.output import one_line
from selfmassage.core.document_check import in_date_range, out_of_range
from selfmassage.core.language import _, ngettext
from selfmassage.core.paths import app_paths
from selfmassage.core.report_file import SUFFIX, read_report, write_report

if TYPE_CHECKING:
    from selfmassage.core.routine import Routine

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> None:
    parser = commands.add_parser(
        "report",
        help=_("check adherence reports (.smreport) and export one"),
        description=_("Adherence reports: what a client did with a prescribed routine."),
    )
    parser.set_defaults(command=lambda _args: _usage(parser))
    sub = parser.add_subparsers(title=_("report commands"), metavar="SUBCOMMAND")

    check = sub.add_parser(
        "check",
        help=_("check report files as the app would read them"),
        description=_(
            "Check report files. Prints 'FILE: ok' for a good file (exit 0), "
            "'FILE: error: PATH: reason' lines on standard error for a bad one (exit 1)."
        ),
    )
    check.add_argument("files", nargs="+", metavar="FILE", type=Path)
    check.set_defaults(command=check_command)

    export = sub.add_parser(
        "export",
        help=_("write the report of one routine over a period"),
        description=_(
            "Write the adherence report of the routine called TITLE for the "
            "sessions started from --from to --to (inclusive). The output's suffix chooses "
            "the kind: .smreport (the file for the physio's app) or .pdf (for people)."
        ),
    )
    export.add_argument("--routine", required=True, metavar="TITLE")
    export.add_argument("--from", dest="first", metavar="DATE", type=_date)
    export.add_argument("--to", dest="last", metavar="DATE", type=_date)
    export.add_argument("-o", "--output", required=True, metavar="FILE", type=Path)
    export.set_defaults(command=export_command)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date: {text}; write it as YYYY-MM-DD, e.g. 2026-11-02").format(text=repr(text))
        ) from None
    if not in_date_range(day):
        # Translators: {reason} says which dates are allowed, e.g. "must be from … to …".
        raise argparse.ArgumentTypeError(
            _("--from and --to {reason}").format(reason=out_of_range(text))
        )
    return day


def check_command(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        result = read_report(path)
        name = one_line(str(path))
        if result.ok:
            print(f"{name}: ok")
            for problem in result.warnings:
                print(f"{name}: warning: {one_line(str(problem))}")
        else:
            for problem in result.errors:
                print(f"{name}: error: {one_line(str(problem))}", file=sys.stderr)
            status = 1
    return status


def _fail(message: str) -> int:
    print(f"selfmassage report: {one_line(message)}", file=sys.stderr)
    return 1


def export_command(args: argparse.Namespace) -> int:
    # Loaded here, not at start-up: every other command would pay for them.
    from selfmassage.core.adherence import build_report, routine_titles
    from selfmassage.core.history import HistoryError, HistoryStore

    output: Path = args.output
    kind = output.suffix.lower()
    if kind not in (SUFFIX, ".pdf"):
        return _fail(
            _("the output must end in {suffix} or .pdf, not {name}").format(
                suffix=SUFFIX, name=repr(output.name)
            )
        )
    last: date = args.last or date.today()
    first: date = args.first or _default_start(args.routine, last)
    if last < first:
        return _fail(_("--to ({last}) is before --from ({first})").format(last=last, first=first))
    if (last - first).days > 366:
        return _fail(_("a report covers at most 366 days"))
    history_file = app_paths().history_file
    if not history_file.exists():
        return _fail(_("there is no history yet: run a session first"))
    try:
        with HistoryStore(history_file, app_version=__version__) as store:
            titles = routine_titles(store.conn)
            if args.routine not in titles:
                known = ", ".join(repr(t) for t in sorted(titles)) or _("none yet")
                return _fail(
                    _("no session of a routine called {title}; known: {known}").format(
                        title=repr(args.routine), known=known
                    )
                )
            routine = _library_routine(args.routine)
            report = build_report(
                store.conn,
                args.routine,
                first,
                last,
                now=datetime.now().astimezone(),
                routine=routine,
                app_version=__version__,
            )
    except HistoryError as error:
        return _fail(str(error))
    try:
        if kind == SUFFIX:
            write_report(output, report)
        else:
            from selfmassage.commands.offscreen import ensure_qt_application
            from selfmassage.pdf.report import export_report_pdf

            ensure_qt_application()
            # In the language of the routine it reports on, as its handout is.
            export_report_pdf(report, output, routine.language if routine else None)
    except OSError as error:
        return _fail(
            _("cannot write {file}: {reason}").format(file=output, reason=error.strerror or error)
        )
    sessions = len(report.sessions)
    said = ngettext(
        "{n} session from {first} to {last}", "{n} sessions from {first} to {last}", sessions
    ).format(n=sessions, first=first, last=last)
    print(f"{one_line(str(output))}: {said}")
    return 0


def _default_start(title: str, last: date) -> date:
    """The day the plan was received (the settings remember it), else four weeks back."""
    from selfmassage.core.adherence import received_on, report_start
    from selfmassage.core.settings import SettingsStore

    received = SettingsStore(app_paths().settings_file).load().plans_received
    routine = _library_routine(title)
    schedule = routine.schedule if routine is not None else None
    return report_start(received_on(received, title), schedule, last)


def _library_routine(title: str) -> Routine | None:
    """The user's routine of that title (for its author and schedule), if the library has it."""
    from selfmassage.core.library import Library

    matches = [
        entry.routine
        for entry in Library(app_paths().routines_dir).user_entries()
        if entry.routine is not None and entry.routine.title == title
    ]
    # A prescribed plan carries a schedule: prefer it over a same-titled copy without one.
    matches.sort(key=lambda routine: routine.schedule is None)
    return matches[0] if matches else None
