from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core import aftercare
from selfmassage.core.routine import Routine, Step, StepSide, Tool
from selfmassage.core.session import Finished, SessionState
from selfmassage.ui.session.session_page import SessionPage


class FakeSpeaker(QObject):
    """Stands in for speech.speaker.Speaker: records what the session asks of it.

    The player's tests are about time and keys; real sound has its own tests.
    """

    voice_unavailable = Signal(str)
    voices_listed = Signal(list)
    playing = Signal(str)
    rendered = Signal(str)
    render_failed = Signal(str, str)

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        super().__init__(_kwargs.get("parent"))  # type: ignore[arg-type]
        self.calls: list[tuple[str, tuple[object, ...]]] = []
        self.available = True
        self.reason = ""
        self.muted = False

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)

        def record(*args: object) -> None:
            self.calls.append((name, args))
            if name == "set_muted":
                self.muted = bool(args[0])

        return record

    def rendered_file(self, _text: str) -> Path:
        """Every cue can be heard at once: a session starts without waiting for it."""
        from selfmassage.core.voice import Sound
        from selfmassage.speech.speaker import sound_path

        return sound_path(Sound.START)

    def names(self) -> list[str]:
        return [name for name, _args in self.calls]


class ManualClock:
    """The session's clock, moved on by the test: time passes without waiting for it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def _no_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("selfmassage.speech.speaker.Speaker", FakeSpeaker)


@pytest.fixture(autouse=True)
def _player(_no_sound: None, active_app: SelfMassageApp, clock: ManualClock) -> None:
    """The shared app with a fake speaker, on the test's clock, in a laptop-sized window."""
    active_app.window.resize(1200, 800)
    active_app.session.controller.clock = clock
    # The history's hook asks for soreness in dialogs around each session: these tests
    # are about the player, so sessions here go unrecorded.
    active_app.session.controller.session_hooks.clear()


def ticked(qtbot: QtBot, app: SelfMassageApp) -> None:
    """Wait until the session's timer has read the clock once more."""
    with qtbot.waitSignal(app.session.controller.progress):
        pass


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press where the focus is, as a person would type it."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert isinstance(target, QWidget)
    qtbot.keyClick(target, key, modifier)


def all_text(page: SessionPage) -> str:
    return " | ".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())


def test_a_short_routine_runs_by_the_clock_to_its_summary(
    app: SelfMassageApp, qtbot: QtBot, clock: ManualClock
) -> None:
    page = app.session.page
    routine = Routine(
        "Quick neck",
        (Step("neck", 10, instructions="Knead the back of your neck <b>gently</b>."),),
    )
    finished: list[Finished] = []
    app.session.controller.finished.connect(finished.append)
    assert app.start_session(routine)
    assert app.window.current_page_key() == "session"
    assert page.where.text() == "Get ready for step 1 of 1"
    assert page.title.text() == "Neck"
    assert page.tool.text() == "Hands"
    # File text is plain text: the tags show as typed, nothing is bold.
    assert page.instructions.text() == "Knead the back of your neck <b>gently</b>."
    assert page.instructions.textFormat() is Qt.TextFormat.PlainText
    # The get-ready says what comes and how to get into place; the work starts with "Go".
    assert page.cue_line.text() == (
        "“The back of your neck, by hand. Knead the back of your neck <b>gently</b>.”"
    )
    qtbot.waitUntil(lambda: page.countdown.text() == "00:10")  # at the first tick
    clock.advance(10)
    qtbot.waitUntil(lambda: page.cue_line.text() == "“Go: the back of your neck.”")
    assert page.where.text() == "Step 1 of 1"
    qtbot.waitUntil(lambda: page.countdown.text() == "00:10")
    for second in range(1, 9):  # the session's timer turns each second into the countdown
        clock.advance(1)
        qtbot.waitUntil(lambda second=second: page.countdown.text() == f"00:{10 - second:02}")
    assert page.cue_line.text() == "“2”"  # the countdown shows on screen too
    clock.advance(1.99)
    ticked(qtbot, app)
    assert not finished  # never early
    clock.advance(0.01)
    qtbot.waitUntil(lambda: bool(finished))
    assert finished[0].state is SessionState.FINISHED
    assert finished[0].summary.active_seconds == 10 + 10
    assert page.pages.currentWidget() is page.summary
    assert page.summary_title.text() == "Session complete"
    assert "Steps done: 1 of 1" in page.summary_text.text()
    assert page.summary_steps.item(0).text() == "1. Neck — done, 00:10"
    assert page.cue_line.text() == (
        f"“Well done. That is the end of your routine. {aftercare.SPOKEN}”"
    )


