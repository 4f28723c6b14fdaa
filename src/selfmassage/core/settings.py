"""The user's settings: a versioned JSON file of typed values, each read on its own.

One bad value never costs the others: a value of the wrong type, a number that is not
finite (Python's json reads NaN and Infinity) or text that is not one of the choices
falls back to its default; a number out of range becomes the nearest allowed one; a list
keeps the items it can use. Each is a line in the log, and all of them together one line
in ``SettingsStore.problems``, which the window shows. (msgspec, which reads the app's
other files, stops at the first bad field and refuses NaN, so the values are checked
here one by one.)

Versions: core/settings_upgrades.py brings an older file up to date, step by step, after
a copy of it is kept. A file from a newer version is read for what this version knows,
and when this version saves, the file keeps its version number, the keys this version
does not know and the values it could not use, so the newer app loses nothing.

Writes are atomic (temporary file, fsync, os.replace) and private (0600): see
core/atomic.py.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import logging
import math
import reprlib
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dt_time
from pathlib import Path
from typing import Any, TypeGuard

from selfmassage.core.atomic import write_atomic
from selfmassage.core.language import SUPPORTED
from selfmassage.core.settings_upgrades import UpgradeError, current_version, upgrade

log = logging.getLogger(__name__)

SETTINGS_VERSION = current_version()
"""The version this app writes (see core/settings_upgrades.py)."""

MAX_FILE_BYTES = 1 << 20
"""A settings file is a few hundred bytes; one larger than this is not ours."""


@dataclass(kw_only=True)
class Settings:
    version: int = SETTINGS_VERSION
    window_geometry: str = ""
    """Base64 of the main window's saved geometry."""
    theme: str = "system"
    language: str = ""
    """The app's language ("en", "de", "fr", "es"); empty until the first start sets the
    desktop's."""
    """system, light or dark."""
    avoided: list[str] = field(default_factory=list)
    """Body-map places the user must not work on, as RegionSide keys (``calves-left``)."""
    safety_answers: dict[str, str] = field(default_factory=dict)
    """Safety screening: question id -> yes, no or unsure (see core/safety.py)."""
    safety_screened_on: str = ""
    """ISO date of the last screening; empty until the first one (then it is shown)."""
    safety_answered_on: dict[str, str] = field(default_factory=dict)
    """Safety question id -> the ISO date it was last answered (the "today" questions
    hold for that day only)."""
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
    reminders_on: bool = True
    """Remind of the plans and of ``reminders`` (see core/schedule.py)."""
    reminders: list[dict[str, Any]] = field(default_factory=list)
    """The person's reminders: {"routine": title, "days": [0..6, 0 = Monday; none =
    every day], "time": "HH:MM"}."""
    reminder_sound: bool = True
    """Whether a reminder's notification makes its sound."""
    reminders_checked_at: str = ""
    """ISO date-time (UTC) up to which reminder times were handled; empty before the
    first check, so a first run catches nothing up."""
    reminder_snooze: dict[str, str] = field(default_factory=dict)
    """A snoozed reminder: {"routine", "until", "from"} (ISO date-times, UTC); empty if none."""
    start_with_computer: bool = False
    """Start SelfMassage when the person logs in (see core/autostart.py)."""
    keep_in_tray: str = ""
    """Whether closing the window keeps the app in the tray: yes or no; empty until asked."""
    plans_received: dict[str, str] = field(default_factory=dict)
    """Prescribed plan title -> the ISO date it was first opened: a report starts there."""
    breath_sound: str = "words"
    """How breathing sounds: the words "In" and "Out", or soft tones."""
    pacer_minutes: int = 5
    """The breathing pacer's length, 1 to 10 minutes."""
    pacer_pattern: str = "4-6"
    """The breathing pacer's pattern: seconds in, (hold,) out (see core/breathing.py)."""


# Reading one value ---------------------------------------------------------------------


# The small classes below are written out rather than made with @dataclass: the
# settings are read before the first window paints, and each dataclass costs about half
# a millisecond to create.


class _Value:
    __slots__ = ("value", "why")

    def __init__(self, value: Any, why: str = "") -> None:
        self.value = value
        """The value to use."""
        self.why = why
        """Why the value as written is not the one used ("is not text"); empty if it is."""


_Reader = Callable[[object, Any], _Value]
"""(the value as written, the field's default) -> the value to use."""


def _text(*choices: str) -> _Reader:
    def read(value: object, default: Any) -> _Value:
        if not _is_text(value):
            return _Value(default, "is not text")
        if choices and value not in choices:
            return _Value(default, f"is not one of {', '.join(choices)}")
        return _Value(value)

    return read


