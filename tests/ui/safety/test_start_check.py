"""Before Start: a routine not from the builder is checked against the answers and the
places marked to avoid; a red flag starts nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from selfmassage.core.library import Library, builtin_routines_dir
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Routine, StepSide
from selfmassage.core.settings import Settings, SettingsStore
from selfmassage.ui.safety.today_check import TodayCheckDialog
from tests.conftest import MakeApp
from tests.ui.answers import answering, none_today
from tests.ui.sessions import wait_started


@pytest.fixture(autouse=True)
def _nothing_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TodayCheckDialog, "exec", none_today())


def _post_run_legs(paths: AppPaths) -> Routine:
    library = Library(paths.routines_dir, builtin_routines_dir())
    entry = next(e for e in library.builtin_entries() if e.path.stem == "post-run-legs")
    assert entry.routine is not None
    return entry.routine


def _settings(paths: AppPaths, **values: object) -> None:
    settings = Settings(safety_screened_on="2026-12-01", **values)  # type: ignore[arg-type]
    assert SettingsStore(paths.settings_file).save(settings)


def test_a_built_in_routine_on_an_avoided_place_shows_the_conflict_and_skips_it(
    make_app: MakeApp, qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settings(paths, avoided=["calves-left"])
    app = make_app()
    routine = _post_run_legs(paths)
    calf = next(i for i, s in enumerate(routine.steps) if s.region == "calves")
    assert routine.steps[calf].side is StepSide.BOTH
    app.routine.show(routine)
    asked: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", answering(True, asked))  # "Skip them"

    qtbot.mouseClick(app.routine.page.start_button, Qt.MouseButton.LeftButton)

    (box,) = asked
    assert box.objectName() == "safetyConflicts"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert f"Step {calf + 1}, Calves, both sides: you marked the left calf to avoid." in box.text()
    assert "Skip them" in [b.text() for b in box.buttons()]
    dialog = app.history.before_dialog
    assert dialog is not None
    dialog.accept()
    wait_started(qtbot, app)  # once its first cues can be heard
    timeline = app.session.controller.timeline
    assert timeline is not None
    started = timeline.routine.steps
    assert len(started) == len(routine.steps)
    assert started[calf].region == "calves" and started[calf].side is StepSide.RIGHT
    app.session.controller.stop()


def test_cancel_starts_nothing_and_keep_starts_the_routine_as_it_is(
    make_app: MakeApp, qtbot: QtBot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settings(paths, avoided=["calves-left"], safety_answers={"blood-thinners": "yes"})
    app = make_app()
    routine = _post_run_legs(paths)
    monkeypatch.setattr(QMessageBox, "exec", answering(False))
    app.rate_then_start(routine)
    assert app.history.before_dialog is None and not app.session.controller.is_active

    def keep(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "Keep them").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", keep)
    app.rate_then_start(routine)
    dialog = app.history.before_dialog
    assert dialog is not None
    dialog.accept()
    wait_started(qtbot, app)  # once its first cues can be heard
    timeline = app.session.controller.timeline
    assert timeline is not None and timeline.routine.steps == routine.steps
    app.session.controller.stop()


def test_a_red_flag_answer_starts_nothing_and_says_see_a_doctor(
    make_app: MakeApp, paths: AppPaths
) -> None:
    _settings(paths, safety_answers={"night-pain-weight-loss": "unsure"})
    app = make_app()
    app.rate_then_start(_post_run_legs(paths))
    assert app.history.before_dialog is None
    assert not app.session.controller.is_active
    box = app.window.findChild(QMessageBox, "redFlag")
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "See a doctor today"
    assert "see a doctor today" in box.text()
    box.close()


def test_build_with_a_red_flag_shows_see_a_doctor_and_builds_nothing(
    make_app: MakeApp, paths: AppPaths
) -> None:
    from selfmassage.core.anatomy import RegionSide, Side
    from selfmassage.core.selection import Selection

    _settings(paths, safety_answers={"back-pain-bladder": "yes"})
    app = make_app()
    app.home.page.set_selection(Selection.of([RegionSide("calves", Side.LEFT)]))
    assert not app.build_routine()
    box = app.window.findChild(QMessageBox, "redFlag")
    assert box is not None and "emergency" in box.text()
    assert app.routine.routine() is None
    box.close()


def test_the_routine_page_says_what_the_answers_changed_and_why(
    make_app: MakeApp, paths: AppPaths
) -> None:
    from selfmassage.core.anatomy import RegionSide, Side
    from selfmassage.core.selection import Selection

    _settings(
        paths,
        safety_answers={"blood-thinners": "yes"},
        routine_tools=["massage-gun"],
        routine_budget_minutes=0,
    )
    app = make_app()
    app.home.page.set_selection(Selection.of([RegionSide("calves", Side.LEFT)]))
    assert app.build_routine()
    notes = app.routine.page.notes_label
    assert notes.isVisible()
    assert "Calves: hands instead of the massage gun (blood thinners" in notes.text()
    assert "light pressure instead of moderate" in notes.text()
    (step,) = app.routine.page.routine().steps  # type: ignore[union-attr]
    assert step.tool.value == "hands" and step.pressure is not None
    assert step.pressure.value == "light"


def test_the_today_check_is_asked_once_a_day_and_a_hot_calf_stops(
    make_app: MakeApp, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    _settings(paths)
    app = make_app()
    asked: list[TodayCheckDialog] = []

    def tick_calf(dialog: TodayCheckDialog) -> int:
        asked.append(dialog)
        assert dialog.go.isDefault() and dialog.go.text() == "None of these"
        return none_today(("hot-swollen-calf",))(dialog)

    monkeypatch.setattr(TodayCheckDialog, "exec", tick_calf)
    app.rate_then_start(_post_run_legs(paths))
    assert len(asked) == 1 and not app.session.controller.is_active
    box = app.window.findChild(QMessageBox, "redFlag")
    assert box is not None and "A hot, swollen calf" in box.text()
    box.close()
    today = date.today().isoformat()
    stored = SettingsStore(paths.settings_file).load()
    assert stored.safety_answers["hot-swollen-calf"] == "yes"
    assert stored.safety_answered_on == {
        "fever-or-infection": today,
        "acute-injury": today,
        "hot-swollen-calf": today,
    }
    # Asked once a day: the next Start today goes straight to the red flag.
    app.rate_then_start(_post_run_legs(paths))
    assert len(asked) == 1
    # Tomorrow, yesterday's answer no longer holds, and the check is asked again.
    from selfmassage.core.safety import Screening

    screening = Screening.from_stored(stored.safety_answers, stored.safety_answered_on)
    assert screening.current(date.today()).stops()
    tomorrow = date.fromordinal(date.today().toordinal() + 1)
    assert not screening.current(tomorrow).stops()
    assert screening.today_check_due(tomorrow)


def test_the_whole_screening_is_asked_again_after_90_days(
    make_app: MakeApp, paths: AppPaths
) -> None:
    from PySide6.QtWidgets import QLabel

    assert SettingsStore(paths.settings_file).save(Settings(safety_screened_on="2000-01-01"))
    app = make_app(show=False)
    app.safety.ask_if_first_run()
    dialog = app.safety.dialog
    assert dialog is not None
    assert any("more than 90 days ago" in label.text() for label in dialog.findChildren(QLabel))
    dialog.reject()


def test_the_general_cautions_show_on_first_run_and_in_help_safety(make_app: MakeApp) -> None:
    from selfmassage.core.catalog import load_catalog

    general = load_catalog().general_cautions
    app = make_app()
    app.safety.ask_if_first_run()
    dialog = app.safety.dialog
    assert dialog is not None
    text = dialog.cautions_view.toPlainText()
    assert "Always, whatever your answers:" in text
    assert all(caution in text for caution in general)
    dialog.reject()

    assert app.safety.help_action in app.window.help_menu.actions()
    app.safety.help_action.trigger()
    box = app.window.findChild(QMessageBox, "generalCautions")
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert all(caution in box.informativeText() for caution in general)
    box.close()
