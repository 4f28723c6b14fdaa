"""The main window: a page per task, a menu bar, a status bar. It holds no domain state."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from selfmassage.core.language import N_, _

# Translators: a file dialog's filter: keep the patterns in brackets and the ";;".
ROUTINE_FILE_FILTER = N_("SelfMassage routines (*.smroutine);;All files (*)")

DEFAULT_SIZE = QSize(1100, 720)
FRAME_ALLOWANCE = QSize(16, 48)
"""Room for the title bar and borders a window manager adds around the window."""


def routine_file_filter() -> str:
    """The file dialogs' filter for routine files, in the app's language."""
    return _(ROUTINE_FILE_FILTER)


class PageInfo(NamedTuple):  # not a dataclass: cheaper to define before the first paint
    key: str
    title: str
    """In English, marked for translation: shown as ``_(title)``."""
    hint: str
    """In English, marked for translation: shown as ``_(hint)``."""


PAGES: tuple[PageInfo, ...] = (
    PageInfo("home", N_("Home"), N_("Pick the sore muscles and how long you have.")),
    PageInfo("routine", N_("Routine"), N_("The routine built for you, to check and adjust.")),
    PageInfo("session", N_("Session"), N_("Follow the routine with a countdown and a voice.")),
    PageInfo("history", N_("History"), N_("Every session you have done, and what it did for you.")),
    PageInfo(
        "library", N_("Library"), N_("Built-in routines, your own, and those from your physio.")
    ),
)


_SHORTCUTS: tuple[tuple[str, tuple[tuple[str | QKeySequence.StandardKey, str], ...]], ...] = (
    # The pages' names and what each key does, in English, marked for translation.
    (
        N_("Everywhere"),
        (
            (
                "Ctrl+1",
                # Translators: keep the keys ("Ctrl+2"...) as they are.
                N_("Home (Ctrl+2 Routine, Ctrl+3 Session, Ctrl+4 History, Ctrl+5 Library)"),
            ),
            (QKeySequence.StandardKey.Open, N_("open a routine file")),
            (QKeySequence.StandardKey.Quit, N_("quit")),
        ),
    ),
    (
        N_("Home"),
        (
            ("Space", N_("select the place under the arrow keys' focus (also Enter)")),
            ("A", N_("avoid that place, or allow it again")),
            ("Ctrl+B", N_("build the routine")),
            ("Ctrl+Shift+B", N_("breathing pacer")),
        ),
    ),
    (
        N_("Routine"),
        (
            ("Alt+Up", N_("move the step up (Alt+Down: down)")),
            (QKeySequence.StandardKey.Delete, N_("remove the step")),
            ("F2", N_("change the step's seconds (Esc: back to the list)")),
            (QKeySequence.StandardKey.Undo, N_("undo")),
            (QKeySequence.StandardKey.Redo, N_("redo")),
            (QKeySequence.StandardKey.SaveAs, N_("save the routine as a file")),
            ("Ctrl+Return", N_("start")),
        ),
    ),
    (
        N_("Session"),
        (
            ("Space", N_("pause or go on")),
            ("Right", N_("next step (Left: previous)")),
            ("R", N_("restart the step")),
            ("+", N_("add 30 seconds")),
            ("M", N_("mute the voice")),
            ("F", N_("full screen")),
            ("Esc", N_("leave full screen, or stop (it asks first)")),
        ),
    ),
    (
        N_("Library"),
        (
            ("Return", N_("open the routine")),
            ("Ctrl+D", N_("duplicate it")),
            (QKeySequence.StandardKey.Delete, N_("delete it (it asks first)")),
        ),
    ),
)


def shortcuts_text() -> str:
    """The keys of every page, in this platform's names for them (Qt translates the
    names of keys, "Space", with its own translations)."""
    native = QKeySequence.SequenceFormat.NativeText
    lines: list[str] = []
    for page, keys in _SHORTCUTS:
        lines.append(_(page))
        for key, does in keys:
            name = QKeySequence(key).toString(native)
            if name:  # a standard key this platform has no binding for
                # Translators: one line of the keyboard shortcuts: a key, then what it does.
                lines.append("    " + _("{key}: {does}").format(key=name, does=_(does)))
        lines.append("")
    return "\n".join(lines).strip()


class PlaceholderPage(QWidget):
    """Shown until a page's own widget is set."""

    def __init__(self, info: PageInfo) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        title = QLabel(_(info.title))
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        hint = QLabel(_(info.hint))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addStretch(1)


CloseGuard = Callable[[], bool]


def fit_to_screen(window: QWidget, wanted: QSize, available: QRect) -> None:
    """Size a top-level window as ``wanted``, smaller on a small screen (never below what
    it needs), and centre it with its title bar on the screen."""
    room = available.size() - FRAME_ALLOWANCE
    window.resize(wanted.boundedTo(room).expandedTo(window.minimumSizeHint()))
    frame = QRect(available.topLeft(), window.size() + FRAME_ALLOWANCE)
    frame.moveCenter(available.center())
    # For a window, move() places its frame; never above the screen's top.
    window.move(frame.left(), max(frame.top(), available.top()))


# A sidebar in the palette's colours, so it follows the light and dark themes; the ring
# inside the current page shows the keyboard focus, which the outline no longer does.
_NAVIGATION_STYLE = """
QListWidget#navigation { background: palette(alternate-base); padding-top: 10px; outline: 0; }
QListWidget#navigation::item { padding: 9px 12px; margin: 1px 8px; border-radius: 6px; }
QListWidget#navigation::item:selected {
    background: palette(highlight); color: palette(highlighted-text);
}
QListWidget#navigation::item:selected:focus { border: 2px solid palette(window-text); }
"""


