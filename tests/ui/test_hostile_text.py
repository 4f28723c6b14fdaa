"""Text from files is shown exactly as typed, never as markup: in the library, the
preview, the player, the client report page, the dialogs and the PDFs."""

import html
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.report_file import write_report
from selfmassage.core.routine import Cue, Routine, Schedule, Step, StepSide, Tool
from selfmassage.core.routine_file import write_routine
from selfmassage.pdf.handout import export_handout_pdf
from selfmassage.pdf.report import export_report_pdf
from selfmassage.ui.library.library_page import Column
from tests.core.test_report_file import sample_report

HOSTILE = "<b>hi</b><img src=x>"


def hostile_routine() -> Routine:
    return Routine(
        title=HOSTILE,
        author=f"Dr {HOSTILE}",
        description=f"Notes {HOSTILE}",
        schedule=Schedule(3),
        steps=(
            Step(
                "calves",
                30,
                StepSide.LEFT,
                Tool.FOAM_ROLLER,
                name=f"Name {HOSTILE}",
                instructions=f"Do {HOSTILE}",
                cues=(Cue(10, f"Say {HOSTILE}"),),
            ),
        ),
    )


def assert_plain_everywhere(widget: QWidget, needle: str = HOSTILE) -> int:
    """Every label that shows the text is plain text; returns how many show it."""
    shown = 0
    for label in widget.findChildren(QLabel):
        if needle in label.text():
            shown += 1
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    for child in [widget, *widget.findChildren(QWidget)]:
        tip = child.toolTip()
        if tip:
            # A tooltip that mentions the text holds it escaped, never as live markup.
            assert "<b>hi</b>" not in tip, tip
    return shown


@pytest.fixture
def opened(app: SelfMassageApp, tmp_path: Path) -> SelfMassageApp:
    source = tmp_path / "hostile.smroutine"
    write_routine(source, hostile_routine())
    app.open_files([str(source)])
    return app


def test_library_shows_the_title_and_author_as_typed(opened: SelfMassageApp) -> None:
    tree = opened.library.page.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    mine = [item for item in rows if item.text(0) == HOSTILE]
    assert len(mine) == 1
    assert mine[0].text(Column.AUTHOR) == f"Dr {HOSTILE}"
    assert mine[0].text(Column.ABOUT) == f"Notes {HOSTILE}"
    assert html.escape(HOSTILE) in mine[0].toolTip(0)
    assert "<b>hi</b>" not in mine[0].toolTip(0)
    assert_plain_everywhere(opened.library.page)


def test_prescription_dialog_shows_author_and_notes_as_typed(opened: SelfMassageApp) -> None:
    dialog = opened.physio.prescription_dialog
    assert dialog is not None
    assert assert_plain_everywhere(dialog) >= 2
    assert dialog.notes.toPlainText() == f"Notes {HOSTILE}"


def test_preview_shows_step_texts_as_typed(opened: SelfMassageApp) -> None:
    preview = opened.routine.page
    preview.show_routine(hostile_routine())
    model = preview.table.model()
    texts = [
        str(model.data(model.index(0, column, QModelIndex())))
        for column in range(model.columnCount())
    ]
    assert any(HOSTILE in text for text in texts), texts
    assert_plain_everywhere(preview)


def test_player_shows_step_texts_as_typed(qtbot: QtBot, opened: SelfMassageApp) -> None:
    assert opened.start_session(hostile_routine())
    player = opened.session.page
    qtbot.waitUntil(lambda: f"Do {HOSTILE}" in player.instructions.text(), timeout=15000)
    assert assert_plain_everywhere(player) >= 1
    opened.session.controller.stop()


def test_client_report_page_and_its_errors_are_plain(app: SelfMassageApp, tmp_path: Path) -> None:
    report = sample_report()
    session = replace(report.sessions[0], notes=f"Notes {HOSTILE}")
    report = replace(
        report,
        routine_title=HOSTILE,
        routine_author=HOSTILE,
        client=HOSTILE,
        sessions=(session,),
    )
    path = tmp_path / f"{HOSTILE}.smreport".replace("/", "_")
    write_report(path, report)
    window = app.physio.open_report_file(str(path))
    assert window is not None
    assert assert_plain_everywhere(window) >= 2
    assert f"Notes {HOSTILE}" in window.page.shown_text()

    bad = tmp_path / "bad.smreport"
    bad.write_text(path.read_text().replace('"status": "completed"', f'"status": "{HOSTILE}"'))
    assert app.physio.open_report_file(str(bad)) is None
    box = app.physio.message
    assert isinstance(box, QMessageBox)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert HOSTILE in box.informativeText()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdfs_print_the_text_as_typed(qtbot: QtBot, tmp_path: Path) -> None:
    handout = tmp_path / "h.pdf"
    export_handout_pdf(hostile_routine(), handout)
    report_pdf = tmp_path / "r.pdf"
    report = sample_report()
    export_report_pdf(
        replace(
            report,
            routine_title=HOSTILE,
            sessions=(replace(report.sessions[0], notes=f"Notes {HOSTILE}"),),
        ),
        report_pdf,
    )
    for pdf, expected in (
        (
            handout,
            [
                HOSTILE,
                f"Dr {HOSTILE}",
                f"Notes {HOSTILE}",
                f"Name {HOSTILE}",
                f"Do {HOSTILE}",
                f"Say {HOSTILE}",
            ],
        ),
        (report_pdf, [f"Adherence report: {HOSTILE}", f"Notes: Notes {HOSTILE}"]),
    ):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for wanted in expected:
            assert wanted in text, wanted


BIDI = "\u202eevil\u2066"  # a right-to-left override and an unclosed isolate


def _shown_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle()]
    for label in widget.findChildren(QLabel):
        texts.append(label.text())
    for child in [widget, *widget.findChildren(QWidget)]:
        texts.append(child.toolTip())
    return texts


def test_bidi_controls_from_files_never_reach_the_windows(
    qtbot: QtBot, app: SelfMassageApp, tmp_path: Path
) -> None:
    routine = replace(
        hostile_routine(),
        title=f"Calves {BIDI}",
        author=f"Dr {BIDI}",
        steps=(replace(hostile_routine().steps[0], name=f"Roll {BIDI}", instructions=BIDI),),
    )
    source = tmp_path / "bidi.smroutine"
    write_routine(source, routine)
    app.open_files([str(source)])
    report = sample_report()
    report = replace(
        report,
        routine_title=BIDI,
        client=BIDI,
        sessions=(replace(report.sessions[0], notes=BIDI),),
    )
    write_report(tmp_path / "bidi.smreport", report)
    window = app.physio.open_report_file(str(tmp_path / "bidi.smreport"))
    assert window is not None
    app.routine.page.show_routine(routine)
    model = app.routine.page.table.model()
    cells = [
        str(model.data(model.index(0, column, QModelIndex())))
        for column in range(model.columnCount())
    ]
    tree = app.library.page.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    items = [row.text(c) for row in rows for c in range(tree.columnCount())]
    items += [row.toolTip(0) for row in rows]
    texts = _shown_texts(app.window) + _shown_texts(window) + cells + items
    texts += window.page.shown_text()
    assert any("evil" in text for text in texts)
    assert not [t for t in texts if "\u202e" in t or "\u2066" in t]
