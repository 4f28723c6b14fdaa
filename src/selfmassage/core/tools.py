"""The tools a person may own, and how hard a step presses with them.

A module of their own so that the options beside the body map and the safety questions
can name them without loading the routine model.
"""

from __future__ import annotations

from enum import StrEnum

from selfmassage.core.language import N_, _, pgettext


class Tool(StrEnum):
    HANDS = "hands"
    FOAM_ROLLER = "foam-roller"
    MASSAGE_BALL = "massage-ball"
    MASSAGE_GUN = "massage-gun"
    STICK_ROLLER = "stick-roller"

    @property
    def label(self) -> str:
        """Its name in the language in force: "Foam roller"."""
        return _(_TOOL_LABELS[self])


_TOOL_LABELS = {
    Tool.HANDS: N_("Hands"),
    Tool.FOAM_ROLLER: N_("Foam roller"),
    Tool.MASSAGE_BALL: N_("Massage ball"),
    Tool.MASSAGE_GUN: N_("Massage gun"),
    Tool.STICK_ROLLER: N_("Stick roller"),
}


class Pressure(StrEnum):
    LIGHT = "light"
    MODERATE = "moderate"
    FIRM = "firm"

    @property
    def word(self) -> str:
        """The pressure in a sentence, in the language in force: "light"."""
        if self is Pressure.LIGHT:
            return pgettext("pressure", "light")
        if self is Pressure.MODERATE:
            return pgettext("pressure", "moderate")
        return pgettext("pressure", "firm")


class Position(StrEnum):
    """Where the body is during a technique; the builder orders steps by ``rank``."""

    STANDING = "standing"
    SEATED = "seated"
    FLOOR = "floor"
    """Sitting or kneeling on the floor."""
    LYING_FACE_UP = "lying-face-up"
    SIDE_LYING = "side-lying"
    LYING_FACE_DOWN = "lying-face-down"

    @property
    def rank(self) -> int:
        """Standing, then a chair, then the floor: one way down, never up and down again."""
        return _POSITION_RANK[self]

    @property
    def label(self) -> str:
        return _(_POSITION_LABELS[self])


_POSITION_RANK = {position: index for index, position in enumerate(Position)}
_POSITION_LABELS = {
    Position.STANDING: N_("Standing"),
    Position.SEATED: N_("Seated"),
    Position.FLOOR: N_("On the floor"),
    Position.LYING_FACE_UP: N_("Lying face up"),
    Position.SIDE_LYING: N_("Lying on your side"),
    Position.LYING_FACE_DOWN: N_("Lying face down"),
}
