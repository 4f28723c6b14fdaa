"""The Client reports page: a client's .smreport, read-only, beside (never in) the history.

It shows what the report file says and nothing else: the physio's own history is not
opened, read or written here. Every text from the file is plain text.
"""

from __future__ import annotations

from pathlib import Path

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
from PySide6.QtCore import QDateTime, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.adherence import (
    place_name,
    rated_places,
    report_totals,
    soreness_change_by_region,
    soreness_series,
    summary_lines,
)
from selfmassage.core.report_file import Report
from selfmassage.ui.history_heatmap import BodyHeatMap, HeatMode

STATUS_WORDS = {"completed": "Done", "stopped": "Ended early", "interrupted": "Interrupted"}
COLUMNS = ("Started", "Status", "Minutes", "Steps done", "Skipped", "Feeling", "Soreness", "Notes")


def _plain(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ClientReportPage(QWidget):
    """Shows one report. ``pdf_requested`` asks the app to print it."""

    pdf_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientReportPage")
        self.setAccessibleName("Client report")
        self.report: Report | None = None

        self.title_label = _plain()
        self.title_label.setObjectName("reportTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.details_label = _plain()
        self.details_label.setObjectName("reportDetails")
        self.summary_label = _plain()
        self.summary_label.setObjectName("reportSummary")
        self.read_only_label = _plain(
            "Read-only: this is the client's report. It is not part of your own history."
        )
        self.pdf_button = QPushButton("Export &PDF…")
        self.pdf_button.setAccessibleName("Export this report as a PDF")
        self.pdf_button.clicked.connect(lambda: self.pdf_requested.emit(self.report))

        self.week_bars = QBarSet("Minutes")
        self.week_bars.setColor(QColor("#2a9d8f"))
        series = QBarSeries()
        series.append(self.week_bars)
        series.setBarWidth(0.8)
        self.week_chart = QChart()
        self.week_chart.setTitle("Minutes per week")
        self.week_chart.legend().hide()
        self.week_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.week_chart.addSeries(series)
        self.week_x = QBarCategoryAxis()
        self.week_x.setGridLineVisible(False)
        self.week_y = QValueAxis()
        self.week_y.setLabelFormat("%d")
        self.week_chart.addAxis(self.week_x, Qt.AlignmentFlag.AlignBottom)
        self.week_chart.addAxis(self.week_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(self.week_x)
        series.attachAxis(self.week_y)
        self.week_view = QChartView(self.week_chart)
        self.week_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.week_view.setAccessibleName("Chart of the client's minutes per week")
        self.week_view.setMinimumHeight(220)

        self.place_box = QComboBox()
        self.place_box.setAccessibleName("Region for the soreness chart")
        self.place_box.currentIndexChanged.connect(lambda _index: self._fill_soreness())
        self.soreness_chart = QChart()
        self.soreness_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.soreness_x = QDateTimeAxis()
        self.soreness_x.setFormat("d MMM")
        self.soreness_x.setTickCount(6)
        self.soreness_y = QValueAxis()
        self.soreness_y.setRange(0, 10)
        self.soreness_y.setTickCount(6)
        self.soreness_y.setLabelFormat("%d")
        self.soreness_chart.addAxis(self.soreness_x, Qt.AlignmentFlag.AlignBottom)
        self.soreness_chart.addAxis(self.soreness_y, Qt.AlignmentFlag.AlignLeft)
        self.before_series = self._soreness_series("Before", "#e76f51")
        self.after_series = self._soreness_series("After", "#2a9d8f")
        self.soreness_view = QChartView(self.soreness_chart)
        self.soreness_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.soreness_view.setAccessibleName("Chart of the client's soreness over time")

        self.heat_map = BodyHeatMap(HeatMode.CHANGE, "points")
        self.heat_map.setAccessibleName("Change in soreness per region")
        self.heat_caption = _plain()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("reportSessions")
        self.table.setAccessibleName("The client's sessions")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.setWordWrap(True)

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        charts = QWidget()
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.addWidget(self.week_view, 2)
        heat = QVBoxLayout()
        heat.addWidget(self.heat_map, 1)
        heat.addWidget(self.heat_caption)
        charts_layout.addLayout(heat, 1)
        soreness = QWidget()
        soreness_layout = QVBoxLayout(soreness)
        soreness_layout.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        pick_label = _plain("Soreness of:", wrap=False)
        pick_label.setBuddy(self.place_box)
        pick.addWidget(pick_label)
        pick.addWidget(self.place_box)
        pick.addStretch(1)
        soreness_layout.addLayout(pick)
        soreness_layout.addWidget(self.soreness_view, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(charts, "&Minutes and body")
        self.tabs.addTab(soreness, "&Soreness over time")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.details_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.read_only_label)
        layout.addWidget(splitter, 1)
        self.show_report(None)

    def show_report(self, report: Report | None) -> None:
        self.report = report
        self.pdf_button.setEnabled(report is not None)
        if report is None:
            self.title_label.setText("No client report open")
            self.details_label.setText("Open a .smreport file a client sent you (File > Open).")
            self.summary_label.clear()
            self.table.setRowCount(0)
            self.week_bars.remove(0, self.week_bars.count())
            self.heat_map.set_values({})
            self.heat_caption.clear()
            self.place_box.clear()
            return
        self.title_label.setText(report.routine_title)
        details = []
        if report.client:
            details.append(f"Client: {report.client}")
        if report.routine_author:
            details.append(f"Routine by {report.routine_author}")
        details.append(
            f"From {report.period_from.isoformat()} to {report.period_to.isoformat()}, "
            f"made {report.created.strftime('%Y-%m-%d %H:%M')}"
        )
        self.details_label.setText(" · ".join(details))
        self.summary_label.setText("\n".join(summary_lines(report)))
        self._fill_chart(report)
        changes = soreness_change_by_region(report)
        self.heat_map.set_values(changes)
        self.heat_caption.setText(
            "Soreness after minus before (green: less sore). " + self.heat_map.describe(3)
        )
        self._fill_table(report)
        self.place_box.blockSignals(True)
        self.place_box.clear()
        for place in rated_places(report):
            self.place_box.addItem(place_name(place), place)
        self.place_box.blockSignals(False)
        self._fill_soreness()

    def _soreness_series(self, name: str, colour: str) -> tuple[QLineSeries, QScatterSeries]:
        line = QLineSeries()
        line.setName(name)
        line.setColor(QColor(colour))
        dots = QScatterSeries()
        dots.setColor(QColor(colour))
        dots.setMarkerSize(7)
        for item in (line, dots):
            self.soreness_chart.addSeries(item)
            item.attachAxis(self.soreness_x)
            item.attachAxis(self.soreness_y)
        self.soreness_chart.legend().markers(dots)[0].setVisible(False)
        return line, dots

    def _fill_soreness(self) -> None:
        place = self.place_box.currentData()
        series = soreness_series(self.report, str(place)) if self.report and place else []
        if series:
            self.soreness_chart.setTitle(f"{place_name(str(place))}: before and after each session")
        else:
            self.soreness_chart.setTitle("The client rated no soreness in this report")
        for column, (line, dots) in ((1, self.before_series), (2, self.after_series)):
            points = [
                QPointF(row[0].timestamp() * 1000, float(value))
                for row in series
                if (value := row[column]) is not None
            ]
            # One call per series: PySide6 6.12 loses None references on many appends.
            line.replace(points)
            dots.replace(points)
        self.soreness_x.setVisible(bool(series))
        if series:
            first, last = series[0][0], series[-1][0]
            self.soreness_x.setRange(
                QDateTime.fromMSecsSinceEpoch(int(first.timestamp() * 1000) - 43_200_000),
                QDateTime.fromMSecsSinceEpoch(int(last.timestamp() * 1000) + 43_200_000),
            )

    def _fill_chart(self, report: Report) -> None:
        weeks = report_totals(report).minutes_per_week
        self.week_bars.remove(0, self.week_bars.count())
        self.week_bars.append([minutes for _, minutes in weeks])
        self.week_x.clear()
        self.week_x.append([monday.strftime("%d %b") for monday, _ in weeks])
        peak = max((minutes for _, minutes in weeks), default=0.0)
        self.week_y.setRange(0, max(10.0, peak * 1.15))

    def _fill_table(self, report: Report) -> None:
        self.table.setRowCount(len(report.sessions))
        for row, session in enumerate(report.sessions):
            soreness = ", ".join(
                f"{place_name(place)} {before}→{session.soreness_after.get(place, '–')}"
                for place, before in session.soreness_before.items()
            )
            values = (
                session.started.strftime("%a %Y-%m-%d %H:%M"),
                STATUS_WORDS.get(session.status, session.status),
                f"{session.done_seconds / 60:.1f}",
                str(session.steps_done),
                str(session.steps_skipped),
                f"{session.feeling}/5" if session.feeling is not None else "",
                soreness,
                session.notes,
            )
            for column, value in enumerate(values):
                # QTableWidgetItem text is plain; no tooltips, which could read markup.
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    def shown_text(self) -> list[str]:
        """Every text the page shows, for tests and screen-reader checks."""
        texts = [self.title_label.text(), self.details_label.text(), self.summary_label.text()]
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    texts.append(item.text())
        return texts


class ClientReportWindow(QMainWindow):
    """A window per open report, so that several clients can be compared side by side."""

    def __init__(self, report: Report, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.path = path
        self.page = ClientReportPage()
        self.page.show_report(report)
        self.setCentralWidget(self.page)
        self.setWindowTitle(f"{report.routine_title} — Client report ({path.name})")
        close = self.menuBar().addMenu("&File").addAction("&Close")
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        self.resize(1000, 720)
