"""The adherence report as a PDF for people: the same facts as the .smreport file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor

from selfmassage.core.adherence import report_totals, summary_lines
from selfmassage.core.language import _, ngettext, speaking
from selfmassage.core.report_file import Report
from selfmassage.core.words import (
    minutes_and_tenths,
    place_key_name,
    session_status,
)
from selfmassage.pdf.local_forms import day, day_and_time, decimal, month_and_day
from selfmassage.pdf.pages import ACCENT, MUTED, PdfPages, mm


def export_report_pdf(report: Report, path: Path, language: str | None = None) -> None:
    """Write the report as a PDF in ``language``: the language of the routine it reports
    on (the app's own when None)."""
    with speaking(language):
        _write_report(report, path)


def _write_report(report: Report, path: Path) -> None:
    title = _("Adherence report: {title}").format(title=report.routine_title)
    # Translators: the footer of each page of a report, after it the page number.
    footer = _("SelfMassage adherence report · {title}").format(title=report.routine_title)
    pages = PdfPages(path, title, footer)
    try:
        pages.paragraph(title, 18, bold=True)
        if report.routine_author:
            by = _("Routine by {author}").format(author=report.routine_author)
            pages.paragraph(by, 11, color=MUTED)
        if report.client:
            pages.paragraph(_("Client: {client}").format(client=report.client), 11, color=MUTED)
        period = _("Period: {first} to {last} · made {made}").format(
            first=day(report.period_from),
            last=day(report.period_to),
            made=day_and_time(report.created),
        )
        pages.paragraph(period, 10, color=MUTED)
        pages.space(2)
        pages.rule()
        for line in summary_lines(report):
            pages.paragraph(line, 11.5)
        pages.space(4)

        totals = report_totals(report)
        pages.paragraph(_("Minutes per week"), 12.5, bold=True)
        pages.space(1)
        chart_height = mm(35)
        pages.ensure(chart_height + mm(8))
        _draw_bars(pages, totals.minutes_per_week, chart_height)
        pages.space(4)

        if totals.soreness:
            heading = _("Soreness before and after (mean, 0–10)")
            pages.paragraph(heading, 12.5, bold=True, keep=mm(8))
            for place, (before, after, rated) in totals.soreness.items():
                sessions = ngettext("{n} session", "{n} sessions", rated).format(n=rated)
                pages.paragraph(
                    f"{place_key_name(place)}: {decimal(before)} → {decimal(after)} ({sessions})",
                    10.5,
                )
            pages.space(4)

        pages.paragraph(_("Sessions"), 12.5, bold=True, keep=mm(8))
        if not report.sessions:
            pages.paragraph(_("No sessions in this period."), 10.5, color=MUTED)
        for session in report.sessions:
            steps = ngettext(
                "{n} step done, {skipped} skipped",
                "{n} steps done, {skipped} skipped",
                session.steps_done,
            ).format(n=session.steps_done, skipped=session.steps_skipped)
            line = (
                f"{day_and_time(session.started, weekday=True)} · "
                f"{session_status(session.status)} · "
                f"{minutes_and_tenths(session.done_seconds)} · {steps}"
            )
            if session.feeling is not None:
                # Translators: how the client felt after the session, from 1 to 5.
                feeling = _("feeling {rating}/5").format(rating=session.feeling)
                line += f" · {feeling}"
            pages.paragraph(line, 10.5, keep=mm(5))
            ratings = [
                f"{place_key_name(p)} {b}→{session.soreness_after.get(p, '–')}"
                for p, b in session.soreness_before.items()
            ]
            if ratings:
                soreness = _("Soreness: {ratings}").format(ratings=", ".join(ratings))
                pages.paragraph(soreness, 9.5, color=MUTED, left=mm(5))
            if session.notes:
                notes = _("Notes: {notes}").format(notes=session.notes)
                pages.paragraph(notes, 9.5, left=mm(5))
            pages.space(1.5)
    finally:
        pages.finish()


def _draw_bars(pages: PdfPages, weeks: Sequence[tuple[date, float]], height: float) -> None:
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
            month_and_day(monday),
        )
        if minutes:
            painter.setPen(QColor("#ffffff") if bar > mm(4) else MUTED)
            painter.drawText(
                QRectF(x, top + bar_area - max(bar, mm(4)), slot * 0.7, mm(4)),
                int(Qt.AlignmentFlag.AlignCenter),
                f"{minutes:.0f}",
            )
    pages.y = top + height
