"""When to give up on the voice: the fallback decisions, apart from any thread or widget.

The voice is given up (and the session goes on with beeps and on-screen cues) when the
engine cannot start, when it hangs, or when several utterances in a row fail. One
failed utterance is not enough: that cue beeps, the next may speak again.
"""

from __future__ import annotations

from enum import StrEnum

from selfmassage.core.language import _

FAILURES_IN_A_ROW = 3


class VoiceState(StrEnum):
    STARTING = "starting"
    READY = "ready"
    UNAVAILABLE = "unavailable"


class VoiceHealth:
    def __init__(self, failures_in_a_row: int = FAILURES_IN_A_ROW) -> None:
        self.state = VoiceState.STARTING
        self.reason = ""
        self._limit = failures_in_a_row
        self._failures = 0

    @property
    def usable(self) -> bool:
        """Whether to ask the engine for speech at all (it may still be starting)."""
        return self.state is not VoiceState.UNAVAILABLE

    def engine_ready(self) -> None:
        if self.state is VoiceState.STARTING:
            self.state = VoiceState.READY

    def engine_failed(self, reason: str) -> bool:
        """The engine is missing or broke; True when this newly makes the voice unavailable."""
        return self._give_up(reason)

    def engine_hung(self, doing: str) -> bool:
        if doing == "starting":
            return self._give_up(_("the speech engine did not start in time"))
        return self._give_up(_("the speech engine stopped responding"))

    def utterance_failed(self, reason: str) -> bool:
        self._failures += 1
        if self._failures >= self._limit:
            return self._give_up(_("speech keeps failing ({reason})").format(reason=reason))
        return False

    def utterance_done(self) -> None:
        self._failures = 0

    def _give_up(self, reason: str) -> bool:
        if self.state is VoiceState.UNAVAILABLE:
            return False
        self.state = VoiceState.UNAVAILABLE
        self.reason = reason
        return True
