"""The app's two charts: minutes per week (bars) and soreness before and after (lines).

Both take plain data from core, follow the light or dark palette, never animate, and say
plainly when there is nothing to draw instead of showing an empty frame. Importing this
module imports QtCharts, which is heavy: import it only where a chart is first built.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QLocale, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from selfmassage.core.language import _, pgettext
from selfmassage.ui.history.locale_format import local_date
from selfmassage.ui.theme import is_dark

MINUTES_COLOUR = "#2a9d8f"
BEFORE_COLOUR = "#e76f51"
AFTER_COLOUR = "#2a9d8f"
SorenessPoints = Sequence[tuple[datetime, int | None, int | None]]
"""(session start, soreness before, soreness after), oldest first, as core gives them."""
_MOST_TICKS = 6
MOST_DOTS = 366
"""More ratings than this (a year's, daily) are drawn as the line alone: the dots would
cover each other, and QtCharts takes 135 ms to place 6,000 of them (40 years)."""


def _midnight(day: date) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))


def week_label(monday: date) -> str:
    """``2 Mar``: the week's Monday, short enough for twelve bars side by side."""
    # Translators: a Qt date format for a bar under a chart (d: day, MMM: short month).
    return local_date(monday, _("d MMM"))


class _Chart(QChartView):
    """A chart view with the app's looks; its title is plain text whatever it carries."""

    def __init__(self, accessible_name: str, parent: QWidget | None) -> None:
        chart = QChart()
        super().__init__(chart, parent)  # not setChart(): that first builds a chart to throw away
        self._title = ""
        # Before any series is added: a theme recolours the series it finds.
        if is_dark(self.palette()):
            chart.setTheme(QChart.ChartTheme.ChartThemeDark)
            chart.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Base))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(accessible_name)
        # Dates on the axes in the app's language (QLocale's default, set at start).
        chart.setLocale(QLocale())

    def title(self) -> str:
        """The title as the person reads it (the chart itself holds it escaped)."""
        return self._title

    def _set_title(self, text: str) -> None:
        self._title = text
        # QChart draws its title as rich text; region names may come from an imported file.
        self.chart().setTitle(html.escape(text))
        self.setAccessibleDescription(text)


class WeekMinutesChart(_Chart):
    """Bars of minutes per week, from core's [(monday, minutes), ...], oldest first."""

    def __init__(
        self,
        title: str,
        *,
        empty_title: str,
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(accessible_name, parent)
        self.full_title = title
        self.empty_title = empty_title
        chart = self.chart()
        chart.legend().hide()
        # Series and axes are made once and refilled: a chart that re-creates its axes
        # leaves the old labels drawn underneath.
        self.bars = QBarSet(_("Minutes"))
        self.bars.setColor(QColor(MINUTES_COLOUR))
        series = QBarSeries()
        series.append(self.bars)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        self.x_axis = QBarCategoryAxis()
        self.x_axis.setGridLineVisible(False)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)
        self.show_weeks([])

    @property
    def is_empty(self) -> bool:
        return self.bars.count() == 0

    def show_weeks(self, weeks: Sequence[tuple[date, float]]) -> None:
        """Draw the weeks; with no minutes in any of them, say so instead."""
        self.bars.remove(0, self.bars.count())
        has_minutes = any(minutes > 0 for _monday, minutes in weeks)
        if not has_minutes:
            self.x_axis.clear()
            self._set_title(self.empty_title)
        else:
            self.bars.append([round(minutes, 1) for _monday, minutes in weeks])
            self.x_axis.setCategories([week_label(monday) for monday, _ in weeks])
            top = max(minutes for _monday, minutes in weeks)
            self.y_axis.setRange(0, max(10.0, top * 1.1))
            self.y_axis.applyNiceNumbers()
            self._set_title(self.full_title)
        self.x_axis.setVisible(has_minutes)
        self.y_axis.setVisible(has_minutes)


class SorenessChart(_Chart):
    """Soreness (0–10) before and after each session: two lines with dots, over time."""

    def __init__(
        self,
        *,
        empty_title: str,
        accessible_name: str,
        date_format: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(accessible_name, parent)
        self.empty_title = empty_title
        chart = self.chart()
        self.x_axis = QDateTimeAxis()
        # Translators: a Qt date format for the soreness chart's time axis (d: day,
        # MMM: short month, yy: year in two digits).
        self.x_axis.setFormat(date_format or _("d MMM yy"))
        self.x_axis.setTickCount(_MOST_TICKS)
        self.y_axis = QValueAxis()
        self.y_axis.setRange(0, 10)
        self.y_axis.setTickCount(6)
        self.y_axis.setLabelFormat("%d")
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        self.before_line, self.before_dots = self._series(
            pgettext("soreness", "Before"), BEFORE_COLOUR
        )
        self.after_line, self.after_dots = self._series(pgettext("soreness", "After"), AFTER_COLOUR)
        self.show_soreness([], "")

    def _series(self, name: str, colour: str) -> tuple[QLineSeries, QScatterSeries]:
        line = QLineSeries()
        line.setName(name)
        line.setColor(QColor(colour))
        dots = QScatterSeries()
        dots.setColor(QColor(colour))
        dots.setMarkerSize(7)
        chart = self.chart()
        for item in (line, dots):
            chart.addSeries(item)
            item.attachAxis(self.x_axis)
            item.attachAxis(self.y_axis)
        chart.legend().markers(dots)[0].setVisible(False)  # one legend entry per line
        return line, dots

    @property
    def is_empty(self) -> bool:
        return self.before_line.count() == 0 and self.after_line.count() == 0

    def _set_days_shown(self, first: datetime, last: datetime) -> None:
        """From midnight the day before the first rating to midnight the day after the
        last; over a few days, one tick a midnight, so no date label repeats."""
        start = first.astimezone().date() - timedelta(days=1)
        end = last.astimezone().date() + timedelta(days=1)
        self.x_axis.setRange(_midnight(start), _midnight(end))
        days = (end - start).days
        self.x_axis.setTickCount(days + 1 if days <= _MOST_TICKS - 1 else _MOST_TICKS)

    def show_soreness(self, points: SorenessPoints, title: str) -> None:
        """Draw the points under ``title``; with no ratings at all, say so instead."""
        befores = [(when, before) for when, before, _after in points]
        afters = [(when, after) for when, _before, after in points]
        for ratings, line, dots in (
            (befores, self.before_line, self.before_dots),
            (afters, self.after_line, self.after_dots),
        ):
            shown = [
                QPointF(when.timestamp() * 1000, float(value))
                for when, value in ratings
                if value is not None
            ]
            # One call per series: fast, and PySide6 6.12 crashes (a refcount bug in its
            # None return) after many thousands of single append() calls.
            line.replace(shown)
            dots.replace(shown if len(shown) <= MOST_DOTS else [])
        has_points = not self.is_empty
        if has_points:
            self._set_days_shown(points[0][0], points[-1][0])
        self._set_title(title if has_points else self.empty_title)
        self.x_axis.setVisible(has_points)
        self.y_axis.setVisible(has_points)
        self.chart().legend().setVisible(has_points)
