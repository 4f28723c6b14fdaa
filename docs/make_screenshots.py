"""Render the screenshots in docs/screenshots/, offscreen, each in a fresh temporary home.

    .venv/bin/python docs/make_screenshots.py              # every shot, and the sheet
                                                           # docs/illustrations.png
    .venv/bin/python docs/make_screenshots.py home-dark    # only these
    .venv/bin/python docs/make_screenshots.py --list

To add a shot, write a function that sets the app up and returns the widget to capture,
and register it with ``@shot("name")``; it is saved as docs/screenshots/NAME.png. Each
shot runs in its own process, so a theme or a setting never leaks into the next one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the same pictures on every machine

from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from selfmassage.core.voice import Voice

OUT = Path(__file__).resolve().parent / "screenshots"
WINDOW_SIZE = (1200, 780)

ShotFunction = Callable[[], QWidget]
SHOTS: dict[str, ShotFunction] = {}


def shot(name: str) -> Callable[[ShotFunction], ShotFunction]:
    """Register a screenshot: the function returns the widget to capture."""

    def register(function: ShotFunction) -> ShotFunction:
        if name in SHOTS:
            raise ValueError(f"two shots are called {name!r}")
        SHOTS[name] = function
        return function

    return register


def main_app(theme: str = "light"):  # type: ignore[no-untyped-def]
    """The app's main window at the size the README shows, in this run's home."""
    from selfmassage.app import SelfMassageApp
    from selfmassage.core.paths import app_paths

    paths = app_paths()
    paths.ensure()
    app = SelfMassageApp(paths, theme=theme)
    app.window.resize(*WINDOW_SIZE)
    app.show()
    return app


def _places(*keys: str):  # type: ignore[no-untyped-def]
    from selfmassage.core.anatomy import RegionSide

    return [RegionSide.parse(key) for key in keys]


# The shots ---------------------------------------------------------------------------


@shot("main-window")
def main_window() -> QWidget:
    """The first thing a user sees: the home page, nothing selected."""
    return main_app().window


@shot("body-map-selected")
def body_map_selected() -> QWidget:
    """A few sore places (two rated) and one place marked to avoid."""
    from selfmassage.core.selection import Selection

    app = main_app()
    calf, back, traps, quad = _places(
        "calves-left", "lower-back", "upper-traps-right", "quads-left"
    )
    [shoulder] = _places("shoulders-right")
    app.home.page.set_selection(
        Selection({traps: 6, back: 4, quad: None, calf: 7}, frozenset({shoulder}))
    )
    return app.window


@shot("home-dark")
def home_dark() -> QWidget:
    """The dark theme, with a selection."""
    from selfmassage.core.selection import Selection

    app = main_app(theme="dark")
    calf, neck, glute = _places("calves-right", "neck", "glutes-left")
    [wrist] = _places("forearms-left")
    app.home.page.set_selection(Selection({neck: 5, glute: None, calf: 3}, frozenset({wrist})))
    return app.window


def _post_run_legs(app, budget: int):  # type: ignore[no-untyped-def]
    """Sore legs after a run, a foam roller and a ball, chosen on the home page."""
    from selfmassage.core.routine import Tool
    from selfmassage.core.routine_options import Intensity
    from selfmassage.core.selection import Selection

    places = _places("calves-left", "calves-right", "quads-left", "hamstrings-right", "feet-left")
    calf_l, calf_r, quad, ham, foot = places
    app.home.page.set_selection(Selection({calf_l: 7, calf_r: 5, quad: 4, ham: None, foot: 3}))
    app.home.options.set_values({Tool.FOAM_ROLLER, Tool.MASSAGE_BALL}, budget, Intensity.STANDARD)


@shot("home-options")
def home_options() -> QWidget:
    """The routine options beside the body map: tools owned, time, intensity, Build."""
    app = main_app()
    _post_run_legs(app, 10)
    return app.window


@shot("routine-preview")
def routine_preview() -> QWidget:
    """The routine built from the home-options selection, ready to adjust and start."""
    app = main_app()
    _post_run_legs(app, 10)
    app.build_routine()
    return app.window


def _history_app(tab: int):  # type: ignore[no-untyped-def]
    """Four months of sessions (benchmarks/history_data.py), the history page on ``tab``."""
    from datetime import date

    from selfmassage.core.paths import app_paths

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from history_data import fill

    paths = app_paths()
    paths.ensure()
    fill(paths.history_file, days=120, per_day=0.9, today=date.today(), seed=3)
    app = main_app()
    app.window.show_page("history")
    page = app.history.page
    page.tabs.setCurrentIndex(tab)
    if tab == 0:
        page.select_row(0)
    if tab == 2:
        page.region_box.setCurrentIndex(max(page.region_box.findData("calves-left"), 0))
    return app.window


@shot("history")
def history() -> QWidget:
    """The history: insight, the sessions newest first, one session's details."""
    return _history_app(0)


