"""Which steps need time to turn over between their sides.

Changing sides when lying on one side means rolling onto the other; face down on a
roller it means getting up on the forearms and moving the roller across. Both take
longer than swapping a ball to the other foot in a chair, so the pause between such a
step's sides is longer (``Pacing.turn_over_seconds``). The position is the catalog
technique's; a step of no known technique keeps the short pause.
"""

from __future__ import annotations

from selfmassage.core.tools import Position

TURNING_POSITIONS = frozenset({Position.SIDE_LYING, Position.LYING_FACE_DOWN})
"""Positions in which changing sides means turning the body over."""


def turns_over(technique_id: str | None) -> bool:
    """True when the technique is done lying on the side or face down."""
    if not technique_id:
        return False
    # Here, not at the top: the routine model (which asks this) loads before the first
    # screen, and the catalog's reader (msgspec, the JSON file) need not.
    from selfmassage.core.catalog import CatalogError, load_catalog

    try:
        technique = load_catalog().get(technique_id)
    except CatalogError:
        # The app says elsewhere that its catalog is broken; the timing keeps going.
        return False
    return technique is not None and technique.position in TURNING_POSITIONS
