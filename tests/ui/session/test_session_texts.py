"""The Session page, its start panel, summary and dialogs speak the app's language: every
text of their own goes through the catalogue (the pseudo-language brackets each one), and
dates and language names come from the locale."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.core.language import PSEUDO
from selfmassage.core.routine import Routine, Step, StepSide
from selfmassage.core.session import Finished, SegmentStarted, SessionState, StepOutcome, Summary
from selfmassage.core.timeline import Segment, SegmentKind, Timeline, build_timeline
from selfmassage.core.voice import Voice, VoiceSettings
from selfmassage.ui.session.session_page import SessionPage
from selfmassage.ui.session.soreness_dialogs import (
    SorenessAfterDialog,
    SorenessBeforeDialog,
    since_text,
)
from selfmassage.ui.session.start_panel import StartPanel
from selfmassage.ui.session.voice_settings import VoiceSettingsDialog, language_words
from tests.ui.pseudo_language import german_locale, translated

__all__ = ["german_locale"]  # a fixture


def calves_timeline() -> Timeline:
    routine = Routine(
        "Calves",
        (Step("calves", 30, side=StepSide.BOTH), Step("neck", 30)),
    )
    return build_timeline(routine)


def started(segment: Segment, step: Step) -> SegmentStarted:
    return SegmentStarted(0.0, segment, step, segment.start, segment.end)


def test_the_page_and_its_controls_are_translated(qtbot: QtBot, pseudo: None) -> None:
    page = SessionPage()
    qtbot.addWidget(page)
    for button in (
        page.previous_button,
        page.restart_button,
        page.pause_button,
        page.next_button,
        page.add_button,
        page.mute_button,
        page.fullscreen_button,
        page.stop_button,
    ):
        assert translated(button.text()), button.objectName()
        assert translated(button.accessibleName()), button.objectName()
        assert translated(button.toolTip()), button.objectName()
    assert translated(page.paused_note.text())
    assert translated(page.accessibleName())
    assert translated(page.countdown.accessibleName())


def test_a_step_and_its_side_are_said_in_the_language(qtbot: QtBot, pseudo: None) -> None:
    page = SessionPage()
    qtbot.addWidget(page)
    timeline = calves_timeline()
    page.show_session(timeline)
    assert translated(page.pause_button.text())
    steps = timeline.routine.steps
    for segment in timeline.segments[:4]:
        page.show_segment(started(segment, steps[segment.step_index]))
        assert translated(page.where.text().split(" · ")[0]), segment.kind
        if segment.kind is SegmentKind.SWITCH_SIDE:
            assert translated(page.title.text())
        if segment.side is not None and segment.kind is SegmentKind.WORK:
            assert translated(page.where.text().split(" · ")[1])
    page.show_cue("Roll slowly")
    assert translated(page.cue_line.text())
    page.show_state("paused")
    assert translated(page.pause_button.text())
    page.show_muted(True)
    assert translated(page.mute_button.text())


def test_the_side_is_a_whole_phrase_in_english(qtbot: QtBot) -> None:
    page = SessionPage()
    qtbot.addWidget(page)
    timeline = calves_timeline()
    page.show_session(timeline)
    steps = timeline.routine.steps
    switch = next(s for s in timeline.segments if s.kind is SegmentKind.SWITCH_SIDE)
    page.show_segment(started(switch, steps[0]))
    assert page.title.text() == f"Switch to your {switch.side} side"
    work = next(s for s in timeline.segments if s.kind is SegmentKind.WORK and s.side)
    page.show_segment(started(work, steps[0]))
    assert page.where.text() == f"Step 1 of 2 · {work.side} side"
    assert page.tool.text().endswith(f" · {work.side} side")


def test_the_start_panel_is_translated(qtbot: QtBot, pseudo: None) -> None:
    panel = StartPanel()
    qtbot.addWidget(panel)
    panel.show_preparing("Calves")
    assert translated(panel.heading.text())
    assert translated(panel.start_button.text()) and translated(panel.back_button.text())
    panel.show_problem("no engine")
    assert translated(panel.heading.text())
    assert translated(panel.problem.text()) and "no engine" in panel.problem.text()


def finished(state: SessionState = SessionState.FINISHED) -> Finished:
    summary = Summary(
        60.0,
        58.0,
        4.0,
        outcomes={0: StepOutcome.COMPLETED, 1: StepOutcome.SKIPPED},
        step_seconds={0: 58.0},
        steps_total=2,
    )
    return Finished(0.0, state, summary)


def test_the_summary_is_translated(qtbot: QtBot, pseudo: None) -> None:
    page = SessionPage()
    qtbot.addWidget(page)
    page.show_session(calves_timeline())
    page.show_summary(finished(SessionState.STOPPED))
    assert translated(page.summary_title.text())
    assert all(translated(line) for line in page.summary_text.text().splitlines())


def test_the_soreness_line_is_replaced_whatever_its_words(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rated twice, the summary keeps one soreness line: it was found by its English
    "Soreness: ", and in another language every rating added a line."""
    monkeypatch.setattr(
        "selfmassage.ui.session.session_summary.soreness_change",
        lambda before, after: f"Schmerz: Nacken {before['neck']} → {after['neck']}",
    )
    page = SessionPage()
    qtbot.addWidget(page)
    page.show_session(calves_timeline())
    page.show_summary(finished())
    figures = page.summary_text.text()
    page.show_soreness({"neck": 6}, {"neck": 4})
    page.show_soreness({"neck": 6}, {"neck": 2})
    assert page.summary_text.text() == f"{figures}\nSchmerz: Nacken 6 → 2"


