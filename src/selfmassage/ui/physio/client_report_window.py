"""The Client reports page: a client's .smreport, read-only, beside (never in) the history.

It shows what the report file says and nothing else: the physio's own history is not
opened, read or written here. Every text from the file is plain text.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
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
    rated_places,
    report_totals,
    soreness_change_by_region,
    soreness_series,
    summary_lines,
)
from selfmassage.core.language import N_, _
from selfmassage.core.report_file import Report
from selfmassage.core.shown_text import for_window
from selfmassage.core.words import place_key_name, session_status
from selfmassage.pdf.pages import breakable
from selfmassage.ui.history.charts import SorenessChart, WeekMinutesChart
from selfmassage.ui.history.heatmap import BodyHeatMap, HeatMode
from selfmassage.ui.history.locale_format import decimal, local_date, local_datetime
from selfmassage.ui.main_window import fit_to_screen

COLUMNS = (
    N_("Started"),
    N_("Status"),
    N_("Minutes"),
    N_("Steps done"),
    # Translators: a column of how many steps a session skipped.
    N_("Skipped"),
    N_("Feeling"),
    N_("Soreness"),
    N_("Notes"),
)


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
        self.setAccessibleName(_("Client report"))
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
            _("Read-only: this is the client's report. It is not part of your own history.")
        )
        self.pdf_button = QPushButton(_("Export &PDF…"))
        self.pdf_button.setAccessibleName(_("Export this report as a PDF"))
        self.pdf_button.clicked.connect(lambda: self.pdf_requested.emit(self.report))

        self.week_chart = WeekMinutesChart(
            _("Minutes per week"),
            empty_title=_("No minutes of massage to show"),
            accessible_name=_("Chart of the client's minutes per week"),
        )
        self.week_chart.setMinimumHeight(220)

        self.place_box = QComboBox()
        self.place_box.setAccessibleName(_("Region for the soreness chart"))
        self.place_box.currentIndexChanged.connect(lambda _index: self._fill_soreness())
        self.soreness_chart = SorenessChart(
            empty_title=_("The client rated no soreness in this report"),
            accessible_name=_("Chart of the client's soreness over time"),
            # Translators: a Qt date format for a bar under a chart (d: day, MMM: short month).
            date_format=_("d MMM"),  # a report covers weeks, not years
        )

        # Translators: the unit after a change of soreness on the 0–10 scale, "-1.5 points".
        self.heat_map = BodyHeatMap(HeatMode.CHANGE, _("points"))
        self.heat_map.setAccessibleName(_("Change in soreness per region"))
        self.heat_caption = _plain()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("reportSessions")
        self.table.setAccessibleName(_("The client's sessions"))
        self.table.setHorizontalHeaderLabels([_(column) for column in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.setWordWrap(True)
        # A note may be taller than the table: scrolling by rows would skip past its end.
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Rows fit the notes at the column's real width, known only once the table is laid
        # out (and in the next turn of the loop: during the resize the rows measure short).
        # The timer is the page's, so it goes with the page.
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit_rows.start())

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        charts = QWidget()
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.addWidget(self.week_chart, 2)
        heat = QVBoxLayout()
        heat.addWidget(self.heat_map, 1)
        heat.addWidget(self.heat_caption)
        charts_layout.addLayout(heat, 1)
        soreness = QWidget()
        soreness_layout = QVBoxLayout(soreness)
        soreness_layout.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        pick_label = _plain(_("Soreness of:"), wrap=False)
        pick_label.setBuddy(self.place_box)
        pick.addWidget(pick_label)
        pick.addWidget(self.place_box)
        pick.addStretch(1)
        soreness_layout.addLayout(pick)
        soreness_layout.addWidget(self.soreness_chart, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(charts, _("&Minutes and body"))
        self.tabs.addTab(soreness, _("&Soreness over time"))
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
            self.title_label.setText(_("No client report open"))
            self.details_label.setText(_("Open a .smreport file a client sent you (File > Open)."))
            self.summary_label.clear()
            self.table.setRowCount(0)
            self.week_chart.show_weeks([])
            self.heat_map.set_values({})
            self.heat_caption.clear()
            self.place_box.clear()
            return
        # Names with no spaces wrap instead of widening the window past the screen.
        self.title_label.setText(breakable(report.routine_title))
        details = []
        if report.client:
            details.append(_("Client: {client}").format(client=report.client))
        if report.routine_author:
            details.append(_("Routine by {author}").format(author=report.routine_author))
        details.append(
            # Translators: the report's period and when the client made it.
            _("From {first} to {last}, made {made}").format(
                # Translators: a Qt date format for a report's first and last day (yyyy
                # year, MM month, dd day).
                first=local_date(report.period_from, _("yyyy-MM-dd")),
                last=local_date(report.period_to, _("yyyy-MM-dd")),
                made=local_datetime(report.created, _("yyyy-MM-dd HH:mm")),
            )
        )
        # A day's grace for time zones; later than that, the dates cannot be taken as read.
        if report.created > datetime.now(UTC) + timedelta(days=1):
            details.append(_("dated after today: the client's computer clock may be wrong"))
        self.details_label.setText(breakable(" · ".join(details)))
        self.summary_label.setText("\n".join(summary_lines(report)))
        self.week_chart.show_weeks(report_totals(report).minutes_per_week)
        changes = soreness_change_by_region(report)
        self.heat_map.set_values(changes)
        self.heat_caption.setText(
            _("Soreness after minus before (green: less sore). {places}").format(
                places=self.heat_map.describe(3)
            )
        )
        self._fill_table(report)
        self.place_box.blockSignals(True)
        self.place_box.clear()
        for place in rated_places(report):
            self.place_box.addItem(place_key_name(place), place)
        self.place_box.blockSignals(False)
        self._fill_soreness()

    def _fill_soreness(self) -> None:
        place = str(self.place_box.currentData() or "")
        series = soreness_series(self.report, place) if self.report and place else []
        self.soreness_chart.show_soreness(
            series,
            _("{place}: before and after each session").format(place=place_key_name(place)),
        )

    def _fill_table(self, report: Report) -> None:
        self.table.setRowCount(len(report.sessions))
        for row, session in enumerate(report.sessions):
            soreness = ", ".join(
                f"{place_key_name(place)} {before}→{session.soreness_after.get(place, '–')}"
                for place, before in session.soreness_before.items()
            )
            values = (
                # Translators: a Qt date format for when a session started (ddd weekday,
                # yyyy year, MM month, dd day, HH:mm hours and minutes).
                local_datetime(session.started, _("ddd yyyy-MM-dd HH:mm")),
                session_status(session.status),
                decimal(session.done_seconds / 60, 1),
                str(session.steps_done),
                str(session.steps_skipped),
                f"{session.feeling}/5" if session.feeling is not None else "",
                soreness,
                breakable(session.notes),
            )
            for column, value in enumerate(values):
                # QTableWidgetItem text is plain; no tooltips, which could read markup.
                item = QTableWidgetItem(value)
                # At the top, beside the first line of a long note, not in the row's middle.
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(row, column, item)
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
        self.setWindowTitle(
            for_window(
                _("{title} — Client report ({file})").format(
                    title=report.routine_title, file=path.name
                )
            )
        )
        file_menu = self.menuBar().addMenu(_("&File"))
        pdf = file_menu.addAction(_("Export &PDF…"))
        pdf.setShortcut(QKeySequence("Ctrl+P"))  # as the handout in the editor
        pdf.triggered.connect(self.page.pdf_button.click)
        close = file_menu.addAction(_("&Close"))
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        # Smaller on a small laptop screen: a 768-pixel one would hide the bottom.
        screen = self.screen()
        if screen is not None:
            fit_to_screen(self, QSize(1000, 720), screen.availableGeometry())
        else:
            self.resize(1000, 720)
