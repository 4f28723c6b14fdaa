"""Client reports (.smreport) dropped on the window open like File > Open a client report."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from selfmassage.core.report_file import SUFFIX


def report_files(mime: QMimeData) -> list[str]:
    """The local report files among dragged URLs."""
    if not mime.hasUrls():
        return []
    return [
        url.toLocalFile()
        for url in mime.urls()
        if isinstance(url, QUrl)
        and url.isLocalFile()
        and url.toLocalFile().lower().endswith(SUFFIX)
    ]


class ReportDropFilter(QObject):
    """Takes drags that carry reports; any other drag goes on to the next filter (routines)."""

    files_dropped = Signal(list)

    def install(self, window: QWidget) -> None:
        window.setAcceptDrops(True)
        # Installed last, so it sees the drag first.
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if report_files(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            files = report_files(event.mimeData())
            if files:
                event.acceptProposedAction()
                self.files_dropped.emit(files)
                return True
        return super().eventFilter(watched, event)
