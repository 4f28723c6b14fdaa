"""The user's settings: a versioned JSON file, upgraded step by step, written atomically.

Each field has a default, so a file from an older version (or a missing one) still
loads. When the format changes, bump SETTINGS_VERSION and add an upgrade function
from the old version; the old file is copied aside before it is upgraded.

The settings are read before the first window paints, so they use the standard
library's json and a small type check of their own rather than msgspec, whose import
alone costs about as much as everything else the settings do.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfmassage.core.atomic import write_atomic

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


@dataclass(kw_only=True)
class Settings:
    version: int = SETTINGS_VERSION
    window_geometry: str = ""
    """Base64 of the main window's saved geometry."""
    theme: str = "system"
    """system, light or dark."""
    avoided: list[str] = field(default_factory=list)
    """Body-map places the user must not work on, as RegionSide keys (``calves-left``)."""
    safety_answers: dict[str, str] = field(default_factory=dict)
    """Safety screening: question id -> yes, no or unsure (see core/safety.py)."""
    safety_screened_on: str = ""
    """ISO date of the last screening; empty until the first one (then it is shown)."""
    voice: str = ""
    """The speech engine's voice id; empty for its default (see core/voice.py)."""
    voice_rate: int = 170
    """Words per minute, 80 to 300."""
    voice_volume: float = 1.0
    """0.0 to 1.0, applied when playing, so changing it needs no new speech."""
    cue_level: str = "full"
    """full, minimal, beeps or silent."""
    countdown_style: str = "beeps"
    """The last seconds of a step counted down in beeps or words."""
    transition_seconds: int = 10
    """Between two steps: time to get into position, 0 to 60."""
    routine_tools: list[str] = field(default_factory=lambda: ["hands"])
    """The tools the user owns, as Tool values; hands always count."""
    routine_budget_minutes: int = 10
    """The time budget for a built routine: 5, 10, 15, 20 or 30; 0 for no limit."""
    routine_intensity: str = "standard"
    """gentle, standard or deep."""


def settings_from(data: dict[str, Any]) -> Settings:
    """Settings from a decoded file: keys it does not know are left out (a newer app
    wrote them); a known key with a value of the wrong type is a ValueError."""
    known = {f.name: f for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known:
            continue
        expected = _FIELD_TYPES[name]
        if not _is_a(value, expected):
            raise ValueError(f"{name} should be {_DESCRIPTIONS[expected]}, not {value!r:.40}")
        values[name] = float(value) if expected == "float" else value
    return Settings(**values)


def _is_a(value: object, expected: str) -> bool:
    if expected == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected == "str":
        return isinstance(value, str)
    if expected == "list[str]":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if expected == "dict[str, str]":
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    raise AssertionError(f"no check for {expected}")


_FIELD_TYPES: dict[str, str] = {f.name: str(f.type) for f in dataclasses.fields(Settings)}
"""Each field's type as written in the class (annotations are strings here)."""
_DESCRIPTIONS = {
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "list[str]": "a list of texts",
    "dict[str, str]": "an object of texts",
}
_unchecked = set(_FIELD_TYPES.values()) - set(_DESCRIPTIONS)
assert not _unchecked, f"settings fields of types with no check: {_unchecked}"

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

# UPGRADES[n] turns a version-n dict into a version-(n+1) dict.
UPGRADES: dict[int, Upgrade] = {}


class SettingsStore:
    """Loads and saves the settings file; never raises for a bad file, only reports."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def load(self) -> Settings:
        self.problems = []
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Settings()
        except OSError as error:
            self._report(f"Could not read the settings ({error.strerror}); using defaults.")
            return Settings()
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            data = self._upgrade(data)
            return settings_from(data)
        except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
            aside = self._move_aside("broken")
            self._report(
                f"The settings file was damaged ({error}); defaults are in use. "
                f"The old file is kept as {aside}."
            )
            return Settings()

    def save(self, settings: Settings) -> bool:
        """Write the settings; False (and a problem reported) if the disk refuses."""
        text = json.dumps(dataclasses.asdict(settings), indent=2, ensure_ascii=False)
        data = text.encode("utf-8") + b"\n"
        try:
            write_atomic(self.path, data)
        except OSError as error:
            self._report(f"Could not save the settings to {self.path}: {error.strerror}.")
            return False
        return True

    def _upgrade(self, data: dict[str, Any]) -> dict[str, Any]:
        version = data.get("version", 1)
        if not isinstance(version, int) or version < 1:
            raise ValueError(f"bad version {version!r}")
        if version > SETTINGS_VERSION:
            # A newer app wrote this file: read what we know, keep the file as it is.
            log.warning("settings version %s is newer than %s", version, SETTINGS_VERSION)
            return {**data, "version": SETTINGS_VERSION}
        if version < SETTINGS_VERSION:
            self._copy_aside(f"v{version}")
            while version < SETTINGS_VERSION:
                data = UPGRADES[version](data)
                version += 1
                data["version"] = version
        return data

    def _copy_aside(self, label: str) -> Path:
        target = self.path.with_name(f"{self.path.name}.{label}.bak")
        try:
            shutil.copy2(self.path, target)
        except OSError as error:
            log.warning("could not back up settings before upgrade: %s", error)
        return target

    def _move_aside(self, label: str) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.{label}-{stamp}")
        try:
            self.path.replace(target)
        except OSError as error:
            log.warning("could not move the broken settings aside: %s", error)
        return target

    def _report(self, message: str) -> None:
        log.warning("%s", message)
        self.problems.append(message)
