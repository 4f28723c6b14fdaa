"""Reading routine files: hostile 1 MiB inputs are refused fast (target: well under 100 ms).

Each hostile file is exactly 1 MiB (or just over, for the size limit) and is read from
disk the way the app reads it (``read_routine``). Also times a good file of the largest
legal shape (200 steps of 20 cues) and the built-in routines, for comparison. Prints
median, p95 and worst times. Usage:

    .venv/bin/python benchmarks/routine_file.py [--runs 50]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from measure import Summary, time_calls
from selfmassage.core.library import builtin_routines_dir
from selfmassage.core.routine_file import MAX_BYTES, read_routine

MIB = MAX_BYTES


def largest_good_file() -> bytes:
    cues = [{"at": at, "say": "Slow down over tender spots. " * 6} for at in range(20)]
    step = {
        "region": "calves",
        "side": "both",
        "seconds": 120,
        "tool": "foam-roller",
        "technique": "calves.foam-roller.roll",
        "name": "Calf roll",
        "instructions": "Roll slowly from ankle to knee. " * 3,
        "pressure": "moderate",
        "cues": cues,
    }
    document = {
        "format": "selfmassage-routine",
        "version": 1,
        "title": "Largest legal routine",
        "steps": [step] * 200,
    }
    data = json.dumps(document, indent=2).encode()
    assert len(data) <= MIB, len(data)
    return data


HOSTILE: dict[str, Callable[[], bytes]] = {
    "1 MiB of [": lambda: b"[" * MIB,
    "1 MiB of {": lambda: b"{" * MIB,
    '1 MiB of {"a":': lambda: (b'{"a":' * (MIB // 5 + 1))[:MIB],
    "1 MiB of [[] stairs": lambda: (b"[[]" * (MIB // 3 + 1))[:MIB],
    "balanced [..] 512 Ki deep": lambda: b"[" * (MIB // 2) + b"]" * (MIB // 2),
    '1 MiB of \\" escapes': lambda: (b'"' + b'\\"' * MIB)[:MIB],
    "a 1 MiB number": lambda: b"9" * MIB,
    "1 MiB of 1e999 in an array": lambda: (b"[" + b"1e999," * MIB)[: MIB - 1] + b"]",
    "33 000 steps (limit 200)": lambda: (
        b'{"format":"selfmassage-routine","version":1,"title":"x","steps":['
        + b",".join([b'{"region":"neck","seconds":30}'] * 33_000)
        + b"]}"
    ),
    "1 MiB + 1 byte": lambda: b" " * (MIB + 1),
    "64 MiB file (stops at 1 MiB)": lambda: b" " * (64 * MIB),
}


def time_reads(path: Path, runs: int) -> tuple[Summary, str]:
    result = read_routine(path)
    reason = str(result.errors[0]) if result.errors else f"ok, {len(result.warnings)} warnings"
    return Summary.of(time_calls(partial(read_routine, path), runs)), reason


def report(label: str, times: Summary, reason: str) -> None:
    print(
        f"{label:<32} median {times.median:7.2f} ms   p95 {times.p95:7.2f} ms   "
        f"worst {times.worst:7.2f} ms   {reason[:70]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    worst_hostile = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for label, make in HOSTILE.items():
            path = Path(folder) / "hostile.smroutine"
            path.write_bytes(make())
            times, reason = time_reads(path, args.runs)
            assert reason.startswith("$"), f"{label} was not refused: {reason}"
            report(label, times, reason)
            worst_hostile = max(worst_hostile, times.worst)
        path = Path(folder) / "largest.smroutine"
        data = largest_good_file()
        path.write_bytes(data)
        times, reason = time_reads(path, args.runs)
        report(f"largest good file ({len(data) // 1024} KiB)", times, reason)
    for builtin in sorted(builtin_routines_dir().glob("*.smroutine")):
        times, reason = time_reads(builtin, args.runs)
        report(f"built-in {builtin.stem[:23]}", times, reason)
    print(f"\nworst hostile read: {worst_hostile:.2f} ms (target: well under 100 ms)")


if __name__ == "__main__":
    main()
