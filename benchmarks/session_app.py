"""The session player's benchmarks (gui_stall.py, cue_latency.py) share their routine."""

from __future__ import annotations

from selfmassage.core.routine import Routine, Step, StepSide, Tool


def three_minute_routine() -> Routine:
    """The calves on both sides with the catalog's prompts for the foam roller, then the
    neck: three minutes at real speed."""
    return Routine(
        "Benchmark",
        (
            Step(
                "calves",
                60,
                side=StepSide.BOTH,
                tool=Tool.FOAM_ROLLER,
                technique="calves.foam-roller.roll",
                instructions="Sit with the roller under your calf. Roll slowly.",
            ),
            Step("neck", 50, instructions="Knead the back of your neck."),
        ),
    )
