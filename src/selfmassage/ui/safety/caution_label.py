"""The status-bar flag that keeps the safety cautions in view on every page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from selfmassage.core.anatomy import region
from selfmassage.core.safety import Screening, flagged_regions, general_cautions, short_name
from selfmassage.core.words import count


def describe_cautions(screening: Screening) -> str:
    """The cautions as plain text: what, why, what to do, where."""
    parts: list[str] = []
    for caution in screening.cautions():
        lines = [short_name(caution.id), f"Why: {caution.why}", f"What to do: {caution.advice}"]
        if caution.stop:
            lines.append("No session starts while this answer stands.")
        if caution.leave_out:
            names = ", ".join(region(r).name for r in sorted(caution.leave_out))
            lines.append(f"Left out of every routine: {names}.")
        if caution.regions:
            names = ", ".join(region(r).name for r in sorted(caution.regions))
            lines.append(f"Marked on the body map (light pressure, no massage gun): {names}.")
        elif caution.everywhere and not caution.stop:
            lines.append("This applies to every region.")
        parts.append("\n".join(lines))
    if not parts:
        return "Nothing you answered calls for a caution. " + (
            "Stop any massage that hurts sharply or makes you feel unwell."
        )
    return "\n\n".join(parts)


class CautionLabel(QLabel):
    """A status-bar flag: the regions the screening marked, and steps of the routine on
    screen that need care. Its tooltip lists why; the texts are escaped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cautions")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Safety cautions")
        self.setStyleSheet("color: #b5651d; font-weight: bold;")
        self.hide()

    def set_cautions(
        self,
        screening: Screening,
        step_warnings: dict[int, tuple[str, ...]] | None = None,
    ) -> None:
        flagged = flagged_regions(screening)
        general = general_cautions(screening)
        warnings = step_warnings or {}
        parts: list[str] = []
        if flagged:
            parts.append("Care: " + ", ".join(region(r).name for r in flagged))
        elif general:
            parts.append("Care: " + ", ".join(short_name(c.id) for c in general))
        if warnings:
            need = "needs" if len(warnings) == 1 else "need"
            parts.append(f"{count(len(warnings), 'step')} of this routine {need} care")
        if not parts:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        import html  # only with cautions to show: html.entities costs start-up time

        self.setText("⚠ " + " · ".join(parts))
        details = [describe_cautions(screening)]
        for index, found in sorted(warnings.items()):
            details.extend(f"Step {index + 1}: {warning}" for warning in found)
        details.append("Change the answers in File > Safety questions.")
        self.setToolTip(
            "<p>" + "<br><br>".join(html.escape(d).replace("\n", "<br>") for d in details) + "</p>"
        )
        self.setAccessibleDescription(self.text())
        self.show()
