"""What a window shows a person, read from its widgets: every text, and whether each has
the room it needs. For the pseudo-language tests: a text not bracketed was never
translated, and a text wider than its widget is cut off."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
)

# Words a person sees that are not translated on purpose: the app's name, key names,
# the languages by their own names, and units Qt writes.
KEPT = {
    "SelfMassage",
    "Ctrl",
    "Shift",
    "Alt",
    "Esc",
    "Space",
    "Enter",
    "Del",
    "Backspace",
    "Tab",
    "PgUp",
    "PgDown",
    "English",
    "Deutsch",
    "Français",
    "Español",
    "eSpeak",
    "NG",
    "PDF",
    "CSV",
    "JSON",
    "smroutine",
    "smreport",
}
_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_WORD = re.compile(r"[^\W\d_]{2,}")
# A key sequence in a tool tip, "(Ctrl+Return)": Qt names the keys, in its own language;
# and a language's tag after its name ("English — en").
_KEYS = re.compile(r"\b(?:Ctrl|Alt|Shift|Meta)(?:\+\w+)+| — [a-z]{2,3}(?:-[A-Za-z0-9]+)*\b")


@dataclass(frozen=True)
class Shown:
    widget: QWidget
    text: str
    where: str


def plain(text: str) -> str:
    if re.search(r"</?[a-zA-Z][^>]*>", text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


def untranslated_words(text: str) -> list[str]:
    """English words outside every bracketed (pseudo-translated) part of ``text``."""
    outside = plain(text)
    while True:  # a translated text may hold others ("[Front view. [The muscles…]]")
        inner = _BRACKETED.sub(" ", outside)
        if inner == outside:
            break
        outside = inner
    outside = _KEYS.sub(" ", outside)
    # A bracketed text that lost its closing bracket is cut off, not untranslated.
    outside = re.sub(r"\[[^\]]*$", " ", outside)
    return [w for w in _WORD.findall(outside) if w not in KEPT]


def _name(widget: QWidget) -> str:
    names = []
    node: QWidget | None = widget
    while node is not None and len(names) < 4:
        names.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return "/".join(reversed(names))


def _qt_own(widget: QWidget) -> bool:
    """A standard button (OK, Cancel): Qt's own text, in the translations Qt ships."""
    box = widget.parentWidget()
    return (
        isinstance(box, QDialogButtonBox)
        and isinstance(widget, QPushButton)
        and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
    )


def shown_texts(root: QWidget) -> list[Shown]:
    """Every text of ``root`` and its visible children: labels, buttons, titles, items,
    headers, placeholders, tool tips and names for screen readers."""
    found: list[Shown] = []

    def add(widget: QWidget, text: str, what: str) -> None:
        if text and text.strip():
            found.append(Shown(widget, text, f"{_name(widget)} {what}"))

    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        add(widget, widget.toolTip(), "tool tip")
        add(widget, widget.accessibleName(), "accessible name")
        add(widget, widget.accessibleDescription(), "accessible description")
        if widget.isWindow():
            add(widget, widget.windowTitle(), "title")
        if isinstance(widget, QLabel | QAbstractButton) and not _qt_own(widget):
            add(widget, widget.text(), "text")
        elif isinstance(widget, QGroupBox):
            add(widget, widget.title(), "title")
        elif isinstance(widget, QLineEdit | QTextEdit):
            add(widget, widget.placeholderText(), "placeholder")
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(widget, widget.itemText(index), f"item {index}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget, widget.tabText(index), f"tab {index}")
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns, rows = model.columnCount(QModelIndex()), model.rowCount(QModelIndex())
            except TypeError:  # a list model keeps its counts private
                columns, rows = 1, model.rowCount()
            for section in range(columns):
                header = model.headerData(section, Qt.Orientation.Horizontal)
                add(widget, str(header or ""), f"header {section}")
            for row in range(min(rows, 30)):
                for column in range(columns):
                    value = model.index(row, column).data()
                    if isinstance(value, str):
                        add(widget, value, f"cell {row},{column}")
    for menu in root.findChildren(QMenu):
        add(menu, menu.title(), "menu")
        for action in menu.actions():
            if not action.isSeparator() and action.isVisible():
                add(menu, action.text(), "menu item")
    return found


def cut_off(root: QWidget) -> list[str]:
    """Visible labels and buttons narrower (or, wrapped, shorter) than their text."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            text = plain(widget.text())
            if widget.buddy() is not None or "&" in text:
                text = re.sub(r"&(.)", r"\1", text)  # a mnemonic's & is not drawn
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(f"{_name(widget)}: {text!r} wraps taller than its label")
            else:
                lines = text.splitlines() or [text]
                wide = max(widget.fontMetrics().horizontalAdvance(line) for line in lines)
                margins = widget.contentsMargins()
                room = widget.width() - margins.left() - margins.right() - 2 * widget.margin()
                if wide > room + 1 and widget.textFormat() != Qt.TextFormat.RichText:
                    found.append(f"{_name(widget)}: {text!r} needs {wide} px, has {room}")
        elif (
            isinstance(widget, QPushButton | QCheckBox | QRadioButton)
            and widget.text()
            and widget.width() < widget.sizeHint().width()
        ):
            found.append(
                f"{_name(widget)}: {widget.text()!r} needs {widget.sizeHint().width()} px, "
                f"has {widget.width()}"
            )
    return found
