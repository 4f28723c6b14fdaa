"""The handout shows each step's position and tool beside its text."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import Side
from selfmassage.core.illustration import LIGHT
from selfmassage.core.routine import Routine, Step, StepSide, Tool
from selfmassage.pdf import handout
from selfmassage.pdf.handout import export_handout_pdf

STEPS = (
    Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, "calves.foam-roller.roll", "Calf roll"),
    Step("quads", 60, StepSide.RIGHT, Tool.STICK_ROLLER, "quads.stick-roller.roll", "Thigh"),
    Step("neck", 60, None, Tool.HANDS, None, "My own neck rub", "Rub gently."),
    Step("hamstrings", 60, StepSide.LEFT, Tool.MASSAGE_GUN, "hamstrings.massage-gun.back"),
) * 3


def test_one_picture_per_step_for_its_side(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[tuple[str, Side | None, int, QRectF]] = []
    real = handout.paint_illustration

    def spy(painter: QPainter, rect: QRectF, technique_id: str, side: Side | None) -> bool:
        page = painter.device()
        drawn.append((technique_id, side, id(page), QRectF(rect)))
        return real(painter, rect, technique_id, side)

    monkeypatch.setattr(handout, "paint_illustration", spy)
    export_handout_pdf(Routine("Twelve steps", STEPS), tmp_path / "handout.pdf")
    assert len(drawn) == len(STEPS)
    assert [entry[0] for entry in drawn[:4]] == [
        "calves.foam-roller.roll",
        "quads.stick-roller.roll",
        "neck.hands.knead",  # a step of one's own shows the catalog's hands picture
        "hamstrings.massage-gun.back",
    ]
    assert [entry[1] for entry in drawn[:4]] == [Side.LEFT, Side.RIGHT, None, Side.LEFT]
    tops = [entry[3].top() for entry in drawn]
    # Beside the text, one under the other, flowing onto new pages (tops start again).
    assert any(later < earlier for earlier, later in itertools.pairwise(tops))
    for _, _, _, rect in drawn:
        assert rect.left() == 0 and rect.width() > 0
        assert rect.width() / rect.height() == pytest.approx(4 / 3)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_every_step_on_the_page_has_its_tool_drawn_beside_it(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    steps = STEPS[:2] + STEPS[3:4]  # three steps with a tool, on one page
    export_handout_pdf(Routine("Three steps", steps), pdf)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = QImage(str(tmp_path / "page.png"))
    tool = QColor(LIGHT["tool"])

    def is_tool(x: int, y: int) -> bool:
        colour = image.pixelColor(x, y)
        return (
            abs(colour.red() - tool.red()) < 25
            and abs(colour.green() - tool.green()) < 25
            and abs(colour.blue() - tool.blue()) < 25
        )

    # Rows of the left third that show the tool's colour, grouped into separate pictures.
    rows = [
        y for y in range(image.height()) if any(is_tool(x, y) for x in range(0, image.width() // 3))
    ]
    groups = 0
    previous = -100
    for y in rows:
        if y - previous > 20:
            groups += 1
        previous = y
    assert groups == len(steps), "one picture with its tool per step, in the left column"
