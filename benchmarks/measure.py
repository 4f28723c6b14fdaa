"""What the benchmarks measure with, in one place.

- `percentile` and `Summary`: medians, percentiles and extremes of a list of figures,
  with one definition of a percentile for every script (nearest rank).
- `time_calls`: how long each of several calls of a function takes, in ms.
- `run_process`: one command in a fresh process, its wall time and its peak RSS
  (`os.wait4`), as start-up and hand-over figures need; `peak_rss_mb` for this process.
- `Heartbeat`: a 5 ms timer on the GUI thread; the gaps between its beats are the event
  loop's stalls, and the thread's own CPU time between two beats ("busy") tells the app's
  work apart from the machine taking the CPU away.
- `resident_by_mapping`: where this process's resident memory is now, by library or
  kind of mapping (Linux's /proc/self/smaps), for finding where the memory goes.
- `table`: figures in aligned columns.

Scripts in this folder import it as `measure` (Python puts the script's folder on the
path). Qt is imported only by `Heartbeat`, when one is made.
"""

from __future__ import annotations

import math
import os
import resource
import statistics
import subprocess
import tempfile
import time
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value that at least ``share`` (0 to 1) of
    the values are at or below. Always one of the values, never an interpolation."""
    if not values:
        raise ValueError("no values")
    if not 0 <= share <= 1:
        raise ValueError(f"share must be from 0 to 1, not {share}")
    ordered = sorted(values)
    # Rounded first: 0.07 * 100 is 7.000000000000001, whose ceiling would be one rank too far.
    rank = math.ceil(round(share * len(ordered), 9))
    return ordered[max(rank, 1) - 1]


@dataclass(frozen=True)
class Summary:
    """Median, percentiles and extremes of a list of figures (times in ms, as a rule)."""

    count: int
    best: float
    median: float
    p95: float
    p99: float
    worst: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary:
        if not values:
            raise ValueError("no values")
        return cls(
            count=len(values),
            best=min(values),
            median=statistics.median(values),
            p95=percentile(values, 0.95),
            p99=percentile(values, 0.99),
            worst=max(values),
        )

    def describe(self, digits: int = 1, unit: str = "ms") -> str:
        """'median 1.0 ms, p95 1.1 ms, worst 1.3 ms over 500 runs'."""
        return (
            f"median {self.median:.{digits}f} {unit}, p95 {self.p95:.{digits}f} {unit}, "
            f"worst {self.worst:.{digits}f} {unit} over {self.count} runs"
        )


def time_calls(action: Callable[[], object], runs: int, *, warm_up: bool = False) -> list[float]:
    """Milliseconds that each of ``runs`` calls of ``action`` took (`time.perf_counter`),
    after one call that is not counted if ``warm_up``."""
    if warm_up:
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


@dataclass(frozen=True)
class ProcessRun:
    """One finished run of a command in a fresh process."""

    wall_ms: float
    """From just before the launch until the process has ended and been reaped."""
    peak_rss_mb: float
    """Its peak resident memory, or that of the largest child it waited for (ru_maxrss).

    Never less than the launching process's own resident memory at the launch: Linux
    counts the forked copy's until the exec. Launch from a small process (a benchmark
    script that has not loaded Qt) for the figure to be the command's own."""
    exit_code: int
    """As `os.waitstatus_to_exitcode` says: negative for the signal that ended it."""
    stdout: str
    """What it printed, if asked to keep it; otherwise empty."""


class ProcessFailed(SystemExit):
    """A measured command ended with a status other than 0 (a SystemExit, so that a
    benchmark stops with the message rather than a traceback)."""


