"""What the physio's and the client's windows make of odd files: very long words, broken
reports, broken routines. Found by using the tools on a 1366x768 screen."""

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.report_file import write_report
from selfmassage.core.routine import Cue, Routine, Schedule, Step
from selfmassage.core.routine_file import dump_routine
from selfmassage.pdf.handout import export_handout_pdf
from selfmassage.pdf.report import export_report_pdf
from selfmassage.ui.physio.client_report_window import ClientReportWindow
from selfmassage.ui.physio.prescription_dialog import PrescriptionDialog
from tests.core.test_report_file import sample_report

WIDE = "W" * 120  # the longest title a file may hold, with no space to wrap at
SCREEN_WIDTH = 1366
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="needs poppler-utils (pdftoppm, pdftotext)"
)


def wide_routine() -> Routine:
    return Routine(
        title=WIDE,
        author="M" * 120,
        description="N" * 2000,
        schedule=Schedule(3, 4),
        steps=(Step("calves", 30, name="W" * 80, instructions="I" * 1000),),
    )


def wide_report():  # type: ignore[no-untyped-def]
    report = sample_report()
    session = dataclasses.replace(report.sessions[0], notes="W" * 2000)
    return dataclasses.replace(
        report, routine_title=WIDE, routine_author="M" * 120, client=WIDE, sessions=(session,)
    )


def unbroken(text: str) -> str:
    return text.replace("\u200b", "")


def test_a_title_without_spaces_wraps_in_the_prescription_dialog(qtbot: QtBot) -> None:
    dialog = PrescriptionDialog(wide_routine())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.minimumSizeHint().width() < SCREEN_WIDTH // 2
    assert dialog.width() < SCREEN_WIDTH
    assert unbroken(dialog.title_label.text()) == WIDE
    assert unbroken(dialog.author_label.text()) == "Written by " + "M" * 120


def test_a_title_without_spaces_wraps_in_the_client_report_window(qtbot: QtBot) -> None:
    window = ClientReportWindow(wide_report(), Path("wide.smreport"))
    qtbot.addWidget(window)
    window.show()
    assert window.minimumSizeHint().width() < SCREEN_WIDTH
    assert window.width() < SCREEN_WIDTH
    assert unbroken(window.page.title_label.text()) == WIDE
    assert f"Client: {WIDE}" in unbroken(window.page.details_label.text())


def ink_right_edge(pdf: Path, tmp_path: Path) -> tuple[int, int]:
    """(rightmost column with ink, page width) of the PDF's first page at 50 dpi."""
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    right = 0
    for x in range(image.width()):
        for y in range(0, image.height(), 2):
            if image.pixelColor(x, y).lightness() < 200:
                right = x
                break
    return right, image.width()


@needs_poppler
@pytest.mark.parametrize("kind", ["handout", "report"])
def test_long_words_stay_inside_the_pdf_margins(qtbot: QtBot, tmp_path: Path, kind: str) -> None:
    pdf = tmp_path / f"{kind}.pdf"
    if kind == "handout":
        export_handout_pdf(wide_routine(), pdf)
    else:
        export_report_pdf(wide_report(), pdf)
    right, width = ink_right_edge(pdf, tmp_path)
    margin = 18 / 25.4 * 50  # the page's 18 mm right margin, in pixels at 50 dpi
    assert right < width - margin + 2, (right, width)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Page 1" in text
    assert unbroken(text).replace("\n", "").count("W" * 120) >= 1  # whole, only wrapped
    # Glyphs drawn past the margin may be clipped from the picture but not from the text.
    words = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    edges = [float(line.split('xMax="')[1].split('"')[0]) for line in words if "<word" in line]
    assert max(edges) <= 595.3 - 18 / 25.4 * 72 + 1  # A4 width less the margin, in points


