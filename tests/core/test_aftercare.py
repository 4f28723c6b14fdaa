"""Aftercare: the card, the spoken line at the end, and the nudge to ask a clinician about
a place that has stayed sore, read from real SQLite histories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from selfmassage.core import aftercare
from selfmassage.core.breathing import BreathPattern
from selfmassage.core.catalog import load_catalog
from selfmassage.core.history import HistoryStore, SessionStatus
from selfmassage.core.lasting_soreness import lasting_soreness
from selfmassage.core.routine import Routine, Step, breathing_step
from selfmassage.core.session import StepOutcome
from selfmassage.core.timeline import CueLevel, CueOptions, build_timeline
from tests.core.unsupported_claims import claims

NOW = datetime(2026, 3, 20, 18, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "history.sqlite3", clock=Clock())


def rated(
    store: HistoryStore,
    days_ago: float,
    before: dict[str, int],
    after: dict[str, int] | None = None,
) -> None:
    """A session ``days_ago`` before NOW, rated as the app rates: before at its start,
    after once it has ended."""
    assert isinstance(store.clock, Clock)
    store.clock.now = NOW - timedelta(days=days_ago)
    recorder = store.start_session("Post-run legs", soreness_before=before)
    recorder.end(SessionStatus.COMPLETED)
    if after is not None:
        store.save_after(recorder.uuid, soreness_after=after, feeling=None, notes="")


def places(store: HistoryStore) -> list[str]:
    return [found.place for found in lasting_soreness(store.conn, NOW)]


def test_a_side_sore_in_every_session_for_two_weeks_is_found(store: HistoryStore) -> None:
    rated(store, 15, {"calves-left": 7, "calves-right": 7})
    rated(store, 8, {"calves-left": 6, "calves-right": 4}, {"calves-left": 5})
    rated(store, 0, {"calves-left": 8, "calves-right": 7})
    found = lasting_soreness(store.conn, NOW)
    assert [f.place for f in found] == ["calves-left"]
    assert found[0].ratings == (7, 6, 8)
    assert found[0].since == NOW - timedelta(days=15) and found[0].latest == NOW


def test_thirteen_days_is_not_yet_two_weeks(store: HistoryStore) -> None:
    rated(store, 13, {"neck": 9})
    rated(store, 0, {"neck": 9})
    assert places(store) == []
    rated(store, 14, {"neck": 6})
    assert places(store) == ["neck"]


def test_one_rating_below_six_starts_the_count_again(store: HistoryStore) -> None:
    rated(store, 20, {"feet-right": 8})
    rated(store, 10, {"feet-right": 5})
    rated(store, 0, {"feet-right": 8})
    assert places(store) == []


def test_an_old_run_says_nothing_about_today(store: HistoryStore) -> None:
    rated(store, 40, {"lower-back": 8})
    rated(store, 20, {"lower-back": 8})
    assert places(store) == []
    rated(store, 3, {"lower-back": 7})
    assert places(store) == ["lower-back"]


def test_the_before_rating_counts_and_the_after_one_only_without_it(store: HistoryStore) -> None:
    # Eased right after each massage, but sore again by the next session: still sore.
    rated(store, 16, {"quads-left": 7}, {"quads-left": 3})
    rated(store, 0, {"quads-left": 7}, {"quads-left": 2})
    # Rated only after the sessions: those ratings are all there is.
    rated(store, 15, {}, {"shins-right": 6})
    rated(store, 1, {}, {"shins-right": 6})
    # Sore only after the massage, not before: not a place that stayed sore.
    rated(store, 15, {"glutes-left": 2}, {"glutes-left": 7})
    rated(store, 1, {"glutes-left": 2}, {"glutes-left": 7})
    assert places(store) == ["quads-left", "shins-right"]


def test_places_come_head_to_foot_and_the_nudge_names_them(store: HistoryStore) -> None:
    for days in (15, 7, 0):
        rated(store, days, {"calves-right": 6, "neck": 6, "shoulders-left": 9})
    found = places(store)
    assert found == ["neck", "shoulders-left", "calves-right"]
    text = aftercare.ask_a_clinician(found)
    assert text.startswith("Neck, left shoulder and right calf have been sore (6 out of 10")
    assert "two weeks" in text and "doctor or physiotherapist" in text
    assert aftercare.ask_a_clinician(["calves-left"]).startswith("Left calf has been sore")
    assert aftercare.ask_a_clinician([]) == ""


def test_an_empty_or_new_history_nudges_no_one(store: HistoryStore) -> None:
    assert places(store) == []
    rated(store, 0, {"neck": 10})
    assert places(store) == []


def test_the_finish_cue_says_the_aftercare_line_once() -> None:
    routine = Routine("R", (Step("calves", 30),))
    timeline = build_timeline(routine, techniques=load_catalog().get)
    cared = aftercare.with_aftercare(timeline)
    assert cared.finish.text == f"{timeline.finish.text} {aftercare.SPOKEN}"
    assert cared.finish.at == timeline.finish.at and cared.finish.beep == timeline.finish.beep
    assert cared.cues[-1] == cared.finish and cared.segments == timeline.segments
    assert aftercare.with_aftercare(cared) == cared
    # With no voice, the end is still marked by its beep, and the words are on screen.
    quiet = build_timeline(routine, options=CueOptions(level=CueLevel.BEEPS))
    assert aftercare.with_aftercare(quiet).finish.voice is False


def test_the_card_says_what_is_normal_bruising_and_what_helps() -> None:
    text = aftercare.card_text()
    assert len(aftercare.CARD) == 4 and text.count("•") == 4
    assert "tender" in text and "normal" in text
    assert "bruise means the pressure was too much" in text
    for word in ("Sleep", "drinking enough", "easy movement"):
        assert word in text
    assert len(aftercare.SPOKEN) <= 160


def test_no_aftercare_or_catalog_text_claims_what_the_evidence_does_not_support() -> None:
    catalog = load_catalog()
    texts = [*aftercare.CARD, aftercare.SPOKEN, aftercare.ask_a_clinician(["neck"])]
    texts += list(catalog.general_cautions)
    for technique in catalog.techniques:
        texts += [technique.name, technique.instructions, technique.start]
        texts += [*technique.prompts, technique.boundary or "", *technique.cautions]
    for text in texts:
        assert claims(text) == [], text
    assert claims("Rolling flushes out lactic acid and toxins.") == ["flushes", "lactic", "toxins"]
    assert claims("It releases the fascia by breaking up knots.") == [
        "releases the fascia",
        "breaking up",
    ]


def test_breathing_alone_has_no_aftercare_to_say_or_show() -> None:
    # Slow breathing leaves no place to be tender or bruised tomorrow.
    breathing = Routine("Breathe", (breathing_step(120, BreathPattern()),))
    timeline = build_timeline(breathing, techniques=load_catalog().get)
    assert aftercare.with_aftercare(timeline) == timeline
    assert not aftercare.massaged(breathing, {0: StepOutcome.COMPLETED})
    # A routine that opens with breathing and goes on to a place has both.
    mixed = Routine("Wind down", (breathing_step(120, BreathPattern()), Step("neck", 60)))
    assert aftercare.SPOKEN in aftercare.with_aftercare(build_timeline(mixed)).finish.text
    assert not aftercare.massaged(mixed, {0: StepOutcome.COMPLETED, 1: StepOutcome.SKIPPED})
    assert aftercare.massaged(mixed, {0: StepOutcome.SKIPPED, 1: StepOutcome.ENDED_EARLY})
