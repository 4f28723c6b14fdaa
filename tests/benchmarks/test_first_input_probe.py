"""The first-input probe starts the app as a person does: through the command line,
which takes PySide's import hook out before any module of the app is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFMASSAGE_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", _WATCHED, str(PROBE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "sources read: 0" in result.stdout, result.stdout
