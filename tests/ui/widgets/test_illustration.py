"""The pictures as Qt draws them: every one renders, the right side is the left mirrored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from pytestqt.qtbot import QtBot

import selfmassage.ui.widgets.illustration as illustration_module
from selfmassage.core.anatomy import Side
from selfmassage.core.catalog import load_catalog
from selfmassage.core.illustration import DARK, LIGHT
from selfmassage.core.routine import Step, StepSide, Tool
from selfmassage.pdf.illustration import paint_illustration
from selfmassage.ui.theme import dark_palette
from selfmassage.ui.widgets.illustration import IllustrationView

CATALOG = load_catalog()


def _image(technique_id: str, side: Side | None, dark: bool = False) -> QImage:
    image = QImage(160, 120, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    assert paint_illustration(painter, QRectF(0, 0, 160, 120), technique_id, side, dark)
    painter.end()
    return image


def _colours(image: QImage, palette: dict[str, str] = LIGHT) -> dict[str, int]:
    """How many pixels are exactly each palette colour (anti-aliased edges aside)."""
    wanted = {QColor(colour).rgb(): role for role, colour in palette.items()}
    counts: dict[str, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            role = wanted.get(image.pixel(x, y))
            if role is not None:
                counts[role] = counts.get(role, 0) + 1
    return counts


@pytest.mark.parametrize("technique", CATALOG.techniques, ids=lambda t: t.id)
def test_every_picture_renders_at_160_pixels_with_muscle_and_tool(
    qapp: object, technique: object
) -> None:
    from selfmassage.core.catalog import Technique

    assert isinstance(technique, Technique)
    counts = _colours(_image(technique.id, Side.LEFT))
    assert counts.get("body", 0) > 300, "hardly any person"
    assert counts.get("muscle", 0) > 8, "the worked muscle does not show"
    if technique.tool is not Tool.HANDS:
        assert counts.get("tool", 0) > 8, "the tool does not show"


def test_the_right_side_is_the_left_mirrored(qapp: object) -> None:
    left = _image("quads.foam-roller.roll", Side.LEFT)
    right = _image("quads.foam-roller.roll", Side.RIGHT)
    flipped = left.flipped(Qt.Orientation.Horizontal)
    # Equal but for anti-aliased edges, which fall a little differently when flipped.
    assert _differing(right, flipped) < 0.02
    assert _differing(right, left) > 0.05
    assert _image("neck.hands.knead", None) == _image("neck.hands.knead", Side.LEFT)


def _differing(first: QImage, second: QImage) -> float:
    """The share of pixels whose colours differ by more than a little."""
    differ = 0
    for y in range(first.height()):
        for x in range(first.width()):
            a, b = QColor(first.pixel(x, y)), QColor(second.pixel(x, y))
            channels = (a.red(), a.green(), a.blue(), a.alpha())
            others = (b.red(), b.green(), b.blue(), b.alpha())
            if max(abs(p - q) for p, q in zip(channels, others, strict=True)) > 40:
                differ += 1
    return differ / (first.width() * first.height())


def test_the_dark_picture_is_drawn_in_the_dark_colours(qapp: object) -> None:
    light_image = _image("calves.foam-roller.roll", Side.LEFT)
    dark_image = _image("calves.foam-roller.roll", Side.LEFT, dark=True)
    assert light_image != dark_image
    light = _colours(light_image)
    in_dark = _colours(dark_image, DARK)
    assert light.get("body", 0) > 300 and in_dark.get("body", 0) > 300
    assert in_dark.get("muscle", 0) > 8 and in_dark.get("tool", 0) > 8
    assert _colours(dark_image).get("body", 0) == 0, "a light body colour in the dark picture"


def test_a_missing_picture_draws_nothing(qapp: object) -> None:
    image = QImage(40, 30, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    assert not paint_illustration(painter, QRectF(0, 0, 40, 30), "no.such.thing", None)
    painter.end()


def test_the_view_shows_a_steps_picture_for_its_side_with_its_words(qtbot: QtBot) -> None:
    view = IllustrationView()
    qtbot.addWidget(view)
    step = Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, "calves.foam-roller.roll")
    view.show_step(step)
    view.show()
    qtbot.waitExposed(view)
    assert view.isVisible()
    assert view.technique is not None and view.technique.id == "calves.foam-roller.roll"
    assert view.side is Side.LEFT, "a both-sides step shows its first side"
    assert "under the left calf" in view.description
    assert view.accessibleDescription() == view.description == view.toolTip()
    view.show_step(step, Side.RIGHT)
    assert "under the right calf" in view.description
    assert view.side is Side.RIGHT
    shot = view.picture.grab().toImage()
    assert _colours(shot).get("muscle", 0) > 8

    view.show_step(None)
    assert not view.isVisible()
    assert view.description == ""


def test_a_step_written_by_hand_shows_the_catalogs_picture_for_its_tool(qtbot: QtBot) -> None:
    view = IllustrationView()
    qtbot.addWidget(view)
    view.show_step(Step("quads", 60, StepSide.LEFT, Tool.STICK_ROLLER, None, "My own"))
    assert view.technique is not None
    assert view.technique.region == "quads" and view.technique.tool is Tool.STICK_ROLLER
    view.show_step(Step("neck", 60, None, Tool.MASSAGE_GUN))  # no gun on the neck
    assert view.technique is None and view.isHidden()


def test_the_view_follows_the_theme(qtbot: QtBot) -> None:
    view = IllustrationView(caption=True)
    qtbot.addWidget(view)
    view.show_technique(CATALOG.get("quads.foam-roller.roll"), Side.LEFT)
    view.resize(320, 300)
    view.show()
    qtbot.waitExposed(view)
    assert view.caption.isVisible()
    assert view.caption.textFormat() is Qt.TextFormat.PlainText
    assert "foam roller" in view.caption.text()
    light_image = view.picture.grab().toImage()
    assert _colours(light_image).get("body", 0) > 300
    window = view.palette().color(QPalette.ColorRole.Window)
    if window != QColor("#ffffff"):
        # The gaps round the limbs are the page's colour, not white rings.
        assert _colours(light_image).get("paper", 0) == 0
    view.setPalette(dark_palette())
    assert view.palette().color(QPalette.ColorRole.Window).lightness() < 128
    image = view.picture.grab().toImage()
    assert _colours(image, DARK).get("body", 0) > 300
    assert _colours(image).get("body", 0) == 0, "still drawn in the light colours"


def test_the_view_lets_its_oldest_picture_go_before_it_draws_one_more(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = IllustrationView()
    qtbot.addWidget(view)
    view.resize(480, 400)
    view.show_step(Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, "calves.foam-roller.roll"))
    view.show()
    qtbot.waitExposed(view)
    kept_while_drawing: list[int] = []

    def counting(*args: object, **kwargs: object) -> bool:
        kept_while_drawing.append(len(view._pixmaps))
        return paint_illustration(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(illustration_module, "paint_illustration", counting)
    steps = [
        Step(region, 60, StepSide.LEFT, tool, technique)
        for region, tool, technique in (
            ("neck", Tool.HANDS, "neck.hands.knead"),
            ("upper-back", Tool.FOAM_ROLLER, "upper-back.foam-roller.roll"),
            ("shoulders", Tool.HANDS, "shoulders.hands.knead"),
            ("lats", Tool.FOAM_ROLLER, "lats.foam-roller.side"),
        )
    ]
    for step in steps:
        assert view.prepare(step)
    # Each a window-sized picture: at most _KEPT at any time, the one being drawn too.
    assert len(kept_while_drawing) == len(steps)
    assert max(kept_while_drawing) == illustration_module._KEPT - 1
    assert all(view.is_prepared(step) for step in steps[-illustration_module._KEPT :])
    assert not view.is_prepared(steps[0])
