"""The steps that bring a settings file from an older version to this one.

As in MusicBrainz Picard's config_upgrade: each change to the settings format is one
function, named ``upgrade_to_vN``, that takes the decoded file of version N - 1 (a plain
dict, not yet checked) and returns it as version N. Its docstring says what changed and
why; it is logged when the step runs. The steps are listed in ``UPGRADES`` in order, and
the current version is one more than their number, so adding a step is the whole of a
version change. The store copies the file aside before the first step runs.

A step must accept anything a file can hold (a key missing, a value of another type)
and leave what it does not understand alone: the values are checked one by one after
the last step. For example, had version 2 renamed ``theme`` to ``appearance``::

    def upgrade_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        \"\"\"theme is called appearance, as in the View menu.\"\"\"
        if "theme" in data:
            data["appearance"] = data.pop("theme")
        return data

    UPGRADES: list[Upgrade] = [upgrade_to_v2]

Version 1 is the first version; there is nothing to upgrade yet.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

UPGRADES: list[Upgrade] = []
"""``UPGRADES[n - 1]`` takes a version-n file to version n + 1."""


def current_version() -> int:
    """The version this app writes: 1, plus one for every upgrade step."""
    return len(UPGRADES) + 1


class UpgradeError(Exception):
    """An upgrade step failed on this file; the message names the step."""


def describe(step: Upgrade) -> str:
    """The step's name and the first line of its docstring, for the log."""
    doc = inspect.getdoc(step) or ""
    return f"{step.__name__}: {doc.splitlines()[0]}" if doc else step.__name__


def upgrade(data: dict[str, Any], version: int) -> dict[str, Any]:
    """``data``, a file of ``version``, brought step by step to the current version."""
    for step in UPGRADES[version - 1 :]:
        log.info("settings upgrade %s", describe(step))
        try:
            # Each step gets its own copy, so a step that fails half-way leaves no trace.
            data = step(dict(data))
        # A step runs on a file that nothing has checked yet: whatever it raises is that
        # file's problem, not the app's.
        except Exception as error:
            raise UpgradeError(f"{step.__name__} failed: {error!r:.200}") from error
        if not isinstance(data, dict):
            raise UpgradeError(f"{step.__name__} gave {type(data).__name__}, not a dict")
        version += 1
        data["version"] = version
    return data