def _date(value: object, default: Any) -> _Value:
    if not _is_text(value):
        return _Value(default, "is not text")
    if value and not _is_date(value):
        return _Value(default, "is not a date (YYYY-MM-DD)")
    return _Value(value)


def _is_date(text: str) -> bool:
    if len(text) != len("2026-01-31"):  # fromisoformat also takes 20260131 and 2026-W05
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _number(low: float, high: float) -> _Reader:
    def read(value: object, default: Any) -> _Value:
        why = _not_a_number(value)
        if why:
            return _Value(default, why)
        assert isinstance(value, int | float)
        if value < low:
            return _Value(low, f"is less than {low}")
        if value > high:
            return _Value(high, f"is more than {high}")
        return _Value(float(value))

    return read


def _whole_number(low: int, high: int) -> _Reader:
    """A number in range, as ``_number`` reads it, and then whole."""
    number = _number(low, high)

    def read(value: object, default: Any) -> _Value:
        got = number(value, default)
        if got.why or got.value == round(got.value):
            return _Value(got.value if got.value is default else int(got.value), got.why)
        return _Value(round(got.value), "is not a whole number")

    return read


def _texts(value: object, default: Any) -> _Value:
    if not isinstance(value, list):
        return _Value(default, "is not a list")
    kept = [item for item in value if _is_text(item)]
    if len(kept) < len(value):
        return _Value(kept, f"has {len(value) - len(kept)} items that are not text")
    return _Value(kept)


def _yes_no(value: object, default: Any) -> _Value:
    if not isinstance(value, bool):
        return _Value(default, "is not true or false")
    return _Value(value)


def _moment(value: object, default: Any) -> _Value:
    if not _is_text(value):
        return _Value(default, "is not text")
    if value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return _Value(default, "is not a date and time")
        if moment.tzinfo is None:
            return _Value(default, "has no time zone")
    return _Value(value)


def _reminders(value: object, default: Any) -> _Value:
    if not isinstance(value, list):
        return _Value(default, "is not a list")
    kept = [item for item in value if _is_reminder(item)]
    if len(kept) < len(value):
        return _Value(kept, f"has {len(value) - len(kept)} reminders that cannot be read")
    return _Value(kept)


def _is_reminder(item: object) -> bool:
    if not isinstance(item, dict) or not _is_text(item.get("routine")):
        return False
    days, at = item.get("days", []), item.get("time")
    if not isinstance(days, list) or not all(
        isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= 6 for day in days
    ):
        return False
    if not _is_text(at) or len(at) != 5 or at[2] != ":":
        return False
    try:
        dt_time.fromisoformat(at)
    except ValueError:
        return False
    return True


def _texts_by_name(value: object, default: Any) -> _Value:
    if not isinstance(value, dict):
        return _Value(default, "is not an object")
    kept = {key: item for key, item in value.items() if _is_text(key) and _is_text(item)}
    if len(kept) < len(value):
        return _Value(kept, f"has {len(value) - len(kept)} entries that are not text")
    return _Value(kept)


def _is_text(value: object) -> TypeGuard[str]:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")  # json reads a lone surrogate ("\ud800"), which has no UTF-8
    except UnicodeEncodeError:
        return False
    return True


def _not_a_number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "is not a number"
    if isinstance(value, float) and not math.isfinite(value):
        return "is not a finite number"
    return ""


class _Field:
    __slots__ = ("label", "read")

    def __init__(self, label: str, read: _Reader) -> None:
        self.label = label
        """The setting in the user's words, for the message that says it was reset."""
        self.read = read