@shot("history-charts")
def history_charts() -> QWidget:
    """Minutes per week, and a region's soreness before and after over time."""
    return _history_app(2)


@shot("history-body")
def history_body() -> QWidget:
    """Body heat maps: minutes per region (30 days), average soreness change."""
    return _history_app(3)


def _physio_routine():  # type: ignore[no-untyped-def]
    """A routine a physiotherapist might write for a runner with sore calves."""
    from datetime import date

    from selfmassage.core.routine import Cue, Pressure, Routine, Schedule, Step, StepSide, Tool

    return Routine(
        title="Calves after running",
        author="A. Physio, Riverside Physiotherapy",
        description="After your evening runs. Work slowly; the roller should feel firm, "
        "never sharp. Tell me at our next visit how the left calf feels.",
        language="en",
        schedule=Schedule(3, 4, date(2026, 11, 2)),
        steps=(
            Step(
                "calves",
                90,
                StepSide.BOTH,
                Tool.FOAM_ROLLER,
                name="Calf roll",
                instructions="Sit with the roller under your calf, hands behind you. Roll "
                "slowly from ankle to knee; pause on tender spots for two breaths.",
                pressure=Pressure.MODERATE,
                cues=(Cue(45, "Turn your foot out to reach the inner calf."),),
            ),
            Step(
                "feet",
                60,
                StepSide.BOTH,
                Tool.MASSAGE_BALL,
                name="Sole roll",
                instructions="Standing, roll the ball from heel to toes under the sole.",
                pressure=Pressure.LIGHT,
            ),
            Step(
                "hamstrings",
                60,
                StepSide.BOTH,
                Tool.FOAM_ROLLER,
                name="Hamstring roll",
                instructions="Sit on the roller, one leg crossed over the other, and roll "
                "from knee to buttock.",
            ),
        ),
    )


def _engine_voices() -> list[Voice]:
    """The speech engine's voices, asked directly (the app asks in its worker's thread)."""
    from selfmassage.speech.pyttsx3_renderer import Pyttsx3Renderer

    try:
        renderer = Pyttsx3Renderer()
    except Exception:  # no engine here: the editor says so, as it would
        return []
    try:
        return list(renderer.voices())
    finally:
        renderer.close()


@shot("routine-editor")
def routine_editor() -> QWidget:
    """The routine editor with a routine for a client, one cue past its step's end."""
    from dataclasses import replace

    from selfmassage.core.catalog import load_catalog
    from selfmassage.core.routine import Cue
    from selfmassage.ui.physio.routine_editor import RoutineEditor

    routine = _physio_routine()
    hamstrings = replace(routine.steps[2], cues=(Cue(75, "Switch legs."),))
    editor = RoutineEditor(load_catalog())
    editor.load_routine(replace(routine, steps=(*routine.steps[:2], hamstrings)))
    editor.set_voices(_engine_voices())  # the languages as this computer's engine has them
    editor.resize(*WINDOW_SIZE)
    editor.show()
    QApplication.processEvents()  # the map lays out narrow, then turns to the step
    editor.step_list.setCurrentRow(2)
    return editor


def _breathing_editor(theme: str) -> QWidget:
    """The editor with a wind-down: slow breathing, 4-2-6 for five minutes, to close the
    client's routine, with calm cues."""
    from dataclasses import replace

    from selfmassage.core.breathing import BreathPattern
    from selfmassage.core.catalog import load_catalog
    from selfmassage.core.routine import CueStyle
    from selfmassage.core.routine_draft import with_breathing_minutes
    from selfmassage.ui.physio.routine_editor import RoutineEditor
    from selfmassage.ui.theme import apply_theme

    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    apply_theme(qt_app, theme)
    routine = replace(_physio_routine(), title="Calves, then wind down", cues=CueStyle.CALM)
    editor = RoutineEditor(load_catalog())
    editor.load_routine(routine)
    editor.set_voices(_engine_voices())
    editor.resize(*WINDOW_SIZE)
    editor.show()
    QApplication.processEvents()
    editor.step_list.setCurrentRow(2)
    editor.add_breathing_step()
    fields = editor.step_form.breathing_fields
    step = editor.draft.steps[3]
    fields.changed.emit("minutes", with_breathing_minutes(step, 5))
    step = editor.draft.steps[3]
    pattern = BreathPattern(4, 2, 6)
    fields.pattern_combo.setCurrentIndex(fields.pattern_combo.findData(pattern.label))
    fields.pattern_combo.activated.emit(fields.pattern_combo.currentIndex())
    return editor


