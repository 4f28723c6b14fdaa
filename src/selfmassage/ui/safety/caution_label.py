"""The status-bar flag that keeps the safety cautions in view on every page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from selfmassage.core.anatomy import region
from selfmassage.core.language import _, ngettext
from selfmassage.core.safety import Screening, flagged_regions, general_cautions, short_name


def describe_cautions(screening: Screening) -> str:
    """The cautions as plain text: what, why, what to do, where."""
    parts: list[str] = []
    for caution in screening.cautions():
        lines = [
            short_name(caution.id),
            _("Why: {why}").format(why=caution.why),
            _("What to do: {advice}").format(advice=caution.advice),
        ]
        if caution.stop:
            lines.append(_("No session starts while this answer stands."))
        if caution.leave_out:
            names = ", ".join(region(r).name for r in sorted(caution.leave_out))
            lines.append(_("Left out of every routine: {regions}.").format(regions=names))
        if caution.regions:
            names = ", ".join(region(r).name for r in sorted(caution.regions))
            lines.append(
                _("Marked on the body map (light pressure, no massage gun): {regions}.").format(
                    regions=names
                )
            )
        elif caution.everywhere and not caution.stop:
            lines.append(_("This applies to every region."))
        parts.append("\n".join(lines))
    if not parts:
        return _(
            "Nothing you answered calls for a caution. "
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
        self.setAccessibleName(_("Safety cautions"))
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
        # Translators: in the status bar, what needs care: regions, or the cautions' names.
        care = _("Care: {what}")
        if flagged:
            parts.append(care.format(what=", ".join(region(r).name for r in flagged)))
        elif general:
            parts.append(care.format(what=", ".join(short_name(c.id) for c in general)))
        if warnings:
            n = len(warnings)
            parts.append(
                ngettext(
                    "{n} step of this routine needs care", "{n} steps of this routine need care", n
                ).format(n=n)
            )
        if not parts:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        import html  # only with cautions to show: html.entities costs start-up time

        self.setText("⚠ " + " · ".join(parts))
        details = [describe_cautions(screening)]
        for index, found in sorted(warnings.items()):
            details.extend(
                _("Step {number}: {warning}").format(number=index + 1, warning=warning)
                for warning in found
            )
        # Translators: "File > Safety questions" names the menu and its item, as translated.
        details.append(_("Change the answers in File > Safety questions."))
        self.setToolTip(
            "<p>" + "<br><br>".join(html.escape(d).replace("\n", "<br>") for d in details) + "</p>"
        )
        self.setAccessibleDescription(self.text())
        self.show()
