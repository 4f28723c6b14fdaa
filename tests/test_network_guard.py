import socket
import tempfile
from pathlib import Path

import pytest

from tests.conftest import NetworkBlockedError


def test_a_tcp_connection_fails() -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkBlockedError),
    ):
        sock.connect(("127.0.0.1", 9))


def test_create_connection_fails_too() -> None:
    with pytest.raises(OSError, match="must not use the network"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


@pytest.mark.posix("Python has AF_UNIX sockets on POSIX systems only")
def test_local_sockets_still_work() -> None:
    # A short folder: macOS's temporary folders are long, and a socket path may have
    # 104 bytes at most there.
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        path = str(Path(folder) / "s")
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
        server.close()
