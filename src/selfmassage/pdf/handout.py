"""The client handout of a routine as a PDF: what to do, where, how long, and a caution."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRectF

from selfmassage.core.anatomy import region
from selfmassage.core.routine import Routine, Step
from selfmassage.core.routine_file import default_step_instructions, default_step_name
from selfmassage.core.words import duration, schedule
from selfmassage.pdf.pages import CAUTION, MUTED, PdfPages, draw_region_picture, mm

SAFETY_NOTE = (
    "Safety: massage should feel firm but never sharp or numbing. Stop and ask your "
    "physiotherapist or doctor if pain grows, if you feel tingling or numbness, or if a "
    "calf is swollen, warm and red. Do not massage over wounds, fresh scars, bruises or "
    "varicose veins, nor when you have a fever. This handout is guidance, not a diagnosis."
)


def schedule_text(routine: Routine) -> str:
    if routine.schedule is None:
        return "Whenever it helps."
    return schedule(routine.schedule) + "."


def step_time_text(step: Step) -> str:
    each = duration(step.seconds)
    if len(step.sides) == 2:
        return f"{each} on each side (left, then right)"
    if step.side is not None:
        return f"{each}, {step.side.value} side"
    return each


def step_details(step: Step) -> str:
    parts = [step.tool.label]
    if step.pressure is not None:
        parts.append(f"{step.pressure.value} pressure")
    parts.append(step_time_text(step))
    return " · ".join(parts)


def export_handout_pdf(
    routine: Routine,
    path: Path,
    cautions: dict[int, tuple[str, ...]] | None = None,
    general_cautions: Sequence[str] = (),
) -> None:
    """Write the handout; ``cautions`` (step index -> warnings) are printed with the steps,
    ``general_cautions`` (the catalog's) under the safety note."""
    pages = PdfPages(path, routine.title, f"SelfMassage handout · {routine.title}")
    try:
        pages.paragraph(routine.title, 20, bold=True, keep=mm(20))
        if routine.author:
            pages.paragraph(f"Prescribed by {routine.author}", 11, color=MUTED)
        pages.paragraph(f"Schedule: {schedule_text(routine)}", 11, color=MUTED)
        pages.space(2)
        pages.rule()
        if routine.description:
            pages.paragraph(routine.description, 10.5)
            pages.space(3)
        pages.paragraph(SAFETY_NOTE, 9.5, color=CAUTION)
        if general_cautions:
            pages.space(2)
            pages.paragraph("Every time you massage:", 9.5, bold=True, color=CAUTION)
            for caution in general_cautions:
                pages.paragraph(f"• {caution}", 9.5, color=CAUTION)
        pages.space(5)
        picture = mm(38)
        text_left = picture + mm(6)
        for index, step in enumerate(routine.steps, start=1):
            name = step.name or default_step_name(step)
            instructions = step.instructions or default_step_instructions(step)
            notes = (cautions or {}).get(index - 1, ())
            body_height = (
                pages.text_height(
                    f"{index}. {name}", pages.font(12.5, bold=True), pages.width - text_left
                )
                + pages.text_height(step_details(step), pages.font(10), pages.width - text_left)
                + pages.text_height(instructions, pages.font(10.5), pages.width - text_left)
                + sum(pages.text_height(n, pages.font(9.5), pages.width - text_left) for n in notes)
                + mm(6)
            )
            block = max(picture, body_height)
            pages.ensure(block)
            top = pages.y
            draw_region_picture(
                pages.painter, QRectF(0, top, picture, picture), step.region, step.sides
            )
            pages.paragraph(f"{index}. {name}", 12.5, bold=True, left=text_left)
            pages.paragraph(
                f"{region(step.region).name} · {step_details(step)}",
                10,
                color=MUTED,
                left=text_left,
            )
            pages.space(1)
            pages.paragraph(instructions, 10.5, left=text_left)
            for cue in step.cues:
                pages.paragraph(f"At {cue.at} s: {cue.say}", 9.5, color=MUTED, left=text_left)
            for note in notes:
                pages.paragraph(f"Caution: {note}", 9.5, color=CAUTION, left=text_left)
            pages.y = max(pages.y, top + block) + mm(5)
    finally:
        pages.finish()
