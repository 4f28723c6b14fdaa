"""Test configuration shared by every test: no display, no network, a private home."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Without a display the qapp fixture would abort the whole run; offscreen needs none. Its
# screen is a laptop's 1600x1000 rather than the default 800x600, which is smaller than
# the main window's minimum size.
_SCREEN = Path(tempfile.gettempdir()) / "selfmassage-test-screen.json"
_SCREEN.write_text(
    '{"screens": [{"name": "test", "x": 0, "y": 0, "width": 1600, "height": 1000,'
    ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
)
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

from hypothesis import settings  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase  # noqa: E402

from selfmassage.core.paths import AppPaths, app_paths  # noqa: E402

# Failing examples are kept in the repository, not in the ignored .hypothesis/, so that
# a failure found once (here, in CI, in a long fuzz run) is replayed by every later run.
settings.register_profile(
    "selfmassage",
    database=DirectoryBasedExampleDatabase(Path(__file__).parent / "hypothesis-db"),
)
settings.load_profile("selfmassage")


class NetworkBlockedError(OSError):
    """Raised by any attempt to open a network connection from a test."""


_LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None)}


def _guarded(original):  # type: ignore[no-untyped-def]
    def connect(self: socket.socket, address: object, *args: object) -> object:
        if self.family in _LOCAL_FAMILIES:
            return original(self, address, *args)
        raise NetworkBlockedError(f"tests must not use the network (tried {address!r})")

    return connect


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    """The app opens no network connection; a test that tries fails loudly."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _guarded(socket.socket.connect))
        patch.setattr(socket.socket, "connect_ex", _guarded(socket.socket.connect_ex))
        yield


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SELFMASSAGE_HOME: no test touches the real user's data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SELFMASSAGE_HOME", str(home))
    return home


@pytest.fixture
def paths(app_home: Path) -> AppPaths:
    result = app_paths()
    result.ensure()
    return result
