"""The benchmarks' measuring toolkit (benchmarks/measure.py): its statistics, its timing,
its measuring of a fresh process, the event-loop heartbeat and its tables."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

# The benchmarks measure memory with getrusage (whose units differ on macOS and which
# Windows lacks) and Linux's /proc.
pytestmark = pytest.mark.linux("the benchmarks measure memory with getrusage and /proc")

_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "measure.py"
_SPEC = importlib.util.spec_from_file_location("measure", _FILE)
assert _SPEC is not None and _SPEC.loader is not None
measure = importlib.util.module_from_spec(_SPEC)
if sys.platform == "linux":  # elsewhere the import itself fails (no resource module)
    sys.modules.setdefault("measure", measure)
    _SPEC.loader.exec_module(measure)


def test_percentile_is_the_nearest_rank() -> None:
    hundred = [float(n) for n in range(100, 0, -1)]  # order does not matter
    assert measure.percentile(hundred, 0.95) == 95
    assert measure.percentile(hundred, 0.99) == 99
    assert measure.percentile(hundred, 0.5) == 50
    assert measure.percentile(hundred, 1.0) == 100
    assert measure.percentile(hundred, 0.0) == 1
    # 0.07 * 100 is 7.000000000000001 in floating point: still the 7th value.
    assert measure.percentile(hundred, 0.07) == 7
    twenty = [float(n) for n in range(1, 21)]
    assert measure.percentile(twenty, 0.95) == 19
    assert measure.percentile([3.0, 1.0, 2.0], 0.95) == 3
    assert measure.percentile([4.0], 0.5) == 4
    # 25 cues: rank 23.75 rounds up to the 24th.
    assert measure.percentile([float(n) for n in range(1, 26)], 0.95) == 24


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_percentile_refuses_a_share_outside_0_to_1(share: float) -> None:
    with pytest.raises(ValueError, match="from 0 to 1"):
        measure.percentile([1.0, 2.0], share)


def test_percentile_and_summary_refuse_no_values() -> None:
    with pytest.raises(ValueError, match="no values"):
        measure.percentile([], 0.5)
    with pytest.raises(ValueError, match="no values"):
        measure.Summary.of([])


def test_summary_of_figures() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0, 100.0]
    summary = measure.Summary.of(values)
    assert summary.count == 6
    assert summary.best == 1
    assert summary.median == 3.5  # the mean of the middle two
    assert summary.p95 == 100
    assert summary.p99 == 100
    assert summary.worst == 100
    assert values == [5.0, 1.0, 4.0, 2.0, 3.0, 100.0]  # left as it was
    assert (
        measure.Summary.of([1.0, 2.0, 3.0]).describe(digits=2)
        == "median 2.00 ms, p95 3.00 ms, worst 3.00 ms over 3 runs"
    )


def test_time_calls_times_each_call_and_warms_up_apart() -> None:
    calls: list[float] = []

    def nap() -> None:
        calls.append(time.perf_counter())
        time.sleep(0.02)

    times = measure.time_calls(nap, 3, warm_up=True)
    assert len(calls) == 4
    assert len(times) == 3
    assert all(19 <= ms < 2000 for ms in times), times
    assert measure.time_calls(nap, 2) and len(calls) == 6


_CHILD = """
import sys, time
block = bytearray(int(sys.argv[1]) * 1024 * 1024)
block[::4096] = b"x" * len(block[::4096])  # touch every page, so it is resident
print("allocated", len(block))
time.sleep(0.2)
sys.exit(int(sys.argv[2]))
"""


def test_run_process_measures_a_fresh_process() -> None:
    # Linux counts the launching process's memory in the child's peak until the exec, so
    # the child holds more than this process ever has: its own peak is what shows.
    megabytes = int(measure.peak_rss_mb()) + 80
    large = measure.run_process(
        [sys.executable, "-c", _CHILD, str(megabytes), "0"], keep_stdout=True
    )
    small = measure.run_process([sys.executable, "-c", _CHILD, "1", "0"])
    assert small.exit_code == large.exit_code == 0
    assert small.stdout == ""  # not kept unless asked
    assert large.stdout == f"allocated {megabytes * 2**20}\n"
    assert 200 <= large.wall_ms < 30_000
    assert megabytes <= large.peak_rss_mb < megabytes + 60  # the interpreter's own ~10 MB
    assert small.peak_rss_mb < large.peak_rss_mb - 70


def test_run_process_reports_a_failure_with_its_stderr() -> None:
    failing = [sys.executable, "-c", "import sys; sys.exit('the file is missing')"]
    with pytest.raises(measure.ProcessFailed, match="exit code 1\n  the file is missing"):
        measure.run_process(failing)
    assert measure.run_process(failing, check=False).exit_code == 1
    killed = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"]
    assert measure.run_process(killed, check=False).exit_code == -9


def test_run_process_passes_the_environment() -> None:
    echo = [sys.executable, "-c", "import os; print(os.environ['BENCH_WORD'])"]
    run = measure.run_process(echo, {"BENCH_WORD": "calves"}, keep_stdout=True)
    assert run.stdout == "calves\n"


def test_peak_rss_of_this_process_grows_with_what_it_holds() -> None:
    before = measure.peak_rss_mb()
    # More than the peak so far on its own, so the peak must rise above it.
    block = bytearray(int(before + 32) * 2**20)
    block[::4096] = b"x" * len(block[::4096])
    assert measure.peak_rss_mb() >= before + 32
    del block


_SMAPS = """\
55d0c0000000-55d0c0001000 r--p 00000000 08:01 1234                       /usr/bin/python3.11
Size:                  4 kB
Rss:                   4 kB
VmFlags: rd mr mw me dw sd
55d0c1000000-55d0c2000000 rw-p 00000000 00:00 0                          [heap]
Rss:                2048 kB
7f0000000000-7f0001000000 rw-p 00000000 00:00 0
Rss:                1024 kB
7f0001000000-7f0002000000 r-xp 00000000 08:01 99                         /usr/lib/libQt6Gui.so.6
Rss:                3072 kB
7f0002000000-7f0003000000 r--p 00100000 08:01 99                         /usr/lib/libQt6Gui.so.6
Rss:                1024 kB
7f0003000000-7f0003100000 rw-p 00000000 00:00 0
Rss:                 512 kB
"""


def test_resident_by_mapping_adds_up_each_library_and_kind(tmp_path: Path) -> None:
    smaps = tmp_path / "smaps"
    smaps.write_text(_SMAPS)
    assert measure.resident_by_mapping(smaps) == {
        "libQt6Gui.so.6": 4.0,
        "[heap]": 2.0,
        "[anon]": 1.5,
        "python3.11": 4 / 1024,
    }


def test_resident_by_mapping_of_this_process_is_its_resident_size() -> None:
    mapped = sum(measure.resident_by_mapping().values())
    status = Path("/proc/self/status").read_text()
    resident = int(status.split("VmRSS:")[1].split()[0]) / 1024
    assert abs(mapped - resident) < max(2.0, resident * 0.05)


def test_heartbeat_sees_a_stall_and_the_work_that_made_it(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop, QTimer

    heartbeat = measure.Heartbeat(interval_ms=5)

    def work_for_60_ms_of_cpu() -> None:
        spent = time.thread_time()
        while time.thread_time() - spent < 0.06:
            pass

    loop = QEventLoop()
    QTimer.singleShot(150, work_for_60_ms_of_cpu)
    QTimer.singleShot(400, loop.quit)
    heartbeat.start()
    loop.exec()
    heartbeat.stop()

    assert len(heartbeat.beats) >= 10
    assert heartbeat.settled == heartbeat.beats[1:]
    stalls = heartbeat.stalls()
    assert len(stalls) == len(heartbeat.beats) - 1
    assert heartbeat.gaps() == [beat.gap_ms for beat in heartbeat.beats]
    assert max(stalls) >= 55
    # The beat after the work: its gap holds the work, and its busy time the thread's own
    # CPU time, however loaded the machine.
    working = max(heartbeat.settled, key=lambda beat: beat.busy_ms)
    assert working.busy_ms >= 59
    assert working.gap_ms >= working.busy_ms - 1
    assert 0.1 <= working.at <= 1.5
    assert max(heartbeat.busy()) == working.busy_ms
    assert heartbeat.worst(1)[0].gap_ms == max(beat.gap_ms for beat in heartbeat.settled)
    assert working in heartbeat.worst(len(heartbeat.beats))
    assert sorted(stalls)[len(stalls) // 2] < 5  # most beats on time
    assert [beat.at for beat in heartbeat.beats] == sorted(beat.at for beat in heartbeat.beats)


def test_table_aligns_the_columns() -> None:
    text = measure.table(
        ("", "median ms", "peak RSS MB"), [("venv", 471, "100.9"), ("bundle", 388, "89.8")]
    )
    assert text.splitlines() == [
        "          median ms  peak RSS MB",
        "  venv          471        100.9",
        "  bundle        388         89.8",
    ]
