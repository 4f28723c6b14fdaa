import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from selfmassage.core.report_file import Report, ReportSession
from selfmassage.core.routine import Cue, Pressure, Routine, Schedule, Step, StepSide, Tool
from selfmassage.pdf.handout import export_handout_pdf
from selfmassage.pdf.report import export_report_pdf
from tests.conftest import MakeApp

HOSTILE = "<b>hi</b><img src=x>"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext, pdftoppm)"
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def hostile_routine(steps: int = 3) -> Routine:
    step = Step(
        "calves",
        90,
        StepSide.BOTH,
        Tool.FOAM_ROLLER,
        name=f"Calf {HOSTILE}",
        instructions=f"Roll slowly {HOSTILE}",
        pressure=Pressure.MODERATE,
        cues=(Cue(45, f"Turn {HOSTILE}"),),
    )
    return Routine(
        title=HOSTILE,
        author=f"Dr {HOSTILE}",
        description=f"Notes {HOSTILE}",
        schedule=Schedule(3, 4, date(2026, 11, 2)),
        steps=(step, Step("neck", 60)) * (steps // 2) + (step,) * (steps % 2),
    )


@needs_poppler
def test_handout_prints_every_text_exactly_and_flows_over_pages(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pdf = tmp_path / "handout.pdf"
    export_handout_pdf(hostile_routine(12), pdf, {1: ("Fever: skip today.",)})
    text = pdf_text(pdf)
    for expected in (
        HOSTILE,
        f"Prescribed by Dr {HOSTILE}",
        "Schedule: 3 times a week for 4 weeks, from 2026-11-02.",
        f"Notes {HOSTILE}",
        f"1. Calf {HOSTILE}",
        f"Roll slowly {HOSTILE}",
        f"At 45 s: Turn {HOSTILE}",
        "1 min 30 s on each side",
        "12. Neck, hands",
        "Caution: Fever: skip today.",
        "guidance, not a diagnosis",
    ):
        assert expected in text, expected
    pages = text.count("\f")
    assert pages >= 2
    assert "Page 2" in text


@needs_poppler
def test_handout_draws_the_region_on_a_body_picture(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "one.pdf"
    export_handout_pdf(Routine(title="Neck", steps=(Step("neck", 60),)), pdf)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = QImage(str(tmp_path / "page.png"))
    accent = QColor("#2a9d8f")
    teal = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width() // 3, 2)
        if abs(image.pixelColor(x, y).green() - accent.green()) < 20
        and abs(image.pixelColor(x, y).red() - accent.red()) < 20
    )
    assert teal > 3, "the neck is drawn in the accent colour beside the step"


@needs_poppler
def test_report_pdf_shows_the_sums_and_the_clients_words_as_typed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    zone = timezone(timedelta(hours=1))
    sessions = tuple(
        ReportSession(
            started=datetime(2026, 11, day, 19, 0, tzinfo=zone),
            status=status,
            planned_seconds=420,
            done_seconds=360,
            steps_done=4,
            steps_skipped=1,
            feeling=4,
            soreness_before={"calves-left": 6},
            soreness_after={"calves-left": 2},
            notes=f"note {HOSTILE}",
        )
        for day, status in ((3, "completed"), (5, "stopped"), (10, "interrupted"))
    )
    report = Report(
        created=datetime(2026, 11, 27, 18, 0, tzinfo=zone),
        routine_title=HOSTILE,
        routine_author="A. Physio",
        client=f"Jo {HOSTILE}",
        period_from=date(2026, 11, 2),
        period_to=date(2026, 11, 15),
        sessions_planned=6,
        sessions=sessions,
    )
    pdf = tmp_path / "report.pdf"
    export_report_pdf(report, pdf)
    text = pdf_text(pdf)
    for expected in (
        f"Adherence report: {HOSTILE}",
        f"Client: Jo {HOSTILE}",
        "3 of 6 planned sessions done",
        "a session counts when at least half",
        "1 completed, 0 partly done, 1 stopped, 1 interrupted",
        "18 min of massage in all",
        "3 steps skipped or ended early",
        "Left calf: 6.0 → 2.0 (3 sessions)",
        f"Notes: note {HOSTILE}",
    ):
        assert expected in text, expected


@needs_poppler
def test_the_handout_of_the_app_prints_each_steps_and_the_general_cautions(
    qtbot: QtBot, tmp_path: Path, make_app: MakeApp
) -> None:
    from selfmassage.core.catalog import load_catalog

    catalog = load_catalog()
    roll = catalog.get("calves.foam-roller.roll")
    assert roll is not None and roll.boundary
    routine = Routine(
        "Calves", (Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, technique=roll.id),)
    )
    app = make_app(show=False)
    pdf = tmp_path / "handout.pdf"
    assert app.physio.export_handout(routine, pdf)
    import unicodedata

    text = " ".join(unicodedata.normalize("NFKC", pdf_text(pdf)).split())  # no ligatures
    assert "Every time you massage:" in text
    for caution in (*catalog.general_cautions, roll.boundary, *roll.cautions):
        assert " ".join(caution.split()) in text, caution
    assert f"Caution: {roll.boundary}" in text


@needs_poppler
def test_every_handout_picture_names_its_view_and_the_persons_sides(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A one-sided step relies on knowing that the front picture's right is the person's
    left: each picture says so, as the window's body map does."""
    pdf = tmp_path / "handout.pdf"
    steps = (
        Step("quads", 60, StepSide.LEFT, Tool.FOAM_ROLLER, name="Thigh roll"),
        Step("calves", 60, StepSide.BOTH, Tool.FOAM_ROLLER, name="Calf roll"),
        Step("neck", 60),
    )
    export_handout_pdf(Routine("Legs", steps), pdf)
    lines = [line.strip() for line in pdf_text(pdf).splitlines()]
    # The body picture sits at the right edge, beside the step's title and text: its
    # words end their lines.
    views = [line.split()[-1] for line in lines if line.split()[-1:] in (["Front"], ["Back"])]
    assert views == ["Front", "Back", "Front"]  # quadriceps and neck from the front
    sides = [
        " ".join(line.split()[-2:])
        for line in lines
        if line.split()[-2:] in (["Right", "Left"], ["Left", "Right"])
    ]
    # The front faces you (the person's right on the picture's left); the back does not.
    assert sides == ["Right Left", "Left Right", "Right Left"]