def test_the_soreness_dialogs_are_translated(qtbot: QtBot, pseudo: None) -> None:
    before = SorenessBeforeDialog(["neck"], {"neck": 3})
    qtbot.addWidget(before)
    assert translated(before.windowTitle())
    assert translated(before.start_button.text()) and translated(before.skip_button.text())
    after = SorenessAfterDialog(["neck"], {"neck": 3}, stopped=True)
    qtbot.addWidget(after)
    assert translated(after.windowTitle()) and translated(after.greeting.text())
    for button in after.feeling_group.buttons():
        # The number stays the button's key, whatever the words after it.
        assert button.text().startswith("[&") and translated(button.accessibleName())


def test_an_earlier_rating_says_its_day_in_the_locales_words(german_locale: None) -> None:
    assert since_text(datetime(2026, 3, 2, 12, tzinfo=UTC)) == "after the session of Mo. 02 März"


def test_language_names_are_the_languages_own() -> None:
    assert language_words("de") == "Deutsch — de"
    assert language_words("de-AT") == "Österreichisches Deutsch — de-AT"
    assert language_words("en") == "English — en"
    assert language_words("fr") == "français — fr"
    assert language_words("xx") == "xx"


def test_voice_settings_name_the_routines_language(qtbot: QtBot) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings(), language="fi")
    qtbot.addWidget(dialog)
    assert dialog.only_language.text() == "Only voices for this routine's language (suomi — fi)"
    dialog.set_voices([Voice("gmw/de", "German", ("de",))])
    assert dialog.voice_status.text() == "No voice speaks “fi” (suomi): the 1 voice is listed."


def test_voice_settings_are_translated(qtbot: QtBot, pseudo: None) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings())
    qtbot.addWidget(dialog)
    assert translated(dialog.windowTitle())
    assert translated(dialog.rate_label.text()) and translated(dialog.test_button.text())
    assert all(
        translated(box.itemText(i))
        for box in (dialog.level_box, dialog.countdown_box)
        for i in range(box.count())
    )
    dialog.set_voices([Voice("a", "A", ("en",)), Voice("b", "B", ("en",))])
    assert translated(dialog.voice_status.text())


def test_the_sample_cue_is_in_the_routines_language(qtbot: QtBot) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings(), language=PSEUDO)
    qtbot.addWidget(dialog)
    assert not translated(dialog.windowTitle())  # the window is in the app's language
    with qtbot.waitSignal(dialog.test_requested) as asked:
        dialog.test_button.click()
    assert asked.args is not None and translated(asked.args[0])
