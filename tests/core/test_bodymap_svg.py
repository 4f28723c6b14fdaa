import itertools
import math
import xml.etree.ElementTree as ET

import pytest

from selfmassage.core.anatomy import ALL_REGION_SIDES, REGIONS, RegionSide, Side, View
from selfmassage.core.assets import asset_path
from selfmassage.core.bodymap import (
    BADGE_GRID,
    BodyMap,
    BodyMapError,
    Shape,
    badge_point,
    distance_to_outline,
    gap_between,
    interior_point,
)
from selfmassage.core.bodymap_cache import load_body_map
from selfmassage.core.bodymap_svg import (
    DIGITS,
    INKSCAPE_NS,
    parse_body_map,
    parse_path_data,
    parse_transform,
    problems_with,
)

MIN_GAP = 1.5
"""Neighbouring shapes keep at least this much of the figure between them (viewBox units)."""


@pytest.fixture(scope="module", params=list(View), ids=lambda view: view.value)
def body_map(request: pytest.FixtureRequest) -> BodyMap:
    return load_body_map(request.param)


def _svg(
    regions: str = "", silhouette: str = '<rect x="0" y="0" width="100" height="100"/>'
) -> str:
    return f"""<svg xmlns="http://www.w3.org/2000/svg"
        xmlns:inkscape="{INKSCAPE_NS}" viewBox="0 0 100 100">
      <g inkscape:groupmode="layer" inkscape:label="Silhouette">{silhouette}</g>
      <g inkscape:groupmode="layer" inkscape:label="Regions">{regions}</g>
    </svg>"""


# The drawings -------------------------------------------------------------------------


def test_every_place_is_drawn_on_the_views_anatomy_names(body_map: BodyMap) -> None:
    assert problems_with(body_map) == []
    expected = {rs.key for rs in ALL_REGION_SIDES if body_map.view in rs.region.views}
    assert set(body_map.shapes) == expected


def test_every_place_is_on_some_view() -> None:
    drawn = set(load_body_map(View.FRONT).shapes) | set(load_body_map(View.BACK).shapes)
    assert drawn == {rs.key for rs in ALL_REGION_SIDES}
    assert len(REGIONS) == 21


def test_the_files_are_inkscape_layers_of_plain_shapes() -> None:
    for view in View:
        root = ET.parse(asset_path("bodymap", f"{view.value}.svg")).getroot()
        layers = [g for g in root if g.get(f"{{{INKSCAPE_NS}}}groupmode") == "layer"]
        assert [g.get(f"{{{INKSCAPE_NS}}}label") for g in layers] == ["Silhouette", "Regions"]
        for element in layers[1]:
            assert element.tag.endswith(("path", "ellipse", "polygon"))
            assert element.get("id")


def test_shapes_do_not_overlap_and_leave_gaps(body_map: BodyMap) -> None:
    for first, second in itertools.combinations(body_map.shapes.values(), 2):
        gap = gap_between(first, second)
        assert gap >= MIN_GAP, f"{first.id} and {second.id} are {gap:.2f} apart"


def test_shapes_sit_on_the_figure(body_map: BodyMap) -> None:
    for shape in body_map.shapes.values():
        for polygon in shape.subpaths:
            for point in polygon:
                assert body_map.on_body(point), f"{shape.id} leaves the figure at {point}"


def test_interior_points_are_well_inside_their_own_shape_only(body_map: BodyMap) -> None:
    for key, shape in body_map.shapes.items():
        point = interior_point(shape)
        assert shape.contains(point)
        assert distance_to_outline(point, shape.subpaths) >= 2.5
        assert body_map.shape_at(point) == key


def _interior_point_by_hand(shape: Shape, grid: int) -> tuple[float, float]:
    """interior_point as first written: every candidate measured to every edge."""
    left, top, right, bottom = shape.bounds
    step_x, step_y = (right - left) / grid, (bottom - top) / grid
    candidates = [
        (left + step_x * i, top + step_y * j) for i in range(1, grid) for j in range(1, grid)
    ]
    best, best_distance = None, -1.0
    for _ in range(3):
        for point in candidates:
            if shape.contains(point):
                distance = distance_to_outline(point, shape.subpaths)
                if distance > best_distance:
                    best, best_distance = point, distance
        assert best is not None
        step_x, step_y = step_x / 2, step_y / 2
        candidates = [
            (best[0] + step_x * i, best[1] + step_y * j) for i in range(-2, 3) for j in range(-2, 3)
        ]
    assert best is not None
    return best


