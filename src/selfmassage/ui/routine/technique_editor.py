"""Switching a step's technique in the Routine table: one box, on the current row only.

A box built into every row that had a choice made each Build rebuild as many widgets;
the table now paints every technique as text, and the current row alone has its box
(Tab reaches it from the list), made when that row becomes current.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox

from selfmassage.core.catalog import Catalog
from selfmassage.core.language import _
from selfmassage.core.routine import Step
from selfmassage.core.routine_edit import alternatives
from selfmassage.ui.routine.steps_model import plain_tooltip


def choices(step: Step, catalog: Catalog) -> list[tuple[str, str, str | None]]:
    """The techniques a step may switch to, as (name, id, tooltip); a step from a file
    with its own text keeps it as the first choice. Empty when there is nothing to
    switch to."""
    options = alternatives(step, catalog)
    known = {technique.id for technique in options}
    if len(options) + (step.technique not in known) < 2:
        return []
    listed: list[tuple[str, str, str | None]] = []
    if step.technique not in known:
        listed.append((step.name or _("(unnamed)"), step.technique or "", None))
    listed.extend(
        (technique.name, technique.id, plain_tooltip(technique.instructions))
        for technique in options
    )
    return listed


def technique_box(
    row: int,
    step: Step,
    catalog: Catalog,
    changed: Callable[[int, str], None],
    focus_filter: QObject | None = None,
) -> QComboBox:
    """The box of one row; ``changed(row, technique_id)`` when the person picks one."""
    box = QComboBox()
    box.setAccessibleName(_("Technique for step {number}").format(number=row + 1))
    box.setProperty("stepRow", row)
    if focus_filter is not None:
        box.installEventFilter(focus_filter)
    for name, technique_id, tooltip in choices(step, catalog):
        box.addItem(name, technique_id)
        if tooltip is not None:
            box.setItemData(box.count() - 1, tooltip, Qt.ItemDataRole.ToolTipRole)
    box.setCurrentIndex(max(0, box.findData(step.technique or "")))
    box.currentIndexChanged.connect(
        lambda _index, b=box, r=row: changed(r, str(b.currentData() or ""))
    )
    return box
