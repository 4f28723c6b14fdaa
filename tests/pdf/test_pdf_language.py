"""The handout and the adherence report are in the routine's language, whatever the app's."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.core.language import app_language
from selfmassage.core.report_file import Report, ReportSession
from selfmassage.core.routine import Cue, Pressure, Routine, Schedule, Step, StepSide, Tool
from selfmassage.pdf.handout import export_handout_pdf
from selfmassage.pdf.report import export_report_pdf
from tests.small_catalogue import catalogue

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

GERMAN = {
    "SelfMassage handout · {title}": "SelfMassage-Handout · {title}",
    "Prescribed by {author}": "Verordnet von {author}",
    "Schedule: {schedule}": "Plan: {schedule}",
    "Page {n}": "Seite {n}",
    "{time} on each side (left, then right)": "{time} pro Seite (erst links, dann rechts)",
    "moderate pressure": "mittlerer Druck",
    "At {seconds} s: {words}": "Nach {seconds} s: {words}",
    "Adherence report: {title}": "Bericht zur Umsetzung: {title}",
    "Period: {first} to {last} · made {made}": "Zeitraum: {first} bis {last} · erstellt {made}",
    ("{n} session", "{n} sessions"): ("{n} Sitzung", "{n} Sitzungen"),
}


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


def routine(language: str | None) -> Routine:
    step = Step(
        "calves",
        90,
        StepSide.BOTH,
        Tool.FOAM_ROLLER,
        name="Waden rollen",
        pressure=Pressure.MODERATE,
        cues=(Cue(45, "Langsam"),),
    )
    return Routine(
        title="Waden",
        author="Dr. Weber",
        schedule=Schedule(3, 4, date(2026, 11, 2)),
        steps=(step,),
        language=language,
    )


def test_a_german_routines_handout_is_in_german_on_an_english_desktop(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert app_language() == "en"
    pdf = tmp_path / "handout.pdf"
    with catalogue(monkeypatch, tmp_path / "locale", "de", GERMAN):
        export_handout_pdf(routine("de"), pdf)
        text = pdf_text(pdf)
        for german in (
            "Verordnet von Dr. Weber",
            "Plan: ",
            "pro Seite (erst links, dann rechts)",
            "mittlerer Druck",
            "Nach 45 s: Langsam",
            "Seite 1",
        ):
            assert german in text, german
        assert "Prescribed by" not in text and "Page 1" not in text
        # The same routine without a language, or in one the app lacks: the app's own.
        for other in (None, "nl"):
            export_handout_pdf(routine(other), pdf)
            english = pdf_text(pdf)
            assert "Prescribed by Dr. Weber" in english and "Page 1" in english, other
    # The language ends with the handout: the app goes on in English.
    assert app_language() == "en"


def test_the_report_is_in_the_routines_language_with_its_dates(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zone = timezone(timedelta(hours=1))
    report = Report(
        created=datetime(2026, 11, 27, 18, 0, tzinfo=zone),
        routine_title="Waden",
        period_from=date(2026, 11, 2),
        period_to=date(2026, 11, 15),
        sessions=(
            ReportSession(
                started=datetime(2026, 11, 3, 19, 0, tzinfo=zone),
                status="completed",
                planned_seconds=420,
                done_seconds=360,
                steps_done=4,
                steps_skipped=0,
                soreness_before={"calves-left": 6},
                soreness_after={"calves-left": 3},
            ),
        ),
    )
    pdf = tmp_path / "report.pdf"
    with catalogue(monkeypatch, tmp_path / "locale", "de", GERMAN):
        export_report_pdf(report, pdf, "de")
        text = pdf_text(pdf)
        assert "Bericht zur Umsetzung: Waden" in text
        assert "Zeitraum: 02.11.2026 bis 15.11.2026 · erstellt 27.11.2026, 18:00" in text
        assert "6,0 → 3,0 (1 Sitzung)" in text  # German decimals
        assert "Di., 3. Nov. 2026, 19:00" in text
        export_report_pdf(report, pdf)
        text = pdf_text(pdf)
        assert "Adherence report: Waden" in text
        assert "Period: Nov 2, 2026 to Nov 15, 2026" in text
        assert "6.0 → 3.0 (1 session)" in text


def test_no_text_of_the_pdfs_own_is_left_in_english(qtbot: QtBot, tmp_path: Path) -> None:
    """In the pseudo-language every text the PDFs write themselves comes out bracketed:
    none of their English is left (the routine's own words are its author's)."""
    from selfmassage.core.language import PSEUDO

    handout = tmp_path / "handout.pdf"
    export_handout_pdf(routine(PSEUDO), handout, {0: ("Not over varicose veins.",)}, ["Stop."])
    text = pdf_text(handout)
    for english in (
        "Prescribed by",
        "Schedule:",
        "Safety:",
        "Every time you massage",
        "Caution:",
        "At 45 s",
        "on each side",
        "moderate pressure",
        "SelfMassage handout",
        "Page 1",
    ):
        assert english not in text, english
    report = Report(
        created=datetime(2026, 11, 27, 18, 0, tzinfo=UTC),
        routine_title="Waden",
        routine_author="Dr. Weber",
        client="Jo",
        period_from=date(2026, 11, 2),
        period_to=date(2026, 11, 15),
        sessions=(
            ReportSession(
                started=datetime(2026, 11, 3, 19, 0, tzinfo=UTC),
                status="completed",
                planned_seconds=420,
                done_seconds=360,
                steps_done=4,
                steps_skipped=1,
                feeling=4,
                soreness_before={"calves-left": 6},
                soreness_after={"calves-left": 3},
                notes="gut",
            ),
        ),
    )
    pdf = tmp_path / "report.pdf"
    export_report_pdf(report, pdf, PSEUDO)
    text = pdf_text(pdf)
    for english in (
        "Adherence report",
        "Routine by",
        "Client:",
        "Period:",
        "Minutes per week",
        "Soreness before and after",
        "Sessions",
        "steps done",
        "feeling 4/5",
        "Notes:",
        "Page 1",
    ):
        assert english not in text, english
