"""What the readers accept, the windows and PDFs show: times without a zone, dates at the
ends of the range; and what is not a plain file (a FIFO, a device, a link loop) is
refused with a message instead of freezing the window or raising a crash dialog."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.document_check import EARLIEST_DAY, LATEST_DAY
from selfmassage.core.report_file import dump_report, read_report
from selfmassage.core.routine import Schedule
from selfmassage.pdf.report import export_report_pdf
from selfmassage.ui.physio.client_report_window import ClientReportWindow
from tests.core.test_report_file import sample_report


def test_a_report_created_without_a_zone_opens(qtbot: QtBot, tmp_path: Path) -> None:
    # The spec allows it and `report check` passes it; the window compared it with an
    # aware "now" and crashed.
    document = json.loads(dump_report(sample_report()))
    document["created"] = "2026-11-27T18:02:11"
    path = tmp_path / "naive.smreport"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = read_report(path)
    assert result.report is not None
    window = ClientReportWindow(result.report, path)
    qtbot.addWidget(window)
    window.show()
    assert "2026-11-27 18:02" in " ".join(window.page.shown_text())


@pytest.mark.parametrize("last", [LATEST_DAY, EARLIEST_DAY])
def test_the_ends_of_the_range_show_in_the_window_and_the_pdf(
    qtbot: QtBot, tmp_path: Path, last: object
) -> None:
    assert isinstance(last, type(LATEST_DAY))
    report = dataclasses.replace(
        sample_report(),
        period_from=last,
        period_to=last,
        schedule=Schedule(3, 52, last),
        sessions=(),
    )
    path = tmp_path / "edge.smreport"
    path.write_bytes(dump_report(report))
    read = read_report(path)
    assert read.report is not None, read.errors
    window = ClientReportWindow(read.report, path)
    qtbot.addWidget(window)
    window.show()
    export_report_pdf(read.report, tmp_path / "edge.pdf")
    assert (tmp_path / "edge.pdf").stat().st_size > 0


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("make", [_fifo, _loop, _zero], ids=["fifo", "loop", "zero"])
@pytest.mark.parametrize("suffix", [".smroutine", ".smreport"])
def test_special_files_are_refused_by_the_window(
    app: SelfMassageApp,
    tmp_path: Path,
    make: Callable[[Path], None],
    suffix: str,
) -> None:
    path = tmp_path / f"odd{suffix}"
    make(path)
    started = time.monotonic()
    app.open_files([str(path)])
    assert time.monotonic() - started < 5
    if suffix == ".smreport":
        box = app.physio.message
        assert box is not None
        assert "cannot read it" in box.text() + box.informativeText() + box.detailedText()
        assert not app.physio.report_windows
    else:
        box = app.library.problems_box
        assert box is not None
        assert "cannot read it" in box.text() + box.informativeText() + box.detailedText()
