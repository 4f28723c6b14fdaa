"""The shared charts: plain data in; bars, points, axes and plain-text titles out."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QChart
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from selfmassage.ui.history.charts import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    MINUTES_COLOUR,
    SorenessChart,
    WeekMinutesChart,
    week_label,
)
from selfmassage.ui.theme import dark_palette

MONDAY = date(2026, 2, 2)
WEEKS = [(MONDAY + timedelta(weeks=n), minutes) for n, minutes in enumerate((0.0, 12.34, 47.0))]
HOSTILE = "<b>Calves</b> & <i>feet</i>"


def weeks_chart(qtbot: QtBot) -> WeekMinutesChart:
    chart = WeekMinutesChart(
        "Minutes per week", empty_title="No sessions yet", accessible_name="Minutes chart"
    )
    qtbot.addWidget(chart)
    return chart


def soreness_chart(qtbot: QtBot, date_format: str = "d MMM yy") -> SorenessChart:
    chart = SorenessChart(
        empty_title="No soreness rated yet",
        accessible_name="Soreness chart",
        date_format=date_format,
    )
    qtbot.addWidget(chart)
    return chart


def at(day: int, hour: int = 18) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def test_week_labels_name_the_monday_without_a_leading_zero() -> None:
    assert week_label(date(2026, 3, 2)) == "2 Mar"
    assert week_label(date(2026, 11, 23)) == "23 Nov"


def test_weeks_become_bars_with_labels_and_a_round_scale(qtbot: QtBot) -> None:
    chart = weeks_chart(qtbot)
    chart.show_weeks(WEEKS)
    assert [chart.bars.at(i) for i in range(chart.bars.count())] == [0.0, 12.3, 47.0]
    assert chart.bars.color() == QColor(MINUTES_COLOUR)
    assert chart.x_axis.categories() == ["2 Feb", "9 Feb", "16 Feb"]
    assert chart.y_axis.min() == 0
    assert chart.y_axis.max() >= 47.0 * 1.1  # room above the tallest bar, on a round number
    assert chart.y_axis.max() % 5 == 0
    assert chart.x_axis.isVisible() and chart.y_axis.isVisible()
    assert chart.title() == "Minutes per week" == chart.chart().title()
    assert chart.accessibleName() == "Minutes chart"
    assert chart.accessibleDescription() == "Minutes per week"
    assert chart.chart().animationOptions() == QChart.AnimationOption.NoAnimation
    assert not chart.chart().legend().isVisible()


def test_a_quiet_fortnight_still_gets_a_scale_of_ten(qtbot: QtBot) -> None:
    chart = weeks_chart(qtbot)
    chart.show_weeks([(MONDAY, 3.0), (MONDAY + timedelta(weeks=1), 0.5)])
    assert (chart.y_axis.min(), chart.y_axis.max()) == (0, 10)


@pytest.mark.parametrize("weeks", [[], [(MONDAY, 0.0), (MONDAY + timedelta(weeks=1), 0.0)]])
def test_no_minutes_says_so_instead_of_an_empty_frame(
    qtbot: QtBot, weeks: list[tuple[date, float]]
) -> None:
    chart = weeks_chart(qtbot)
    chart.show_weeks(WEEKS)
    chart.show_weeks(weeks)
    assert chart.is_empty and chart.bars.count() == 0
    assert chart.title() == "No sessions yet"
    assert chart.accessibleDescription() == "No sessions yet"
    assert chart.x_axis.categories() == []
    assert not chart.x_axis.isVisible() and not chart.y_axis.isVisible()
    chart.show_weeks(WEEKS)  # and back again when there is something to draw
    assert not chart.is_empty and chart.title() == "Minutes per week"
    assert chart.x_axis.isVisible() and chart.bars.count() == 3


def test_a_new_week_chart_starts_out_empty(qtbot: QtBot) -> None:
    chart = weeks_chart(qtbot)
    assert chart.is_empty and chart.title() == "No sessions yet"


def test_years_of_ratings_are_drawn_as_lines_without_dots(qtbot: QtBot) -> None:
    from selfmassage.ui.history.charts import MOST_DOTS

    chart = soreness_chart(qtbot)
    many = [(at(1) + timedelta(hours=n), 7, 4) for n in range(MOST_DOTS + 1)]
    chart.show_soreness(many, "Calves: soreness")
    assert chart.before_line.count() == chart.after_line.count() == MOST_DOTS + 1
    assert chart.before_dots.count() == chart.after_dots.count() == 0
    chart.show_soreness(many[:MOST_DOTS], "Calves: soreness")
    assert chart.before_dots.count() == chart.after_dots.count() == MOST_DOTS


def test_soreness_becomes_two_lines_of_dots_over_time(qtbot: QtBot) -> None:
    chart = soreness_chart(qtbot)
    chart.show_soreness([(at(1), 7, 4), (at(3), 6, None), (at(5), None, 2)], "Calves: soreness")
    ms = [at(day).timestamp() * 1000 for day in (1, 3, 5)]
    assert [(p.x(), p.y()) for p in chart.before_line.points()] == [(ms[0], 7.0), (ms[1], 6.0)]
    assert [(p.x(), p.y()) for p in chart.after_line.points()] == [(ms[0], 4.0), (ms[2], 2.0)]
    assert chart.before_dots.points() == chart.before_line.points()
    assert chart.after_dots.points() == chart.after_line.points()
    assert chart.before_line.color() == QColor(BEFORE_COLOUR)
    assert chart.after_dots.color() == QColor(AFTER_COLOUR)
    # From midnight the day before the first dot to midnight the day after the last, so
    # no dot is cut in half, and no more ticks than days, so no date is named twice.
    first_day, last_day = at(1).astimezone().date(), at(5).astimezone().date()
    assert chart.x_axis.min().date().toPython() == first_day - timedelta(days=1)
    assert chart.x_axis.max().date().toPython() == last_day + timedelta(days=1)
    assert chart.x_axis.min().time().toString() == "00:00:00"
    assert chart.x_axis.tickCount() == 6  # six days shown: a tick every 1.2 days
    assert (chart.y_axis.min(), chart.y_axis.max()) == (0, 10)
    assert chart.x_axis.format() == "d MMM yy"
    assert chart.title() == "Calves: soreness"
    assert chart.x_axis.isVisible() and chart.y_axis.isVisible()
    chart.show()
    QApplication.processEvents()
    legend = chart.chart().legend()
    assert legend.isVisible()
    shown = [m.label() for m in legend.markers() if m.isVisible()]
    assert shown == ["Before", "After"]  # the dots have no entry of their own
    assert chart.chart().animationOptions() == QChart.AnimationOption.NoAnimation


def test_one_day_of_ratings_names_each_date_once(qtbot: QtBot) -> None:
    chart = soreness_chart(qtbot)
    chart.show_soreness([(at(1), 7, 4), (at(1) + timedelta(hours=2), 6, 3)], "Calves")
    ticks = chart.x_axis.tickCount()
    span_ms = chart.x_axis.max().toMSecsSinceEpoch() - chart.x_axis.min().toMSecsSinceEpoch()
    labels = [
        chart.x_axis.min().addMSecs(span_ms * n // (ticks - 1)).toString("d MMM yy")
        for n in range(ticks)
    ]
    assert len(labels) == len(set(labels)) == 3  # the day before, the day, the day after


def test_no_soreness_says_so_and_hides_axes_and_legend(qtbot: QtBot) -> None:
    chart = soreness_chart(qtbot, date_format="d MMM")
    assert chart.is_empty and chart.title() == "No soreness rated yet"
    chart.show_soreness([(at(1), 5, 3)], "Neck")
    chart.show_soreness([], "Neck")
    assert chart.is_empty
    assert chart.before_line.count() == chart.after_dots.count() == 0
    assert chart.title() == "No soreness rated yet"
    assert chart.accessibleDescription() == "No soreness rated yet"
    assert not chart.x_axis.isVisible() and not chart.y_axis.isVisible()
    assert not chart.chart().legend().isVisible()
    assert chart.x_axis.format() == "d MMM"


def test_titles_are_plain_text(qtbot: QtBot) -> None:
    # QChart draws its title as rich text: the chart must hand it the text escaped.
    chart = soreness_chart(qtbot)
    chart.show_soreness([(at(1), 5, 3)], HOSTILE)
    assert chart.title() == HOSTILE
    assert chart.chart().title() == "&lt;b&gt;Calves&lt;/b&gt; &amp; &lt;i&gt;feet&lt;/i&gt;"
    assert chart.accessibleDescription() == HOSTILE
    weeks = WeekMinutesChart(HOSTILE, empty_title=HOSTILE, accessible_name="Minutes")
    qtbot.addWidget(weeks)
    assert weeks.chart().title() == chart.chart().title()


@pytest.fixture
def dark_app() -> Iterator[QPalette]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = app.palette()
    app.setPalette(dark_palette())
    yield app.palette()
    app.setPalette(saved)


def test_charts_follow_the_dark_palette_and_keep_their_colours(
    qtbot: QtBot, dark_app: QPalette
) -> None:
    weeks = weeks_chart(qtbot)
    soreness = soreness_chart(qtbot)
    base = dark_app.color(QPalette.ColorRole.Base)
    for view in (weeks, soreness):
        assert view.chart().theme() == QChart.ChartTheme.ChartThemeDark
        assert view.chart().backgroundBrush().color() == base
    # The theme is set before the series are added, so it does not recolour them.
    assert weeks.bars.color() == QColor(MINUTES_COLOUR)
    assert soreness.before_line.color() == QColor(BEFORE_COLOUR)
    weeks.show_weeks(WEEKS)
    assert not weeks.grab().isNull()


def test_charts_stay_light_in_the_light_palette(qtbot: QtBot) -> None:
    for view in (weeks_chart(qtbot), soreness_chart(qtbot)):
        assert view.chart().theme() == QChart.ChartTheme.ChartThemeLight


@pytest.mark.slow
def test_qtcharts_is_loaded_with_the_first_chart_page_not_at_start_up(app_home: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from selfmassage.app import SelfMassageApp\n"
        "from selfmassage.core.paths import app_paths\n"
        "qt = QApplication([])\n"
        "paths = app_paths(); paths.ensure()\n"
        "app = SelfMassageApp(paths, theme='light')\n"
        "app.show(); qt.processEvents()\n"
        "watched = ('PySide6.QtCharts', 'selfmassage.ui.history.charts')\n"
        "early = [m for m in watched if m in sys.modules]\n"
        "assert not early, early\n"
        "app.window.show_page('history'); qt.processEvents()\n"
        "assert all(m in sys.modules for m in watched)\n"
        "app.shut_down()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_chart_filled_before_it_is_shown_leaves_room_for_its_labels(qtbot: QtBot) -> None:
    # Axes hidden while empty must come back with their labels measured: the first date
    # label was once cut off when a chart was filled before it was first drawn.
    points = [(at(1) + timedelta(days=4 * n), 6, 3) for n in range(20)]
    areas = []
    for shown_first in (True, False):
        weeks, soreness = weeks_chart(qtbot), soreness_chart(qtbot)
        for view in (weeks, soreness):
            view.resize(900, 300)
            if shown_first:
                view.show()
                QApplication.processEvents()  # laid out while empty
        weeks.show_weeks([(MONDAY + timedelta(weeks=n), 100.0 * n) for n in range(12)])
        soreness.show_soreness(points, "Calves")
        for view in (weeks, soreness):
            view.show()
        QApplication.processEvents()
        areas.append((weeks.chart().plotArea(), soreness.chart().plotArea()))
    assert areas[0] == areas[1]
