"""Logging to a rotating file in the log folder, and to stderr with --verbose."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from selfmassage.core.paths import AppPaths
from selfmassage.core.private_files import open_private, private_folder, tighten

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
KEEP = 5
"""Old logs kept beside the current one: selfmassage.log.1 (newest) to .5."""


class RotatingLog(logging.FileHandler):
    """A log file that moves aside to ``.1`` … ``.KEEP`` when it reaches ``max_bytes``.

    The standard library's RotatingFileHandler would do, but importing logging.handlers
    pulls in sockets, pickle and queues: several milliseconds of start-up for nothing.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
        self.max_bytes = max_bytes
        self.keep = keep
        super().__init__(path, encoding="utf-8")

    def _open(self) -> io.TextIOWrapper:
        # The log names routines and regions: only its owner reads it, whatever the umask.
        fd = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self.rotate()
        except OSError:
            self.handleError(record)

    def rotate(self) -> None:
        """Close the file, shift the old ones along (dropping the oldest), start afresh."""
        if self.stream is not None:
            self.stream.close()
        path = Path(self.baseFilename)
        for number in range(self.keep - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
        if path.exists():
            os.replace(path, path.with_name(f"{path.name}.1"))
        self.stream = self._open()


def setup_logging(paths: AppPaths, *, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    try:
        private_folder(paths.logs)
        for old in paths.logs.glob(f"{paths.log_file.name}*"):
            tighten(old)  # logs an older version left readable by others
        file_handler: logging.Handler = RotatingLog(paths.log_file)
        file_handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(file_handler)
    except OSError as error:
        # A read-only or full disk must not stop the app: log to stderr instead.
        print(f"selfmassage: cannot write the log file: {error}", file=sys.stderr)
        verbose = True
    if verbose:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(stream)


@contextlib.contextmanager
def library_output_to_log(name: str = "selfmassage.media") -> Iterator[None]:
    """What libraries write to the process's standard error goes to the log, line by line.

    The media library (Qt Multimedia, FFmpeg) prints to file descriptor 2 from its own
    threads ("Input #0, wav…", "No audio device detected"), past any Python setting. So
    descriptor 2 becomes a pipe that a thread reads into the log, and Python's own
    ``sys.stderr`` (the command's messages, --verbose logging) keeps the terminal.
    """
    log = logging.getLogger(name)
    sys.stderr.flush()
    old_stderr = sys.stderr
    terminal = os.dup(2)
    reading, writing = os.pipe()
    os.dup2(writing, 2)
    os.close(writing)
    sys.stderr = open(  # noqa: SIM115 - closed below, after the descriptor is restored
        terminal, "w", encoding=old_stderr.encoding, errors="backslashreplace", buffering=1
    )
    streams = [
        h
        for h in logging.getLogger().handlers
        if type(h) is logging.StreamHandler and h.stream is old_stderr
    ]
    for handler in streams:
        handler.setStream(sys.stderr)

    def forward() -> None:
        with open(reading, "rb") as pipe:
            for raw in pipe:
                line = raw.decode("utf-8", "replace").rstrip()
                if line:
                    log.info("%s", line)

    reader = threading.Thread(target=forward, name="library-output", daemon=True)
    reader.start()
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(terminal, 2)  # the pipe's last writer closes: the reader reads to its end
        reader.join(timeout=2.0)
        for handler in streams:
            handler.setStream(old_stderr)
        sys.stderr.close()
        sys.stderr = old_stderr
