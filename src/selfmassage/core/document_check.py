"""Checking untrusted JSON documents: the half every file format the app reads shares.

A file from outside (a routine sent by e-mail, a client's report) is checked in two
stages:

1. :func:`read_untrusted_file` reads no more than the size limit allows, and
   :func:`decode_untrusted_json` checks the cheap limits first (size, UTF-8, nesting
   depth) and only then decodes the JSON. A file that fails is refused whole: the
   result is a :class:`Refusal` saying why.
2. A :class:`DocumentCheck` walks the decoded value. Its checks (a text, a whole number
   in bounds, one of a few words, a date…) collect every problem as a :class:`Problem`
   with its JSON path, such as ``$.steps[3].seconds``, instead of stopping at the first,
   and hand back the value or None.

The format modules (``routine_file``, ``report_file``) keep their own rules — which
keys, which bounds — and use these checks for the values, so every format speaks alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.regular_file import NotReadableError, read_regular_file
from selfmassage.core.words import newer_file

MAX_DEPTH = 16
"""Arrays and objects nested deeper than this are refused before decoding."""
MAX_PROBLEMS = 50
"""Past this many errors (or warnings) the rest are summed up in one line."""
EARLIEST_DAY = date(1971, 1, 1)
LATEST_DAY = date(9000, 12, 31)
"""Dates in files lie in this range. Every moment in it is a real time in every time zone
(after 1970, so even systems that cannot reckon before it can), and a year of plans or
weeks added to it stays far from the end of the calendar, so no window, PDF or command
meets a date it cannot handle."""

_BOM = b"\xef\xbb\xbf"
_MALFORMED_AT = re.compile(r"^(?:JSON is malformed: )?(.*?)(?: \(byte (\d+)\))?$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class Problem(NamedTuple):
    """One error or warning: where in the file (a JSON path such as ``$.steps[3].seconds``,
    or ``$`` for the file as a whole) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file was refused as a whole, before its content was looked at."""

    reason: str


# Reading and decoding ------------------------------------------------------------------


def read_untrusted_file(path: Path, max_bytes: int) -> bytes | Refusal:
    """The file's bytes, or a Refusal saying why it cannot be read (a folder, a FIFO, a
    device, a link loop). Reads at most one byte past ``max_bytes``, so a file that grows
    or lies about its size is still refused by :func:`decode_untrusted_json` without
    reading all of it."""
    try:
        return read_regular_file(path, max_bytes)
    except NotReadableError as error:
        return Refusal(_("cannot read it: {reason}").format(reason=error.reason))


def decode_untrusted_json(data: bytes, max_bytes: int, what: str, size: str) -> object:
    """The JSON value in ``data``, or a Refusal: too large, not UTF-8, nested too deep or
    not JSON. Each limit is checked before the next, cheaper ones first, so a hostile
    file costs little memory or time.

    ``what`` and ``size`` name the file and its limit for people: "a routine file", "1 MiB".
    """
    if len(data) > max_bytes:
        return Refusal(
            # Translators: "too large: a routine file is at most 1,048,576 bytes (1 MiB)"
            _("too large: {what} is at most {bytes} bytes ({size})").format(
                what=what, bytes=f"{max_bytes:,}", size=size
            )
        )
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Refusal(
            _("not UTF-8 text (bad byte at {place})").format(place=_position(data, error.start))
        )
    if _nested_deeper_than(data, MAX_DEPTH):
        return Refusal(
            _("nested too deep: at most {n} levels of arrays and objects").format(n=MAX_DEPTH)
        )
    try:
        document: object = msgspec.json.decode(data)
    except msgspec.DecodeError as error:
        return Refusal(_not_json_reason(data, str(error)))
    except (msgspec.ValidationError, ValueError, RecursionError) as error:
        # msgspec says "Number out of range" for 1e999 and very long integers.
        return Refusal(_("not valid JSON: {error}").format(error=error))
    return document


def _position(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return _("line {line}, column {column}").format(line=line, column=column)


def _not_json_reason(data: bytes, message: str) -> str:
    if message == "Input data was truncated":
        return _("not valid JSON: it ends too early (cut short, or an unclosed string or bracket)")
    match = _MALFORMED_AT.match(message)
    what, offset = (match.group(1), match.group(2)) if match else (message, None)
    if offset is None:
        return _("not valid JSON: {error}").format(error=what)
    # Translators: {error} is the JSON reader's own message, in English
    return _("not valid JSON: {error} at {place}").format(
        error=what, place=_position(data, int(offset))
    )


_OPENERS_AND_CLOSERS = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def _nested_deeper_than(data: bytes, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` deep, without parsing.

    Every step is a C-speed bytes operation, so 1 MiB of ``[[[[`` costs a few
    milliseconds. Brackets inside strings do not count. Invalid JSON may be misjudged;
    the decoder refuses it afterwards anyway.
    """
    # Drop escaped backslashes first, then escaped quotes: what is left of '"' are the
    # string delimiters, and every other piece between them lies outside a string.
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(unescaped.split(b'"')[::2])
    brackets = outside.translate(_OPENERS_AND_CLOSERS, _NOT_BRACKETS)
    if b"[" * (limit + 1) in brackets:
        return True
    # Removing every adjacent "[]" takes one level off every nest; ``limit`` rounds
    # leave nothing of a file nested at most ``limit`` deep.
    for _round in range(limit):
        shorter = brackets.replace(b"[]", b"")
        if len(shorter) == len(brackets):
            break
        brackets = shorter
    if b"[]" in brackets:
        return True
    # Only unclosed openers are left (the decoder will say the JSON is cut short).
    return brackets.count(b"[") > limit