@shot("routine-editor-breathing")
def routine_editor_breathing() -> QWidget:
    """A breathing step in the editor: its pattern and minutes, the breaths in the cues."""
    return _breathing_editor("light")


@shot("routine-editor-breathing-dark")
def routine_editor_breathing_dark() -> QWidget:
    return _breathing_editor("dark")


@shot("handout-pdf")
def handout_pdf() -> QWidget:
    """The first page of the client handout PDF, rendered by pdftoppm (poppler-utils)."""
    return _handout_page(_physio_routine())


@shot("handout-pdf-de")
def handout_pdf_german() -> QWidget:
    """A built-in routine's handout in German: a routine's handout is in its language."""
    from selfmassage.core.assets import asset_path
    from selfmassage.core.library import in_language
    from selfmassage.core.routine_file import load_routine

    routine = load_routine(asset_path("routines", "post-run-legs.smroutine"))
    return _handout_page(in_language(routine, "de"))


def _handout_page(routine) -> QWidget:  # type: ignore[no-untyped-def]
    import shutil

    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QLabel

    from selfmassage.pdf.handout import export_handout_pdf

    if shutil.which("pdftoppm") is None:
        raise OSError("pdftoppm is missing: apt-get install poppler-utils")
    folder = Path(tempfile.mkdtemp(prefix="selfmassage-handout-"))
    export_handout_pdf(routine, folder / "handout.pdf")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "100",
            "-png",
            "-singlefile",
            str(folder / "handout.pdf"),
            str(folder / "page"),
        ],
        check=True,
    )
    label = QLabel()
    label.setPixmap(QPixmap(str(folder / "page.png")))
    label.resize(label.pixmap().size())
    return label


@shot("client-report")
def client_report() -> QWidget:
    """A client's report as the physio sees it: read-only, beside their own history."""
    from datetime import UTC, datetime, timedelta

    from selfmassage.core.report_file import Report, ReportSession
    from selfmassage.ui.physio.client_report_window import ClientReportWindow

    routine = _physio_routine()
    zone = datetime.now(UTC).astimezone().tzinfo
    start = datetime(2026, 11, 2, 19, 0, tzinfo=zone)
    sessions = []
    for number, day in enumerate((0, 2, 4, 7, 9, 14, 16, 18, 21, 25)):
        left_before = 7 - number // 3
        sessions.append(
            ReportSession(
                started=start + timedelta(days=day, minutes=number * 7),
                status="stopped" if number == 5 else "completed",
                planned_seconds=480,
                done_seconds=300 if number == 5 else 470 + number,
                steps_done=4 if number == 5 else 6,
                steps_skipped=2 if number == 5 else 0,
                feeling=4 if number % 3 else 5,
                soreness_before={"calves-left": left_before, "calves-right": 4, "feet-left": 3},
                soreness_after={
                    "calves-left": max(left_before - 3, 0),
                    "calves-right": 2,
                    "feet-left": 2,
                },
                notes={
                    0: "Left calf very tight after the 10 km.",
                    5: "Stopped: phone rang.",
                    9: "Much easier now.",
                }.get(number, ""),
            )
        )
    report = Report(
        created=datetime(2026, 11, 29, 20, 15, tzinfo=zone),
        routine_title=routine.title,
        routine_author=routine.author,
        schedule=routine.schedule,
        period_from=start.date(),
        period_to=start.date() + timedelta(days=27),
        sessions_planned=12,
        sessions=tuple(sessions),
        client="Jo",
    )
    window = ClientReportWindow(report, Path("jo-november.smreport"))
    window.resize(*WINDOW_SIZE)
    window.show()
    return window