def test_badge_points_are_the_interior_points_of_a_plain_search_exactly(
    body_map: BodyMap,
) -> None:
    # interior_point stops measuring a candidate once it cannot win: the same point.
    for key, shape in body_map.shapes.items():
        assert badge_point(shape) == _interior_point_by_hand(shape, BADGE_GRID), key
        assert body_map.badge_point(key) == badge_point(shape), key


def test_outline_points_keep_three_decimals(body_map: BodyMap) -> None:
    shapes = [*body_map.silhouette, *body_map.shapes.values()]
    numbers = [n for shape in shapes for polygon in shape.subpaths for p in polygon for n in p]
    assert len(numbers) > 5000
    assert all(round(n, DIGITS) == n for n in numbers)
    assert DIGITS == 3
    assert any(round(n, 2) != n for n in numbers)  # curves were flattened finer than that


def test_left_and_right_are_the_persons_own(body_map: BodyMap) -> None:
    # Front view: the person faces us, so their left is on our right. Back view: as us.
    for rs in ALL_REGION_SIDES:
        if rs.side != Side.LEFT or rs.key not in body_map.shapes:
            continue
        right = RegionSide(rs.region_id, Side.RIGHT)
        left_x = interior_point(body_map.shapes[rs.key])[0]
        right_x = interior_point(body_map.shapes[right.key])[0]
        if body_map.view == View.FRONT:
            assert left_x > right_x, rs.key
        else:
            assert left_x < right_x, rs.key


def test_the_figure_is_symmetric(body_map: BodyMap) -> None:
    x, _y, width, _h = body_map.view_box
    middle = x + width / 2
    for rs in ALL_REGION_SIDES:
        if rs.side != Side.LEFT or rs.key not in body_map.shapes:
            continue
        left = body_map.shapes[rs.key].bounds
        right = body_map.shapes[RegionSide(rs.region_id, Side.RIGHT).key].bounds
        assert left[0] - middle == pytest.approx(middle - right[2], abs=0.5)
        assert left[1] == pytest.approx(right[1], abs=0.5)


def test_gaps_and_outside_hold_no_region(body_map: BodyMap) -> None:
    x, y, width, height = body_map.view_box
    middle = x + width / 2
    assert body_map.shape_at((x + 1, y + 1)) is None
    assert not body_map.on_body((x + 1, y + 1))
    # Between the ankles: outside the figure, on its middle line.
    assert body_map.shape_at((middle, y + height - 40)) is None
    assert not body_map.on_body((middle, y + height - 40))


# Reading ------------------------------------------------------------------------------


def test_shapes_of_every_kind_are_read() -> None:
    body = parse_body_map(
        _svg(
            '<path id="neck" d="M10,10 H20 V20 H10 Z"/>'
            '<polygon id="hands-left" points="30,30 40,30 40,40"/>'
            '<ellipse id="hands-right" cx="70" cy="70" rx="5" ry="3"/>'
            '<g transform="translate(0,50)"><circle id="feet-left" cx="10" cy="10" r="4"/></g>'
        ),
        View.FRONT,
    )
    assert set(body.shapes) == {"neck", "hands-left", "hands-right", "feet-left"}
    assert body.shape_at((15, 15)) == "neck"
    assert body.shape_at((70, 72)) == "hands-right"
    assert body.shape_at((10, 60)) == "feet-left"
    assert body.shape_at((5, 15)) is None
    assert body.view_box == (0, 0, 100, 100)
    assert body.on_body((50, 50))


