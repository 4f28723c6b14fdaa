"""Control and bidi characters from files are shown, never obeyed: escaped by every
command that prints file text, dropped by the windows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.paths import AppPaths
from selfmassage.core.report_file import write_report
from selfmassage.core.routine import Cue, Routine, Step
from selfmassage.core.routine_file import write_routine
from selfmassage.core.shown_text import BIDI_CONTROLS, for_terminal, for_window, one_line
from tests.core.test_report_file import sample_report
from tests.day_answers import ANSWERED_TODAY

RLO = "\u202e"
# An escape that would clear the screen, a C1 CSI, a bell and a right-to-left override.
HOSTILE = f"Calves\x1b[2J\x9b31m\x07{RLO}evil\u2069"
ACTING = {"\x1b", "\x9b", "\x07", *BIDI_CONTROLS}


def acts(text: str) -> bool:
    return any(char in ACTING for char in text)


def test_for_terminal_escapes_controls_and_bidi() -> None:
    assert for_terminal(HOSTILE) == "Calves\\x1b[2J\\x9b31m\\x07\\u202eevil\\u2069"
    assert for_terminal("a\nb") == "a\\x0ab"
    assert for_terminal("a\nb", keep_lines=True) == "a\nb"
    assert one_line("a\r\nb\nc") == "a b c"
    assert for_terminal("Wadenmassage ✓ مرحبا") == "Wadenmassage ✓ مرحبا"  # letters stay


def test_for_window_drops_only_bidi_controls() -> None:
    assert for_window(HOSTILE) == "Calves\x1b[2J\x9b31m\x07evil"
    assert for_window("מסאז' Calves") == "מסאז' Calves"
    assert not any(char in BIDI_CONTROLS for char in for_window("".join(BIDI_CONTROLS)))


def hostile_routine() -> Routine:
    return Routine(
        title=HOSTILE,
        author=HOSTILE,
        description=HOSTILE,
        steps=(Step("calves", 30, name=HOSTILE, instructions=HOSTILE, cues=(Cue(5, HOSTILE),)),),
    )


def test_routine_commands_and_run_print_no_acting_character(
    tmp_path: Path, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"hostile{RLO}.smroutine"
    write_routine(path, hostile_routine())
    for args in (["routine", "check"], ["routine", "show"]):
        main([*args, str(path)])
        out, err = capsys.readouterr()
        assert "\\u202e" in out + err and not acts(out + err), args
    unknown = tmp_path / "unknown.smroutine"
    document = json.loads(path.read_bytes())
    document[HOSTILE] = 1  # an unknown key is named in a warning
    unknown.write_text(json.dumps(document), encoding="utf-8")
    assert main(["routine", "check", str(unknown)]) == 0
    out, err = capsys.readouterr()
    assert "\\u202eevil" in out and not acts(out + err)
    assert main(["run", "--no-voice", "--speed", "1000", str(path), *ANSWERED_TODAY]) == 0
    out, err = capsys.readouterr()
    assert "\\u202eevil" in out and not acts(out + err)


def test_report_check_prints_no_acting_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(json.dumps(sample_report_document()))
    document["routine"]["title"] = HOSTILE
    document["surprise" + RLO] = 1  # an unknown key is named in a warning
    path = tmp_path / f"r{RLO}.smreport"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["report", "check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "warning" in out and not acts(out + err)


def sample_report_document() -> dict[str, object]:
    from selfmassage.core.report_file import report_document

    return report_document(sample_report())


def test_history_list_prints_no_acting_character(
    paths: AppPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with HistoryStore(paths.history_file) as store:
        store.start_session(HOSTILE).end(SessionStatus.COMPLETED)
    assert main(["history", "list"]) == 0
    out, err = capsys.readouterr()
    assert "Calves\\x1b[2J" in out and "\\u202eevil" in out and not acts(out + err)
    assert main(["history", "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert not acts(out + err)
    assert json.loads(out)[0]["routine_title"] == HOSTILE  # the same JSON, escaped
    write_report(tmp_path / "unused.smreport", sample_report())  # writing stays plain