@shot("safety-questions")
def safety_questions() -> QWidget:
    """The safety screening, with one answer that calls for a caution."""
    from selfmassage.core.safety import QUESTIONS, Answer, Screening
    from selfmassage.ui.safety.safety_dialog import SafetyDialog

    answers = {q.id: Answer.NO for q in QUESTIONS}
    answers["blood-clots"] = Answer.YES
    dialog = SafetyDialog(Screening(answers))
    dialog.show()
    return dialog


def _session_app(theme: str, at: float, stop: bool = False, language: str = "en"):  # type: ignore[no-untyped-def]
    """The built-in post-run routine on the player page, ``at`` seconds in (a fake clock),
    the app and the routine in ``language``."""
    from selfmassage.core.assets import asset_path
    from selfmassage.core.library import in_language
    from selfmassage.core.routine_file import load_routine

    os.environ["SELFMASSAGE_LANGUAGE"] = language
    app = main_app(theme)
    controller = app.session.controller
    controller.session_hooks.clear()  # no soreness question in a picture
    now = [1000.0]
    controller.clock = lambda: now[0]
    routine = load_routine(asset_path("routines", "post-run-legs.smroutine"))
    app.start_session(in_language(routine, language))
    _wait_started(app)
    for step in range(int(at * 4) + 1):  # ticks a quarter second apart, as time passes
        now[0] = 1000.0 + step / 4
        controller.tick()
    if stop:
        controller.stop()
    return app


def _wait_started(app) -> None:  # type: ignore[no-untyped-def]
    """Start waits until the first cues can be heard; without a voice it offers Start."""
    import time

    controller, panel = app.session.controller, app.session.page.preparing
    deadline = time.monotonic() + 20
    while not controller.is_active and time.monotonic() < deadline:
        QApplication.processEvents()
        if panel.start_button.isEnabled():
            panel.start_button.click()
        time.sleep(0.02)


@shot("session")
def session() -> QWidget:
    """A session running: the second step, its cue on screen, the countdown."""
    return _session_app("light", 171.4).window


@shot("session-de")
def session_german() -> QWidget:
    """The same moment in German: the page's words, the routine's and its cues."""
    return _session_app("light", 171.4, language="de").window


@shot("session-dark")
def session_dark() -> QWidget:
    return _session_app("dark", 171.4).window


@shot("session-summary")
def session_summary() -> QWidget:
    """The end of a session stopped part-way: what was done, a step ended early with its
    time, what was not reached."""
    app = _session_app("light", 0)
    controller = app.session.controller
    now = 1000.0
    for step in range(330 * 4):  # into the third step, the second ended early on the way
        now += 0.25
        controller.clock = lambda now=now: now
        controller.tick()
        if step == 150 * 4:
            controller.next_step()
    controller.stop()
    return app.window


def _library_app(theme: str):  # type: ignore[no-untyped-def]
    """The Library as someone with a foam roller sees it, looking for their calves."""
    from selfmassage.core.tools import Tool

    app = main_app(theme)
    app.home.options.set_values({Tool.FOAM_ROLLER}, None, app.home.options.intensity())
    app.window.show_page("library")
    page = app.library.page
    page.filter_bar.search.setText("calf")
    return app.window


@shot("library")
def library() -> QWidget:
    """The Library filtered by the tools on Home and a place: what each routine is for,
    its tools and its length, and the chosen one's description and pictures."""
    return _library_app("light")


@shot("library-dark")
def library_dark() -> QWidget:
    """The same in the dark theme."""
    return _library_app("dark")


@shot("session-summary-dark")
def session_summary_dark() -> QWidget:
    """The end of a session in the dark theme, with the aftercare card and its nudge: the
    left calf was rated 7 in every session for two weeks."""
    from datetime import UTC, datetime, timedelta

    from selfmassage.core.history import HistoryStore, SessionStatus
    from selfmassage.core.paths import app_paths

    paths = app_paths()
    paths.ensure()
    for days in (16, 9, 2):
        moment = datetime.now(UTC) - timedelta(days=days)
        with HistoryStore(paths.history_file, clock=lambda moment=moment: moment) as store:
            recorder = store.start_session("Post-run legs", soreness_before={"calves-left": 7})
            recorder.end(SessionStatus.COMPLETED)
    app = _session_app("dark", 200, stop=True)
    return app.window


