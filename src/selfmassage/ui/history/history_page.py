"""The history page: sessions with their details, a calendar, charts, heat maps, insight.

It shows what it is given (a HistoryOverview, a SessionDetail, a soreness series) and
forwards what the person wants (see a session, a region's chart, export, import,
delete) as signals. Import this module only when the page is first shown: it pulls in
QtCharts (through ui.charts).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.breathing import BREATHING
from selfmassage.core.history_queries import HistoryOverview, SessionDetail
from selfmassage.core.language import _, ngettext
from selfmassage.core.routine import Tool
from selfmassage.core.shown_text import for_window
from selfmassage.core.words import (
    duration,
    feeling,
    place_key_name,
    session_status,
    step_place,
)
from selfmassage.ui.dialogs import ask, tell
from selfmassage.ui.history.charts import SorenessChart, SorenessPoints, WeekMinutesChart
from selfmassage.ui.history.delete_all_dialog import DeleteAllDialog
from selfmassage.ui.history.heatmap import BodyHeatMap, HeatMode
from selfmassage.ui.history.locale_format import local_date, local_datetime
from selfmassage.ui.history.session_calendar import SessionCalendar
from selfmassage.ui.history.session_table import SessionTable, SessionTableModel


def json_filter() -> str:
    """The file dialogs' filter for a history export: described in the app's language,
    its pattern as it is."""
    return ";;".join(
        (
            _("SelfMassage history ({pattern})").format(pattern="*.json"),
            _("All files ({pattern})").format(pattern="*"),
        )
    )


def csv_filter() -> str:
    return ";;".join(
        (
            _("CSV files ({pattern})").format(pattern="*.csv"),
            _("All files ({pattern})").format(pattern="*"),
        )
    )


_TOOLS = {tool.value for tool in Tool}
WEEKS_SHOWN = 12


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def local_time(moment: datetime) -> str:
    # Translators: a Qt date format for when a session started (ddd weekday, dd day,
    # MMM short month, yyyy year, HH:mm hours and minutes).
    return local_datetime(moment.astimezone(), _("ddd dd MMM yyyy, HH:mm"))


def describe_session(detail: SessionDetail) -> str:
    """The detail view's text: plain text, whatever the routine file carried."""
    s = detail.summary
    lines = [
        s.routine_title,
        "",
        _("Started: {when}").format(when=local_time(s.started_at)),
        _("Status: {status}").format(status=session_status(s.status)),
        _("Done: {done} of {planned} planned").format(
            done=duration(s.done_seconds), planned=duration(s.planned_seconds)
        ),
    ]
    if s.feeling is not None:
        # Translators: how the person felt after the session ("Afterwards: Better").
        lines.append(_("Afterwards: {feeling}").format(feeling=feeling(s.feeling)))
    regions = list(dict.fromkeys([*detail.soreness_before, *detail.soreness_after]))
    if regions:
        lines += ["", _("Soreness (0–10), before → after:")]
        for region_id in regions:
            before = detail.soreness_before.get(region_id)
            after = detail.soreness_after.get(region_id)
            # Translators: a place's soreness before and after, such as "Left calf: 6 → 3".
            rating = _("{place}: {before} → {after}").format(
                place=place_key_name(region_id),
                before="–" if before is None else before,
                after="–" if after is None else after,
            )
            lines.append(f"  {rating}")
    if detail.steps:
        lines += ["", _("Steps:")]
        for step in detail.steps:
            if step.skipped:
                # Translators: what was done of a step (a session's details).
                done = _("skipped")
            elif step.ended_early:
                done = _("ended early after {time}").format(time=duration(step.actual_seconds))
            else:
                done = duration(step.actual_seconds)
            what = Tool(step.tool).label if step.tool in _TOOLS else step.tool
            if step.region == BREATHING:  # no muscle and no tool: say what it was
                what = _("slow breathing")
            # Translators: a step in a session's details: "2. Left calf — foam roller:
            # 1 min 30 s of 2 min" (what was done of the time planned).
            line = _("{number}. {place} — {what}: {done} of {planned}").format(
                number=step.position + 1,
                place=step_place(step.region, step.side),
                what=what,
                done=done,
                planned=duration(step.planned_seconds),
            )
            lines.append(f"  {line}")
    if detail.notes:
        lines += ["", _("Notes:"), detail.notes]
    # Titles, notes, regions and tools may all come from an imported file.
    return for_window("\n".join(lines))