# Checking values -----------------------------------------------------------------------


class DocumentCheck:
    """Collects the errors and warnings found while walking one decoded document.

    The value checks take the ``path`` of the value and the ``container`` (a JSON object)
    that holds it; the key is the path's last name (``$.schedule.weeks`` -> ``weeks``).
    Each returns the checked value, or None (or "" for :meth:`text`) when it is absent or
    wrong, having recorded why. A caller that got None for a required value leaves the
    thing it was building unbuilt; :attr:`has_errors` says whether anything failed.
    """

    def __init__(self) -> None:
        self._errors: list[Problem] = []
        self._warnings: list[Problem] = []
        self._more_errors = 0
        self._more_warnings = 0

    def error(self, path: str, reason: str) -> None:
        if len(self._errors) < MAX_PROBLEMS:
            self._errors.append(Problem(path, reason))
        else:
            self._more_errors += 1

    def warn(self, path: str, reason: str) -> None:
        if len(self._warnings) < MAX_PROBLEMS:
            self._warnings.append(Problem(path, reason))
        else:
            self._more_warnings += 1

    @property
    def has_errors(self) -> bool:
        return bool(self._errors)

    def errors(self) -> tuple[Problem, ...]:
        """The errors found, the last line summing up any past :data:`MAX_PROBLEMS`."""
        return _capped(
            self._errors,
            self._more_errors,
            ngettext("and {n} more error", "and {n} more errors", self._more_errors),
        )

    def warnings(self) -> tuple[Problem, ...]:
        """The warnings found, the last line summing up any past :data:`MAX_PROBLEMS`."""
        return _capped(
            self._warnings,
            self._more_warnings,
            ngettext("and {n} more warning", "and {n} more warnings", self._more_warnings),
        )

    # Checks ----------------------------------------------------------------------------

    def unknown_keys(self, path: str, value: Mapping[str, Any], known: tuple[str, ...]) -> None:
        """A warning for each key of the object at ``path`` that is not ``known``."""
        for key in value:
            if key not in known:
                self.warn(child_path(path, key), _("unknown key, ignored"))

    def json_object(
        self, path: str, container: Mapping[str, Any], keys: tuple[str, ...], *, required: bool
    ) -> Mapping[str, Any] | None:
        """An object, warning of keys other than ``keys``."""
        value = self._lookup(path, container, required=required)
        if value is _ABSENT:
            return None
        if not isinstance(value, dict):
            self.error(path, _("must be an object, not {kind}").format(kind=kind_of(value)))
            return None
        self.unknown_keys(path, value, keys)
        return value

    def text(
        self, path: str, container: Mapping[str, Any], longest: int, *, required: bool = False
    ) -> str:
        """A trimmed string, "" when absent."""
        value = self.optional_text(path, container, longest, required=required)
        return value or ""

    def optional_text(
        self, path: str, container: Mapping[str, Any], longest: int, *, required: bool = False
    ) -> str | None:
        """A trimmed string, None when absent, empty or wrong."""
        value = self._string(path, self._lookup(path, container, required=required))
        if value is None:
            return None
        value = value.strip()
        if required and not value:
            self.error(path, _("must not be empty"))
        elif len(value) > longest:
            self.error(
                path,
                _("at most {most} characters, not {length}").format(
                    most=f"{longest:,}", length=f"{len(value):,}"
                ),
            )
        return value or None

    def integer(
        self,
        path: str,
        container: Mapping[str, Any],
        lowest: int,
        highest: int | None,
        *,
        required: bool = False,
    ) -> int | None:
        """A whole number from ``lowest`` to ``highest`` (None: no upper bound)."""
        value = self._lookup(path, container, required=required)
        if value is _ABSENT:
            return None
        return self.integer_value(path, value, lowest, highest)

    def integer_value(
        self, path: str, value: object, lowest: int, highest: int | None
    ) -> int | None:
        """:meth:`integer` for a value already in hand, such as an entry under any key."""
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(path, _("must be a whole number, not {kind}").format(kind=kind_of(value)))
            return None
        if value < lowest or (highest is not None and value > highest):
            if highest is not None:
                text = _("must be from {lowest} to {highest}, not {value}")
            else:
                text = _("must be {lowest} or more, not {value}")
            self.error(path, text.format(lowest=lowest, highest=highest, value=short_number(value)))
            return None
        return int(value)

    def choice(
        self,
        path: str,
        container: Mapping[str, Any],
        allowed: tuple[str, ...],
        what: str,
        *,
        required: bool = False,
    ) -> str | None:
        """One of the ``allowed`` words; ``what`` names the kind for the message."""
        value = self._string(path, self._lookup(path, container, required=required))
        if value is None:
            return None
        if value not in allowed:
            # Translators: "unknown cue style "loud"; use one of: full, calm"
            text = _("unknown {what} {value}; use one of: {allowed}")
            self.error(
                path, text.format(what=what, value=quoted(value), allowed=", ".join(allowed))
            )
            return None
        return value

    def array(
        self,
        path: str,
        container: Mapping[str, Any],
        what: str,
        most: int,
        *,
        missing: str | None = None,
    ) -> list[Any] | None:
        """An array of at most ``most`` items, which ``what`` names ("steps"). Its items are
        the caller's to check. ``missing`` is the reason when a required array is absent."""
        value = self._lookup(path, container, required=False)
        if value is _ABSENT:
            if missing is not None:
                self.error(path, missing)
            return None
        if not isinstance(value, list):
            text = _("must be an array of {what}, not {kind}")
            self.error(path, text.format(what=what, kind=kind_of(value)))
            return None
        if len(value) > most:
            # Checking thousands of items would only repeat errors: stop here.
            text = _("at most {most} {what}, not {length}")
            self.error(path, text.format(most=most, what=what, length=len(value)))
            return None
        return value

    def objects(
        self, path: str, items: list[Any], what: str, keys: tuple[str, ...]
    ) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Each item of the array at ``path`` that is an object, with its own path. Any other
        item is an error ("a step must be an object…", ``what`` being "a step"); keys other
        than ``keys`` are warnings. Lazy, so the problems come in the file's order."""
        for index, item in enumerate(items):
            item_path = f"{path}[{index}]"
            if not isinstance(item, dict):
                text = _("{what} must be an object, not {kind}")
                self.error(item_path, text.format(what=what, kind=kind_of(item)))
                continue
            self.unknown_keys(item_path, item, keys)
            yield item_path, item

    def iso_date(
        self, path: str, container: Mapping[str, Any], *, required: bool = False
    ) -> date | None:
        """A calendar date written as 2025-03-01."""
        text = self.optional_text(path, container, 32, required=required)
        if text is None:
            return None
        if not is_iso_date(text):
            self.error(
                path,
                _("must be an ISO 8601 date such as 2025-03-01, not {value}").format(
                    value=quoted(text)
                ),
            )
            return None
        day = date.fromisoformat(text)
        if not in_date_range(day):
            self.error(path, out_of_range(text))
            return None
        return day

    def iso_datetime(
        self,
        path: str,
        container: Mapping[str, Any],
        *,
        required: bool = False,
        zoned: bool = False,
    ) -> datetime | None:
        """A date and time written as 2025-03-01T09:30:00+01:00; ``zoned``: with its zone.
        A time without a zone is read as the local time of this computer."""
        text = self.optional_text(path, container, 64, required=required)
        if text is None:
            return None
        if not is_iso_datetime(text):
            self.error(
                path,
                _(
                    "must be an ISO 8601 date-time such as 2025-03-01T09:30:00+01:00, not {value}"
                ).format(value=quoted(text)),
            )
            return None
        moment = datetime.fromisoformat(text)
        if zoned and moment.tzinfo is None:
            self.error(
                path,
                _("must say its time zone (Z or +01:00), not {value}").format(value=quoted(text)),
            )
            return None
        if not moment_in_range(moment):
            self.error(path, out_of_range(text))
            return None
        return aware(moment)

    def _lookup(self, path: str, container: Mapping[str, Any], *, required: bool) -> object:
        """The value at ``path`` in ``container``, or _ABSENT (an error if it was required)."""
        key = _last_key(path)
        if key in container:
            return container[key]
        if required:
            self.error(path, _("missing"))
        return _ABSENT

    def _string(self, path: str, value: object) -> str | None:
        if value is _ABSENT:
            return None
        if not isinstance(value, str):
            self.error(path, f"must be a string, not {kind_of(value)}")
            return None
        return value


