"""The routine builder wired in the app: options beside the map, Build, preview, Save as."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from selfmassage.app import SelfMassageApp
from selfmassage.core.anatomy import ALL_REGION_SIDES, RegionSide
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Pacing, Tool, plan
from selfmassage.core.routine_file import read_routine
from selfmassage.core.routine_options import Intensity
from selfmassage.core.selection import Selection
from selfmassage.core.settings import SettingsStore
from tests.conftest import MakeApp


def _select(app: SelfMassageApp, *keys: str) -> None:
    app.home.page.set_selection(Selection.of(RegionSide.parse(key) for key in keys))


def test_the_options_sit_on_the_home_page(app: SelfMassageApp) -> None:
    assert app.home.page.options_widget() is app.home.options


def test_the_other_pages_are_made_when_first_needed(app: SelfMassageApp) -> None:
    from selfmassage.ui.main_window import PlaceholderPage

    for key in ("routine", "session", "library"):
        assert isinstance(app.window.page(key), PlaceholderPage), key
    page = app.routine.page  # asked for: made, and put in its place
    assert app.window.page("routine") is page
    app.window.show_page("library")  # shown: made
    assert app.window.page("library") is app.library.page
    assert not isinstance(app.window.page("library"), PlaceholderPage)
    assert isinstance(app.window.page("session"), PlaceholderPage)


def test_the_routine_page_is_made_ahead_once_places_are_picked(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    from selfmassage.ui.main_window import PlaceholderPage

    app.home.page.body_map.toggle(RegionSide.parse("neck"))  # as a click does
    assert isinstance(app.window.page("routine"), PlaceholderPage)  # not in the click's turn
    qtbot.waitUntil(lambda: app.routine.prepared)
    page = app.window.page("routine")
    assert not isinstance(page, PlaceholderPage)
    assert page.size() == app.window.stack.contentsRect().size()  # laid out ahead
    assert app.build_routine()
    assert app.window.page("routine") is page  # Build only filled it in


def test_ctrl_b_builds_from_the_map_and_shows_the_preview(
    active_app: SelfMassageApp, qtbot: QtBot
) -> None:
    app = active_app
    _select(app, "calves-left", "calves-right", "neck", "quads-left")
    app.home.options.set_budget(5)
    app.home.page.body_map.setFocus()  # wherever the focus is on the home page
    qtbot.keyClick(app.home.page.body_map, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    # A button's shortcut clicks it with a short animation: the build follows.
    qtbot.waitUntil(lambda: app.window.current_page_key() == "routine")
    routine = app.routine.page.routine()
    assert routine is not None
    assert {step.region for step in routine.steps} == {"calves", "neck", "quads"}
    total = plan(routine, Pacing(transition_seconds=app.settings.transition_seconds))
    assert 300 - 5 <= total.total_seconds <= 300
    # The focus went with the page: its keys work at once.
    assert app.routine.page.isAncestorOf(QApplication.focusWidget())


def test_a_refusal_shows_beside_the_map_and_a_choice_builds(
    app: SelfMassageApp, qtbot: QtBot
) -> None:
    app.home.page.set_selection(Selection.of(ALL_REGION_SIDES))
    app.home.options.set_budget(5)
    assert not app.build_routine()
    assert app.window.current_page_key() == "home"
    assert app.home.options.refusal_box.isVisible()
    more_time = app.home.options.choice_buttons[0]
    assert more_time.text() == "Take 30 minutes"
    qtbot.mouseClick(more_time, Qt.MouseButton.LeftButton)
    assert app.window.current_page_key() == "routine"
    assert app.home.options.budget_minutes() == 30
    assert app.settings.routine_budget_minutes == 30


def test_the_options_are_remembered(qtbot: QtBot, make_app: MakeApp, paths: AppPaths) -> None:
    first = make_app(show=False)
    options = first.home.options
    qtbot.mouseClick(options.tool_buttons[Tool.MASSAGE_GUN], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(options.budget_group.button(0), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(options.intensity_buttons[Intensity.DEEP], Qt.MouseButton.LeftButton)
    stored = SettingsStore(paths.settings_file).load()
    assert stored.routine_tools == ["hands", "massage-gun"]
    assert stored.routine_budget_minutes == 0
    assert stored.routine_intensity == "deep"
    second = make_app(show=False)
    assert second.home.options.tools() == {Tool.HANDS, Tool.MASSAGE_GUN}
    assert second.home.options.budget_minutes() is None
    assert second.home.options.intensity() is Intensity.DEEP


def test_bad_stored_options_fall_back_to_defaults(make_app: MakeApp, paths: AppPaths) -> None:
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    settings.routine_tools = ["chainsaw", "foam-roller"]
    settings.routine_intensity = "brutal"
    settings.routine_budget_minutes = 0
    store.save(settings)
    app = make_app(show=False)
    assert app.home.options.tools() == {Tool.HANDS, Tool.FOAM_ROLLER}
    assert app.home.options.intensity() is Intensity.STANDARD


def test_save_as_writes_a_routine_file(
    app: SelfMassageApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _select(app, "feet-left", "feet-right")
    assert app.build_routine()
    app.routine.page.select_row(0)
    spin = app.routine.page.edit_current_seconds()
    assert spin is not None
    spin.setValue(45)
    target = tmp_path / "my feet"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    saved = app.routine.save_as(app.routine.page.routine())
    assert saved == target.with_suffix(".smroutine")
    result = read_routine(saved)
    assert result.ok and result.routine == app.routine.page.routine()
    assert not app.routine.page.is_edited()


def test_edits_are_not_lost_without_asking(
    app: SelfMassageApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    _select(app, "calves-left", "neck")
    assert app.build_routine()
    app.routine.page.select_row(0)
    app.routine.page.remove_current()
    asked: list[str] = []

    def answer(_parent: object, title: str, text: str, accept: str, **_: object) -> bool:
        asked.append(title)
        return False

    monkeypatch.setattr("selfmassage.ui.dialogs.ask", answer)
    edited = app.routine.page.routine()
    assert not app.build_routine()
    assert app.routine.page.routine() == edited
    assert not app.routine.may_close()
    assert asked == ["Replace the routine?", "Close without saving the routine?"]


def test_a_damaged_catalog_disables_build_and_says_why(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfmassage.core.catalog as catalog_module

    def broken() -> catalog_module.Catalog:
        raise catalog_module.CatalogError("techniques.json: $.techniques[3].tool: bad")

    monkeypatch.setattr(catalog_module, "load_catalog", broken)
    app = make_app(show=False)
    assert not app.home.options.build_button.isEnabled()
    assert "damaged" in app.home.options.build_button.toolTip()
    _select(app, "neck")
    assert not app.build_routine()