def run_process(
    command: Sequence[str],
    env: Mapping[str, str] | None = None,
    *,
    keep_stdout: bool = False,
    check: bool = True,
) -> ProcessRun:
    """Runs ``command`` to its end in a fresh process and measures it.

    The process writes into temporary files, not pipes, so that it never waits on a full
    pipe and `os.wait4` can reap it (and report its peak RSS) itself. With ``check``, an
    exit status other than 0 raises `ProcessFailed` with the end of what it wrote to stderr.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=out if keep_stdout else subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall_ms = (time.perf_counter() - started) * 1000
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        if check and process.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace").strip().splitlines()[-5:]
            raise ProcessFailed(
                f"{' '.join(command)} failed with exit code {process.returncode}"
                + ("".join(f"\n  {line}" for line in tail) if tail else "")
            )
        out.seek(0)
        stdout = out.read().decode(errors="replace") if keep_stdout else ""
    return ProcessRun(wall_ms, usage.ru_maxrss / 1024, process.returncode, stdout)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (MiB, as `ps` and top count)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_by_mapping(smaps: Path = Path("/proc/self/smaps")) -> dict[str, float]:
    """MB resident now per mapped file (by its name) or kind of anonymous mapping, largest
    first. Anonymous memory is "[heap]" (malloc's main arena: Python objects and C++
    allocations alike), "[anon]" (other arenas, thread stacks, pymalloc's arenas, large
    allocations) and the like."""
    sizes: dict[str, float] = {}
    name = "[anon]"
    for line in smaps.read_text().splitlines():
        first, _, rest = line.partition(" ")
        if "-" in first and not first.endswith(":"):  # a mapping's header line
            fields = rest.split(maxsplit=4)
            name = (
                Path(fields[4]).name
                if len(fields) == 5 and fields[4].startswith("/")
                else (fields[4] if len(fields) == 5 else "[anon]")
            )
        elif first == "Rss:":
            sizes[name] = sizes.get(name, 0.0) + int(rest.split()[0]) / 1024
    return dict(sorted(sizes.items(), key=lambda item: item[1], reverse=True))


class Beat(NamedTuple):
    at: float
    """Seconds since the heartbeat started."""
    gap_ms: float
    """Time since the beat before."""
    busy_ms: float
    """CPU time the GUI thread used since the beat before: the app's own share of the gap."""


class Heartbeat:
    """A PreciseTimer on the GUI thread beating every ``interval_ms``; every gap between two
    beats longer than that is time the event loop could not run.

    Make and start it on the GUI thread once the app is built; `stop` it before reading.
    The first gap spans the event loop's own start, so the figures leave it out. A beat
    stores three 4-byte floats (ample for ms and for seconds within a session) and makes
    no object the cycle collector tracks: a ten-minute session of 120,000 beats adds
    1.4 MB to the process measured (``memory_mb``) and no collection.
    """

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.interval_ms = interval_ms
        self._at = array("f")
        self._gaps = array("f")
        self._busy = array("f")
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)
        self._started = 0.0
        self._cpu = 0.0

    @property
    def started(self) -> float:
        """When the heartbeat started (time.monotonic); a beat's ``at`` counts from here."""
        return self._started

    def start(self) -> None:
        self._started = time.monotonic()
        self._cpu = time.thread_time()
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _beat(self) -> None:
        self._gaps.append(self._clock.nsecsElapsed() / 1e6)
        self._clock.restart()
        self._at.append(time.monotonic() - self._started)
        cpu = time.thread_time()
        self._busy.append((cpu - self._cpu) * 1000)
        self._cpu = cpu

    def memory_mb(self) -> float:
        """What the beats take, in MB: part of the process's resident memory measured."""
        arrays = (self._at, self._gaps, self._busy)
        return sum(a.buffer_info()[1] * a.itemsize for a in arrays) / 2**20

    @property
    def beats(self) -> list[Beat]:
        return [Beat(*beat) for beat in zip(self._at, self._gaps, self._busy, strict=True)]

    @property
    def settled(self) -> list[Beat]:
        """Every beat but the first."""
        return self.beats[1:]

    def stalls(self) -> list[float]:
        """How much longer than the interval each gap was, in ms (0 for one on time)."""
        return [max(0.0, gap - self.interval_ms) for gap in self._gaps[1:]]

    def busy(self) -> list[float]:
        return list(self._busy[1:])

    def gaps(self) -> list[float]:
        """Every gap in ms, the first too."""
        return list(self._gaps)

    def worst(self, count: int = 5) -> list[Beat]:
        """The beats after the longest gaps, longest first."""
        return sorted(self.settled, key=lambda beat: beat.gap_ms, reverse=True)[:count]


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], indent: str = "  ") -> str:
    """Rows in aligned columns under ``header``: the first column to the left, the others
    (figures, already formatted as wanted, or numbers) to the right."""
    cells = [list(header)] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    lines = []
    for row in cells:
        first = row[0].ljust(widths[0])
        rest = "".join(
            f"  {cell:>{width}}" for cell, width in zip(row[1:], widths[1:], strict=True)
        )
        lines.append(f"{indent}{first}{rest}".rstrip())
    return "\n".join(lines)