FIELDS: dict[str, _Field] = {
    "window_geometry": _Field("window size and place", _text()),
    "theme": _Field("theme", _text("system", "light", "dark")),
    "language": _Field("language", _text("", *SUPPORTED)),
    "avoided": _Field("places to avoid", _texts),
    "safety_answers": _Field("safety answers", _texts_by_name),
    "safety_screened_on": _Field("date of the safety questions", _date),
    "safety_answered_on": _Field("dates of the safety answers", _texts_by_name),
    "voice": _Field("voice", _text()),
    "voice_rate": _Field("speaking rate", _whole_number(80, 300)),
    "voice_volume": _Field("volume", _number(0.0, 1.0)),
    "cue_level": _Field("cues", _text("full", "minimal", "beeps", "silent")),
    "countdown_style": _Field("countdown", _text("beeps", "words", "off")),
    "transition_seconds": _Field("transition between steps", _whole_number(0, 60)),
    "routine_tools": _Field("tools", _texts),
    "routine_budget_minutes": _Field("time budget", _whole_number(0, 24 * 60)),
    "routine_intensity": _Field("intensity", _text("gentle", "standard", "deep")),
    "reminders_on": _Field("reminders on or off", _yes_no),
    "reminders": _Field("reminders", _reminders),
    "reminder_sound": _Field("reminder sound", _yes_no),
    "reminders_checked_at": _Field("time of the last reminder check", _moment),
    "reminder_snooze": _Field("snoozed reminder", _texts_by_name),
    "start_with_computer": _Field("start with the computer", _yes_no),
    "keep_in_tray": _Field("keep running in the tray", _text("", "yes", "no")),
    "plans_received": _Field("dates plans were received", _texts_by_name),
    "breath_sound": _Field("breathing sound", _text("words", "tones")),
    "pacer_minutes": _Field("breathing pacer minutes", _whole_number(1, 10)),
    "pacer_pattern": _Field("breathing pattern", _text()),
}
"""How each setting (but the version) is read; the choices and ranges are the ones
core.timeline, core.voice and core.routine_options use (tests/core/test_settings.py
holds them together)."""

_missing = ({f.name for f in dataclasses.fields(Settings)} - {"version"}) ^ FIELDS.keys()
assert not _missing, f"settings fields without a reader, or readers without a field: {_missing}"


class SettingsRead:
    """Settings from a decoded file, and what could not be used as written."""

    __slots__ = ("reset", "settings", "unknown", "written")

    def __init__(
        self,
        settings: Settings,
        reset: dict[str, str],
        written: dict[str, Any],
        unknown: dict[str, Any],
    ) -> None:
        self.settings = settings
        self.reset = reset
        """Field name -> a line for the log saying what was written and what is used."""
        self.written = written
        """Field name -> the value as written, for each reset field."""
        self.unknown = unknown
        """The keys this version does not know (a newer version wrote them), as written."""


def read_settings(data: dict[str, Any]) -> SettingsRead:
    """The settings in a decoded file of the current version; never raises."""
    defaults = Settings(version=current_version())
    values: dict[str, Any] = {}
    reset: dict[str, str] = {}
    written: dict[str, Any] = {}
    for name, setting in FIELDS.items():
        if name not in data:
            continue
        read = setting.read(data[name], getattr(defaults, name))
        values[name] = read.value
        if read.why:
            shown = reprlib.repr(data[name])
            reset[name] = f"{name} {shown} {read.why}; {reprlib.repr(read.value)} is used"
            written[name] = data[name]
    unknown = {key: value for key, value in data.items() if key not in FIELDS}
    unknown.pop("version", None)
    return SettingsRead(dataclasses.replace(defaults, **values), reset, written, unknown)


# The file ------------------------------------------------------------------------------


class _Kept:
    """What a save keeps from the file that was loaded."""

    __slots__ = ("unknown", "unused", "version")

    def __init__(
        self,
        version: int = 0,
        unknown: dict[str, Any] | None = None,
        unused: dict[str, tuple[Any, Any]] | None = None,
    ) -> None:
        self.version = version
        """The file's version, when it is newer than this app's."""
        self.unknown = unknown or {}
        self.unused = unused or {}
        """For a newer file: field -> (as written, as used), kept while the user leaves it."""