_ABSENT = object()
"""What :meth:`DocumentCheck._lookup` gives for a key the container lacks."""


def _capped(found: list[Problem], more: int, text: str) -> tuple[Problem, ...]:
    if more:
        return (*found, Problem("$", text.format(n=more)))
    return tuple(found)


def _last_key(path: str) -> str:
    return path.rsplit(".", 1)[1]


# The format and version every file starts with ----------------------------------------


def is_readable_version(
    check: DocumentCheck, document: Mapping[str, Any], format_name: str, current: int, what: str
) -> bool:
    """Whether ``document`` says it is a file of ``format_name`` in a version from 1 to
    ``current``, the versions this app reads; if not, the one error saying why.

    Every format's reader calls this first, so all formats answer alike: a file from a
    newer app says it needs a newer version of SelfMassage, and nothing else (its other
    keys may be new, and calling them wrong would only confuse). ``what`` names the kind
    of file for people: "a routine file".
    """
    if "format" not in document:
        check.error(
            "$.format",
            _('missing: {what} starts with "format": "{format}"').format(
                what=what, format=format_name
            ),
        )
        return False
    if document["format"] != format_name:
        check.error(
            "$.format",
            _('must be "{format}": this is not {what}').format(format=format_name, what=what),
        )
        return False
    if "version" not in document:
        check.error(
            "$.version",
            _("missing: the file's format version, a whole number such as {n}").format(n=current),
        )
        return False
    version = document["version"]
    if not is_whole_number(version):
        check.error(
            "$.version", _("must be a whole number, not {kind}").format(kind=kind_of(version))
        )
        return False
    if version > current:
        check.error("$.version", newer_file(short_number(version), current))
        return False
    if version < 1:
        if current == 1:
            text = _("must be 1, not {value}")
        else:
            text = _("must be from 1 to {highest}, not {value}")
        check.error("$.version", text.format(highest=current, value=short_number(version)))
        return False
    return True


