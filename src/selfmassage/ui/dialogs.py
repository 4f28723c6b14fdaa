"""The app's two kinds of message box: a question with one way on, and a problem to read.

A question either waits for its answer (:func:`ask`) or lets the app go on (:func:`offer`).

Every box shows its text as plain text (titles and names from files are not markup, and
their bidi controls are dropped so they cannot turn a sentence round), and
the safe answer is the default, so Enter or Escape never loses anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from selfmassage.core.language import _
from selfmassage.core.shown_text import for_window

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from selfmassage.core.document_check import Problem


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    accept: str,
    *,
    cancel: str | None = None,
    object_name: str = "question",
) -> bool:
    """Ask and wait; True only if the person chose ``accept``. ``cancel`` is "Cancel"
    in the app's language unless given."""
    from PySide6.QtWidgets import QMessageBox  # when asked: its type costs start-up time

    box = QMessageBox(parent)
    box.setObjectName(object_name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(for_window(text))
    go = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(
        _("Cancel") if cancel is None else cancel, QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return box.clickedButton() is go


def offer(
    parent: QWidget | None,
    title: str,
    text: str,
    accept: str,
    on_accept: Callable[[], None],
    *,
    cancel: str | None = None,
    more: str = "",
    object_name: str = "offer",
) -> QMessageBox:
    """Ask without waiting (the app goes on meanwhile); ``on_accept`` runs only if the
    person chooses ``accept``. The box deletes itself when answered and is returned so
    that a caller (or a test) can keep hold of it while it is open."""
    from PySide6.QtWidgets import QMessageBox  # when asked: its type costs start-up time

    box = QMessageBox(parent)
    box.setObjectName(object_name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(for_window(text))
    if more:
        box.setInformativeText(for_window(more))
    go = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(
        _("Cancel") if cancel is None else cancel, QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        if box.clickedButton() is go:
            on_accept()

    box.finished.connect(answered)
    box.open()
    return box


def tell(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    more: str = "",
    details: str = "",
    object_name: str = "problem",
    icon: QMessageBox.Icon | None = None,
) -> QMessageBox:
    """Show a problem (or a note) without waiting; the box deletes itself when closed.

    ``more`` goes under the text, ``details`` behind Show Details. The box is returned
    so that a caller (or a test) can keep hold of it while it is open.
    """
    from PySide6.QtWidgets import QMessageBox  # when asked: its type costs start-up time

    box = QMessageBox(parent)
    box.setObjectName(object_name)
    box.setIcon(QMessageBox.Icon.Warning if icon is None else icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(for_window(text))
    if more:
        box.setInformativeText(for_window(more))
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def tell_file_problems(
    parent: QWidget | None,
    name: str,
    kind: str,
    problems: Sequence[Problem],
    *,
    object_name: str = "fileProblems",
) -> QMessageBox:
    """Say why the file ``name`` of ``kind`` ("routine" or "report") cannot be opened, in
    the words every screen uses for it (:func:`selfmassage.core.words.file_problems`)."""
    from selfmassage.core.words import file_problems  # when a file is refused, not before

    described = file_problems(name, kind, problems)
    return tell(
        parent,
        described.title,
        described.text,
        more=described.listed,
        details=described.details,
        object_name=object_name,
    )
