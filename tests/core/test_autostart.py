"""Starting with the computer: the XDG entry, the Run key (faked) and the LaunchAgent."""

from __future__ import annotations

import contextlib
import plistlib
import shutil
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from selfmassage.core.autostart import (
    AGENT_LABEL,
    RUN_KEY,
    RUN_VALUE,
    Autostart,
    AutostartError,
    WindowsRunKey,
    desktop_entry,
    launch_command,
)

ODD_COMMAND = ["/home/Zoë Smith/my apps/$bin/python", "-m", "selfmassage", '50% "quoted"']


class FakeRunKey:
    """The registry's Run key as a dict: the boundary the real one crosses with winreg."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, command: str) -> None:
        self.values[name] = command

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_the_linux_entry_is_written_and_removed(tmp_path: Path) -> None:
    autostart = Autostart("linux", tmp_path, ["/usr/bin/selfmassage"], environ={})
    assert not autostart.is_on()
    autostart.switch(True)
    entry = tmp_path / ".config" / "autostart" / "selfmassage.desktop"
    assert autostart.is_on() and entry.is_file()
    assert "Exec=/usr/bin/selfmassage\n" in entry.read_text()
    autostart.switch(False)
    assert not entry.exists() and not autostart.is_on()
    autostart.switch(False)  # off twice is fine


def test_the_linux_entry_follows_xdg_config_home(tmp_path: Path) -> None:
    config = tmp_path / "elsewhere"
    autostart = Autostart(
        "linux", tmp_path, ["selfmassage"], environ={"XDG_CONFIG_HOME": str(config)}
    )
    autostart.switch(True)
    assert (config / "autostart" / "selfmassage.desktop").is_file()
    relative = Autostart("linux", tmp_path, ["selfmassage"], environ={"XDG_CONFIG_HOME": "rel"})
    assert relative.where.startswith(str(tmp_path / ".config"))  # the spec ignores a relative one


def _exec_arguments(entry: str) -> list[str]:
    """The Exec key read back as the spec says: string unescaping, then quoting rules
    (inside double quotes a backslash escapes the next character), then %% -> %."""
    line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    value = line.removeprefix("Exec=").replace("\\\\", "\\")
    arguments: list[str] = []
    current, quoted, index = "", False, 0
    while index < len(value):
        char = value[index]
        if quoted and char == "\\":
            index += 1
            current += value[index]
        elif char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            arguments.append(current)
            current = ""
        else:
            current += char
        index += 1
    arguments.append(current)
    return [argument.replace("%%", "%") for argument in arguments]


def test_an_odd_command_survives_the_exec_key_quoting() -> None:
    assert _exec_arguments(desktop_entry(ODD_COMMAND)) == ODD_COMMAND


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed"
)
@pytest.mark.parametrize("command", [["/usr/bin/selfmassage"], ODD_COMMAND, launch_command()])
def test_the_linux_entry_passes_desktop_file_validate(tmp_path: Path, command: list[str]) -> None:
    autostart = Autostart("linux", tmp_path, command, environ={})
    autostart.switch(True)
    entry = tmp_path / ".config" / "autostart" / "selfmassage.desktop"
    checked = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


def test_the_windows_run_key_is_set_and_deleted() -> None:
    key = FakeRunKey()
    autostart = Autostart(
        "win32", Path("C:/Users/zoe"), [r"C:\Program Files\SelfMassage\SelfMassage.exe"], key
    )
    assert not autostart.is_on()
    autostart.switch(True)
    assert key.values == {RUN_VALUE: r'"C:\Program Files\SelfMassage\SelfMassage.exe"'}
    assert autostart.is_on()
    autostart.switch(False)
    assert key.values == {} and not autostart.is_on()


def test_the_windows_run_key_quotes_each_argument() -> None:
    key = FakeRunKey()
    Autostart("win32", Path("C:/"), [r"C:\Py thon\python.exe", "-m", "selfmassage"], key).switch(
        True
    )
    assert key.values[RUN_VALUE] == r'"C:\Py thon\python.exe" -m selfmassage'


def test_windows_without_its_registry_says_so() -> None:
    with pytest.raises(AutostartError, match="registry"):
        Autostart("win32", Path("C:/"), ["x"]).switch(True)


def test_the_macos_launch_agent_is_written_and_removed(tmp_path: Path) -> None:
    autostart = Autostart(
        "darwin", tmp_path, ["/Applications/SelfMassage.app/Contents/MacOS/SelfMassage"]
    )
    autostart.switch(True)
    agent = tmp_path / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"
    data = plistlib.loads(agent.read_bytes())
    assert data == {
        "Label": AGENT_LABEL,
        "ProgramArguments": ["/Applications/SelfMassage.app/Contents/MacOS/SelfMassage"],
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    assert autostart.is_on()
    autostart.switch(False)
    assert not agent.exists()


def test_a_folder_that_refuses_is_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / ".config"
    blocker.write_text("a file where the folder should be")
    autostart = Autostart("linux", tmp_path, ["selfmassage"], environ={})
    with pytest.raises(AutostartError, match="Could not change"):
        autostart.switch(True)


class FakeWinreg(types.ModuleType):
    """The few winreg calls the Run key makes, over a dict: HKCU's Run key only."""

    HKEY_CURRENT_USER = 1
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        super().__init__("winreg")
        self.run: dict[str, tuple[str, int]] = {}
        self.opened: list[str] = []

    @contextlib.contextmanager
    def _key(self, root: int, path: str, *_args: object) -> Iterator[str]:
        assert root == self.HKEY_CURRENT_USER
        self.opened.append(path)
        yield path

    def OpenKey(self, root: int, path: str, *args: object) -> Any:  # noqa: N802 - winreg's name
        return self._key(root, path, *args)

    def CreateKeyEx(self, root: int, path: str, *args: object) -> Any:  # noqa: N802
        return self._key(root, path, *args)

    def QueryValueEx(self, _key: str, name: str) -> tuple[str, int]:  # noqa: N802
        if name not in self.run:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return self.run[name]

    def SetValueEx(self, _key: str, name: str, _reserved: int, kind: int, value: str) -> None:  # noqa: N802
        self.run[name] = (value, kind)

    def DeleteValue(self, _key: str, name: str) -> None:  # noqa: N802
        if name not in self.run:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.run[name]


def test_the_real_run_key_speaks_winreg(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWinreg()
    monkeypatch.setitem(sys.modules, "winreg", fake)
    autostart = Autostart(
        "win32", Path("C:/"), [r"C:\SelfMassage\SelfMassage.exe"], WindowsRunKey()
    )
    assert not autostart.is_on()
    autostart.switch(True)
    assert fake.run == {RUN_VALUE: (r"C:\SelfMassage\SelfMassage.exe", FakeWinreg.REG_SZ)}
    assert set(fake.opened) == {RUN_KEY}
    assert autostart.is_on()
    autostart.switch(False)
    autostart.switch(False)  # a value already gone is not an error
    assert fake.run == {} and not autostart.is_on()
