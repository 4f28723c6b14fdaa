"""What opening the history at start found: a plain value, light to import.

The window holds one from its first moment (nothing opened yet) and the real one once
the history has been opened after the first paint; opening needs sqlite3, holding the
answer does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.core.history import HistoryStore
    from selfmassage.core.history_records import Unfinished


class OpenedHistory:
    """The result of opening the history at start: the store (or None) and what to say.

    A plain class, not a dataclass: it is defined on the path to the first paint."""

    __slots__ = ("messages", "store", "trouble", "unfinished")

    def __init__(
        self,
        store: HistoryStore | None,
        messages: list[str] | None = None,
        unfinished: list[Unfinished] | None = None,
        trouble: bool = False,
    ) -> None:
        self.store = store
        self.messages: list[str] = messages if messages is not None else []
        """Sentences for the user: what was repaired, or why recording is off."""
        self.unfinished: list[Unfinished] = unfinished if unfinished is not None else []
        self.trouble = trouble
        """No store because of trouble (a full disk, a lock, a read-only folder): the file
        was left as it is, and opening it again later may work."""
