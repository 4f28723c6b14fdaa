"""The Library page: the built-in routines and the user's own, to find, open, copy or
remove.

The page only shows entries and forwards what the person asks for; app.py runs the
library operations and hands back a fresh listing. Every routine shows what it is for,
the tools it needs and how long it takes; the filter above the list keeps the ones that
fit the person's tools, time and the place they want to work. Everything that comes from
a file (titles, authors, descriptions, errors) is shown as plain text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _, ngettext
from selfmassage.core.library import LibraryEntry
from selfmassage.core.library_filter import LibraryFilter, short_description
from selfmassage.core.routine import Pacing
from selfmassage.core.routine_file import SUFFIX
from selfmassage.core.shown_text import for_window
from selfmassage.core.tools import Tool
from selfmassage.core.words import duration, file_problems, rounded_minutes
from selfmassage.ui.dialogs import ask, tell_file_problems
from selfmassage.ui.library.filter_bar import FilterBar
from selfmassage.ui.library.routine_pictures import RoutinePictures
from selfmassage.ui.main_window import routine_file_filter


class Column:
    TITLE, ABOUT, TOOLS, TIME, STEPS, AUTHOR, KIND, PLAN = range(8)


HEADERS = (
    N_("Title"),
    N_("What it is for"),
    N_("Tools"),
    N_("Time"),
    N_("Steps"),
    N_("Author"),
    N_("Kind"),
    N_("This week"),
)
"""The columns' headers, in English, marked for translation: shown as ``_(header)``."""


def _steps(number: int) -> str:
    return ngettext("{n} step", "{n} steps", number).format(n=number)


def _tools(entry: LibraryEntry) -> str:
    # Translators: the list of a routine's tools, as "Tools: Foam roller, Hands".
    return _("Tools: {tools}").format(tools=", ".join(entry.tools))


def _plain_tooltip(text: str) -> str:
    # Qt guesses rich text for tooltips: escape inside <p> so markup shows as typed.
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


