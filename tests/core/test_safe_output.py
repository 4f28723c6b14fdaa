"""What the app writes is safe to open: CSV cells never run as spreadsheet formulas, and
an export that fails or is killed half-way leaves no partial file behind."""

from __future__ import annotations

import csv
import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from selfmassage.core import atomic
from selfmassage.core.atomic import temp_prefix, write_atomic
from selfmassage.core.history import HistoryStore
from selfmassage.core.history_export import export_csv, import_json

FORMULAS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]


def hostile_export(path: Path) -> Path:
    # Every text a history export brings in, each starting as a formula would.
    sessions = [
        {
            "uuid": formula,
            "routine_title": formula,
            "started_at": "2026-01-01T10:00:00+01:00",
            "status": "completed",
            "planned_seconds": 60,
            "done_seconds": 55,
            "app_version": formula,
            "notes": formula,
            "soreness_before": {formula: 3},
            "steps": [
                {
                    "position": 0,
                    "region": formula,
                    "technique": formula,
                    "tool": formula,
                    "planned_seconds": 60,
                    "actual_seconds": 55,
                    "ended_at": "2026-01-01T10:01:00+01:00",
                }
            ],
        }
        for formula in FORMULAS
    ]
    document = {"format": "selfmassage-history", "version": 1, "sessions": sessions}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_no_csv_cell_starts_a_formula_and_numbers_stay_numbers(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    assert import_json(store, hostile_export(tmp_path / "in.json")).added == len(FORMULAS)
    sessions_path, steps_path = export_csv(store, tmp_path / "out.csv")
    for path, numeric in (
        (sessions_path, {"planned_seconds", "done_seconds"}),
        (steps_path, {"position", "planned_seconds", "actual_seconds"}),
    ):
        with path.open(newline="", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        assert len(rows) == len(FORMULAS)
        for row in rows:
            for column, value in row.items():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
                if column in numeric:
                    assert value.isdigit(), (column, value)
        escaped = {row["session_uuid"] for row in rows}
        assert escaped == {"'" + formula for formula in FORMULAS}


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("."))


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "history.json"
    target.write_bytes(b"old")

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new" * 1000)
    monkeypatch.undo()

    def no_rename(_src: object, _dst: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", no_rename)
    with pytest.raises(OSError, match="Permission"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_leftovers_of_a_dead_process_go_and_those_of_a_live_one_stay(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    stale = tmp_path / f"{temp_prefix(target)}{dead.stdout.strip()}.abcd1234.tmp"
    live = tmp_path / f"{temp_prefix(target)}{os.getpid()}.abcd1234.tmp"
    other = tmp_path / ".notes.txt"
    for path in (stale, live, other):
        path.write_bytes(b"partial")
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert not stale.exists()
    assert live.exists() and other.exists()


KILLED_EXPORT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from selfmassage.core import atomic
    from selfmassage.core.history import HistoryStore
    from selfmassage.core.history_export import export_json

    def slow_fsync(fd):
        print("writing", flush=True)
        time.sleep(60)

    store = HistoryStore(Path(sys.argv[1]))
    atomic.os.fsync = slow_fsync
    export_json(store, Path(sys.argv[2]))
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_an_export_killed_half_way_leaves_nothing_after_the_next_one(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    target = folder / "history.json"
    HistoryStore(tmp_path / "h.sqlite3").close()
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, str(tmp_path / "h.sqlite3"), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "writing\n"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert not target.exists()
    # Nothing, where the system writes unnamed files; else one hidden, recognisable file.
    assert all(name.startswith(temp_prefix(target)) for name in leftovers(folder))
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        from selfmassage.core.history_export import export_json

        export_json(store, target)
    assert os.listdir(folder) == ["history.json"]