class SettingsStore:
    """Loads and saves the settings file; never raises for a bad file, only reports."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self._kept = _Kept()

    def load(self) -> Settings:
        self.problems = []
        self._kept = _Kept()
        decoded = self._decode()
        if decoded is None:
            return Settings(version=current_version())
        raw, data = decoded
        version = data.get("version", 1)
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            log.warning(
                "settings: version %s is not a version: read as this one", reprlib.repr(version)
            )
            version = current_version()
        if version < current_version():
            data = self._upgrade(raw, data, version)
        read = read_settings(data)
        for line in read.reset.values():
            log.warning("settings: %s", line)
        if version > current_version():
            self._keep_for_newer(read, version)
        else:
            self._keep(read, raw)
        return read.settings

    def _keep_for_newer(self, read: SettingsRead, version: int) -> None:
        """A newer version wrote the file: what this one cannot use stays for that one."""
        log.warning(
            "settings: written by version %d (this is %d): what this version does not "
            "know or use (%s) stays in the file when it saves",
            version,
            current_version(),
            ", ".join([*read.unknown, *read.reset]) or "nothing",
        )
        # A copy of each value as used: the window may change a list in place.
        unused = {
            name: (read.written[name], copy.deepcopy(getattr(read.settings, name)))
            for name in read.reset
        }
        self._kept = _Kept(version, read.unknown, unused)
        if read.reset:
            self._report(
                "These settings from a newer version of SelfMassage are not used here: "
                f"{_labels(read)}. They stay in the file for the newer version."
            )

    def _keep(self, read: SettingsRead, raw: bytes) -> None:
        """A file of this version (or upgraded to it): a value it could not use is reset,
        after a copy of the file as it was is kept."""
        if read.unknown:
            # Likely a hand edit; kept all the same, since nothing here needs it gone.
            log.info(
                "settings: keeping keys this version does not know: %s", ", ".join(read.unknown)
            )
        self._kept = _Kept(0, read.unknown)
        if read.reset:
            kept_as = self._copy_aside("reset.bak", raw)
            self._report(
                "Some settings could not be used and are back to their defaults or the "
                f"nearest allowed value: {_labels(read)}. The others are kept; the file "
                f"as it was is kept as {kept_as.name}."
            )

    def save(self, settings: Settings) -> bool:
        """Write the settings; False (and a problem reported) if the disk refuses."""
        document = self._document(settings)
        try:
            data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate in a kept key: escaped, it is kept
            data = json.dumps(document, indent=2).encode("ascii")
        try:
            write_atomic(self.path, data + b"\n")
        except OSError as error:
            self._report(f"Could not save the settings to {self.path}: {error.strerror}.")
            return False
        return True

    def _document(self, settings: Settings) -> dict[str, Any]:
        values = dataclasses.asdict(settings)
        kept = self._kept
        for name, (written, used) in kept.unused.items():
            if values[name] == used:  # unchanged here: the newer version's value stays
                values[name] = written
        document = {**values, **kept.unknown}
        if kept.version > settings.version:
            document["version"] = kept.version
            log.info(
                "settings: saved as version %d, keeping %d settings for that newer version",
                kept.version,
                len(kept.unknown) + len(kept.unused),
            )
        return document

    def _decode(self) -> tuple[bytes, dict[str, Any]] | None:
        """The file's bytes and their JSON object; None (reported, unless the file is
        missing) for defaults. A file that is no JSON object is moved aside."""
        try:
            if not stat.S_ISREG(self.path.stat().st_mode):
                # A FIFO would block the start for good; a folder cannot be read.
                self._report(f"The settings file {self.path} is not a file; defaults are in use.")
                return None
            with self.path.open("rb") as file:
                raw = file.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as error:
            self._report(f"Could not read the settings ({error.strerror}); using defaults.")
            return None
        if len(raw) > MAX_FILE_BYTES:
            self._damaged(f"larger than {MAX_FILE_BYTES >> 20} MiB")
            return None
        try:
            data = json.loads(raw, parse_int=_integer)
        except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
            self._damaged(str(error))
            return None
        if not isinstance(data, dict):
            self._damaged("not a JSON object")
            return None
        return raw, data

    def _upgrade(self, raw: bytes, data: dict[str, Any], version: int) -> dict[str, Any]:
        backup = self._copy_aside(f"v{version}.bak", raw)
        log.info(
            "settings: upgrading from version %d to %d; the old file is kept as %s",
            version,
            current_version(),
            backup,
        )
        try:
            return upgrade(data, version)
        except UpgradeError as error:
            self._report(
                f"The settings could not be upgraded from version {version} ({error}); "
                f"those that can be read are used. The old file is kept as {backup.name}."
            )
            return data

    def _damaged(self, reason: str) -> None:
        aside = self._move_aside("broken")
        self._report(
            f"The settings file was damaged ({reason}); defaults are in use. "
            f"The old file is kept as {aside}."
        )

    def _copy_aside(self, suffix: str, raw: bytes) -> Path:
        target = self.path.with_name(f"{self.path.name}.{suffix}")
        try:
            write_atomic(target, raw)
        except OSError as error:
            log.warning("settings: could not keep a copy as %s: %s", target, error)
        return target

    def _move_aside(self, label: str) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.{label}-{stamp}")
        try:
            self.path.replace(target)
        except OSError as error:
            log.warning("settings: could not move the damaged file aside: %s", error)
        return target

    def _report(self, message: str) -> None:
        log.warning("%s", message)
        self.problems.append(message)


def _labels(read: SettingsRead) -> str:
    return ", ".join(FIELDS[name].label for name in read.reset)


def _integer(text: str) -> int | float:
    # Python refuses an integer of more than 4,300 digits with a ValueError, which would
    # cost the whole file; as a float it is infinite, and only its own field falls back.
    return int(text) if len(text) < 4000 else float(text)