# Words for messages --------------------------------------------------------------------


def kind_of(value: object) -> str:
    """What a JSON value is, in words: "an array", "null", "the number 1.5"."""
    kinds: dict[type, str] = {
        dict: N_("an object"),
        list: N_("an array"),
        str: N_("a string"),
        bool: N_("true or false"),
        int: N_("a whole number"),
        float: N_("a number with a fraction"),
    }
    if value is None:
        return "null"
    if isinstance(value, float):
        return _("the number {value}").format(value=repr(value))
    kind = kinds.get(type(value))
    return _(kind) if kind is not None else type(value).__name__


def short_number(value: int) -> str:
    """A whole number as written, unless it is too long to show."""
    text = str(value)
    if len(text) <= 20:
        return text
    return _("a number {n} digits long").format(n=len(text))


def quoted(value: str, longest: int = 40) -> str:
    """A text from the file, cut to ``longest`` and quoted, safe to show in a message."""
    shown = value if len(value) <= longest else value[: longest - 1] + "…"
    # JSON escaping keeps control characters from a hostile file out of messages.
    return msgspec.json.encode(shown).decode()


def child_path(path: str, key: str) -> str:
    """The path of ``key`` in the object at ``path``: ``$.steps[0].name``, ``$["a b"]``."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{msgspec.json.encode(key).decode()}]"


def is_whole_number(value: object) -> bool:
    """An int from the JSON, not true or false (which Python counts as ints)."""
    return isinstance(value, int) and not isinstance(value, bool)


def in_date_range(day: date) -> bool:
    """Whether a date from a file lies from :data:`EARLIEST_DAY` to :data:`LATEST_DAY`."""
    return EARLIEST_DAY <= day <= LATEST_DAY


def moment_in_range(moment: datetime) -> bool:
    """Whether a time from a file lies in the range both as written and in UTC (where the
    history keeps it), so that it also comes back whole from an export."""
    # The date as written first: outside the range, converting it may overflow.
    return in_date_range(moment.date()) and in_date_range(aware(moment).astimezone(UTC).date())


def out_of_range(text: str) -> str:
    """Why a date out of :func:`in_date_range` is refused."""
    return _("must lie from {earliest} to {latest}, not {value}").format(
        earliest=EARLIEST_DAY.isoformat(), latest=LATEST_DAY.isoformat(), value=quoted(text)
    )


def aware(moment: datetime) -> datetime:
    """A time from a file with its zone; one without is read as local time (the specs
    say so), so that times from files always compare with each other and with now."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def is_iso_date(text: str) -> bool:
    """2025-03-01, a real day; nothing else (fromisoformat alone takes 20250301 too)."""
    return _parses(_ISO_DATE, date.fromisoformat, text)


def is_iso_datetime(text: str) -> bool:
    """2025-03-01T09:30, seconds and a zone optional, a real moment."""
    return _parses(_ISO_DATETIME, datetime.fromisoformat, text)


def _parses(shape: re.Pattern[str], parse: Callable[[str], object], text: str) -> bool:
    if not shape.fullmatch(text):
        return False
    try:
        parse(text)
    except ValueError:
        return False
    return True
