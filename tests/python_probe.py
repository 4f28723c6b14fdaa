"""A fresh Python that runs a few lines watching a start (of the app or a benchmark's
window), offscreen, in a data folder of its own; what it printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_probe(code: str, home: Path, *args: str) -> str:
    """Run ``code`` (``python -c``, ``args`` after it); its standard output. Fails the
    test, with its standard error, if it does not end with status 0."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SELFMASSAGE_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