def long_routine() -> Routine:
    return Routine(
        "Long",
        (
            Step("calves", 60, side=StepSide.BOTH, tool=Tool.FOAM_ROLLER, name="Calf roll"),
            Step("neck", 60),
        ),
    )


def test_every_shortcut(app: SelfMassageApp, qtbot: QtBot, clock: ManualClock) -> None:
    page, controller = app.session.page, app.session.controller
    app.settings.transition_seconds = 10
    app.start_session(long_routine())
    assert page.title.text() == "Calf roll"
    assert page.where.text() == "Get ready for step 1 of 2"
    press(qtbot, Qt.Key.Key_Right)  # skip the get-ready: the calves start
    assert page.where.text() == "Step 1 of 2 · left side"

    press(qtbot, Qt.Key.Key_Space)
    assert controller.state is SessionState.PAUSED
    assert page.pause_button.text() == "Resume"
    assert page.paused_note.isVisible()
    press(qtbot, Qt.Key.Key_Space)
    assert controller.state is SessionState.RUNNING
    assert page.pause_button.text() == "Pause"
    assert not page.paused_note.isVisible()

    press(qtbot, Qt.Key.Key_Right)  # skip the calves: to the pause before the neck
    assert page.title.text() == "Neck"
    assert page.where.text() == "Get ready for step 2 of 2"
    qtbot.waitUntil(lambda: page.countdown.text() == "00:10")  # at the next tick
    press(qtbot, Qt.Key.Key_Right)  # skip the pause
    assert page.title.text() == "Neck"
    assert page.next_up.text() == "Next up: the end — well done."

    press(qtbot, Qt.Key.Key_Left)  # back to the calves
    assert page.title.text() == "Calf roll"
    assert page.where.text() == "Step 1 of 2 · left side"

    clock.advance(1)
    qtbot.waitUntil(lambda: page.countdown.text() == "00:59")
    press(qtbot, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: page.countdown.text() == "01:00")

    press(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.countdown.text() == "01:30")
    assert controller.session is not None
    assert controller.session.total == 10 + 60 + 5 + 60 + 10 + 60 + 30

    press(qtbot, Qt.Key.Key_M)
    assert controller.muted
    assert page.mute_button.isChecked()
    assert page.mute_button.text() == "Unmute"
    speaker = app.voice.speaker
    assert isinstance(speaker, FakeSpeaker)
    assert speaker.muted
    press(qtbot, Qt.Key.Key_M)
    assert not controller.muted
    assert not speaker.muted
    # The voice followed the session: paused and resumed with it, cut off by each jump.
    sequence = [n for n in speaker.names() if n in ("pause", "resume", "stop")]
    # (resume on start is harmless), Right, pause and resume, then Right, Right, Left and R.
    assert sequence == ["resume", "stop", "pause", "resume", "stop", "stop", "stop", "stop"]
    assert "play_timeline_cue" in speaker.names()

    press(qtbot, Qt.Key.Key_F)
    assert app.window.windowState() & Qt.WindowState.WindowFullScreen
    press(qtbot, Qt.Key.Key_F)
    assert not app.window.windowState() & Qt.WindowState.WindowFullScreen
    press(qtbot, Qt.Key.Key_F)
    press(qtbot, Qt.Key.Key_Escape)  # Esc leaves full screen first, without asking
    assert not app.window.windowState() & Qt.WindowState.WindowFullScreen
    assert controller.state is SessionState.RUNNING

    questions: list[str] = []
    answer = [False]
    states: list[SessionState] = []

    def ask(title: str, text: str, yes: str) -> bool:
        questions.append(title)
        states.append(controller.state)
        return answer[0]

    page.ask = ask  # type: ignore[method-assign]
    press(qtbot, Qt.Key.Key_Escape)
    assert questions == ["Stop the session?"]
    assert states == [SessionState.PAUSED]  # the countdown waits for the answer
    assert controller.state is SessionState.RUNNING
    answer[0] = True
    press(qtbot, Qt.Key.Key_Escape)
    assert controller.state is SessionState.STOPPED
    assert page.pages.currentWidget() is page.summary
    assert page.summary_title.text() == "Session stopped"
    # On the summary the session keys do nothing.
    press(qtbot, Qt.Key.Key_Space)
    assert controller.state is SessionState.STOPPED


