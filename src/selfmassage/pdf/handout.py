"""The client handout of a routine as a PDF: what to do, where, how long, and a caution."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRectF

from selfmassage.core.illustration import technique_for_step
from selfmassage.core.language import N_, _, pgettext, speaking
from selfmassage.core.routine import Pressure, Routine, Step, StepSide
from selfmassage.core.routine_file import default_step_instructions, default_step_name
from selfmassage.core.words import duration, region_name, schedule
from selfmassage.pdf.illustration import paint_illustration
from selfmassage.pdf.pages import CAUTION, MUTED, PdfPages, draw_region_picture, mm

SAFETY_NOTE = N_(
    "Safety: massage should feel firm but never sharp or numbing. Stop and ask your "
    "physiotherapist or doctor if pain grows, if you feel tingling or numbness, or if a "
    "calf is swollen, warm and red. Do not massage over wounds, fresh scars, bruises or "
    "varicose veins, nor when you have a fever. This handout is guidance, not a diagnosis."
)
PRESSURE = {
    Pressure.LIGHT: N_("light pressure"),
    Pressure.MODERATE: N_("moderate pressure"),
    Pressure.FIRM: N_("firm pressure"),
}


def schedule_text(routine: Routine) -> str:
    if routine.schedule is None:
        return _("Whenever it helps.")
    return schedule(routine.schedule) + "."


def step_time_text(step: Step) -> str:
    each = duration(step.seconds)
    if len(step.sides) == 2:
        return _("{time} on each side (left, then right)").format(time=each)
    if step.side is StepSide.LEFT:
        return _("{time}, left side").format(time=each)
    if step.side is StepSide.RIGHT:
        return _("{time}, right side").format(time=each)
    return each


def step_details(step: Step) -> str:
    """Where, with what and how hard: "Calves · Foam roller · moderate pressure"."""
    if step.breathing is not None:
        breathing = _("Breathing")
        return f"{breathing} · {step.breathing.describe()}"
    parts = [region_name(step.region), step.tool.label]
    if step.pressure is not None:
        parts.append(_(PRESSURE[step.pressure]))
    return " · ".join(parts)


def _content(text: str) -> str:
    """A text of the technique catalog (a caution), in the language in force."""
    return pgettext("content", text)


def export_handout_pdf(
    routine: Routine,
    path: Path,
    cautions: dict[int, tuple[str, ...]] | None = None,
    general_cautions: Sequence[str] = (),
) -> None:
    """Write the handout, in the routine's language; ``cautions`` (step index -> warnings)
    are printed with the steps, ``general_cautions`` (the catalog's) under the safety note."""
    with speaking(routine.language):
        _write_handout(routine, path, cautions or {}, general_cautions)


def _write_handout(
    routine: Routine,
    path: Path,
    cautions: dict[int, tuple[str, ...]],
    general_cautions: Sequence[str],
) -> None:
    # Translators: the footer of each page of a handout, after it the page number.
    footer = _("SelfMassage handout · {title}").format(title=routine.title)
    pages = PdfPages(path, routine.title, footer)
    try:
        pages.paragraph(routine.title, 20, bold=True, keep=mm(20))
        if routine.author:
            prescribed = _("Prescribed by {author}").format(author=routine.author)
            pages.paragraph(prescribed, 11, color=MUTED)
        when = _("Schedule: {schedule}").format(schedule=schedule_text(routine))
        pages.paragraph(when, 11, color=MUTED)
        pages.space(2)
        pages.rule()
        if routine.description:
            pages.paragraph(routine.description, 10.5)
            pages.space(3)
        pages.paragraph(_(SAFETY_NOTE), 9.5, color=CAUTION)
        if general_cautions:
            pages.space(2)
            pages.paragraph(_("Every time you massage:"), 9.5, bold=True, color=CAUTION)
            for caution in general_cautions:
                pages.paragraph(f"• {_content(caution)}", 9.5, color=CAUTION)
        pages.space(5)
        # Each step: how to do it (the position and the tool) on the left, the text in the
        # middle, and where on the body (the region on a small figure) on the right.
        picture_width = mm(44)
        picture_height = picture_width * 3 / 4
        body_width = mm(16)
        text_left = picture_width + mm(5)
        text_width = pages.width - text_left - body_width - mm(3)
        text_right = text_left + text_width
        # (``paragraph`` takes the right edge as its width.)
        for index, step in enumerate(routine.steps, start=1):
            name = step.name or default_step_name(step)
            instructions = step.instructions or default_step_instructions(step)
            notes = tuple(_content(note) for note in cautions.get(index - 1, ()))
            cue_lines = [
                # Translators: a cue of a step: when it is said, then its words.
                _("At {seconds} s: {words}").format(seconds=cue.at, words=cue.say)
                for cue in step.cues
            ]
            body_height = (
                pages.text_height(f"{index}. {name}", pages.font(12.5, bold=True), text_width)
                + pages.text_height(step_details(step), pages.font(10), text_width)
                + pages.text_height(step_time_text(step), pages.font(10), text_width)
                + pages.text_height(instructions, pages.font(10.5), text_width)
                + sum(pages.text_height(line, pages.font(9.5), text_width) for line in cue_lines)
                + sum(pages.text_height(n, pages.font(9.5), text_width) for n in notes)
                + mm(6)
            )
            block = max(picture_height, body_width * 1.6, body_height)
            pages.ensure(block)
            top = pages.y
            technique = technique_for_step(step)
            if technique is not None:
                paint_illustration(
                    pages.painter,
                    QRectF(0, top, picture_width, picture_height),
                    technique.id,
                    step.sides[0],
                )
            if not step.is_breathing:  # breathing works on no place of the body
                draw_region_picture(
                    pages.painter,
                    QRectF(pages.width - body_width, top, body_width, body_width * 1.6),
                    step.region,
                    step.sides,
                )
            pages.paragraph(f"{index}. {name}", 12.5, bold=True, left=text_left, width=text_right)
            pages.paragraph(step_details(step), 10, color=MUTED, left=text_left, width=text_right)
            # The time on a line of its own, so it never breaks in the middle.
            pages.paragraph(step_time_text(step), 10, color=MUTED, left=text_left, width=text_right)
            pages.space(1)
            pages.paragraph(instructions, 10.5, left=text_left, width=text_right)
            for line in cue_lines:
                pages.paragraph(line, 9.5, color=MUTED, left=text_left, width=text_right)
            for note in notes:
                caution = _("Caution: {caution}").format(caution=note)
                pages.paragraph(caution, 9.5, color=CAUTION, left=text_left, width=text_right)
            pages.y = max(pages.y, top + block) + mm(5)
    finally:
        pages.finish()