def _plan_app():  # type: ignore[no-untyped-def]
    """A plan from the physio in the library, one session of it done this week, and its
    reminder due: the window shows it (offscreen there is no tray)."""
    from dataclasses import replace
    from datetime import UTC, date, datetime, timedelta

    from selfmassage.core.history import HistoryStore, SessionStatus
    from selfmassage.core.paths import app_paths
    from selfmassage.core.routine import Schedule
    from selfmassage.core.routine_file import write_routine

    paths = app_paths()
    paths.ensure()
    started = date.today() - timedelta(days=date.today().weekday() + 7)  # last week's Monday
    routine = replace(_physio_routine(), schedule=Schedule(3, 4, started))
    write_routine(paths.routines_dir / "calves.smroutine", routine)
    store = HistoryStore(paths.history_file, clock=lambda: datetime.now(UTC) - timedelta(days=2))
    recorder = store.start_session(routine.title, planned_seconds=600)
    recorder.end(SessionStatus.COMPLETED)
    store.save_after(recorder.uuid, soreness_after={}, feeling=4, notes="")
    store.close()
    app = main_app()
    from selfmassage.core.schedule import Due

    app.reminders.show_due(Due(routine.title, datetime.now(UTC)))
    return app


@shot("today-card")
def today_card() -> QWidget:
    """Home with the Today card (what is due, the last session, the week) and a reminder."""
    return _plan_app().window


@shot("tray-menu")
def tray_menu() -> QWidget:
    """The tray icon's menu: the next reminder, today's session, start, snooze, open, quit."""
    app = _plan_app()
    menu = app.reminders.menu.menu
    menu.adjustSize()
    return menu


def _breathing_app(theme: str):  # type: ignore[no-untyped-def]
    """The breathing pacer from Home, 4-2-6 for five minutes, 81 s of it (a fake clock):
    breathing out, the shape half way down."""
    from selfmassage.core.breathing import BreathPattern, BreathSound, PacerChoice

    app = main_app(theme)
    controller = app.session.controller
    controller.session_hooks.clear()  # no rating question in a picture
    now = [1000.0]
    controller.clock = lambda: now[0]
    app.breathing.begin(PacerChoice(5, BreathPattern(4, 2, 6), BreathSound.WORDS))
    timeline = controller.timeline
    assert timeline is not None
    breathing_from = timeline.work_segments(0)[0].start  # after the get-ready
    for step in range((breathing_from + 81) * 4 + 1):
        now[0] = 1000.0 + step / 4
        controller.tick()
    return app


@shot("breathing-pacer")
def breathing_pacer() -> QWidget:
    """The breathing pacer: the shape breathing out, the phase, the time left."""
    return _breathing_app("light").window


@shot("breathing-pacer-dark")
def breathing_pacer_dark() -> QWidget:
    return _breathing_app("dark").window


# Running -----------------------------------------------------------------------------


def _take(name: str) -> Path:
    qt_app = QApplication.instance() or QApplication([sys.argv[0]])
    widget = SHOTS[name]()
    for _ in range(5):  # let layouts settle and pending paints happen
        qt_app.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"{name}.png"
    if not widget.grab().save(str(target)):
        raise OSError(f"could not write {target}")
    return target


def main(argv: list[str]) -> int:
    if argv[:1] == ["--list"]:
        print("\n".join(SHOTS))
        return 0
    if argv[:1] == ["--one"] and len(argv) == 2:
        print(_take(argv[1]))
        return 0
    names = argv or list(SHOTS)
    unknown = [name for name in names if name not in SHOTS]
    if unknown:
        print(f"unknown shot: {', '.join(unknown)} (see --list)", file=sys.stderr)
        return 2
    failed = 0
    for name in names:
        with tempfile.TemporaryDirectory(prefix="selfmassage-shot-") as home:
            env = {**os.environ, "SELFMASSAGE_HOME": home}
            result = subprocess.run(
                [sys.executable, __file__, "--one", name],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        if result.returncode == 0:
            print(result.stdout.strip())
        else:
            failed += 1
            print(f"{name}: failed\n{result.stderr}", file=sys.stderr)
    if not argv:
        # The contact sheet of every technique's picture goes with the screenshots.
        sheet = Path(__file__).resolve().parents[1] / "scripts" / "make_illustrations.py"
        result = subprocess.run(
            [sys.executable, str(sheet), "--sheet-only"],
            capture_output=True,
            text=True,
            check=False,
        )
        print(result.stdout.strip() or result.stderr.strip())
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
