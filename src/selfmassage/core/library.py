"""The routine library: the built-in routines and the user's own, as files on disk.

Built-ins live in the app's assets and are read-only; the user's own live in
``AppPaths.routines_dir`` as ``.smroutine`` files. Nothing is cached between calls: the
folder is the truth, so a file copied in by hand shows up on the next listing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from selfmassage.core.assets import asset_path
from selfmassage.core.atomic import write_atomic
from selfmassage.core.catalog import content_text
from selfmassage.core.file_names import not_a_device
from selfmassage.core.language import (
    ENGLISH,
    SUPPORTED,
    _,
    app_language,
    has_texts,
    supported,
)
from selfmassage.core.regular_file import NotReadableError, read_regular_file
from selfmassage.core.routine import Pacing, Routine, plan
from selfmassage.core.routine_file import (
    MAX_BYTES,
    SUFFIX,
    TITLE_MAX,
    Problem,
    RoutineReadResult,
    dump_routine,
    parse_routine,
    read_routine,
)
from selfmassage.core.words import cannot_save, file_problems


class Origin(StrEnum):
    BUILT_IN = "built-in"
    MINE = "mine"

    @property
    def label(self) -> str:
        return _("Built-in") if self is Origin.BUILT_IN else _("Mine")


class LibraryError(Exception):
    """An operation the library refused; the message is meant for the user."""


class ImportRefusedError(LibraryError):
    """A file that is not a usable routine; ``errors`` says why, with JSON paths."""

    def __init__(self, source: Path, errors: tuple[Problem, ...]) -> None:
        self.source = source
        self.errors = errors
        super().__init__(str(file_problems(source.name, "routine", errors)))


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One file of the library, good or broken."""

    path: Path
    origin: Origin
    result: RoutineReadResult

    @property
    def routine(self) -> Routine | None:
        return self.result.routine

    @property
    def ok(self) -> bool:
        return self.result.ok

    @property
    def title(self) -> str:
        return self.routine.title if self.routine is not None else self.path.stem

    @property
    def author(self) -> str:
        return self.routine.author if self.routine is not None else ""

    @property
    def step_count(self) -> int:
        return len(self.routine.steps) if self.routine is not None else 0

    def total_seconds(self, pacing: Pacing | None = None) -> int:
        if self.routine is None:
            return 0
        return plan(self.routine, pacing or Pacing()).total_seconds

    @property
    def built_in(self) -> bool:
        return self.origin is Origin.BUILT_IN

    @property
    def kind(self) -> str:
        """What the Library calls it: "Built-in", "Prescribed" (someone wrote it for the
        user: it names an author or carries a schedule), or "Mine"."""
        routine = self.routine
        if self.built_in or routine is None:
            return self.origin.label
        if routine.author.strip() or routine.schedule is not None:
            return _("Prescribed")
        return self.origin.label

    @property
    def tools(self) -> list[str]:
        """The tools its steps use, in the order they first come: "Foam roller", "Hands";
        breathing needs none."""
        if self.routine is None:
            return []
        steps = self.routine.steps
        return list(dict.fromkeys(step.tool.label for step in steps if not step.is_breathing))


def builtin_routines_dir() -> Path:
    return asset_path("routines")


def in_language(routine: Routine, language: str) -> Routine:
    """A built-in routine, written in English, with its texts in ``language`` from the
    catalogues, and that language as its own: it is spoken, printed and saved in it."""
    if language == ENGLISH or not supported(language) or routine.language not in (None, ENGLISH):
        return routine

    def text(value: str) -> str:
        return content_text(value, language) if value else value

    steps = tuple(
        replace(
            step,
            name=text(step.name),
            instructions=text(step.instructions),
            start=text(step.start),
            prompts=tuple(text(prompt) for prompt in step.prompts),
            cues=tuple(replace(cue, say=text(cue.say)) for cue in step.cues),
        )
        for step in routine.steps
    )
    return replace(
        routine,
        title=text(routine.title),
        description=text(routine.description),
        steps=steps,
        # The pseudo-language is for the eye only: the voice stays English.
        language=language if has_texts(language) else routine.language,
    )


def _built_in(result: RoutineReadResult) -> RoutineReadResult:
    if result.routine is None:
        return result
    return replace(result, routine=in_language(result.routine, app_language()))


