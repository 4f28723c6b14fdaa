"""The log file: written, rotated at its size limit, a bounded number of old logs kept."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfmassage.core.paths import AppPaths
from selfmassage.logs import RotatingLog, setup_logging


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"test-rotation-{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


def test_the_log_moves_aside_when_full_and_the_oldest_goes(tmp_path: Path) -> None:
    path = tmp_path / "selfmassage.log"
    handler = RotatingLog(path, max_bytes=200, keep=3)
    logger = _logger(handler)
    for number in range(60):
        logger.info("line %03d %s", number, "x" * 40)
    handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "selfmassage.log",
        "selfmassage.log.1",
        "selfmassage.log.2",
        "selfmassage.log.3",
    ]
    assert all(p.stat().st_size <= 200 + 60 for p in tmp_path.iterdir())
    # Newest first: the last line is in the current file, or in .1 if it just filled up.
    assert "line 059" in path.read_text() + (tmp_path / "selfmassage.log.1").read_text()
    newest_old = (tmp_path / "selfmassage.log.1").read_text()
    oldest_kept = (tmp_path / "selfmassage.log.3").read_text()
    assert int(newest_old.split()[-2]) > int(oldest_kept.split()[-2])
    assert "line 000" not in "".join(p.read_text() for p in tmp_path.iterdir())


@pytest.mark.usefixtures("own_logging")
def test_setup_logging_writes_to_the_log_folder(paths: AppPaths) -> None:
    setup_logging(paths)
    logging.getLogger("selfmassage.test").warning("hello from the test")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "hello from the test" in paths.log_file.read_text(encoding="utf-8")


def test_setup_logging_keeps_logging_handlers_off_the_start_up_path(app_home: Path) -> None:
    code = (
        "import sys\n"
        "from selfmassage.core.paths import app_paths\n"
        "from selfmassage.logs import setup_logging\n"
        "setup_logging(app_paths())\n"
        "print('logging.handlers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_library_output_goes_to_the_log_and_our_own_to_the_terminal(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from selfmassage.logs import library_output_to_log

    caplog.set_level(logging.INFO, logger="selfmassage.media")
    with library_output_to_log():
        os.write(2, b"Input #0, wav, from 'cue.wav':\n  Duration: 00:00:01.58\n")
        print("Voice unavailable: no engine", file=sys.stderr)
    assert capfd.readouterr().err == "Voice unavailable: no engine\n"
    media = [r.getMessage() for r in caplog.records if r.name == "selfmassage.media"]
    assert media == ["Input #0, wav, from 'cue.wav':", "  Duration: 00:00:01.58"]
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n", "standard error is the terminal's again"
