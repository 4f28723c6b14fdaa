"""The adherence report as a PDF for people: the same facts as the .smreport file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor

from selfmassage.core.adherence import report_totals, summary_lines
from selfmassage.core.report_file import Report
from selfmassage.core.words import (
    count,
    minutes_and_tenths,
    place_key_name,
    session_status,
)
from selfmassage.pdf.pages import ACCENT, MUTED, PdfPages, mm


def export_report_pdf(report: Report, path: Path) -> None:
    title = f"Adherence report: {report.routine_title}"
    pages = PdfPages(path, title, f"SelfMassage adherence report · {report.routine_title}")
    try:
        pages.paragraph(title, 18, bold=True)
        if report.routine_author:
            pages.paragraph(f"Routine by {report.routine_author}", 11, color=MUTED)
        if report.client:
            pages.paragraph(f"Client: {report.client}", 11, color=MUTED)
        pages.paragraph(
            f"Period: {report.period_from.isoformat()} to {report.period_to.isoformat()}"
            f" · made {report.created.strftime('%Y-%m-%d %H:%M')}",
            10,
            color=MUTED,
        )
        pages.space(2)
        pages.rule()
        for line in summary_lines(report):
            pages.paragraph(line, 11.5)
        pages.space(4)

        totals = report_totals(report)
        pages.paragraph("Minutes per week", 12.5, bold=True)
        pages.space(1)
        chart_height = mm(35)
        pages.ensure(chart_height + mm(8))
        _draw_bars(pages, totals.minutes_per_week, chart_height)
        pages.space(4)

        if totals.soreness:
            pages.paragraph("Soreness before and after (mean, 0–10)", 12.5, bold=True, keep=mm(8))
            for place, (before, after, rated) in totals.soreness.items():
                pages.paragraph(
                    f"{place_key_name(place)}: {before:.1f} → {after:.1f} "
                    f"({count(rated, 'session')})",
                    10.5,
                )
            pages.space(4)

        pages.paragraph("Sessions", 12.5, bold=True, keep=mm(8))
        if not report.sessions:
            pages.paragraph("No sessions in this period.", 10.5, color=MUTED)
        for session in report.sessions:
            line = (
                f"{session.started.strftime('%a %Y-%m-%d %H:%M')} · "
                f"{session_status(session.status)} · "
                f"{minutes_and_tenths(session.done_seconds)} · "
                f"{count(session.steps_done, 'step')} done, {session.steps_skipped} skipped"
            )
            if session.feeling is not None:
                line += f" · feeling {session.feeling}/5"
            pages.paragraph(line, 10.5, keep=mm(5))
            ratings = [
                f"{place_key_name(p)} {b}→{session.soreness_after.get(p, '–')}"
                for p, b in session.soreness_before.items()
            ]
            if ratings:
                pages.paragraph("Soreness: " + ", ".join(ratings), 9.5, color=MUTED, left=mm(5))
            if session.notes:
                pages.paragraph(f"Notes: {session.notes}", 9.5, left=mm(5))
            pages.space(1.5)
    finally:
        pages.finish()


def _draw_bars(pages: PdfPages, weeks: Sequence[tuple[object, float]], height: float) -> None:
    painter = pages.painter
    top = pages.y
    if not weeks:
        pages.y += height
        return
    peak = max((minutes for _, minutes in weeks), default=0.0) or 1.0
    label_height = mm(5)
    bar_area = height - label_height
    slot = pages.width / len(weeks)
    painter.setFont(pages.font(7.5))
    for index, (monday, minutes) in enumerate(weeks):
        bar = bar_area * minutes / peak
        x = index * slot + slot * 0.15
        painter.fillRect(QRectF(x, top + bar_area - bar, slot * 0.7, bar), ACCENT)
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(index * slot, top + bar_area, slot, label_height),
            int(Qt.AlignmentFlag.AlignCenter),
            str(monday)[5:],
        )
        if minutes:
            painter.setPen(QColor("#ffffff") if bar > mm(4) else MUTED)
            painter.drawText(
                QRectF(x, top + bar_area - max(bar, mm(4)), slot * 0.7, mm(4)),
                int(Qt.AlignmentFlag.AlignCenter),
                f"{minutes:.0f}",
            )
    pages.y = top + height
