"""The picture of every technique: its data, its words, its colours, and the files shipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfmassage.core.anatomy import Side
from selfmassage.core.catalog import load_catalog
from selfmassage.core.figure import LENGTHS, POSES, pose_figure, reach
from selfmassage.core.illustration import (
    DARK,
    LIGHT,
    IllustrationError,
    description,
    load_illustrations,
    mirrored,
    parse_illustrations,
    picture,
    svg_path,
    themed,
)
from selfmassage.core.illustration_svg import generate, render_svg
from selfmassage.core.tools import Tool


def test_every_technique_has_its_data_and_its_picture() -> None:
    specs = load_illustrations()
    catalog = load_catalog()
    assert len(catalog) >= 69
    for technique in catalog.techniques:
        assert technique.id in specs, technique.id
        assert svg_path(technique.id).is_file(), technique.id
    assert set(specs) == {technique.id for technique in catalog.techniques}, "data for no technique"


def test_the_shipped_pictures_are_what_the_script_draws_now(tmp_path: Path) -> None:
    """Run scripts/make_illustrations.py after changing the poses or the data."""
    catalog = load_catalog()
    written = generate(catalog.techniques, tmp_path)
    assert len(written) == len(catalog)
    stale = [
        path.name
        for path in written
        if path.read_text("utf-8") != svg_path(path.stem).read_text("utf-8")
    ]
    assert stale == [], f"out of date, run scripts/make_illustrations.py: {stale[:5]}"
    shipped = {path.stem for path in svg_path("x").parent.glob("*.svg")}
    assert shipped == {technique.id for technique in catalog.techniques}, "a picture of nothing"


def test_each_picture_shows_the_worked_muscle_and_the_tool_in_their_colours() -> None:
    for technique in load_catalog().techniques:
        svg = picture(technique.id)
        assert svg is not None
        assert LIGHT["muscle"] in svg, technique.id
        if technique.tool is not Tool.HANDS:
            assert LIGHT["tool"] in svg, technique.id
        view = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"', svg)
        assert view is not None
        width, height = float(view.group(3)), float(view.group(4))
        # A person fills the frame: no picture is mostly empty room.
        assert 60 < width < 400 and abs(width / height - 4 / 3) < 0.01, technique.id


def test_the_dark_picture_swaps_every_colour() -> None:
    svg = picture("quads.foam-roller.roll")
    dark = picture("quads.foam-roller.roll", dark=True)
    assert svg is not None and dark is not None
    assert dark != svg
    for role, colour in LIGHT.items():
        if DARK[role] != colour:
            assert colour not in dark, role
    assert DARK["paper"] in dark and DARK["body"] in dark
    assert themed(svg, dark=False) == svg


def test_the_words_say_the_position_the_tool_and_the_side() -> None:
    quads = load_catalog().get("quads.foam-roller.roll")
    assert quads is not None
    left = description(quads, Side.LEFT)
    assert left == (
        "Lying face down on the forearms, the other leg bent out to the side, "
        "a foam roller under the front of the left thigh."
    )
    assert description(quads, Side.RIGHT) == left.replace("left", "right")
    assert description(quads, None) == left
    hands = load_catalog().get("upper-traps.hands.squeeze")
    assert hands is not None
    assert "the left hand" in description(hands, Side.RIGHT)
    assert "top of the right shoulder" in description(hands, Side.RIGHT)
    for technique in load_catalog().techniques:
        words = description(technique, Side.LEFT)
        assert "{" not in words and words.endswith("."), technique.id


def test_the_right_side_is_the_left_mirrored() -> None:
    assert mirrored(Side.RIGHT)
    assert not mirrored(Side.LEFT)
    assert not mirrored(None)


def test_a_broken_data_file_is_named_not_a_traceback() -> None:
    with pytest.raises(IllustrationError, match="unknown pose 'handstand'"):
        parse_illustrations(
            b'{"version": 1, "techniques": {"x.hands.y": {"pose": "handstand",'
            b' "muscle": {"segment": "thigh", "span": [0, 1], "face": "front"},'
            b' "position": "Upside down", "place": "on the thigh"}}}'
        )
    with pytest.raises(IllustrationError, match="version 2"):
        parse_illustrations(b'{"version": 2, "techniques": {}}')
    with pytest.raises(IllustrationError, match="illustrations"):
        parse_illustrations(b"{not json")


def test_an_arm_reaches_the_point_it_is_sent_to() -> None:
    shoulder = 0j
    target = complex(30, -25)
    elbow, wrist, tip = reach(shoulder, target)
    assert abs(elbow - shoulder) == pytest.approx(LENGTHS["upper_arm"])
    assert abs(wrist - elbow) == pytest.approx(LENGTHS["forearm"])
    palm = wrist + (tip - wrist) / 2
    assert abs(palm - target) < 0.5
    other_elbow, _, _ = reach(shoulder, target, bend=-1)
    assert abs(other_elbow - elbow) > 5


def test_limbs_keep_their_lengths_in_every_pose() -> None:
    for name, pose in POSES.items():
        figure = pose_figure(pose)
        for segment in figure.segments.values():
            length = LENGTHS[segment.kind] * pose.scale.get(segment.name, 1.0)
            assert abs(segment.b - segment.a) == pytest.approx(length), (name, segment.name)


def test_lying_face_down_the_nose_points_at_the_floor() -> None:
    spec = load_illustrations()["quads.foam-roller.roll"]
    figure = pose_figure(POSES[spec.pose].adjusted(spec.joints))
    assert figure.head_direction.real > 0.7  # the head is ahead of the body...
    # ...and the face (the nose, a quarter turn clockwise from the head's direction) is down.
    assert (figure.head_direction * -1j).imag < -0.7
    svg = render_svg(spec, Tool.FOAM_ROLLER)
    assert svg.count("<circle") >= 3  # head, nose and the roller's end


def test_the_gaps_round_the_limbs_take_the_pages_colour() -> None:
    svg = picture("calves.foam-roller.roll", paper="#EFEFEF")
    assert svg is not None
    assert "#efefef" in svg and LIGHT["paper"] not in svg
    dark = picture("calves.foam-roller.roll", dark=True, paper="#30343a")
    assert dark is not None and "#30343a" in dark and DARK["paper"] not in dark
    assert picture("calves.foam-roller.roll", paper="red") == picture("calves.foam-roller.roll")
