"""The Library's presenter: built-in and saved routines, and the one way a file opens.

File > Open, a file dropped on the window, ``selfmassage FILE`` and a file handed over
by a second start all come to ``open_file``: a good file is copied into the person's
routines and shown; a broken one gets a plain-text message that lists its problems,
and nothing changes. The page is made the first time it is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from selfmassage.core.language import _, ngettext
from selfmassage.core.shown_text import for_window
from selfmassage.ui import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from selfmassage.core.library import Library, LibraryEntry
    from selfmassage.core.routine import Pacing
    from selfmassage.core.tools import Tool
    from selfmassage.ui.library.library_page import LibraryPage
    from selfmassage.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class LibraryPresenter(QObject):
    open_requested = Signal(object)
    """A Routine the person chose to open (from the page or a file)."""
    imported = Signal(object)
    """A Routine that came from a file: a physio's prescription is welcomed."""

    def __init__(self, window: MainWindow, routines_dir: Path) -> None:
        super().__init__(window)
        self.window = window
        self.routines_dir = routines_dir
        self._routines: Library | None = None
        self._page: LibraryPage | None = None
        self._plan_progress: dict[str, str] = {}
        self.problems_box: QMessageBox | None = None
        self.owned_tools: Callable[[], Iterable[Tool]] = tuple
        """The tools chosen on Home: the Library's filter starts from them."""
        self.pacing: Callable[[], Pacing] | None = None
        """The pacing a session would have: the Library's times are the session's."""
        window.stack.currentChanged.connect(self._page_shown)

    @property
    def routines(self) -> Library:
        """The built-in routines and the person's own (core.library.Library)."""
        if self._routines is None:
            from selfmassage.core.library import Library

            self._routines = Library(self.routines_dir)
        return self._routines

    @property
    def page(self) -> LibraryPage:
        if self._page is None:
            from selfmassage.ui.library.library_page import LibraryPage

            self._page = page = LibraryPage(self.pacing() if self.pacing else None)
            page.open_requested.connect(self.open_requested)
            page.duplicate_requested.connect(self.duplicate)
            page.delete_requested.connect(self.delete)
            page.import_requested.connect(self.open_file)
            page.refresh_requested.connect(lambda: self.refresh())
            self.window.set_page("library", page)
            page.set_plan_progress(self._plan_progress)
            self.refresh()
        return self._page

    def follow_pacing(self) -> None:
        """The settings' pacing changed: every time shown follows."""
        if self._page is not None and self.pacing is not None:
            self._page.pacing = self.pacing()
            entry = self._page.selected_entry()
            self.refresh(select=entry.path if entry else None)

    def _page_shown(self, _index: int) -> None:
        if self._page is None and self.window.current_page_key() == "library":
            _ = self.page

    def refresh(self, select: Path | None = None) -> None:
        page = self.page
        page.set_owned_tools(self.owned_tools())
        page.set_entries(self.routines.entries(), select)

    def set_plan_progress(self, progress: Mapping[str, str]) -> None:
        self._plan_progress = dict(progress)
        if self._page is not None:
            self._page.set_plan_progress(self._plan_progress)

    def open_file(self, file: str) -> LibraryEntry | None:
        from selfmassage.core.library import ImportRefusedError, LibraryError

        path = Path(file)
        try:
            entry = self.routines.import_file(path)
        except ImportRefusedError as error:
            log.warning("cannot open %s: %s", path, "; ".join(map(str, error.errors)))
            self.problems_box = dialogs.tell_file_problems(
                self.window, path.name, "routine", error.errors, object_name="routineProblems"
            )
            return None
        except LibraryError as error:
            self._tell(str(error))
            return None
        self.refresh(select=entry.path)
        if entry.result.warnings:
            skipped = len(entry.result.warnings)
            self.window.statusBar().showMessage(
                ngettext(
                    "{file}: {n} part this version of the app does not know was skipped.",
                    "{file}: {n} parts this version of the app does not know were skipped.",
                    skipped,
                ).format(file=path.name, n=skipped),
                10000,
            )
        assert entry.routine is not None
        self.open_requested.emit(entry.routine)
        self.imported.emit(entry.routine)
        return entry

    def duplicate(self, entry: LibraryEntry) -> None:
        from selfmassage.core.library import LibraryError

        try:
            copy = self.routines.duplicate(entry)
        except LibraryError as error:
            self._tell(str(error))
            return
        self.refresh(select=copy.path)
        self.window.statusBar().showMessage(
            _("Made “{title}”").format(title=for_window(copy.title)), 5000
        )

    def delete(self, entry: LibraryEntry) -> None:
        from selfmassage.core.library import LibraryError

        try:
            self.routines.delete(entry)
        except LibraryError as error:
            self._tell(str(error))
            return
        self.refresh()
        self.window.statusBar().showMessage(
            _("Deleted “{title}”").format(title=for_window(entry.title)), 5000
        )

    def _tell(self, text: str) -> None:
        self.problems_box = dialogs.tell(self.window, _("Routines"), text)