def test_a_session_with_every_step_skipped_does_not_say_complete(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    page, controller = app.session.page, app.session.controller
    app.start_session(long_routine())
    for _ in range(10):
        if controller.state is SessionState.FINISHED:
            break
        press(qtbot, Qt.Key.Key_Right)
    assert controller.state is SessionState.FINISHED
    assert page.summary_title.text() == "Session over: every step was skipped"
    assert "Steps done: 0 of 2" in page.summary_text.text()


def test_shortcuts_sleep_on_other_pages(app: SelfMassageApp, qtbot: QtBot) -> None:
    app.start_session(long_routine())
    app.window.show_page("history")
    press(qtbot, Qt.Key.Key_Space)
    assert app.session.controller.state is SessionState.RUNNING
    app.window.show_page("session")
    press(qtbot, Qt.Key.Key_Space)
    assert app.session.controller.state is SessionState.PAUSED


def test_buttons_do_what_the_keys_do(app: SelfMassageApp, qtbot: QtBot) -> None:
    page, controller = app.session.page, app.session.controller
    app.start_session(long_routine())
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert controller.state is SessionState.PAUSED
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.where.text() == "Step 1 of 2 · left side"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.where.text().startswith("Get ready for step 2")
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.title.text() == "Calf roll"
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert controller.session is not None and controller.session.total == 10 + 195 + 30
    for button in (page.pause_button, page.next_button, page.stop_button, page.mute_button):
        assert button.focusPolicy() is Qt.FocusPolicy.NoFocus
        assert button.accessibleName()
        assert "(" in button.toolTip()


def test_closing_mid_session_asks_first(app: SelfMassageApp, qtbot: QtBot) -> None:
    page, controller = app.session.page, app.session.controller
    app.start_session(long_routine())
    answers = [False, True]
    asked: list[str] = []

    def ask(title: str, text: str, yes: str) -> bool:
        asked.append(title)
        # While the question is open the session waits.
        assert controller.state is SessionState.PAUSED
        return answers.pop(0)

    page.ask = ask  # type: ignore[method-assign]
    app.window.close()
    assert app.window.isVisible()
    assert controller.state is SessionState.RUNNING  # it goes on where it was
    app.window.close()
    assert not app.window.isVisible()
    assert controller.state is SessionState.STOPPED
    assert asked == ["Stop the session and close?"] * 2


def test_voice_problem_banner_is_plain_text(app: SelfMassageApp) -> None:
    page = app.session.page
    assert not page.banner.isVisibleTo(page)
    page.show_voice_problem("espeak-ng <i>missing</i>")
    assert page.banner.isVisibleTo(page)
    assert page.banner.text() == "Voice unavailable: espeak-ng <i>missing</i>"
    assert page.banner.textFormat() is Qt.TextFormat.PlainText
    page.show_voice_problem("")
    assert not page.banner.isVisibleTo(page)


def test_summary_has_a_place_for_the_history(app: SelfMassageApp) -> None:
    page = app.session.page
    extra = QLabel("Soreness after")
    page.add_summary_widget(extra)
    assert extra.parent() is page.summary


def test_body_map_lights_the_place_and_takes_no_focus(app: SelfMassageApp) -> None:
    page = app.session.page
    app.start_session(long_routine())
    from selfmassage.core.anatomy import RegionSide, Side

    selection = page.map_widget.selection()
    assert selection.is_selected(RegionSide("calves", Side.LEFT))
    assert not selection.is_selected(RegionSide("calves", Side.RIGHT))
    assert page.map_widget.focusPolicy() is Qt.FocusPolicy.NoFocus


def test_a_narrow_map_turns_to_the_side_that_has_the_place(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    page = app.session.page
    from selfmassage.core.anatomy import View

    app.window.resize(712, 900)  # tall and narrow: the map has room for one view only
    app.start_session(long_routine())  # calves: drawn on the back only
    qtbot.waitUntil(lambda: page.map_widget.views() == (View.BACK,), timeout=2000)
    page.map_widget.view_switch.click()  # someone turns it by hand...
    assert page.map_widget.views() == (View.FRONT,)
    app.window.resize(712, 880)  # ...and at the next layout it turns to the place again
    qtbot.waitUntil(lambda: page.map_widget.views() == (View.BACK,), timeout=2000)


def test_a_step_left_after_83_seconds_shows_as_ended_early_with_its_time(
    app: SelfMassageApp, qtbot: QtBot, clock: ManualClock
) -> None:
    page, controller = app.session.page, app.session.controller
    app.start_session(Routine("One", (Step("neck", 150),)))
    ticked(qtbot, app)
    clock.advance(10 + 83)  # its get-ready, then 83 s of work
    ticked(qtbot, app)
    press(qtbot, Qt.Key.Key_Right)
    assert controller.state is SessionState.FINISHED
    assert page.summary_title.text() == "Session over: partly done"
    assert "ended early: 1" in page.summary_text.text()
    assert page.summary_steps.item(0).text() == "1. Neck — ended early, 01:23"


def test_the_summary_plans_the_time_added_on_the_way(
    app: SelfMassageApp, qtbot: QtBot, clock: ManualClock
) -> None:
    page, controller = app.session.page, app.session.controller
    app.start_session(Routine("One", (Step("neck", 60),)))
    ticked(qtbot, app)
    controller.add_time()
    clock.advance(101)
    qtbot.waitUntil(lambda: controller.state is SessionState.FINISHED)
    assert page.summary_title.text() == "Session complete"
    # The get-ready, the step and the 30 s added.
    assert "Time: 01:40 (planned 01:40)" in page.summary_text.text()


def test_no_sound_output_is_said_on_the_page(
    app: SelfMassageApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtMultimedia import QMediaDevices

    page = app.session.page
    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    app.session.sound_watch.check()  # as when the last output goes away
    assert not page.sound_banner.isHidden()
    assert page.sound_banner.text() == "No sound output: cues are on screen only."
    assert page.sound_banner.textFormat() is Qt.TextFormat.PlainText
    monkeypatch.undo()
    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: ["speakers"]))
    monkeypatch.setattr(
        QMediaDevices,
        "defaultAudioOutput",
        staticmethod(lambda: type("Device", (), {"isNull": lambda self: False})()),
    )
    app.session.sound_watch.check()
    assert page.sound_banner.isHidden()


def test_the_get_ready_screen_says_next_once(app: SelfMassageApp, qtbot: QtBot) -> None:
    page = app.session.page
    routine = Routine(
        "Three",
        (
            Step("calves", 60, tool=Tool.FOAM_ROLLER, name="Calf roll"),
            Step("shins", 60, tool=Tool.FOAM_ROLLER, name="Kneeling shin roll"),
            Step("neck", 60),
        ),
    )
    app.start_session(routine)
    assert page.where.text() == "Get ready for step 1 of 3"
    press(qtbot, Qt.Key.Key_Right)  # into the calves
    press(qtbot, Qt.Key.Key_Right)  # to the get-ready screen before the shins
    assert page.where.text() == "Get ready for step 2 of 3"
    assert page.title.text() == "Kneeling shin roll"
    # As spoken: what comes and how to get into place, while getting ready.
    assert page.cue_line.text() == "“Kneeling shin roll. Your left shin, foam roller.”"
    shown = all_text(page)
    assert shown.lower().count("next") <= 1, shown
    press(qtbot, Qt.Key.Key_Right)  # into the shins: now the step after is next
    assert page.next_up.text().startswith("Next up: Neck")


def test_nothing_moves_when_the_cue_changes_length_or_the_session_pauses(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    page = app.session.page
    app.start_session(long_routine())
    watched = (
        page.title,
        page.countdown,
        page.step_progress,
        page.instructions,
        page.next_up,
        page.session_progress,
        page.pause_button,
    )

    def places() -> list[tuple[QPoint, QSize]]:
        QApplication.processEvents()
        return [(w.mapTo(page, QPoint(0, 0)), w.size()) for w in watched]

    long_cue = " ".join(["Roll slowly from the ankle to just below the knee."] * 3)
    ticked(qtbot, app)
    page.show_cue("Ten")
    before = places()
    page.show_cue(long_cue)
    assert places() == before, "a three-line cue moves nothing"
    assert page.cue_line.height() >= page.cue_line.heightForWidth(page.cue_line.width())
    page.show_cue("Five")
    assert places() == before, "nor does a short one after it"
    press(qtbot, Qt.Key.Key_Space)
    assert page.paused_note.isVisible()
    assert places() == before, "nor does the paused note"
    press(qtbot, Qt.Key.Key_Space)
    assert places() == before
