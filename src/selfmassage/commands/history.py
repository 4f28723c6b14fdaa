"""``selfmassage history ...``: list, export and import the history without a window.

These commands only read the history or add to it: they never mark a running session
interrupted (only a start of the app or of ``run`` does that).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from selfmassage import __version__
from selfmassage.commands.output import json_for_terminal, one_line
from selfmassage.core import words
from selfmassage.core.history import (
    HistoryError,
    HistoryStore,
    HistoryUnavailableError,
    NewerHistoryError,
    SessionRecorder,
    new_draft,
    utc_now,
)
from selfmassage.core.history_export import (
    HistoryImportError,
    ImportInterruptedError,
    export_csv,
    export_json,
    import_json,
)
from selfmassage.core.history_queries import SessionSummary, list_sessions
from selfmassage.core.history_recording import HistoryListener
from selfmassage.core.history_trouble import is_damage, trouble_of
from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.paths import app_paths
from selfmassage.core.private_files import private_folder
from selfmassage.core.regular_file import read_regular_file
from selfmassage.core.session import Event, Finished

if TYPE_CHECKING:
    from selfmassage.core.routine import Routine
    from selfmassage.core.session import Session

    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(commands: SubParsers) -> None:
    parser = commands.add_parser(
        "history",
        help=_("list, export and import the history of sessions"),
        description=_("Your history of sessions, from the command line."),
    )
    parser.set_defaults(command=lambda _args: _usage(parser))
    sub = parser.add_subparsers(title=_("history commands"), metavar="SUBCOMMAND")

    listing = sub.add_parser("list", help=_("list every session, newest first"))
    listing.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    listing.set_defaults(command=_list)

    export = sub.add_parser(
        "export",
        help=_("write the whole history to CSV or JSON"),
        description=_(
            "Write the whole history to a file. CSV writes the sessions to PATH "
            "and their steps beside it (history.csv and history-steps.csv)."
        ),
    )
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("-o", "--output", required=True, metavar="PATH", type=Path)
    export.set_defaults(command=_export)

    importing = sub.add_parser(
        "import",
        help=_("add the sessions of a JSON export that are not here yet"),
        description=_(
            "Add the sessions of a JSON export (from 'history export --format "
            "json'). Sessions already in the history are left as they are."
        ),
    )
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.set_defaults(command=_import)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _fail(message: str) -> int:
    print(f"selfmassage history: {message}", file=sys.stderr)
    return 1


def _store_failed(error: HistoryError) -> int:
    if isinstance(error, NewerHistoryError):
        return _fail(str(error))
    if is_damage(error):
        damaged = _("The file is damaged: starting the app repairs it.")
        return _fail(f"{error} {damaged}")
    return _trouble(error, OPENED)


# What could not be done to the history, each a whole sentence (word order differs).
OPENED, READ, WRITTEN = "opened", "read", "written"
_CANNOT = {
    OPENED: N_("the history cannot be opened just now: {reason}. It is left as it is."),
    READ: N_("the history cannot be read just now: {reason}. It is left as it is."),
    WRITTEN: N_("the history cannot be written just now: {reason}. It is left as it is."),
}


def _trouble(error: BaseException, done: str) -> int:
    """A full disk, a lock, a read-only folder: the file is fine, say what to do."""
    trouble = trouble_of(error, app_paths().data)
    cannot = _(_CANNOT[done]).format(reason=trouble.reason)
    return _fail(f"{cannot} {trouble.remedy}".strip())


def _database_failed(error: sqlite3.DatabaseError, done: str) -> int:
    if is_damage(error):
        return _fail(
            _("the history cannot be read ({error}); starting the app repairs it.").format(
                error=error
            )
        )
    return _trouble(error, done)


@contextmanager
def _opened(create: bool) -> Iterator[HistoryStore | None]:
    """The history for one command, closed (and its log checkpointed) when it is done."""
    path = app_paths().history_file
    if not create and not path.exists():
        yield None
        return
    private_folder(path.parent)
    store = HistoryStore(path, app_version=__version__)
    try:
        yield store
    finally:
        store.close()


def _as_json(summary: SessionSummary) -> dict[str, object]:
    return {
        "uuid": summary.uuid,
        "started_at": summary.started_at.isoformat(),
        "routine_title": summary.routine_title,
        "status": summary.status,
        "planned_seconds": summary.planned_seconds,
        "done_seconds": summary.done_seconds,
        "regions": list(summary.regions),
        "soreness_change": summary.soreness_change,
        "feeling": summary.feeling,
    }


def _list(args: argparse.Namespace) -> int:
    try:
        with _opened(create=False) as store:
            summaries = [] if store is None else list_sessions(store.conn)
    except HistoryError as error:
        return _store_failed(error)
    except sqlite3.DatabaseError as error:
        return _database_failed(error, READ)
    except OSError as error:
        return _trouble(error, READ)
    if args.json:
        text = json.dumps([_as_json(s) for s in summaries], indent=2, ensure_ascii=False)
        print(json_for_terminal(text))
        return 0
    if not summaries:
        print(_("No sessions yet."))
        return 0
    # Translators: the headings of the columns of "history list" (kept short).
    headings = (_("date"), _("min"), _("status"), _("change"), _("routine — regions"))
    print("{:16}  {:>5}  {:11}  {:>6}  {}".format(*headings))
    for s in summaries:
        when = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        change = "" if s.soreness_change is None else f"{s.soreness_change:+.1f}"
        # Regions of an imported history are file text too.
        regions = one_line(", ".join(words.region_name(r) for r in s.regions))
        title = one_line(s.routine_title)
        print(
            f"{when:16}  {s.minutes:5.1f}  {words.session_status(s.status):11}  "
            f"{change:>6}  {title} — {regions}"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    try:
        with _opened(create=True) as store:
            assert store is not None
            if args.format == "json":
                count = export_json(store, args.output)
                print(
                    ngettext(
                        "{n} session written to {file}", "{n} sessions written to {file}", count
                    ).format(n=count, file=args.output)
                )
            else:
                sessions, steps = export_csv(store, args.output)
                count = store.count()
                print(
                    ngettext(
                        "{n} session written to {file}, their steps to {steps}",
                        "{n} sessions written to {file}, their steps to {steps}",
                        count,
                    ).format(n=count, file=sessions, steps=steps)
                )
    except HistoryError as error:
        return _store_failed(error)
    except sqlite3.DatabaseError as error:
        return _database_failed(error, READ)
    except OSError as error:
        return _fail(
            _("cannot write {file}: {reason}.").format(
                file=error.filename or args.output, reason=error.strerror
            )
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        with _opened(create=True) as store:
            assert store is not None
            result = import_json(store, args.file)
    except HistoryImportError as error:
        return _fail(str(error))
    except HistoryError as error:
        return _store_failed(error)
    except ImportInterruptedError as error:
        print(f"selfmassage history: {error}", file=sys.stderr)
        if isinstance(error.__cause__, sqlite3.DatabaseError) and is_damage(error.__cause__):
            return 1
        return _trouble(error.__cause__ or error, WRITTEN)
    except sqlite3.DatabaseError as error:
        return _database_failed(error, WRITTEN)
    except OSError as error:
        return _trouble(error, WRITTEN)
    print(
        ngettext(
            "{n} session added, {there} already in the history, from {file}",
            "{n} sessions added, {there} already in the history, from {file}",
            result.added,
        ).format(n=result.added, there=result.already_there, file=args.file)
    )
    return 0


# Recording ``selfmassage run`` -----------------------------------------------------------

MAX_SNAPSHOT_BYTES = 1024 * 1024


def record_headless_session(session: Session, routine_path: Path) -> None:
    """Record a headless run the way the window does: open, recover, back up, listen."""
    from datetime import date

    from selfmassage.core.history_backups import make_daily_backup, open_history

    history_file = app_paths().history_file
    opened = open_history(history_file, app_version=__version__)
    for message in opened.messages:
        print(f"selfmassage run: {message}", file=sys.stderr)
    for unfinished in opened.unfinished:
        interrupted = ngettext(
            "the session {title} of {when} was interrupted after {n} step; "
            "it is kept in the history as interrupted.",
            "the session {title} of {when} was interrupted after {n} steps; "
            "it is kept in the history as interrupted.",
            unfinished.steps_done,
        ).format(
            title=repr(one_line(unfinished.routine_title)),
            when=f"{unfinished.started_at.astimezone():%Y-%m-%d %H:%M}",
            n=unfinished.steps_done,
        )
        print(f"selfmassage run: {interrupted}", file=sys.stderr)
    store = opened.store
    if store is None and not opened.trouble:
        return
    if store is not None:
        try:
            make_daily_backup(history_file, date.today())
        except (OSError, sqlite3.Error) as error:
            failed = _("the daily backup failed: {error}").format(error=error)
            print(f"selfmassage run: {failed}", file=sys.stderr)
    routine = session.timeline.routine
    snapshot = _snapshot(routine_path, routine)
    draft = new_draft(
        routine.title,
        started_at=utc_now(),
        routine_snapshot=snapshot,
        planned_seconds=int(session.timeline.total_seconds),
        app_version=__version__,
    )

    def reopen() -> HistoryStore:
        again = open_history(history_file, app_version=__version__)
        if again.store is None:
            raise HistoryUnavailableError(" ".join(again.messages))
        return again.store

    # Whatever refuses the writes (a full disk, a lock), the session runs; it is kept in
    # memory and written as soon as the history takes it, at the latest at its end.
    recorder = SessionRecorder.for_draft(history_file, draft, store=store, reopen=reopen)
    if not recorder.retry() and store is not None:
        print(f"selfmassage run: {recorder.problem}", file=sys.stderr)
    recorder.on_problem = lambda message: print(f"selfmassage run: {message}", file=sys.stderr)
    recorder.on_saved = lambda message: print(f"selfmassage run: {message}", file=sys.stderr)
    session.listeners.append(HistoryListener(recorder))
    session.listeners.append(_TellUnsaved(recorder))


def _snapshot(routine_path: Path, routine: Routine) -> str:
    """The routine as run, as a file: the file itself, or the routine written anew when
    the safety check skipped or lightened some of its steps (so "run again" and a resume
    count the steps that really ran)."""
    from selfmassage.core.routine_file import dump_routine, parse_routine

    try:
        data = read_regular_file(routine_path, MAX_SNAPSHOT_BYTES)[:MAX_SNAPSHOT_BYTES]
    except OSError:
        data = b""
    if data and parse_routine(data).routine == routine:
        return data.decode("utf-8", "replace")
    return dump_routine(routine).decode("utf-8")


class _TellUnsaved:
    """At the end of a run, says so if the session could not be saved after all."""

    def __init__(self, recorder: SessionRecorder) -> None:
        self.recorder = recorder

    def __call__(self, event: Event) -> None:
        if isinstance(event, Finished) and self.recorder.pending:
            lost = _(
                "this session could not be saved to your history ({problem}); it is lost "
                "when this run ends."
            ).format(problem=self.recorder.problem or _("the history refused it"))
            print(f"selfmassage run: {lost}", file=sys.stderr)
