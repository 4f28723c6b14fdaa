"""One undoable edit in the routine editor: it replaces the whole draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtGui import QUndoCommand

from selfmassage.core.routine_draft import RoutineDraft


class DraftCommand(QUndoCommand):
    """Replaces the draft; typing into one field merges into one command."""

    _ids: ClassVar[dict[str, int]] = {}
    """Qt merges commands by an int id: one per kind of edit."""

    def __init__(
        self,
        show: Callable[[RoutineDraft], None],
        before: RoutineDraft,
        after: RoutineDraft,
        text: str,
        merge: str,
    ) -> None:
        super().__init__(text)
        self.show = show
        """Makes the editor show a draft (and hold it as the current one)."""
        self.before = before
        self.after = after
        self.merge = merge

    def id(self) -> int:
        if not self.merge:
            return -1
        return self._ids.setdefault(self.merge, len(self._ids) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, DraftCommand) or other.merge != self.merge:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.show(self.after)

    def undo(self) -> None:
        self.show(self.before)
