"""A routine in a language no voice on this computer speaks: the Session page says so,
and the cues are read all the same."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.routine import Routine, Step
from tests.conftest import MakeApp
from tests.speech.speech_fakes import FakeRenderer
from tests.ui.sessions import wait_started


def neck(language: str) -> Routine:
    return Routine("Nacken", (Step("neck", 10),), language=language)


@pytest.fixture
def app(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> SelfMassageApp:
    renderer = FakeRenderer()  # an English and a German voice
    monkeypatch.setattr("selfmassage.speech.speaker.renderer_factory", lambda: lambda: renderer)
    made: SelfMassageApp = make_app()
    made.session.controller.session_hooks.clear()
    return made


def test_a_routine_no_voice_speaks_is_said_on_the_session_page(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    banner = app.session.page.banner
    app.start_session(neck("fr"))
    wait_started(qtbot, app)
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert "français" in banner.text().casefold() and "fr" in banner.text()
    assert app.session.controller.is_active  # the session goes on
    app.session.controller.stop()
    # The next routine, in a language a voice speaks, takes the note away.
    app.start_session(neck("de"))
    wait_started(qtbot, app)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    app.session.controller.stop()


def test_a_routine_a_voice_speaks_says_nothing_of_it(app: SelfMassageApp, qtbot: QtBot) -> None:
    app.start_session(neck("de"))
    wait_started(qtbot, app)
    qtbot.wait(300)
    assert not app.session.page.banner.isVisible()
    app.session.controller.stop()
