"""The catalog's content rules (docs/catalog.md, "Content rules"): spoken boundaries near
danger areas, pressure limits, prompts that point the right way, no claims it cannot keep."""

from __future__ import annotations

import re

import pytest

from selfmassage.core.builder import BuildRequest, Built, build_routine
from selfmassage.core.catalog import Catalog, load_catalog
from selfmassage.core.routine import Pressure, Tool
from selfmassage.core.routine_options import Intensity
from selfmassage.core.selection import Selection

# Region -> the danger area its techniques work near, and the words a boundary uses.
DANGER_AREAS: dict[str, tuple[str, ...]] = {
    "neck": ("front", "side"),
    "upper-traps": ("neck",),
    "chest": ("armpit",),
    "lats": ("armpit",),
    "triceps": ("armpit",),
    "biceps": ("elbow crease",),
    "forearms": ("elbow crease",),
    "lower-back": ("kidneys",),
    "glutes": ("tingling",),
    "hip-flexors": ("groin",),
    "adductors": ("groin",),
    "hamstrings": ("back of the knee", "tingling"),
    "calves": ("back of the knee", "heel cord"),
}

# Regions beside big vessels, nerves or the kidneys: deep intensity never makes them firm.
NEVER_FIRM = ("neck", "hip-flexors", "adductors", "lower-back", "calves", "chest")

BANNED = re.compile(r"\b(flush\w*|fascia\w*|toxin\w*|detox\w*|lactic)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _spoken_and_shown(technique: object) -> str:
    fields = ("name", "instructions", "start", "prompts", "boundary", "cautions")
    parts: list[str] = []
    for name in fields:
        value = getattr(technique, name)
        parts.extend(value if isinstance(value, tuple) else [value or ""])
    return " ".join(parts)


def test_every_technique_near_a_danger_area_has_a_spoken_boundary(catalog: Catalog) -> None:
    for region_id, words in DANGER_AREAS.items():
        for technique in catalog.for_region(region_id):
            assert technique.boundary, technique.id
            for word in words:
                assert word in technique.boundary, (technique.id, word)
    assert catalog.get("shoulders.massage-gun.deltoid").boundary  # type: ignore[union-attr]
    assert catalog.get("quads.massage-gun.front").boundary  # type: ignore[union-attr]


def test_boundaries_are_one_short_sentence(catalog: Catalog) -> None:
    for technique in catalog.techniques:
        if technique.boundary:
            assert len(technique.boundary.split()) <= 16, technique.id
            assert technique.boundary.endswith("."), technique.id


def test_deep_never_makes_the_places_beside_vessels_and_nerves_firm(catalog: Catalog) -> None:
    for region_id in NEVER_FIRM:
        for technique in catalog.for_region(region_id):
            assert technique.max_pressure is not Pressure.FIRM, technique.id
    glute_ball = catalog.get("glutes.massage-ball.floor")
    assert glute_ball is not None
    assert glute_ball.pressure is Pressure.MODERATE is glute_ball.max_pressure
    for technique in catalog.techniques:
        assert list(Pressure).index(technique.pressure) <= list(Pressure).index(
            technique.max_pressure
        )


@pytest.mark.parametrize("region_id", NEVER_FIRM)
def test_a_deep_routine_keeps_within_each_techniques_limit(region_id: str) -> None:
    catalog = load_catalog()
    for tool in Tool:
        request = BuildRequest(
            Selection.of([p for p in _places(region_id)]),
            frozenset({tool}),
            None,
            Intensity.DEEP,
        )
        result = build_routine(request, catalog)
        assert isinstance(result, Built)
        for step in result.routine.steps:
            technique = catalog.get(step.technique or "")
            assert technique is not None and step.pressure is not None
            assert step.pressure is not Pressure.FIRM
            order = list(Pressure)
            assert order.index(step.pressure) <= order.index(technique.max_pressure)


def _places(region_id: str):  # type: ignore[no-untyped-def]
    from selfmassage.core.anatomy import region, region_sides

    return region_sides(region(region_id))


def test_prompts_point_the_right_way(catalog: Catalog) -> None:
    for technique in catalog.techniques:
        for prompt in technique.prompts:
            # Toward the knee on the back of the thigh leads into the back of the knee.
            if technique.regions[0] == "hamstrings":
                assert "closer to the knee" not in prompt, technique.id
            # The sides of the neck are out of bounds.
            assert "other side of your neck" not in prompt, technique.id


def test_no_claims_to_flush_fluid_or_release_fascia(catalog: Catalog) -> None:
    for technique in catalog.techniques:
        found = BANNED.search(_spoken_and_shown(technique))
        assert found is None, (technique.id, found)
    for caution in catalog.general_cautions:
        assert BANNED.search(caution) is None


def test_the_review_cautions_are_there(catalog: Catalog) -> None:
    def cautions(technique_id: str) -> str:
        technique = catalog.get(technique_id)
        assert technique is not None
        return " ".join(technique.cautions)

    assert "kidneys" in cautions("lower-back.massage-gun.beside-spine")
    for technique_id in ("chest.massage-ball.wall", "chest.hands.circles"):
        assert "pacemaker" in cautions(technique_id) and "tingling" in cautions(technique_id)
    assert "hand's width before the armpit" in cautions("triceps.foam-roller.side")
    assert "heel cord" in cautions("calves.massage-gun.calf")
    assert "hot, swollen joints alone" in cautions("hands.hands.thumb-circles")
    assert "fresh deep bruise" in " ".join(catalog.general_cautions)


def test_every_region_keeps_a_hands_technique_not_done_face_down(catalog: Catalog) -> None:
    from selfmassage.core.anatomy import REGIONS
    from selfmassage.core.catalog import Position

    for reg in REGIONS:
        assert any(
            t.tool is Tool.HANDS and t.position is not Position.LYING_FACE_DOWN
            for t in catalog.for_region(reg.id)
        ), reg.id
