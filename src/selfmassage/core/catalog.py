"""The technique catalog: what to do for each region with each tool, for how long.

The data lives in ``assets/catalog/techniques.json``; this module loads and checks it.
Within one region the techniques are listed best first, so the first one a person has
the tool for is the one the builder picks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated

import msgspec

from selfmassage.core.anatomy import REGIONS, is_region
from selfmassage.core.assets import asset_path
from selfmassage.core.language import ENGLISH, current_language, translations
from selfmassage.core.tools import Position as Position
from selfmassage.core.tools import Pressure, Tool

CATALOG_VERSION = 1

ID_PATTERN = re.compile(r"^[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*$")

# Evidence on self-massage doses: 30–120 s per muscle and side.
DOSE_MIN_SECONDS = 30
DOSE_MAX_SECONDS = 120


_Text = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
_Seconds = Annotated[int, msgspec.Meta(ge=5, le=1800)]


class Technique(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    id: Annotated[str, msgspec.Meta(min_length=5, max_length=80)]
    """``REGION.TOOL.NAME``; REGION is the first of ``regions``, TOOL is ``tool``."""
    regions: Annotated[tuple[str, ...], msgspec.Meta(min_length=1)]
    tool: Tool
    position: Position
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    default_seconds: _Seconds
    min_seconds: _Seconds
    max_seconds: _Seconds
    """Per side, for a sided region."""
    pressure: Pressure
    max_pressure: Pressure = Pressure.FIRM
    """The firmest pressure this technique is ever given, whatever the intensity: places
    beside the groin vessels, the kidneys, the back of the knee or a nerve stay below it."""
    instructions: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]
    """Two to four short imperative sentences."""
    start: _Text
    """Spoken as the step starts: how to get into place."""
    prompts: Annotated[tuple[_Text, ...], msgspec.Meta(min_length=1, max_length=2)]
    """Spoken during the step."""
    boundary: _Text | None = None
    """Where to stop, spoken early in every side: "Stop above the back of the knee."
    Every technique near a danger area (see docs/catalog.md) has one."""
    cautions: tuple[_Text, ...] = ()
    """What to stay off, and who should ask a clinician first."""

    @property
    def region(self) -> str:
        return self.regions[0]


class _CatalogFile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    version: int
    general_cautions: tuple[_Text, ...]
    techniques: tuple[Technique, ...]


class CatalogError(ValueError):
    """The catalog file is missing or broken; the message says where and why."""


CONTENT = "content"
"""The catalogues' context of the texts the app ships as data: the catalog's, the
pictures' and the built-in routines' (see tools/translations.py)."""


def content_text(text: str, language: str | None = None) -> str:
    """A text of the shipped content in ``language`` (the one in force by default)."""
    return translations(language or current_language()).pgettext(CONTENT, text)


def technique_in(technique: Technique, language: str) -> Technique:
    """A technique with its texts in ``language``."""
    if language == ENGLISH:
        return technique

    def text(value: str) -> str:
        return content_text(value, language)

    return msgspec.structs.replace(
        technique,
        name=text(technique.name),
        instructions=text(technique.instructions),
        start=text(technique.start),
        prompts=tuple(text(prompt) for prompt in technique.prompts),
        boundary=text(technique.boundary) if technique.boundary else None,
        cautions=tuple(text(caution) for caution in technique.cautions),
    )


class _Texts:
    """The catalog in one language: its techniques by id and by region."""

    __slots__ = ("by_id", "by_region", "general_cautions", "techniques")

    def __init__(
        self, techniques: tuple[Technique, ...], general_cautions: tuple[str, ...]
    ) -> None:
        self.techniques = techniques
        self.general_cautions = general_cautions
        self.by_id: dict[str, Technique] = {}
        self.by_region: dict[str, list[Technique]] = {reg.id: [] for reg in REGIONS}
        for technique in techniques:
            if technique.id in self.by_id:
                raise CatalogError(f"technique {technique.id}: the id is used twice")
            self.by_id[technique.id] = technique
            for region_id in technique.regions:
                self.by_region.setdefault(region_id, []).append(technique)


class Catalog:
    """All techniques, looked up by id or by region and tool, with their texts in the
    language in force (the app's, or a routine's inside ``speaking``)."""

    def __init__(
        self, techniques: Iterable[Technique], general_cautions: Iterable[str] = ()
    ) -> None:
        self._english = _Texts(tuple(techniques), tuple(general_cautions))
        self._translated: dict[str, tuple[object, _Texts]] = {}

    def _in_force(self) -> _Texts:
        language = current_language()
        if language == ENGLISH:
            return self._english
        # Made once per catalogue: one read again (tests do) makes them again.
        catalogue = translations(language)
        made = self._translated.get(language)
        if made is None or made[0] is not catalogue:
            english = self._english
            made = (
                catalogue,
                _Texts(
                    tuple(technique_in(t, language) for t in english.techniques),
                    tuple(content_text(c, language) for c in english.general_cautions),
                ),
            )
            self._translated[language] = made
        return made[1]

    @property
    def techniques(self) -> tuple[Technique, ...]:
        return self._in_force().techniques

    @property
    def general_cautions(self) -> tuple[str, ...]:
        return self._in_force().general_cautions

    def __len__(self) -> int:
        return len(self._english.techniques)

    def get(self, technique_id: str) -> Technique | None:
        return self._in_force().by_id.get(technique_id)

    def for_region(self, region_id: str, tool: Tool | None = None) -> list[Technique]:
        """The techniques for a region (best first), optionally only those for one tool."""
        found = self._in_force().by_region.get(region_id, [])
        if tool is None:
            return list(found)
        return [technique for technique in found if technique.tool == tool]

    def default_for(self, region_id: str, tool: Tool) -> Technique | None:
        """The best technique for this region with this tool, or None if the tool is unsuited."""
        found = self.for_region(region_id, tool)
        return found[0] if found else None

    def cautions_for(self, technique_id: str | None) -> tuple[str, ...]:
        """What a step of this technique must keep clear of: its boundary, then its
        cautions; nothing for a technique the catalog does not know."""
        technique = self.get(technique_id) if technique_id else None
        if technique is None:
            return ()
        boundary = (technique.boundary,) if technique.boundary else ()
        return boundary + tuple(c for c in technique.cautions if c != technique.boundary)

    def tools_for(self, region_id: str) -> list[Tool]:
        """The tools that have a technique for this region, in Tool order."""
        have = {technique.tool for technique in self.for_region(region_id)}
        return [tool for tool in Tool if tool in have]


def _check(technique: Technique, where: str) -> None:
    if not ID_PATTERN.match(technique.id):
        raise CatalogError(f"{where}.id: {technique.id!r} is not REGION.TOOL.NAME")
    region_part, tool_part, _ = technique.id.split(".")
    for index, region_id in enumerate(technique.regions):
        if not is_region(region_id):
            raise CatalogError(f"{where}.regions[{index}]: unknown region {region_id!r}")
    if region_part != technique.regions[0]:
        raise CatalogError(f"{where}.id: must start with its first region {technique.regions[0]}")
    if tool_part != technique.tool.value:
        raise CatalogError(f"{where}.id: the tool part must be {technique.tool.value}")
    if not technique.min_seconds <= technique.default_seconds <= technique.max_seconds:
        raise CatalogError(f"{where}: needs min_seconds <= default_seconds <= max_seconds")
    order = list(Pressure)
    if order.index(technique.pressure) > order.index(technique.max_pressure):
        raise CatalogError(f"{where}: pressure is firmer than max_pressure")


def parse_catalog(data: bytes, source: str = "catalog") -> Catalog:
    """Decode and check catalog JSON; CatalogError names the JSON path of a problem."""
    try:
        parsed = msgspec.json.decode(data, type=_CatalogFile)
    except msgspec.ValidationError as error:
        raise CatalogError(f"{source}: {error}") from None
    except msgspec.DecodeError as error:
        raise CatalogError(f"{source}: not valid JSON ({error})") from None
    if parsed.version != CATALOG_VERSION:
        raise CatalogError(f"{source}: version {parsed.version} is not {CATALOG_VERSION}")
    for index, technique in enumerate(parsed.techniques):
        try:
            _check(technique, f"$.techniques[{index}]")
        except CatalogError as error:
            raise CatalogError(f"{source}: {error}") from None
    try:
        return Catalog(parsed.techniques, parsed.general_cautions)
    except CatalogError as error:
        raise CatalogError(f"{source}: {error}") from None


def catalog_path() -> Path:
    return asset_path("catalog", "techniques.json")


def read_catalog(path: Path) -> Catalog:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogError(f"cannot read the technique catalog {path}: {error.strerror}") from None
    return parse_catalog(data, str(path))


@cache
def load_catalog() -> Catalog:
    """The app's catalog, read once per run."""
    return read_catalog(catalog_path())
