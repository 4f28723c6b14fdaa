"""One running window per user and data folder: a second start hands its files over.

The first start listens on a local socket (a Unix domain socket, or a named pipe on
Windows) whose name is derived from the user and the data folder, so two users — or two
portable installs with their own SELFMASSAGE_HOME — never meet. A later start connects,
sends the files it was given as one JSON line, waits for "ok" and exits. Only one
process ever writes the history.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 256 * 1024
"""A hand-over is a list of paths; anything larger is not from us."""
_ACK = b"ok\n"


def server_name(data_folder: Path) -> str:
    """A short name, the same for the same user and data folder; safe as a file name."""
    try:
        user = getpass.getuser()
    # No user name in the environment or the password database; Windows' Python 3.11
    # then tries the pwd module, which Windows does not have.
    except (OSError, KeyError, ImportError):
        user = "user"
    key = f"{user}\0{data_folder.expanduser().absolute()}".encode()
    return f"selfmassage-{hashlib.sha256(key).hexdigest()[:20]}"


def encode_files(files: list[str]) -> bytes:
    return json.dumps({"files": files}, ensure_ascii=True).encode("ascii") + b"\n"


def decode_files(data: bytes) -> list[str] | None:
    """The paths in a hand-over message; None if it is not one."""
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(message, dict):
        return None
    files = message.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


class SingleInstance(QObject):
    """The hand-over between starts: ``claim()`` once at start-up decides who runs."""

    files_received = Signal(list)
    """Paths another start handed over (possibly empty: "show yourself")."""

    def __init__(self, name: str, lock_folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._lock_path = lock_folder / f"{name}.lock"
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def claim(self, files: list[str], timeout_ms: int = 3000) -> bool:
        """True if this process is the one to run; False after handing ``files`` over.

        A lock file makes "is anyone there? if not, listen" one step, so two starts at
        the same moment cannot both become the running window.
        """
        self._lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(self._lock_path))
        lock.setStaleLockTime(10_000)
        locked = lock.tryLock(timeout_ms)
        if not locked:
            log.warning("could not take the start-up lock %s; going on", self._lock_path)
        try:
            if self.hand_over(files, timeout_ms):
                return False
            self.listen()
            return True
        finally:
            if locked:
                lock.unlock()

    def hand_over(self, files: list[str], timeout_ms: int = 3000) -> bool:
        """Send the files to a running window; False if none answers."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        absolute = [str(Path(f).expanduser().absolute()) for f in files]
        socket.write(QByteArray(encode_files(absolute)))
        if not socket.waitForBytesWritten(timeout_ms):
            log.warning("the running window did not take the files: %s", socket.errorString())
            return False
        reply = bytearray()
        while _ACK not in reply and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        if _ACK not in reply:
            log.warning("the running window did not confirm the hand-over")
            return False
        log.info("handed %d file(s) to the running window", len(absolute))
        return True

    def listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Nobody answered, so the socket left behind is from a process that died.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("cannot listen for other starts: %s", server.errorString())
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        log.info("listening for other starts on %s", self.name)
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if len(buffer) > MAX_MESSAGE_BYTES:
            log.warning("dropped an oversized hand-over message")
            socket.abort()
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        self._buffers[socket] = bytearray()
        files = decode_files(line)
        if files is None:
            log.warning("ignored a malformed hand-over message")
            socket.abort()
            return
        socket.write(QByteArray(_ACK))
        socket.flush()
        log.info("another start handed over %d file(s): %s", len(files), files)
        self.files_received.emit(files)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