class HistoryPage(QWidget):
    session_selected = Signal(str)
    region_chosen = Signal(str)
    export_requested = Signal(str, str)
    """(format: csv or json, path)"""
    import_requested = Signal(str)
    delete_requested = Signal(str)
    run_again_requested = Signal(str)
    """The uuid of the session whose routine is to run again."""
    delete_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        self.overview: HistoryOverview | None = None
        self._current_uuid: str | None = None

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = _plain(QLabel(_("History")))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.title.setFont(font)
        top.addWidget(self.title)
        top.addStretch(1)
        self.export_button = QToolButton()
        self.export_button.setText(_("Export"))
        self.export_button.setAccessibleName(_("Export the history"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_csv_action = menu.addAction(_("As CSV (spreadsheets)…"))
        self.export_json_action = menu.addAction(_("As JSON (to import on another computer)…"))
        self.export_csv_action.triggered.connect(lambda: self._ask_export("csv"))
        self.export_json_action.triggered.connect(lambda: self._ask_export("json"))
        self.export_button.setMenu(menu)
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setAccessibleName(_("Import a history export"))
        self.import_button.clicked.connect(self._ask_import)
        self.delete_all_button = QPushButton(_("Delete all…"))
        self.delete_all_button.setAccessibleName(_("Delete the whole history"))
        self.delete_all_button.clicked.connect(self.confirm_delete_all)
        for widget in (self.export_button, self.import_button, self.delete_all_button):
            top.addWidget(widget)
        layout.addLayout(top)

        self.insight = _plain(QLabel())
        self.insight.setWordWrap(True)
        self.insight.setAccessibleName(_("What the history shows"))
        layout.addWidget(self.insight)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("History views"))
        # Only the sessions tab is built now; the others (charts, body maps, calendar) on
        # first view, so that the page opens fast however long the history is.
        self._tab_parts = (
            (self._build_sessions_tab, self._fill_sessions),
            (self._build_calendar_tab, self._fill_calendar),
            (self._build_charts_tab, self._fill_charts),
            (self._build_body_tab, self._fill_body),
        )
        self._built: set[int] = set()
        for title in (_("&Sessions"), _("Ca&lendar"), _("C&harts"), _("&Body")):
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, title)
        self._ensure_tab(0)
        self.tabs.currentChanged.connect(self._ensure_tab)
        layout.addWidget(self.tabs, 1)

        self.empty = _plain(
            QLabel(_("No sessions yet. Run a routine and it will be kept here, on this computer."))
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty)
        self.empty.hide()

    # Building --------------------------------------------------------------------------

    def _build_sessions_tab(self) -> QWidget:
        self.model = SessionTableModel()
        self.table = SessionTable(self.model)
        self.table.setObjectName("historySessions")
        self.table.setAccessibleName(_("Sessions, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Tab leaves the list for the details; the arrow keys move within it.
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail.setAccessibleName(_("Session details"))
        self.detail.setPlaceholderText(_("Choose a session to see its steps and notes."))
        self.delete_button = QPushButton(_("Delete this session…"))
        self.delete_button.setAccessibleName(_("Delete the chosen session"))
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.confirm_delete)
        delete_action = QAction(self.table)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.confirm_delete)
        self.table.addAction(delete_action)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        self.run_again_button = QPushButton(_("Run this routine again"))
        self.run_again_button.setAccessibleName(_("Run the chosen session's routine again"))
        self.run_again_button.setEnabled(False)
        self.run_again_button.clicked.connect(self._run_again)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_again_button)
        buttons.addWidget(self.delete_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 300])
        return splitter

    def _build_calendar_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.streak = _plain(QLabel())
        self.streak.setAccessibleName(_("Streak"))
        layout.addWidget(self.streak)
        self.calendar = SessionCalendar()
        self.calendar.setAccessibleName(_("Days with a session"))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setMaximumDate(QDate.currentDate())
        self.calendar.clicked.connect(self._day_clicked)
        # The keyboard moves the selection: the line under the calendar follows it.
        self.calendar.selectionChanged.connect(
            lambda: self._day_clicked(self.calendar.selectedDate())
        )
        layout.addWidget(self.calendar, 1)
        self.day_text = _plain(QLabel())
        layout.addWidget(self.day_text)
        return tab

    def _build_charts_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.week_chart = WeekMinutesChart(
            ngettext(
                "Minutes per week, last {n} week", "Minutes per week, last {n} weeks", WEEKS_SHOWN
            ).format(n=WEEKS_SHOWN),
            empty_title=ngettext(
                "No minutes of massage in the last {n} week",
                "No minutes of massage in the last {n} weeks",
                WEEKS_SHOWN,
            ).format(n=WEEKS_SHOWN),
            accessible_name=_("Chart of minutes per week"),
        )
        layout.addWidget(self.week_chart, 1)

        row = QHBoxLayout()
        label = QLabel(_("Soreness of:"))
        self.region_box = QComboBox()
        self.region_box.setAccessibleName(_("Place for the soreness chart"))
        label.setBuddy(self.region_box)
        self.region_box.currentIndexChanged.connect(self._region_box_changed)
        row.addWidget(label)
        row.addWidget(self.region_box)
        row.addStretch(1)
        layout.addLayout(row)
        self.soreness_chart = SorenessChart(
            empty_title=_("Soreness before and after: rate a region before a session to see it"),
            accessible_name=_("Chart of soreness over time"),
        )
        layout.addWidget(self.soreness_chart, 1)
        return tab

    def _build_body_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        left = QVBoxLayout()
        left.addWidget(_plain(QLabel(_("Minutes per region, last 30 days"))))
        # Translators: the unit after a number of minutes, as in "25 min".
        self.minutes_map = BodyHeatMap(HeatMode.AMOUNT, _("min"))
        self.minutes_map.setAccessibleName(_("Minutes per region, last 30 days"))
        left.addWidget(self.minutes_map, 1)
        self.minutes_caption = _plain(QLabel())
        self.minutes_caption.setWordWrap(True)
        left.addWidget(self.minutes_caption)
        right = QVBoxLayout()
        right.addWidget(
            _plain(QLabel(_("Average soreness change per session (green: less sore after)")))
        )
        # Translators: the unit after a change of soreness on the 0–10 scale, "-1.5 points".
        self.change_map = BodyHeatMap(HeatMode.CHANGE, _("points"))
        self.change_map.setAccessibleName(_("Average soreness change per region"))
        right.addWidget(self.change_map, 1)
        self.change_caption = _plain(QLabel())
        self.change_caption.setWordWrap(True)
        right.addWidget(self.change_caption)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        return tab

    # Showing ---------------------------------------------------------------------------

    def _ensure_tab(self, index: int) -> None:
        if index < 0:
            return
        build, fill = self._tab_parts[index]
        if index not in self._built:
            self._built.add(index)
            tab = self.tabs.widget(index)
            assert tab is not None  # index < count: _tab_parts has one entry per tab
            layout = tab.layout()
            assert layout is not None
            layout.addWidget(build())
            if self.overview is not None:
                fill(self.overview)

    def show_overview(self, overview: HistoryOverview) -> None:
        self.overview = overview
        has_sessions = bool(overview.sessions)
        self.tabs.setVisible(has_sessions)
        self.empty.setVisible(not has_sessions)
        self.export_button.setEnabled(has_sessions)
        self.delete_all_button.setEnabled(has_sessions)
        self.insight.setText("\n".join(overview.insights))
        self.insight.setVisible(bool(overview.insights))
        for index in sorted(self._built):
            self._tab_parts[index][1](overview)

    def _fill_sessions(self, overview: HistoryOverview) -> None:
        self.model.set_sessions(overview.sessions, overview.session_count)
        self.detail.clear()
        self.delete_button.setEnabled(False)
        self.run_again_button.setEnabled(False)
        self._current_uuid = None

    def _fill_calendar(self, overview: HistoryOverview) -> None:
        current, longest, days = (
            overview.current_streak,
            overview.longest_streak,
            len(overview.days),
        )
        self.streak.setText(
            " · ".join(
                (
                    ngettext("Current streak: {n} day", "Current streak: {n} days", current).format(
                        n=current
                    ),
                    ngettext("longest: {n} day", "longest: {n} days", longest).format(n=longest),
                    ngettext(
                        "{n} day with a session in all", "{n} days with a session in all", days
                    ).format(n=days),
                )
            )
        )
        self._mark_calendar()

    def _fill_body(self, overview: HistoryOverview) -> None:
        self.minutes_map.set_values(overview.region_minutes)
        self.change_map.set_values({r: c.mean_change for r, c in overview.region_changes.items()})
        # Translators: the places with the most minutes, such as "Most: Calves: 25 min; ...".
        self.minutes_caption.setText(
            _("Most: {places}").format(places=self.minutes_map.describe(3))
        )
        # Translators: the places whose soreness changed most, "Largest: Neck: -2.0 points".
        self.change_caption.setText(
            _("Largest: {places}").format(places=self.change_map.describe(3))
        )

    def _fill_charts(self, overview: HistoryOverview) -> None:
        self.week_chart.show_weeks(overview.weeks)
        chosen = self.region_box.currentData()
        self.region_box.blockSignals(True)
        self.region_box.clear()
        for region_id in overview.rated_regions:
            self.region_box.addItem(place_key_name(region_id), region_id)
        index = self.region_box.findData(chosen)
        self.region_box.setCurrentIndex(max(index, 0))
        self.region_box.blockSignals(False)
        if overview.rated_regions:
            self.region_chosen.emit(self.region_box.currentData())
        else:
            self.show_soreness("", [])

    def show_detail(self, detail: SessionDetail | None) -> None:
        if detail is None:
            self.detail.setPlainText(_("This session is no longer in the history."))
            self.delete_button.setEnabled(False)
            self.run_again_button.setEnabled(False)
            return
        self._current_uuid = detail.summary.uuid
        self.detail.setPlainText(describe_session(detail))
        self.delete_button.setEnabled(True)
        kept = bool(detail.routine_snapshot)
        self.run_again_button.setEnabled(kept)
        self.run_again_button.setToolTip(
            _("<p>Run the same routine again; you rate your soreness first</p>")
            if kept
            else _("<p>This session's routine was not kept, so it cannot run again</p>")
        )

    def show_soreness(self, region_id: str, series: SorenessPoints) -> None:
        self.soreness_chart.show_soreness(
            series,
            _("{place}: soreness before and after each session").format(
                place=place_key_name(region_id)
            ),
        )

    def _mark_calendar(self) -> None:
        if self.overview is not None:
            self.calendar.show_days(self.overview.days, self.overview.day_sessions)

    def _day_clicked(self, qdate: QDate) -> None:
        if self.overview is None:
            return
        day = date(qdate.year(), qdate.month(), qdate.day())
        # Translators: a Qt date format for the day chosen in the calendar (ddd weekday,
        # dd day, MMM short month, yyyy year).
        label = local_date(day, _("ddd dd MMM yyyy"))
        what = self.calendar.describe(day) or _("no session")
        # Translators: a day and what it had: "Mon 02 Mar 2026: 1 session, 12 minutes".
        self.day_text.setText(_("{day}: {what}").format(day=label, what=what))

    # Intent ------------------------------------------------------------------------------

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.session_selected.emit(self.model.sessions[current.row()].uuid)

    def _region_box_changed(self, _index: int) -> None:
        region_id = self.region_box.currentData()
        if region_id:
            self.region_chosen.emit(region_id)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _run_again(self) -> None:
        if self._current_uuid is not None:
            self.run_again_requested.emit(self._current_uuid)

    def confirm_delete(self) -> None:
        if self._current_uuid is None:
            return
        if ask(
            self,
            _("Delete session"),
            _("Delete this session from your history? This cannot be undone."),
            _("Delete"),
            object_name="historyQuestion",
        ):
            self.delete_requested.emit(self._current_uuid)

    def confirm_delete_all(self) -> None:
        sessions = self.overview.session_count if self.overview else 0
        dialog = DeleteAllDialog(sessions, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.delete_all_requested.emit()

    def _ask_export(self, kind: str) -> None:
        stamp = date.today().isoformat()
        name, filters = (
            (f"selfmassage-history-{stamp}.json", json_filter())
            if kind == "json"
            else (f"selfmassage-history-{stamp}.csv", csv_filter())
        )
        path, _chosen = QFileDialog.getSaveFileName(self, _("Export the history"), name, filters)
        if path:
            self.export_requested.emit(kind, path)

    def _ask_import(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Import a history export"), "", json_filter()
        )
        if path:
            self.import_requested.emit(path)

    def tell(self, title: str, text: str, warning: bool = False) -> None:
        """Say how an export or import went; a problem when ``warning``."""
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        tell(self, title, text, icon=icon, object_name="historyMessage")
