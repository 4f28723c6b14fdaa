"""One running window per user and data folder: a second start hands its files over.

The first start listens on a local socket (a Unix domain socket, or a named pipe on
Windows) whose name is derived from the user and the data folder, so two users — or two
portable installs with their own SELFMASSAGE_HOME — never meet. A later start connects,
sends the files it was given as one JSON line, waits for "ok" and exits. Only one
process ever writes the history.

The first start's window does not wait for the socket: ``claim`` looks for a running
window (Qt's network module is loaded only when a socket is there to answer) and keeps
the start-up lock; ``listen``, after the first paint, opens the socket and lets the lock
go. A start in between waits for the lock, then finds the socket.

On Unix the socket lives in the user's own runtime folder (``XDG_RUNTIME_DIR``, else
platformdirs' runtime folder, else a ``selfmassage-UID`` folder in the temporary folder
made for this user alone), never at a name in ``/tmp`` that another user could take
first and so receive the paths of the files opened. A folder or socket that belongs to
someone else, or that others may write to, is refused: the app then runs on its own,
without the hand-over.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import stat
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal

from selfmassage.core.digest import sha256_hex

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 256 * 1024
"""A hand-over is a list of paths; anything larger is not from us."""
_ACK = b"ok\n"


def server_name(data_folder: Path) -> str:
    """The same for the same user and data folder: on Unix the path of a socket in the
    user's runtime folder (:func:`runtime_folder`), on Windows a pipe name."""
    try:
        user = getpass.getuser()
    # No user name in the environment or the password database; Windows' Python 3.11
    # then tries the pwd module, which Windows does not have.
    except (OSError, KeyError, ImportError):
        user = "user"
    key = f"{user}\0{data_folder.expanduser().absolute()}".encode()
    name = f"selfmassage-{sha256_hex(key)[:20]}"
    if os.name != "posix":
        return name  # a named pipe, which UserAccessOption keeps to this user
    return str(runtime_folder() / name)


def runtime_folder() -> Path:
    """The user's private folder for sockets: ``XDG_RUNTIME_DIR``, platformdirs' runtime
    folder where it exists, else ``selfmassage-UID`` in the temporary folder (made 0700
    by :func:`unsafe_reason` when missing)."""
    given = os.environ.get("XDG_RUNTIME_DIR", "").strip()
    if given and os.path.isabs(given):
        return Path(given)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "XDG_RUNTIME_DIR is not set": we know
        standard = Path(platformdirs.user_runtime_dir(appauthor=False, ensure_exists=False))
    # platformdirs may name a folder (/run/user/UID) that nobody made.
    if standard.is_dir():
        return standard
    return Path(tempfile.gettempdir()) / f"selfmassage-{os.getuid()}"


def unsafe_reason(socket_path: Path) -> str | None:
    """Why the socket's place is not private to this user, or None if it is.

    The folder (made 0700 if missing) must belong to this user and be writable by no one
    else; a socket already there must belong to this user too.
    """
    if os.name != "posix":
        return None
    folder = socket_path.parent
    uid = os.getuid()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError as error:
        return f"cannot use the folder {folder}: {error.strerror or error}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if info.st_uid != uid:
        return f"the folder {folder} belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"other users may write to the folder {folder}"
    try:
        socket_info = os.lstat(socket_path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot look at {socket_path}: {error.strerror or error}"
    if socket_info.st_uid != uid:
        return f"{socket_path} belongs to another user (uid {socket_info.st_uid})"
    return None


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
        self._lock_path = lock_folder / f"{Path(name).name}.lock"
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}
        self._lock: QLockFile | None = None
        self._alone = False

    def claim(self, files: list[str], timeout_ms: int = 3000) -> bool:
        """True if this process is the one to run; False after handing ``files`` over.

        A lock file makes "is anyone there? if not, listen" one step, so two starts at
        the same moment cannot both become the running window: the lock is kept until
        :meth:`listen` (after the first paint). A place for the socket that is not
        private to this user is not used: this process runs on its own.
        """
        problem = unsafe_reason(Path(self.name))
        if problem is not None:
            log.warning("no hand-over between starts: %s", problem)
            self._alone = True
            return True
        self._lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(self._lock_path))
        lock.setStaleLockTime(10_000)
        if lock.tryLock(timeout_ms):
            self._lock = lock
        else:
            log.warning("could not take the start-up lock %s; going on", self._lock_path)
        if self._may_answer() and self.hand_over(files, timeout_ms):
            self._unlock()
            return False
        return True

    def _may_answer(self) -> bool:
        """Whether a running window may be there to answer: on Unix its socket exists
        (the usual start finds none and loads no network module); a Windows pipe cannot
        be looked for without connecting."""
        return os.name != "posix" or os.path.lexists(self.name)

    def _unlock(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def hand_over(self, files: list[str], timeout_ms: int = 3000) -> bool:
        """Send the files to a running window; False if none answers."""
        from PySide6.QtNetwork import QLocalSocket

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
        """Answer later starts from now on (after ``claim``), and let the lock go."""
        if self._server is not None:
            return True
        try:
            return not self._alone and self._listen()
        finally:
            self._unlock()

    def _listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

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
        """Stop answering other starts; a window that quits before it listened lets the
        start-up lock go too."""
        self._unlock()
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
