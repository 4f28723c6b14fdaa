"""Start SelfMassage when the person logs in: each system's own per-user way.

- Linux and other freedesktop systems: an XDG autostart entry,
  ``~/.config/autostart/selfmassage.desktop`` (``$XDG_CONFIG_HOME`` if set).
- Windows: a value in the per-user Run key
  (``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``).
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/org.selfmassage.SelfMassage.plist``,
  which launchd loads at the next login.

Nothing here needs administrator rights, and switching it off removes exactly what was
written. The Windows registry is reached only through ``RunKey``, so the rest is tested
on any system with a fake one.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from selfmassage.core.atomic import write_atomic
from selfmassage.core.language import N_, TRANSLATED, _, speaking

APP_ID = "selfmassage"
RUN_VALUE = "SelfMassage"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
AGENT_LABEL = "org.selfmassage.SelfMassage"


class AutostartError(Exception):
    """Starting with the computer could not be switched; the message says why."""


class RunKey(Protocol):
    """The per-user Run key of the Windows registry: one named text value per program."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, command: str) -> None: ...
    def delete(self, name: str) -> None: ...


class WindowsRunKey:
    """The real Run key, through winreg (Windows only)."""

    def get(self, name: str) -> str | None:
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def set(self, name: str, command: str) -> None:
        winreg = _winreg()
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, command)

    def delete(self, name: str) -> None:
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass


def _winreg() -> Any:
    """winreg, which exists only on Windows (and so has no types elsewhere)."""
    import importlib

    return importlib.import_module("winreg")


def launch_command() -> list[str]:
    """How this installation is started: the frozen program itself, or this Python
    running the package (an installed script or a checkout alike)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", APP_ID]


# Linux: the XDG autostart entry ------------------------------------------------------


def _exec_argument(argument: str) -> str:
    """One argument of a desktop entry's Exec key (Desktop Entry Specification,
    "The Exec key"): quoted when it holds a reserved character; inside the quotes ",
    `, $ and \\ take a backslash; % is doubled."""
    argument = argument.replace("%", "%%")
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if not any(char in reserved for char in argument):
        return argument
    escaped = "".join("\\" + char if char in '"`$\\' else char for char in argument)
    return f'"{escaped}"'


def _string_value(text: str) -> str:
    """A desktop entry's string value: backslash, newline, tab escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


COMMENT = N_("Reminders for your self-massage routines")
"""The autostart entry's comment (marked, in English; each translation beside it)."""


def _comments() -> str:
    """The comment in English, then in each language the app has, as desktops read them
    ("Comment[de]=..."): the entry is written once, whatever the language."""
    lines = [f"Comment={COMMENT}\n"]
    for language in TRANSLATED:
        with speaking(language):
            translated = _(COMMENT)
        if translated != COMMENT:
            lines.append(f"Comment[{language}]={_string_value(translated)}\n")
    return "".join(lines)


def desktop_entry(command: Sequence[str]) -> str:
    exec_line = " ".join(_exec_argument(argument) for argument in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=SelfMassage\n"
        f"{_comments()}"
        f"Exec={_string_value(exec_line)}\n"
        "Icon=selfmassage\n"
        "Terminal=false\n"
        "Categories=Utility;\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def xdg_autostart_file(home: Path, environ: dict[str, str] | None = None) -> Path:
    environ = dict(os.environ) if environ is None else environ
    config = environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and Path(config).is_absolute() else home / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


# macOS: the LaunchAgent ----------------------------------------------------------------


def launch_agent(command: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
    )


def launch_agent_file(home: Path) -> Path:
    return home / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"


# Windows: the Run key --------------------------------------------------------------------


def run_key_command(command: Sequence[str]) -> str:
    """The command line as the Run key keeps it: each part quoted as Windows reads it."""
    import subprocess

    return subprocess.list2cmdline(list(command))


# Switching it ----------------------------------------------------------------------------


@dataclass
class Autostart:
    """Starting with the computer on one system; ``system`` is sys.platform's value."""

    system: str
    home: Path
    command: Sequence[str]
    run_key: RunKey | None = None
    environ: dict[str, str] | None = None

    @classmethod
    def here(cls) -> Autostart:
        run_key: RunKey | None = WindowsRunKey() if sys.platform == "win32" else None
        return cls(sys.platform, Path.home(), launch_command(), run_key)

    def _key(self) -> RunKey:
        if self.run_key is None:
            raise AutostartError(_("the Windows registry is not available"))
        return self.run_key

    @property
    def where(self) -> str:
        """Where the entry lives, in words for the person."""
        if self.system == "win32":
            return _("the registry ({key})").format(
                key=f"HKEY_CURRENT_USER\\{RUN_KEY}, {RUN_VALUE}"
            )
        if self.system == "darwin":
            return str(launch_agent_file(self.home))
        return str(xdg_autostart_file(self.home, self.environ))

    def is_on(self) -> bool:
        if self.system == "win32":
            return self._key().get(RUN_VALUE) is not None
        if self.system == "darwin":
            return launch_agent_file(self.home).is_file()
        return xdg_autostart_file(self.home, self.environ).is_file()

    def switch(self, on: bool) -> None:
        """Write or remove the entry; AutostartError if the system refuses."""
        try:
            if self.system == "win32":
                key = self._key()
                if on:
                    key.set(RUN_VALUE, run_key_command(self.command))
                else:
                    key.delete(RUN_VALUE)
                return
            if self.system == "darwin":
                path, data = launch_agent_file(self.home), launch_agent(self.command)
            else:
                path = xdg_autostart_file(self.home, self.environ)
                data = desktop_entry(self.command).encode("utf-8")
            if on:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, data)
            else:
                path.unlink(missing_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise AutostartError(
                _("Could not change {where}: {reason}.").format(where=self.where, reason=reason)
            ) from error
