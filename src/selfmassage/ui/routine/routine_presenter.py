"""The Routine page's presenter: a routine built or opened, adjusted, saved, started.

The page and the technique catalog are made the first time they are needed (the page
shown, a routine built or opened), not at start-up; once a routine is near (places
picked on the Home page) the page is made ahead, a slice per turn of the event loop, so
that the first Build only fills it in. Edits that are not saved are asked about before
a new routine replaces them and before the window closes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from selfmassage.core.language import _
from selfmassage.core.shown_text import for_window
from selfmassage.ui import dialogs
from selfmassage.ui.widgets.slices import Slices

if TYPE_CHECKING:
    from collections.abc import Callable

    from selfmassage.core.builder import BuildRequest
    from selfmassage.core.catalog import Catalog
    from selfmassage.core.routine import Pacing, Routine
    from selfmassage.ui.main_window import MainWindow
    from selfmassage.ui.routine.routine_page import RoutinePage

log = logging.getLogger(__name__)


def _default_pacing() -> Pacing:
    from selfmassage.core.routine import Pacing

    return Pacing()


class RoutinePresenter(QObject):
    start_requested = Signal(object)
    """The Routine to run, from the page's Start."""
    routine_changed = Signal()
    """The routine on screen is another one, or was edited."""
    refused = Signal(object)
    """A core.builder.Refusal: Build could not make a routine, and why."""
    built = Signal()
    saved = Signal(object)
    """The Path a routine was saved to."""
    notes_requested = Signal(object)
    """The Routine whose author's notes the person asked for."""
    catalog_broken = Signal(str)
    """Why nothing can be built: the catalog of this installation cannot be read."""

    def __init__(self, window: MainWindow, routines_dir: Path) -> None:
        super().__init__(window)
        self.window = window
        self.routines_dir = routines_dir
        self.from_home = False
        """True while the routine on screen is the one built from the Home page's map:
        only then do the map's soreness ratings prefill its before rating."""
        self._catalog: Catalog | None = None
        self._catalog_loaded = False
        self._page: RoutinePage | None = None
        self._slices = Slices(self)
        self.pacing: Callable[[], Pacing] = _default_pacing
        """The pacing a session would have: the page's total is the session's."""
        window.stack.currentChanged.connect(self._page_shown)
        window.add_close_guard(self.may_close)

    # Made when first needed ----------------------------------------------------------

    def catalog(self) -> Catalog | None:
        """The technique catalog, read once; None (and ``catalog_broken``) if damaged."""
        if not self._catalog_loaded:
            from selfmassage.core.catalog import CatalogError, load_catalog

            self._catalog_loaded = True
            try:
                self._catalog = load_catalog()
            except (CatalogError, OSError) as error:
                log.error("the technique catalog is broken: %s", error)
                self.catalog_broken.emit(
                    _("The technique catalog of this installation is damaged: reinstall the app.")
                )
        return self._catalog

    @property
    def page(self) -> RoutinePage:
        # Needed now: made as it is needed, without the layout and drawing done ahead.
        self._slices.cancel()
        return self._make_page()

    def prepare(self) -> None:
        """Make the page ahead, a slice per turn of the event loop: its modules, the
        catalog, the page, its first layout."""
        if self._page is not None or self._slices.pending:
            return
        self._slices.add(
            (
                _import_editing,
                _import_page,
                self.catalog,
                self._make_page,
                lambda: self._make_page().lay_out_ahead(self.window.stack.contentsRect().size()),
            )
        )

    @property
    def prepared(self) -> bool:
        """True once the page is made and nothing more is waiting to be done ahead."""
        return self._page is not None and not self._slices.pending

    def _make_page(self) -> RoutinePage:
        if self._page is None:
            from selfmassage.core.catalog import Catalog
            from selfmassage.ui.routine.routine_page import RoutinePage

            page = RoutinePage(self.catalog() or Catalog(()))
            page.save_requested.connect(self.save_as)
            page.back_requested.connect(lambda: self.window.show_page("home"))
            page.routine_changed.connect(lambda _routine: self.routine_changed.emit())
            page.start_requested.connect(self.start_requested)
            page.notes_requested.connect(self.notes_requested)
            self._page = page
            self.window.set_page("routine", page)
        return self._page

    def _page_shown(self, _index: int) -> None:
        if self._page is None and self.window.current_page_key() == "routine":
            _ = self.page

    # Reading -------------------------------------------------------------------------

    def routine(self) -> Routine | None:
        """The routine on screen, as edited; None before there is one."""
        return self._page.routine() if self._page is not None else None

    def language(self) -> str | None:
        routine = self.routine()
        return routine.language if routine else None

    # Actions -------------------------------------------------------------------------

    def build(self, request: BuildRequest) -> bool:
        """Build and show a routine; False if refused or if the person keeps their edits."""
        from selfmassage.core.builder import Refusal, build_routine

        catalog = self.catalog()
        if catalog is None:
            return False
        result = build_routine(request, catalog)
        if isinstance(result, Refusal):
            if result.red_flag:
                from selfmassage.ui.safety.start_check import SEE_A_DOCTOR

                dialogs.tell(self.window, _(SEE_A_DOCTOR), result.message, object_name="redFlag")
            self.refused.emit(result)
            return False
        self.built.emit()
        if not self._may_replace(
            _(
                "You changed the routine on the Routine page and did not save it. "
                "Replace it with the new one?"
            )
        ):
            return False
        self.page.set_routine(result.routine, request.pacing, request.budget_minutes, result.notes)
        self.from_home = True
        self.window.show_page("routine")
        # The page's keys (Ctrl+Return starts) work within it: the focus goes there.
        self.page.start_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show(self, routine: Routine) -> bool:
        """Show a routine opened from the Library or a file; False if edits are kept."""
        title = for_window(routine.title)
        if not self._may_replace(
            _(
                "You changed the routine on the Routine page and did not save it. "
                "Replace it with “{title}”?"
            ).format(title=title)
        ):
            return False
        self.page.show_routine(routine, self.pacing())
        self.from_home = False
        self.window.show_page("routine")
        self.window.statusBar().showMessage(_("Opened “{title}”").format(title=title), 5000)
        return True

    def show_plan(self, routine: Routine) -> bool:
        """After a restart: the plan one is on, on the Routine page, unless a routine is
        there already. The page shown stays as it is."""
        if self.routine() is not None:
            return False
        self.page.show_routine(routine, self.pacing())
        author = routine.author.strip()
        if author:
            text = _("The plan you are on, from {author}.").format(author=author)
        else:
            text = _("The plan you are on.")
        if routine.description.strip():
            # Translators: after "The plan you are on, from …": the author's notes.
            text += " " + _("Their notes are under Notes…")
        self.page.notes_label.setText(for_window(text))
        self.page.notes_label.show()
        return True

    def follow_pacing(self) -> None:
        """The settings' pacing changed: the total on the page follows."""
        if self._page is not None:
            self._page.set_pacing(self.pacing())

    def save_as(self, routine: Routine) -> Path | None:
        """Ask where, write the routine file; the Library lists it if it went there."""
        from PySide6.QtWidgets import QFileDialog

        from selfmassage.core.routine_file import RoutineFileError, write_routine
        from selfmassage.ui.main_window import routine_file_filter

        try:
            self.routines_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("cannot make the routines folder: %s", error)
        name = "".join(c if c.isalnum() or c in " -_" else " " for c in routine.title)
        # Translators: the file name suggested for a routine without a title.
        stem = " ".join(name.split())[:60] or _("Routine")
        suggested = self.routines_dir / f"{stem}.smroutine"
        chosen, _filter = QFileDialog.getSaveFileName(
            self.window, _("Save routine as"), str(suggested), routine_file_filter()
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".smroutine")
        try:
            write_routine(path, routine)
        except (OSError, RoutineFileError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            dialogs.tell(self.window, _("Could not save the routine"), f"{path}:\n{reason}")
            return None
        self.page.mark_saved()
        self.window.statusBar().showMessage(
            _("Saved “{title}” to {path}").format(title=for_window(routine.title), path=path),
            8000,
        )
        self.saved.emit(path)
        return path

    def may_close(self) -> bool:
        """The window's close guard: unsaved edits are asked about first."""
        if self._page is None or not self._page.is_edited():
            return True
        return dialogs.ask(
            self.window,
            _("Close without saving the routine?"),
            _(
                "You changed the routine on the Routine page and did not save it. "
                "Close SelfMassage anyway?"
            ),
            _("Close"),
        )

    def _may_replace(self, question: str) -> bool:
        if self._page is None or not self._page.is_edited():
            return True
        return dialogs.ask(
            self.window,
            _("Replace the routine?"),
            question,
            _("Replace"),
            object_name="replaceRoutine",
        )


def _import_editing() -> None:
    import selfmassage.core.routine_edit
    import selfmassage.ui.widgets.illustration  # noqa: F401 - loaded ahead, not used here


def _import_page() -> None:
    import selfmassage.ui.routine.routine_page  # noqa: F401 - loaded ahead, not used here