def test_problems_name_unknown_and_misplaced_ids() -> None:
    body = parse_body_map(
        _svg(
            '<path id="tail" d="M0,0 L5,0 L5,5 Z"/><path id="calves-left" d="M9,9 L15,9 L15,15Z"/>'
        ),
        View.FRONT,
    )
    problems = problems_with(body)
    assert "unknown region id tail" in problems
    assert "calves-left is not shown on the front view" in problems
    assert "missing shape neck" in problems


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<svg", "not a readable SVG"),
        ("<html/>", "not <svg>"),
        ('<svg xmlns="http://www.w3.org/2000/svg"/>', "no viewBox"),
        (_svg().replace('viewBox="0 0 100 100"', 'viewBox="0 0 x 1"'), "not four numbers"),
        (_svg().replace('inkscape:label="Regions"', 'inkscape:label="Other"'), "Regions"),
        (_svg('<path d="M0,0 L1,0 L1,1 Z"/>'), "needs an id"),
        (
            _svg('<path id="neck" d="M0,0 L1,0 L1,1 Z"/><path id="neck" d="M5,5 L6,5 L6,6Z"/>'),
            "twice",
        ),
        (_svg('<path id="neck" d="M0,0 L1,zero"/>'), "cannot read"),
        (_svg('<path id="neck" d="M0,0 C1,1"/>'), "needs 6 numbers"),
        (_svg('<path id="neck" d="10,10"/>'), "must start with a command"),
        (_svg('<path id="neck" d=""/>'), "empty"),
        (_svg('<ellipse id="neck" cx="1" cy="1"/>'), "rx attribute is missing"),
        (_svg('<path id="neck" transform="shear(3)" d="M0,0 L1,0 L1,1Z"/>'), "transform"),
    ],
)
def test_a_broken_drawing_fails_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(BodyMapError, match=message):
        parse_body_map(text, View.FRONT, "front.svg")


def test_path_commands_relative_and_absolute() -> None:
    [square] = parse_path_data("m 10 10 h 10 v 10 h -10 z")
    assert square == [(10, 10), (20, 10), (20, 20), (10, 20)]
    [implicit] = parse_path_data("M0 0 10 0 10 10")  # pairs after M are lines
    assert implicit == [(0, 0), (10, 0), (10, 10)]
    [curve] = parse_path_data("M0,0 C0,10 10,10 10,0 S20,-10 20,0")
    assert curve[0] == (0, 0) and curve[-1] == pytest.approx((20, 0))
    middle = curve[len(curve) // 4]
    assert middle[1] > 5  # bulged down like the control points say
    assert min(y for _x, y in curve) < -5  # the smooth half mirrors its control point
    [quad] = parse_path_data("M0,0 Q5,10 10,0 T20,0")
    assert quad[-1] == pytest.approx((20, 0))
    two = parse_path_data("M0,0 L1,0 L1,1 Z M5,5 l1,0 l0,1 z")
    assert len(two) == 2 and two[1][0] == (5, 5)


def test_arcs_are_flattened_on_the_circle() -> None:
    [arc] = parse_path_data("M0,10 A10,10 0 0 1 20,10")
    assert arc[-1] == pytest.approx((20, 10))
    for x, y in arc[1:]:
        assert math.hypot(x - 10, y - 10) == pytest.approx(10, abs=1e-6)
    assert min(y for _x, y in arc) == pytest.approx(0, abs=0.1)  # sweep 1 goes up (y down)


def test_transforms_compose_like_svg() -> None:
    def apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
        return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])

    assert apply(parse_transform("translate(10,5) scale(2)"), 1, 1) == (12, 7)
    assert apply(parse_transform("rotate(90 10 10)"), 20, 10) == pytest.approx((10, 20))
    assert apply(parse_transform("matrix(1 0 0 1 3 4)"), 0, 0) == (3, 4)
    assert parse_transform("") == (1, 0, 0, 1, 0, 0)
    with pytest.raises(ValueError, match="transform"):
        parse_transform("translate(1,2) nonsense")


# Avoid marks as the settings keep them ---------------------------------------------------


def test_avoid_marks_round_trip_through_their_keys() -> None:
    from selfmassage.core.selection import Selection, places_from_keys

    marks = Selection(avoided=frozenset(RegionSide.parse(k) for k in ("feet-left", "neck")))
    assert marks.avoided_keys == ["neck", "feet-left"]  # body order, head to foot
    places, unknown = places_from_keys([*marks.avoided_keys, "tail", "neck-left", "calves"])
    assert places == marks.avoided
    assert unknown == ["tail", "neck-left", "calves"]
