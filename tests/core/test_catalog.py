"""The technique catalog: coverage, doses, cautions, well-formed ids, clear errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from selfmassage.core.anatomy import REGION_IDS, REGIONS
from selfmassage.core.catalog import (
    DOSE_MAX_SECONDS,
    DOSE_MIN_SECONDS,
    ID_PATTERN,
    Catalog,
    CatalogError,
    Position,
    catalog_path,
    load_catalog,
    parse_catalog,
    read_catalog,
)
from selfmassage.core.routine import Pressure, Tool

H, R, B, G, S = (
    Tool.HANDS,
    Tool.FOAM_ROLLER,
    Tool.MASSAGE_BALL,
    Tool.MASSAGE_GUN,
    Tool.STICK_ROLLER,
)

# The tools that are safe and sensible for each region. A tool left out is left out on
# purpose: no gun on the neck, hands or feet, near the groin or on the belly; no roller
# on the neck, the lower spine, small or bony parts; a stick only on the legs.
SENSIBLE_TOOLS: dict[str, set[Tool]] = {
    "neck": {H, B},
    "upper-traps": {H, B, G},
    "shoulders": {H, B, G},
    "chest": {H, B, G},
    "upper-back": {H, B, R},
    "lats": {H, B, R, G},
    "lower-back": {H, B, G},
    "abdomen": {H},
    "biceps": {H, G},
    "triceps": {H, R, G},
    "forearms": {H, B, G},
    "hands": {H, B},
    "glutes": {H, B, R, G},
    "hip-flexors": {H, B, R},
    "outer-thighs": {H, B, R, G, S},
    "quads": {H, R, G, S},
    "adductors": {H, R, S},
    "hamstrings": {H, B, R, G, S},
    "calves": {H, B, R, G, S},
    "shins": {H, B, R, G, S},
    "feet": {H, B},
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part]


def test_the_matrix_names_every_region() -> None:
    assert set(SENSIBLE_TOOLS) == REGION_IDS


def test_ids_are_unique_and_well_formed(catalog: Catalog) -> None:
    ids = [technique.id for technique in catalog.techniques]
    assert len(ids) == len(set(ids))
    for technique in catalog.techniques:
        assert ID_PATTERN.match(technique.id), technique.id
        region_part, tool_part, _ = technique.id.split(".")
        assert region_part == technique.regions[0]
        assert tool_part == technique.tool.value
        assert len(technique.id) <= 80


def test_every_region_id_is_known(catalog: Catalog) -> None:
    for technique in catalog.techniques:
        assert set(technique.regions) <= REGION_IDS, technique.id


def test_every_region_has_two_techniques_and_one_without_equipment_or_with_a_ball(
    catalog: Catalog,
) -> None:
    for reg in REGIONS:
        found = catalog.for_region(reg.id)
        assert len(found) >= 2, reg.id
        assert any(t.tool in (Tool.HANDS, Tool.MASSAGE_BALL) for t in found), reg.id
        assert catalog.default_for(reg.id, Tool.HANDS) is not None, reg.id


@pytest.mark.parametrize("region_id", sorted(SENSIBLE_TOOLS))
def test_each_tool_covers_exactly_the_regions_it_is_safe_and_sensible_for(
    catalog: Catalog, region_id: str
) -> None:
    assert set(catalog.tools_for(region_id)) == SENSIBLE_TOOLS[region_id]


def test_doses_follow_the_evidence(catalog: Catalog) -> None:
    for technique in catalog.techniques:
        assert technique.min_seconds >= DOSE_MIN_SECONDS, technique.id
        assert technique.min_seconds <= technique.default_seconds <= technique.max_seconds
        assert technique.max_seconds <= DOSE_MAX_SECONDS, technique.id
        # Room for about 90 s where the aim is easing soreness.
        assert technique.max_seconds >= 90, technique.id


def test_big_leg_muscles_default_to_a_soreness_dose_with_a_roller(catalog: Catalog) -> None:
    for region_id in ("calves", "quads", "hamstrings", "glutes"):
        roll = catalog.default_for(region_id, Tool.FOAM_ROLLER)
        assert roll is not None
        assert roll.default_seconds >= 90


def test_texts_are_short_and_plain(catalog: Catalog) -> None:
    for technique in catalog.techniques:
        sentences = _sentences(technique.instructions)
        assert 2 <= len(sentences) <= 4, technique.id
        for sentence in sentences:
            assert sentence[0].isupper() and sentence[-1] == ".", (technique.id, sentence)
            assert len(sentence.split()) <= 40, (technique.id, sentence)
        assert 1 <= len(technique.prompts) <= 2
        for line in (technique.start, *technique.prompts, *technique.cautions):
            assert 0 < len(line) <= 200
            assert "<" not in line and ">" not in line
        assert len(technique.name) <= 50


def test_no_massage_gun_on_the_neck_hands_feet_belly_or_groin(catalog: Catalog) -> None:
    for region_id in ("neck", "hands", "feet", "abdomen", "hip-flexors", "adductors"):
        assert catalog.for_region(region_id, Tool.MASSAGE_GUN) == []


def test_every_massage_gun_technique_warns_off_bones_and_keeps_moving(catalog: Catalog) -> None:
    guns = [t for t in catalog.techniques if t.tool is Tool.MASSAGE_GUN]
    assert len(guns) >= 10
    for technique in guns:
        text = " ".join(technique.cautions).lower()
        assert "moving" in text, technique.id
        assert technique.pressure is not Pressure.FIRM, "a gun is never pushed in"


def test_techniques_near_the_back_of_the_knee_say_to_stay_off_it(catalog: Catalog) -> None:
    for region_id in ("calves", "hamstrings"):
        for technique in catalog.for_region(region_id):
            assert "back of the knee" in " ".join(technique.cautions), technique.id


def test_calf_techniques_warn_of_clots(catalog: Catalog) -> None:
    for technique in catalog.for_region("calves"):
        assert "clot" in " ".join(technique.cautions), technique.id


def test_neck_work_is_light_and_never_on_the_front_or_sides(catalog: Catalog) -> None:
    for technique in catalog.for_region("neck"):
        assert technique.pressure is Pressure.LIGHT
        assert "front" in " ".join(technique.cautions)


def test_groin_techniques_warn_of_the_artery(catalog: Catalog) -> None:
    for region_id in ("hip-flexors", "adductors"):
        for technique in catalog.for_region(region_id):
            assert "groin" in " ".join(technique.cautions), technique.id


def test_general_cautions_follow_accepted_guidance(catalog: Catalog) -> None:
    text = " ".join(catalog.general_cautions).lower()
    for words in (
        "open wounds",
        "fracture",
        "back of the knee",
        "front or sides of the neck",
        "blood clot",
        "blood thinners",
        "pregnant",
    ):
        assert words in text, words


def test_lookups(catalog: Catalog) -> None:
    roll = catalog.get("calves.foam-roller.roll")
    assert roll is not None
    assert roll.position is Position.FLOOR
    assert catalog.get("calves.foam-roller.nothing") is None
    assert catalog.default_for("calves", Tool.FOAM_ROLLER) == roll
    assert catalog.default_for("neck", Tool.MASSAGE_GUN) is None
    assert all(t.tool is Tool.HANDS for t in catalog.for_region("calves", Tool.HANDS))
    assert catalog.for_region("no-such-region") == []
    assert load_catalog() is catalog


def test_positions_rank_standing_then_seated_then_floor() -> None:
    ranks = [p.rank for p in Position]
    assert ranks == sorted(ranks)
    assert Position.STANDING.rank < Position.SEATED.rank < Position.FLOOR.rank
    assert Position.SEATED.rank < Position.LYING_FACE_DOWN.rank


# Broken catalogs -----------------------------------------------------------------------


def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(catalog_path().read_text(encoding="utf-8"))
    return loaded


def _parse(document: dict[str, Any]) -> Catalog:
    return parse_catalog(json.dumps(document).encode(), "techniques.json")


def test_the_shipped_file_parses_the_same_as_the_loader() -> None:
    assert len(_parse(_document())) == len(load_catalog())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["techniques"][0].update(regions=["elbows"]), "unknown region 'elbows'"),
        (lambda d: d["techniques"][0].update(id="neck"), "$.techniques[0].id"),
        (lambda d: d["techniques"][0].update(id="calves.hands.knead"), "first region"),
        (lambda d: d["techniques"][0].update(id="neck.foam-roller.knead"), "tool part"),
        (lambda d: d["techniques"][0].update(min_seconds=200), "min_seconds <= default"),
        (lambda d: d["techniques"][0].update(tool="elbow"), "$.techniques[0].tool"),
        (lambda d: d["techniques"][0].update(pressure="hard"), "$.techniques[0].pressure"),
        (lambda d: d["techniques"][0].update(colour="red"), "colour"),
        (lambda d: d["techniques"][0].update(prompts=[]), "$.techniques[0].prompts"),
        (lambda d: d["techniques"].append(d["techniques"][0]), "used twice"),
        (lambda d: d.update(version=2), "version 2"),
        (lambda d: d.pop("techniques"), "techniques"),
    ],
)
def test_a_broken_catalog_is_refused_with_a_clear_message(change: Any, message: str) -> None:
    document = _document()
    change(document)
    with pytest.raises(CatalogError) as caught:
        _parse(document)
    assert message in str(caught.value)
    assert "techniques.json" in str(caught.value)


def test_not_json_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not valid JSON"):
        parse_catalog(b"{nope", "x.json")
    with pytest.raises(CatalogError, match="cannot read the technique catalog"):
        read_catalog(tmp_path / "missing.json")
