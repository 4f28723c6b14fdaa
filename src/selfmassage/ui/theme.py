"""Light and dark palettes that follow the system, or the user's choice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStyleFactory

from selfmassage.core.language import N_, _

ACCENT = QColor("#2a9d8f")
"""The app's colour, for drawings: the body map, charts, the PDFs."""
HIGHLIGHT = QColor("#227e72")
"""The accent darkened until white text on it reads well (4.9:1, above WCAG's 4.5:1):
the background of selected pages, rows and options, and of the Build button."""


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def wants_dark(choice: str) -> bool:
    if choice == "dark":
        return True
    if choice == "light":
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    base, window, text = QColor("#1e2124"), QColor("#2a2e33"), QColor("#e8eaed")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, role.Window, window)
        palette.setColor(group, role.WindowText, text)
        palette.setColor(group, role.Base, base)
        palette.setColor(group, role.AlternateBase, QColor("#262a2e"))
        palette.setColor(group, role.ToolTipBase, QColor("#33383e"))
        palette.setColor(group, role.ToolTipText, text)
        palette.setColor(group, role.PlaceholderText, QColor("#9aa0a6"))
        palette.setColor(group, role.Text, text)
        palette.setColor(group, role.Button, QColor("#33383e"))
        palette.setColor(group, role.ButtonText, text)
        palette.setColor(group, role.BrightText, QColor("#ff6b6b"))
        palette.setColor(group, role.Highlight, HIGHLIGHT)
        palette.setColor(group, role.HighlightedText, QColor("#ffffff"))
        palette.setColor(group, role.Link, QColor("#7fd1c6"))
        palette.setColor(group, role.Light, QColor("#3c4147"))
        palette.setColor(group, role.Midlight, QColor("#34393e"))
        palette.setColor(group, role.Mid, QColor("#4a5056"))
        palette.setColor(group, role.Dark, QColor("#16181a"))
        palette.setColor(group, role.Shadow, QColor("#000000"))
        palette.setColor(group, role.Accent, ACCENT)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor("#6f757b"))
    palette.setColor(disabled, role.Base, window)
    palette.setColor(disabled, role.Window, window)
    palette.setColor(disabled, role.Button, QColor("#2f3338"))
    return palette


_system_palette: QPalette | None = None
"""The palette the app started with, before any theme was applied."""
_system_style: str | None = None
"""The style the app started with: light comes back to it after dark's Fusion."""


def light_palette(app: QApplication) -> QPalette:
    # The palette the system gave the app, kept from before any change; asking the style
    # for its standard palette would also do, but wrapping QStyle costs start-up time.
    palette = QPalette(_system_palette or app.palette())
    palette.setColor(QPalette.ColorRole.Highlight, HIGHLIGHT)
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Accent, ACCENT)
    return palette


def apply_theme(app: QApplication, choice: str) -> None:
    """Set the palette now, and again whenever the system switches (for ``system``)."""
    global _system_palette, _system_style
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    if wants_dark(choice):
        # Fusion draws every palette role, so a dark palette looks right on every platform.
        # The system's style is noted only now, to go back to it: asking QStyle for its
        # name makes Python types of all its enums, which a light start does not need.
        current = app.style().name()
        if current != "fusion":
            _system_style = _system_style or current
            app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    else:
        if _system_style and app.style().name() != _system_style:
            app.setStyle(QStyleFactory.create(_system_style))
        app.setPalette(light_palette(app))
    app.setProperty("selfmassageTheme", choice)
    _refresh_style_sheets(app)


def _refresh_style_sheets(app: QApplication) -> None:
    """Style sheets read ``palette(...)`` when they are set, not when the palette changes:
    set each again, so a theme chosen while the window is open reaches them too."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def follow_system_theme(app: QApplication) -> None:
    def changed(_scheme: Qt.ColorScheme) -> None:
        choice = app.property("selfmassageTheme") or "system"
        if choice == "system":
            apply_theme(app, "system")

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)


THEMES = (("system", N_("&System")), ("light", N_("&Light")), ("dark", N_("&Dark")))
"""The themes' keys (in the settings) and their names, marked for translation."""


class ThemeMenu(QObject):
    """View > Theme: the choice applies at once, and is handed to ``save``."""

    def __init__(
        self, app: QApplication, menu: QMenu, shown: str, save: Callable[[str], None]
    ) -> None:
        from PySide6.QtGui import QActionGroup  # the menu is made after the first paint

        super().__init__(menu)
        self.app = app
        self.save = save
        self.group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for key, label in THEMES:
            action = QAction(_(label), menu)
            action.setCheckable(True)
            action.setChecked(key == shown)
            action.triggered.connect(lambda _checked=False, key=key: self.choose(key))
            self.group.addAction(action)
            menu.addAction(action)
            self.actions[key] = action

    def choose(self, key: str) -> None:
        self.actions[key].setChecked(True)
        apply_theme(self.app, key)
        self.save(key)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The app's icon at every size it ships in, for windows, dialogs and the About box."""
    from selfmassage.core.assets import asset_path

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(asset_path("icons", "png", f"selfmassage-{size}.png")))
    return icon