class MainWindow(QMainWindow):
    open_routine_requested = Signal(str)
    about_requested = Signal()
    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("SelfMassage")
        self.setObjectName("mainWindow")
        self._close_guards: list[CloseGuard] = []
        self._pages: dict[str, int] = {}

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_("Pages"))
        self.navigation.setFixedWidth(160)
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        self.navigation.setStyleSheet(_NAVIGATION_STYLE)
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.navigation.setFont(font)
        self.stack = QStackedWidget()
        for info in PAGES:
            self._pages[info.key] = self.stack.addWidget(PlaceholderPage(info))
            item = QListWidgetItem(_(info.title))
            item.setData(Qt.ItemDataRole.UserRole, info.key)
            item.setToolTip(_(info.hint))
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._turn_to)
        self.navigation.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar().showMessage(_("Ready"), 3000)
        self.fit_to_screen(self.screen().availableGeometry())

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.open_action = QAction(_("&Open routine…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._ask_routine_file)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        self.quit_action = QAction(_("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        self.view_menu = self.menuBar().addMenu(_("&View"))
        for number, info in enumerate(PAGES, start=1):
            action = QAction(_(info.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=info.key: self.show_page(key))
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.theme_menu = self.view_menu.addMenu(_("&Theme"))

        self.help_menu = help_menu = self.menuBar().addMenu(_("&Help"))
        self.user_guide_action = QAction(_("&User guide"), self)
        self.user_guide_action.triggered.connect(self.show_user_guide)
        help_menu.addAction(self.user_guide_action)
        self.shortcuts_action = QAction(_("&Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        self.about_action = QAction(_("&About SelfMassage"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.about_requested)
        help_menu.addAction(self.about_action)

    def show_user_guide(self) -> QWidget:
        """The guide shipped with the app, offline, in its own window."""
        from selfmassage.ui.widgets.user_guide import UserGuideDialog

        dialog = UserGuideDialog(self)
        dialog.open()
        self.user_guide = dialog
        return dialog

    def show_shortcuts(self) -> None:
        """The keys of every page: Build, Start and the session's are on no menu."""
        from PySide6.QtWidgets import QMessageBox  # when asked: keeps start-up light

        title = _("Keyboard shortcuts")
        box = QMessageBox(QMessageBox.Icon.NoIcon, title, "", parent=self)
        box.setObjectName("keyboardShortcuts")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(title)
        box.setInformativeText(shortcuts_text())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _ask_routine_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # when asked: keeps start-up light

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open routine"), "", routine_file_filter()
        )
        if path:
            self.open_routine_requested.emit(path)

    # Pages -----------------------------------------------------------------------------

    def set_page(self, key: str, widget: QWidget) -> None:
        """Put a page's real widget in place of its placeholder."""
        index = self._pages[key]
        old = self.stack.widget(index)
        assert old is not None, f"page {key} has no placeholder"
        # Quietly: while one widget goes and the other comes the stack shows its
        # neighbours for a moment, and a page that saw itself shown would be made.
        was_blocked = self.stack.blockSignals(True)  # QSignalBlocker's type costs start-up time
        try:
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(old)
            self.stack.setCurrentIndex(self.navigation.currentRow())
        finally:
            self.stack.blockSignals(was_blocked)
        old.deleteLater()

    def page(self, key: str) -> QWidget:
        widget = self.stack.widget(self._pages[key])
        assert widget is not None, f"page {key} is missing"  # every key has a page
        return widget

    def show_page(self, key: str) -> None:
        self.navigation.setCurrentRow(self._pages[key])

    def _turn_to(self, index: int) -> None:
        current, focus = self.stack.currentWidget(), QApplication.focusWidget()
        had_focus = current is not None and focus is not None and current.isAncestorOf(focus)
        self.stack.setCurrentIndex(index)
        if had_focus:
            # The focus was on the page that went away. Left to itself Qt hands it to the
            # next control in the window, which may be any button of the new page (Space
            # would then press History's Import…): the pages list takes it, and Tab goes
            # on into the page.
            self.navigation.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_page_key(self) -> str:
        return PAGES[self.stack.currentIndex()].key

    # Geometry and closing --------------------------------------------------------------

    def fit_to_screen(self, available: QRect) -> None:
        """The first start's size and place: the default size, smaller on a small screen
        (a 1280x720 laptop), with the title bar on screen; a saved geometry replaces it."""
        fit_to_screen(self, DEFAULT_SIZE, available)

    def saved_geometry(self) -> str:
        return bytes(self.saveGeometry().toBase64().data()).decode("ascii")

    def restore_saved_geometry(self, encoded: str) -> bool:
        if not encoded:
            return False
        restored = self.restoreGeometry(QByteArray.fromBase64(encoded.encode("ascii")))
        # Closed during a session in full screen (F): the next start opens as a window.
        state = self.windowState()
        if state & Qt.WindowState.WindowFullScreen:
            self.setWindowState(state & ~Qt.WindowState.WindowFullScreen)
        return restored

    def add_close_guard(self, guard: CloseGuard) -> None:
        """A guard returns False to keep the window open (after asking the user)."""
        self._close_guards.append(guard)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not all(guard() for guard in self._close_guards):
            event.ignore()
            return
        self.closed.emit()
        event.accept()