class Library:
    def __init__(self, user_dir: Path, builtin_dir: Path | None = None) -> None:
        self.user_dir = user_dir
        self.builtin_dir = builtin_dir if builtin_dir is not None else builtin_routines_dir()

    # Listing ---------------------------------------------------------------------------

    def entries(self) -> list[LibraryEntry]:
        """Built-ins first, then the user's own; each group by title."""
        return self.builtin_entries() + self.user_entries()

    def builtin_entries(self) -> list[LibraryEntry]:
        return self._entries(self.builtin_dir, Origin.BUILT_IN)

    def user_entries(self) -> list[LibraryEntry]:
        return self._entries(self.user_dir, Origin.MINE)

    def _entries(self, folder: Path, origin: Origin) -> list[LibraryEntry]:
        entries = [self._entry(path, origin) for path in _files(folder)]
        return sorted(entries, key=lambda entry: (entry.title.casefold(), entry.path.name))

    @staticmethod
    def _entry(path: Path, origin: Origin) -> LibraryEntry:
        result = read_routine(path)
        return LibraryEntry(
            path, origin, _built_in(result) if origin is Origin.BUILT_IN else result
        )

    def builtin_named(self, title: str) -> LibraryEntry | None:
        """The built-in routine of that title in any of the app's languages (a reminder
        set in English still finds its routine after a change to German), in the app's
        language."""
        for path in _files(self.builtin_dir):
            english = read_routine(path).routine
            if english is None:
                continue
            names = {english.title, *(content_text(english.title, lang) for lang in SUPPORTED)}
            if title in names:
                return self._entry(path, Origin.BUILT_IN)
        return None

    def _user_files(self) -> list[Path]:
        return _files(self.user_dir)

    def entry(self, path: Path) -> LibraryEntry:
        """Read one file again (it may have changed since the listing)."""
        origin = Origin.MINE if self.is_mine(path) else Origin.BUILT_IN
        return self._entry(path, origin)

    def is_mine(self, path: Path) -> bool:
        try:
            return path.resolve().parent == self.user_dir.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link loop (Python before 3.13)
            return False

    # Changing --------------------------------------------------------------------------

    def save(self, routine: Routine, path: Path | None = None) -> LibraryEntry:
        """Save a routine among the user's own: over ``path``, or under a new file name."""
        target = path if path is not None else self._free_path(slug(routine.title))
        if not self.is_mine(target):
            raise LibraryError(_("Only your own routines can be changed; duplicate it first."))
        data = dump_routine(routine)
        result = parse_routine(data)
        if result.routine is None:
            # Never write a file the app would refuse to read back.
            raise LibraryError(cannot_save(f"“{routine.title}”", result.errors))
        try:
            write_atomic(target, data)
        except OSError as error:
            raise LibraryError(
                _("Could not save {file}: {reason}").format(
                    file=target.name, reason=error.strerror or error
                )
            ) from None
        return LibraryEntry(target, Origin.MINE, result)

    def duplicate(self, entry: LibraryEntry) -> LibraryEntry:
        """A copy among the user's own, titled "… (copy)"."""
        if entry.routine is None:
            raise LibraryError(
                _("{file} is broken and cannot be duplicated.").format(file=entry.path.name)
            )
        # Translators: added to the title of a duplicated routine.
        suffix = _(" (copy)")
        title = entry.routine.title[: TITLE_MAX - len(suffix)].rstrip() + suffix
        return self.save(replace(entry.routine, title=title))

    def delete(self, entry: LibraryEntry) -> None:
        if entry.built_in or not self.is_mine(entry.path):
            raise LibraryError(_("Built-in routines cannot be deleted."))
        try:
            entry.path.unlink()
        except FileNotFoundError:
            return
        except OSError as error:
            raise LibraryError(
                _("Could not delete {file}: {reason}").format(
                    file=entry.path.name, reason=error.strerror or error
                )
            ) from None

    def import_file(self, source: Path) -> LibraryEntry:
        """Check a file and copy it in among the user's own.

        The bytes that were checked are the bytes written, so the copy keeps keys a
        later writer added. A file already in the library (the same path, or the same
        bytes) is not copied again. ImportRefusedError lists what is wrong with a bad
        file, which is left untouched.
        """
        if self.is_mine(source):
            entry = self.entry(source)
            if entry.routine is None:
                raise ImportRefusedError(source, entry.result.errors)
            return entry
        try:
            data = read_regular_file(source, MAX_BYTES)
        except NotReadableError as error:
            problem = Problem("$", _("cannot read it: {reason}").format(reason=error.reason))
            raise ImportRefusedError(source, (problem,)) from None
        result = parse_routine(data)
        if result.routine is None:
            raise ImportRefusedError(source, result.errors)
        for existing in self._user_files():
            if _same_bytes(existing, data):
                return LibraryEntry(existing, Origin.MINE, result)
        target = self._free_path(slug(source.stem) or slug(result.routine.title))
        try:
            write_atomic(target, data)
        except OSError as error:
            raise LibraryError(
                _("Could not copy {file} into your routines: {reason}").format(
                    file=source.name, reason=error.strerror or error
                )
            ) from None
        return LibraryEntry(target, Origin.MINE, result)

    def _free_path(self, stem: str) -> Path:
        stem = not_a_device(stem or "routine")
        candidate = self.user_dir / f"{stem}{SUFFIX}"
        number = 2
        while candidate.exists():
            candidate = self.user_dir / f"{stem}-{number}{SUFFIX}"
            number += 1
        return candidate


def slug(text: str, longest: int = 60) -> str:
    """A safe file name stem from a title: ``Post-run legs`` -> ``post-run-legs``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:longest].rstrip("-")


def _files(folder: Path) -> list[Path]:
    try:
        return [path for path in folder.glob(f"*{SUFFIX}") if path.is_file()]
    except OSError:
        return []


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and read_regular_file(path, len(data)) == data
    except OSError:
        return False
