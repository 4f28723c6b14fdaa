"""The first-input probe measures both sides fairly: it starts the app as a person does
(through the command line, which takes PySide's import hook out before any module of the
app is imported), and its bare window paints after no more work than the bare window's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.python_probe import run_probe

PROBE = Path(__file__).resolve().parents[2] / "benchmarks" / "first_input.py"

_WATCHED = (  # what the hook leaves behind: the source of each module it looked at
    "import builtins, linecache, os, runpy, sys\n"
    "end = os._exit\n"
    "def leave(status):\n"
    "    read = [name for name in linecache.cache if 'selfmassage' in name]\n"
    "    print('sources read:', len(read), *read[:3], flush=True)\n"
    "    end(status)\n"
    "os._exit = leave\n"
    "sys.argv = [sys.argv[1], 'app']\n"
    "runpy.run_path(sys.argv[0], run_name='__main__')\n"
)


@pytest.mark.slow
def test_the_probe_s_app_reads_no_module_s_source(tmp_path: Path) -> None:
    out = run_probe(_WATCHED, tmp_path, str(PROBE))
    assert "sources read: 0" in out, out


_TYPES_AT_THE_FIRST_PAINT = (  # the Qt types (with their enums) made before "first paint"
    "import builtins, os, runpy, sys\n"
    "said = builtins.print\n"
    "def watch(*args, **kwargs):\n"
    "    if args and str(args[0]).startswith('first paint'):\n"
    "        made = sorted(name for qt in ('PySide6.QtCore', 'PySide6.QtGui', "
    "'PySide6.QtWidgets') for name in vars(sys.modules.get(qt, builtins)))\n"
    "        said('made:', *made, flush=True)\n"
    "        os._exit(0)\n"
    "    said(*args, **kwargs)\n"
    "builtins.print = watch\n"
    "script = sys.argv[1]\n"
    "sys.argv = [script, *sys.argv[2:]]\n"
    "runpy.run_path(script, run_name='__main__')\n"
)


def _made_at_the_first_paint(home: Path, *command: str) -> set[str]:
    out = run_probe(_TYPES_AT_THE_FIRST_PAINT, home, *command)
    line = next(line for line in out.splitlines() if line.startswith("made:"))
    return set(line.split()[1:])


@pytest.mark.slow
def test_the_probe_s_bare_window_paints_after_the_same_work_as_the_bare_window(
    tmp_path: Path,
) -> None:
    """The app's first input is compared with the bare probe's first paint: the probe
    must not make Qt types (the Qt namespace's 93 enums, the key event) before it."""
    bare = _made_at_the_first_paint(tmp_path, str(PROBE.with_name("bare_window.py")))
    probe = _made_at_the_first_paint(tmp_path, str(PROBE), "bare")
    assert "QMainWindow" in bare  # the watch saw the window's paint
    assert probe - bare == set()
