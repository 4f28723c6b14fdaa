"""What opening the history at start found: a plain value, light to import.

The window holds one from its first moment (nothing opened yet) and the real one once
the history has been opened after the first paint; opening needs sqlite3, holding the
answer does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.core.history import HistoryStore, Unfinished


@dataclass
class OpenedHistory:
    """The result of opening the history at start: the store (or None) and what to say."""

    store: HistoryStore | None
    messages: list[str] = field(default_factory=list)
    """Sentences for the user: what was repaired, or why recording is off."""
    unfinished: list[Unfinished] = field(default_factory=list)
    trouble: bool = False
    """No store because of trouble (a full disk, a lock, a read-only folder): the file
    was left as it is, and opening it again later may work."""