class LibraryPage(QWidget):
    open_requested = Signal(object)
    """A Routine to show in the preview."""
    duplicate_requested = Signal(object)
    """A LibraryEntry to copy among the user's own."""
    delete_requested = Signal(object)
    """A LibraryEntry of the user's own; already confirmed."""
    import_requested = Signal(str)
    """A file to check and copy in; goes the same way as File > Open."""
    refresh_requested = Signal()
    """The page became visible: the folder may have changed."""

    def __init__(self, pacing: Pacing | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPage")
        self.pacing = pacing or Pacing()
        self._entries: list[LibraryEntry] = []
        self._plan_progress: dict[str, str] = {}
        """Routine title -> "2 of 3 this week", for prescribed plans."""

        title = QLabel(_("Library"))
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        hint = QLabel(
            _(
                "Built-in routines, your own, and those from your physio. "
                "Open a {suffix} file, or drop it on the window, to add it here."
            ).format(suffix=SUFFIX)
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setObjectName("libraryList")
        self.tree.setAccessibleName(_("Routines"))
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels([_(header) for header in HEADERS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.ABOUT, QHeaderView.ResizeMode.Stretch)
        for column in (
            Column.TITLE,
            Column.TOOLS,
            Column.TIME,
            Column.STEPS,
            Column.AUTHOR,
            Column.KIND,
            Column.PLAN,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda _item, _column: self.open_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.pictures = RoutinePictures()
        self.tree.currentItemChanged.connect(lambda *_: self._show_pictures())
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self.apply_filter)
        self.filter_bar.to_list.connect(self._go_to_list)
        self.details = QLabel()
        self.details.setObjectName("libraryDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.open_button = self._button(
            _("&Open"), _("Show the routine, ready to start"), _("Open")
        )
        self.open_button.clicked.connect(self.open_selected)
        self.duplicate_button = self._button(
            _("D&uplicate"), _("Make a copy among your own routines to change"), _("Duplicate")
        )
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button = self._button(
            _("&Delete…"), _("Delete one of your own routines"), _("Delete routine")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = self._button(
            _("&Import…"),
            _("Add a {suffix} file to your routines").format(suffix=SUFFIX),
            _("Import a routine file"),
        )
        self.import_button.clicked.connect(self.ask_import)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.duplicate_button,
            self.delete_button,
            self.import_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.pictures)
        layout.addLayout(buttons)

        # Delete works on the list itself, where the person is looking.
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.tree)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        duplicate_key = QShortcut(QKeySequence("Ctrl+D"), self)
        duplicate_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        duplicate_key.activated.connect(self.duplicate_selected)
        find_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find_key.activated.connect(self._go_to_search)
        self._update_buttons()

    def _button(self, text: str, tip: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(accessible)
        return button

    # State in ------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[LibraryEntry], select: Path | None = None) -> None:
        """Show a fresh listing; keep the selection, or select the entry at ``select``."""
        current = self.selected_entry()
        keep = select or (current.path if current is not None else None)
        self._entries = list(entries)
        self.tree.clear()
        warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        chosen: QTreeWidgetItem | None = None
        for index, entry in enumerate(self._entries):
            item = QTreeWidgetItem(self._row(entry))
            item.setData(Column.TITLE, Qt.ItemDataRole.UserRole, index)
            if entry.ok:
                item.setToolTip(Column.ABOUT, _plain_tooltip(self._tooltip(entry)))
            for column in (Column.STEPS, Column.TIME):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            if entry.ok:
                item.setToolTip(Column.TITLE, _plain_tooltip(self._tooltip(entry)))
            else:
                item.setIcon(Column.TITLE, warning_icon)
                item.setToolTip(
                    Column.TITLE,
                    _plain_tooltip(
                        str(file_problems(entry.path.name, "routine", entry.result.errors))
                    ),
                )
            self.tree.addTopLevelItem(item)
            if keep is not None and entry.path == keep:
                chosen = item
        if (
            chosen is not None
            and select is not None
            and not self._fits(
                self._entries[chosen.data(Column.TITLE, Qt.ItemDataRole.UserRole)],
                self.filter_bar.value(),
            )
        ):
            self.filter_bar.show_all()  # what was just added or asked for is never hidden
        if chosen is None and self.tree.topLevelItemCount():
            chosen = self.tree.topLevelItem(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        mine = sum(1 for entry in self._entries if not entry.built_in)
        self.count_label.setText(
            _("{built_in} built-in, {mine} of your own").format(
                built_in=len(self._entries) - mine, mine=mine
            )
        )
        self.apply_filter()

    def set_plan_progress(self, progress: Mapping[str, str]) -> None:
        """Show this week's sessions against the schedule beside each prescribed plan."""
        self._plan_progress = dict(progress)
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            assert item is not None  # row < topLevelItemCount()
            index = item.data(Column.TITLE, Qt.ItemDataRole.UserRole)
            entry = self._entries[index]
            item.setText(Column.PLAN, self._plan_progress.get(entry.title, "") if entry.ok else "")

    # Finding -------------------------------------------------------------------------------

    def set_owned_tools(self, tools: Iterable[Tool]) -> None:
        """The tools chosen on Home: the filter starts from them."""
        self.filter_bar.set_owned(tools)

    def _fits(self, entry: LibraryEntry, wanted: LibraryFilter) -> bool:
        # A broken file always shows: it needs the person's attention.
        return entry.routine is None or wanted.matches(entry.routine, self.pacing)

    def apply_filter(self) -> None:
        """Hide the routines the filter leaves out; keep a shown one selected."""
        wanted = self.filter_bar.value()
        shown: list[QTreeWidgetItem] = []
        for index, entry in enumerate(self._entries):
            item = self.tree.topLevelItem(index)
            assert item is not None  # one item per entry
            fits = self._fits(entry, wanted)
            item.setHidden(not fits)
            if fits:
                shown.append(item)
        current = self.tree.currentItem()
        if current is None or current.isHidden():
            self.tree.setCurrentItem(shown[0] if shown else None)  # type: ignore[arg-type]
        self.filter_bar.show_count(len(shown), len(self._entries))
        self._update_buttons()
        self._show_details()

    def _go_to_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _go_to_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def _show_details(self) -> None:
        """Under the list: what the chosen routine is for, its tools and its length."""
        entry = self.selected_entry()
        if entry is None or entry.routine is None:
            self.details.setText("")
            return
        facts = " · ".join(
            (_tools(entry), duration(entry.total_seconds(self.pacing)), _steps(entry.step_count))
        )
        text = entry.routine.description.strip()
        self.details.setText(for_window(f"{text}\n{facts}" if text else facts))

    def _row(self, entry: LibraryEntry) -> list[str]:
        if not entry.ok or entry.routine is None:
            return [
                for_window(entry.title),
                _("This file cannot be read"),
                *[""] * 4,
                # Translators: the kind of a routine whose file cannot be read.
                _("Broken"),
                "",
            ]
        return [
            for_window(entry.title),
            for_window(short_description(entry.routine.description)),
            ", ".join(entry.tools),
            rounded_minutes(entry.total_seconds(self.pacing)),
            str(entry.step_count),
            for_window(entry.author),
            entry.kind,
            self._plan_progress.get(entry.title, ""),
        ]

    def _tooltip(self, entry: LibraryEntry) -> str:
        routine = entry.routine
        assert routine is not None
        lines = [routine.title]
        if routine.description:
            lines.append(routine.description)
        lines.append(
            # Translators: "5 steps, 12 min with the pauses between them".
            _("{steps}, {time} with the pauses between them").format(
                steps=_steps(entry.step_count), time=duration(entry.total_seconds(self.pacing))
            )
        )
        lines.append(_tools(entry))
        lines.append(_("File: {name}").format(name=entry.path.name))
        return for_window("\n".join(lines))

    def entries(self) -> list[LibraryEntry]:
        return list(self._entries)

    def selected_entry(self) -> LibraryEntry | None:
        item = self.tree.currentItem()
        if item is None or item.isHidden():
            return None
        index = item.data(Column.TITLE, Qt.ItemDataRole.UserRole)
        if not isinstance(index, int) or not 0 <= index < len(self._entries):
            return None
        return self._entries[index]

    def select_path(self, path: Path) -> bool:
        for index, entry in enumerate(self._entries):
            item = self.tree.topLevelItem(index)
            if entry.path == path and item is not None:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _show_pictures(self) -> None:
        entry = self.selected_entry()
        self.pictures.show_routine(entry.routine if entry is not None else None)

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        self.open_button.setEnabled(entry is not None)
        self.duplicate_button.setEnabled(entry is not None and entry.ok)
        self.delete_button.setEnabled(entry is not None and not entry.built_in)

    # Intent out ----------------------------------------------------------------------

    def open_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if entry.routine is None:
            tell_file_problems(
                self, entry.path.name, "routine", entry.result.errors, object_name="routineProblems"
            )
            return
        self.open_requested.emit(entry.routine)

    def duplicate_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.ok:
            self.duplicate_requested.emit(entry)

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.built_in:
            return
        if ask(
            self,
            _("Delete routine"),
            _(
                "Delete “{title}”?\n\nThe file {file} is removed from your "
                "routines. This cannot be undone."
            ).format(title=entry.title, file=entry.path.name),
            _("Delete"),
            object_name="libraryQuestion",
        ):
            self.delete_requested.emit(entry)

    def ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import routine"), "", routine_file_filter()
        )
        if path:
            self.import_requested.emit(path)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh_requested.emit()
