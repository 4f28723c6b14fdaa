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
from tests.conftest import MakeApp
from tests.ui.answers import answering


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
    assert app.session.controller.is_active
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
    timeline = app.session.controller.timeline
    assert timeline is not None and timeline.routine.steps == routine.steps
    app.session.controller.stop()


def test_a_red_flag_answer_starts_nothing_and_says_see_a_doctor(
    make_app: MakeApp, paths: AppPaths
) -> None:
    _settings(paths, safety_answers={"hot-swollen-calf": "unsure"})
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
