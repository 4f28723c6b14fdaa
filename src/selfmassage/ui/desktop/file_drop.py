"""Files dropped on the window open as File > Open would: routines and client reports."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget


def dropped_files(mime: QMimeData, suffixes: Iterable[str]) -> list[str]:
    """The local files among dragged URLs whose names end in one of ``suffixes``."""
    if not mime.hasUrls():
        return []
    endings = tuple(suffix.lower() for suffix in suffixes)
    return [
        url.toLocalFile()
        for url in mime.urls()
        if isinstance(url, QUrl)
        and url.isLocalFile()
        and url.toLocalFile().lower().endswith(endings)
    ]


class FileDropFilter(QObject):
    """Lets a window take dropped files of these kinds; emits ``files_dropped``. A drag
    with none of them is refused."""

    files_dropped = Signal(list)

    def __init__(self, suffixes: Iterable[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.suffixes = tuple(suffixes)

    def install(self, window: QWidget) -> None:
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent | QDropEvent)
            files = dropped_files(event.mimeData(), self.suffixes)
            if not files:
                event.ignore()
                return True
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                self.files_dropped.emit(files)
            return True
        return super().eventFilter(watched, event)
