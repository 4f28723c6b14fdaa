"""The Voice and cues dialog, and its place in the app: File > Voice and cues…."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.paths import AppPaths
from selfmassage.core.settings import SettingsStore
from selfmassage.core.voice import Voice, VoiceOptions, VoiceSettings
from selfmassage.ui.session.voice_settings import SAMPLE_TEXT, VoiceSettingsDialog
from tests.conftest import MakeApp

VOICES = [
    Voice("gmw/en", "English (Great Britain)", ("en-gb",)),
    Voice("gmw/en-us", "English (America)", ("en-us",)),
    Voice("gmw/de", "German", ("de",)),
    Voice("aav/vi-vn-x-central", "Vietnamese (Central)", ("vi-vn-x-central",)),
]


def voice_ids(dialog: VoiceSettingsDialog) -> list[str]:
    box = dialog.voice_box
    return [box.itemData(index) for index in range(box.count())]


def test_shows_the_settings_and_returns_them_checked(qtbot: QtBot) -> None:
    settings = VoiceSettings(
        voice="gmw/de",
        rate=150,
        volume=0.6,
        cue_level="minimal",
        countdown="words",
        transition_seconds=15,
    )
    dialog = VoiceSettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.set_voices(VOICES)
    assert dialog.voice_settings() == settings
    assert dialog.rate_label.text() == "150 words a minute"
    dialog.rate_slider.setValue(220)
    dialog.volume_slider.setValue(35)
    dialog.level_box.setCurrentIndex(dialog.level_box.findData("beeps"))
    dialog.countdown_box.setCurrentIndex(dialog.countdown_box.findData("off"))
    dialog.transition_spin.setValue(20)
    dialog.voice_box.setCurrentIndex(dialog.voice_box.findData("gmw/en-us"))
    assert dialog.voice_settings() == VoiceSettings(
        voice="gmw/en-us",
        rate=220,
        volume=0.35,
        cue_level="beeps",
        countdown="off",
        transition_seconds=20,
    )
    assert dialog.volume_label.text() == "35 %"


def test_voices_for_the_routine_language_first_all_on_request(qtbot: QtBot) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings(), language="en-GB")
    qtbot.addWidget(dialog)
    assert voice_ids(dialog) == [""], "only the default until the engine answers"
    assert dialog.voice_status.text() == "Looking for voices…"
    dialog.set_voices(VOICES)
    assert voice_ids(dialog) == ["", "gmw/en-us", "gmw/en"]
    assert dialog.only_language.isChecked()
    dialog.only_language.setChecked(False)
    assert len(voice_ids(dialog)) == 1 + len(VOICES)


def test_a_language_no_voice_speaks_lists_them_all_and_says_so(qtbot: QtBot) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings(), language="fi")
    qtbot.addWidget(dialog)
    dialog.set_voices(VOICES)
    assert len(voice_ids(dialog)) == 1 + len(VOICES)
    assert "No voice speaks “fi”" in dialog.voice_status.text()


def test_a_saved_voice_the_engine_lacks_is_kept(qtbot: QtBot) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings(voice="other/computer"))
    qtbot.addWidget(dialog)
    dialog.set_voices(VOICES)
    assert dialog.selected_voice() == "other/computer"
    assert dialog.voice_box.currentText() == "other/computer (not found)"


def test_a_voice_problem_is_shown_as_plain_text(qtbot: QtBot) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings())
    qtbot.addWidget(dialog)
    dialog.set_voice_problem("<b>eSpeak NG</b> is not installed")
    dialog.set_voices([])
    assert dialog.voice_status.text() == "Voice unavailable: <b>eSpeak NG</b> is not installed"
    assert dialog.voice_status.textFormat().name == "PlainText"


def test_test_voice_asks_with_the_unsaved_values(qtbot: QtBot) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings())
    qtbot.addWidget(dialog)
    dialog.set_voices(VOICES)
    dialog.voice_box.setCurrentIndex(dialog.voice_box.findData("gmw/de"))
    dialog.rate_slider.setValue(120)
    dialog.volume_slider.setValue(50)
    with qtbot.waitSignal(dialog.test_requested) as asked:
        dialog.test_button.click()
    assert asked.args == [SAMPLE_TEXT, VoiceOptions("gmw/de", 120, 0.5)]


def test_every_control_is_named_for_screen_readers(qtbot: QtBot) -> None:
    dialog = VoiceSettingsDialog(VoiceSettings())
    qtbot.addWidget(dialog)
    for widget in (
        dialog.voice_box,
        dialog.rate_slider,
        dialog.volume_slider,
        dialog.test_button,
        dialog.level_box,
        dialog.countdown_box,
        dialog.transition_spin,
    ):
        assert widget.accessibleName()


# In the app ------------------------------------------------------------------------------


def test_the_menu_opens_the_dialog_and_ok_saves_and_applies(
    app: SelfMassageApp, qtbot: QtBot, paths: AppPaths
) -> None:
    assert app.voice.action.text() == "&Voice and cues…"
    app.voice.action.trigger()
    dialog = app.voice.dialog
    assert dialog is not None and dialog.isVisible()
    # The real engine (eSpeak NG) answers with its voices, off the GUI thread.
    qtbot.waitUntil(lambda: dialog.voice_box.count() > 10, timeout=15_000)
    dialog.rate_slider.setValue(200)
    dialog.volume_slider.setValue(40)
    dialog.level_box.setCurrentIndex(dialog.level_box.findData("minimal"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert app.voice.dialog is None
    stored = SettingsStore(paths.settings_file).load()
    assert (stored.voice_rate, stored.voice_volume, stored.cue_level) == (200, 0.4, "minimal")
    assert app.voice.speaker.options == VoiceOptions("", 200, 0.4)


def test_cancel_changes_nothing(app: SelfMassageApp, paths: AppPaths) -> None:
    dialog = app.voice.show_settings()
    dialog.rate_slider.setValue(99)
    dialog.reject()
    assert app.voice.dialog is None
    assert not paths.settings_file.exists()
    assert app.voice.speaker.options == VoiceOptions()


def test_a_voice_problem_reaches_the_player_page(app: SelfMassageApp) -> None:
    app.voice.speaker.voice_unavailable.emit("eSpeak NG is not installed")
    assert app.session.page.banner.text() == "Voice unavailable: eSpeak NG is not installed"
    assert not app.session.page.banner.isHidden()


def test_the_menu_offers_the_voices_of_the_routine_in_preview(app: SelfMassageApp) -> None:
    from selfmassage.core.routine import Routine, Step

    routine = Routine("Nacken", (Step("neck", 30),), language="de-AT")
    app.routine.page.show_routine(routine)
    app.voice.action.trigger()
    dialog = app.voice.dialog
    assert dialog is not None
    assert dialog.only_language.isVisible() and dialog.only_language.isChecked()
    assert "de-AT" in dialog.only_language.text()
    dialog.reject()


def test_a_session_speaks_its_routine_language(app: SelfMassageApp, qtbot: QtBot) -> None:
    from selfmassage.core.routine import Routine, Step

    routine = Routine("Nacken", (Step("neck", 30, instructions="Kneten."),), language="de")
    assert app.start_session(routine)
    try:
        assert app.voice.speaker.language == "de"
        # The real engine's voices arrive off the GUI thread; then a German one is used.
        qtbot.waitUntil(lambda: bool(app.voice.speaker.known_voices), timeout=15_000)
        assert app.voice.speaker.voice == "gmw/de"  # eSpeak NG's German
    finally:
        app.session.controller.stop()


@pytest.mark.parametrize("odd", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_the_dialog_opens_with_a_volume_that_is_not_a_number(
    make_app: MakeApp, paths: AppPaths, odd: str
) -> None:
    # Python's json reads NaN and Infinity: such a file crashed the dialog every time.
    paths.settings_file.write_text(f'{{"version": 1, "voice_volume": {odd}, "voice_rate": 200}}')
    application = make_app(show=False)
    dialog = application.voice.show_settings()
    assert dialog.isVisible()
    assert dialog.volume_slider.value() == 100  # the default, 1.0
    assert dialog.rate_slider.value() == 200  # the rest of the file is kept
    dialog.reject()


def test_the_dialog_itself_shows_defaults_for_numbers_that_are_not_finite(
    qtbot: QtBot,
) -> None:
    odd = float("nan")
    dialog = VoiceSettingsDialog(VoiceSettings(rate=odd, volume=odd, transition_seconds=odd))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert dialog.voice_settings() == VoiceSettings()
