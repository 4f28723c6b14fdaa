"""The tools a person may own, and how hard a step presses with them.

A module of their own so that the options beside the body map and the safety questions
can name them without loading the routine model.
"""

from __future__ import annotations

from enum import StrEnum


class Tool(StrEnum):
    HANDS = "hands"
    FOAM_ROLLER = "foam-roller"
    MASSAGE_BALL = "massage-ball"
    MASSAGE_GUN = "massage-gun"
    STICK_ROLLER = "stick-roller"

    @property
    def label(self) -> str:
        return _TOOL_LABELS[self]


_TOOL_LABELS = {
    Tool.HANDS: "Hands",
    Tool.FOAM_ROLLER: "Foam roller",
    Tool.MASSAGE_BALL: "Massage ball",
    Tool.MASSAGE_GUN: "Massage gun",
    Tool.STICK_ROLLER: "Stick roller",
}


class Pressure(StrEnum):
    LIGHT = "light"
    MODERATE = "moderate"
    FIRM = "firm"