@needs_poppler
def test_the_footer_never_runs_into_the_page_number(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    routine = dataclasses.replace(wide_routine(), title=" ".join(["Wide"] * 24))
    export_handout_pdf(routine, pdf)
    words = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()

    def box(line: str, key: str) -> float:
        return float(line.split(f'{key}="')[1].split('"')[0])

    page = next(line for line in words if line.endswith(">Page</word>"))
    footer = [line for line in words if "<word" in line and box(line, "yMin") == box(page, "yMin")]
    before = [line for line in footer if box(line, "xMin") < box(page, "xMin")]
    assert before, "the footer names the routine"
    assert all(box(line, "xMax") < box(page, "xMin") for line in before)


def test_the_report_pdf_counts_steps_in_words(tmp_path: Path) -> None:
    report = sample_report()
    one = dataclasses.replace(report.sessions[0], steps_done=1)
    report = dataclasses.replace(report, sessions=(one, report.sessions[0]))
    pdf = tmp_path / "report.pdf"
    export_report_pdf(report, pdf)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "1 step done" in text
    assert "4 steps done" in text
    assert "step(s) done" not in text


def test_a_broken_report_is_described_in_peoples_words(app: SelfMassageApp, tmp_path: Path) -> None:
    path = tmp_path / "client.smreport"
    write_report(path, sample_report())
    document = json.loads(path.read_text())
    document["routine"]["title"] = ""
    document["sessions"][0]["status"] = "weird"
    document["sessions"][0]["soreness_before"] = {"calves.left": 3}
    path.write_text(json.dumps(document))
    assert app.physio.open_report_file(str(path)) is None
    box = app.physio.message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "client.smreport cannot be opened as a client report. Nothing was changed."
    text = box.informativeText()
    assert "$" not in box.text() + text
    assert "Routine title: must not be empty" in text
    assert 'Session 1, status: unknown status "weird"' in text
    assert 'Session 1, soreness before "calves.left": unknown region' in text


def test_a_truncated_report_says_the_file_is_cut_short(app: SelfMassageApp, tmp_path: Path) -> None:
    path = tmp_path / "client.smreport"
    write_report(path, sample_report())
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    assert app.physio.open_report_file(str(path)) is None
    box = app.physio.message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "The file: not valid JSON: it ends too early" in box.informativeText()
    assert "$" not in box.text() + box.informativeText()


def test_editing_a_broken_routine_file_says_why_on_screen(
    qtbot: QtBot, app: SelfMassageApp, tmp_path: Path
) -> None:
    routine = Routine(
        title="Calves",
        steps=(Step("calves", 40, cues=(Cue(20, "Halfway"),)),),
    )
    document = json.loads(dump_routine(routine))
    document["steps"][0]["cues"][0]["at"] = 90
    path = tmp_path / "late-cue.smroutine"
    path.write_text(json.dumps(document))
    assert app.physio.open_editor(path) is None
    box = app.physio.message
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert (
        box.text() == "late-cue.smroutine cannot be opened as a routine file. Nothing was changed."
    )
    assert (
        "Step 1, cue 1, at: must be less than the step's seconds (40), not 90"
        in box.informativeText()
    )
    assert "$" not in box.text() + box.informativeText()
    assert app.physio.editors == []


def test_a_long_note_from_the_client_shows_whole_in_the_report_window(qtbot: QtBot) -> None:
    report = sample_report()
    words = " ".join(f"word{n}" for n in range(150))
    long_note = dataclasses.replace(report.sessions[0], notes=words)
    unbroken_note = dataclasses.replace(report.sessions[0], notes="W" * 300)
    window = ClientReportWindow(
        dataclasses.replace(report, sessions=(long_note, unbroken_note, report.sessions[0])),
        Path("client.smreport"),
    )
    qtbot.addWidget(window)
    window.resize(1000, 720)
    window.show()
    qtbot.waitExposed(window)
    table = window.page.table
    one_line = table.rowHeight(2)
    notes = table.columnCount() - 1
    assert table.columnWidth(notes) > 200
    # Every line of the note has room: nothing is cut with "…".
    qtbot.waitUntil(lambda: table.rowHeight(0) >= 3 * one_line, timeout=2000)
    assert table.rowHeight(1) >= 3 * one_line
    assert unbroken(table.item(1, notes).text()) == "W" * 300


def test_a_session_with_a_note_taller_than_the_table_can_be_read(qtbot: QtBot) -> None:
    report = sample_report()
    note = " ".join(f"word{n}" for n in range(400))
    session = dataclasses.replace(report.sessions[0], notes=note)
    window = ClientReportWindow(
        dataclasses.replace(report, sessions=(session, report.sessions[0])), Path("c.smreport")
    )
    qtbot.addWidget(window)
    window.resize(1000, 720)
    window.show()
    table = window.page.table
    qtbot.waitUntil(lambda: table.rowHeight(0) > table.viewport().height())
    # Its date and status sit at the top of the row, beside the start of the note...
    for column in range(table.columnCount()):
        assert table.item(0, column).textAlignment() & Qt.AlignmentFlag.AlignTop, column
    # ...and the table scrolls by pixels, so the rest of the note can be brought into view.
    assert table.verticalScrollMode() == table.ScrollMode.ScrollPerPixel


def test_a_report_dated_after_today_says_so(qtbot: QtBot) -> None:
    report = sample_report()
    future = report.created.replace(year=report.created.year + 5)
    session = dataclasses.replace(
        report.sessions[0], started=report.sessions[0].started.replace(year=future.year)
    )
    window = ClientReportWindow(
        dataclasses.replace(report, created=future, sessions=(session,)), Path("c.smreport")
    )
    qtbot.addWidget(window)
    details = window.page.details_label.text()
    assert "dated after today" in details
    assert "clock" in details
    today = ClientReportWindow(report, Path("c.smreport"))
    qtbot.addWidget(today)
    assert "after today" not in today.page.details_label.text()


def test_the_report_window_prints_its_pdf_with_ctrl_p(qtbot: QtBot) -> None:
    report = sample_report()
    window = ClientReportWindow(report, Path("c.smreport"))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    asked = []
    window.page.pdf_requested.connect(asked.append)
    qtbot.keyClick(window.page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == [report]
    texts = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
    assert "Export &PDF…" in texts


def test_a_report_from_a_newer_version_says_what_was_skipped_in_words(
    app: SelfMassageApp, tmp_path: Path
) -> None:
    path = tmp_path / "newer.smreport"
    write_report(path, sample_report())
    document = json.loads(path.read_text())
    document["heart_rate"] = [60, 62]
    path.write_text(json.dumps(document))
    window = app.physio.open_report_file(str(path))
    assert window is not None
    assert window.statusBar().currentMessage() == ("1 part this version does not know was skipped.")
