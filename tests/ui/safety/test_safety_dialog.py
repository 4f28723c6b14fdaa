from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from selfmassage.core.paths import AppPaths
from selfmassage.core.safety import QUESTIONS, Answer, Screening
from selfmassage.core.settings import SettingsStore
from selfmassage.ui.safety.safety_dialog import SafetyDialog
from tests.conftest import MakeApp

HOSTILE = "<b>hi</b><img src=x>"


def test_dialog_shows_answers_and_explains_cautions_live(qtbot: QtBot) -> None:
    dialog = SafetyDialog(Screening({"pregnancy": Answer.YES}))
    qtbot.addWidget(dialog)
    text = dialog.cautions_view.toPlainText()
    assert "Pregnancy" in text
    assert "Abdomen" in text and "Lower back" in text
    assert f"{len(QUESTIONS) - 1} questions not answered yet" in text

    dialog.set_answer("blood-clots", Answer.UNSURE)
    text = dialog.cautions_view.toPlainText()
    assert "History of blood clots" in text
    assert "massage gun" in text
    for q in QUESTIONS:
        if dialog.screening().answer(q.id) is None:
            dialog.set_answer(q.id, Answer.NO)
    dialog.set_answer("pregnancy", Answer.NO)
    dialog.set_answer("blood-clots", Answer.NO)
    assert dialog.screening().complete
    assert dialog.screening().cautions() == ()
    assert "Nothing you answered calls for a caution" in dialog.cautions_view.toPlainText()


def test_dialog_says_it_is_not_a_diagnosis_and_shows_reason_as_plain_text(
    qtbot: QtBot,
) -> None:
    dialog = SafetyDialog(Screening({}), reason=f"Before you run {HOSTILE}")
    qtbot.addWidget(dialog)
    labels = dialog.findChildren(QLabel)
    assert any("not a diagnosis" in label.text() for label in labels)
    reason = next(label for label in labels if HOSTILE in label.text())
    assert reason.text() == f"Before you run {HOSTILE}"
    assert reason.textFormat() == Qt.TextFormat.PlainText
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_first_run_asks_and_save_stores_the_answers(
    make_app: MakeApp, qtbot: QtBot, paths: AppPaths
) -> None:
    app = make_app()
    app.safety.ask_if_first_run()
    dialog = app.safety.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.set_answer("blood-clots", Answer.YES)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: app.safety.dialog is None)

    stored = SettingsStore(paths.settings_file).load()
    assert stored.safety_answers == {"blood-clots": "yes"}
    assert stored.safety_screened_on
    assert app.safety.screening.answer("blood-clots") is Answer.YES

    # Once screened, the next start does not ask again.
    again = make_app(show=False)
    again.safety.ask_if_first_run()
    assert again.safety.dialog is None
    assert again.safety.screening.answer("blood-clots") is Answer.YES


def test_cancel_keeps_the_old_answers_and_the_menu_reopens_it(
    make_app: MakeApp, qtbot: QtBot, paths: AppPaths
) -> None:
    app = make_app()
    file_menu = app.window.menuBar().actions()[0].menu()
    assert app.safety.action in file_menu.actions()
    app.safety.action.trigger()
    dialog = app.safety.dialog
    assert dialog is not None
    dialog.set_answer("pregnancy", Answer.YES)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: app.safety.dialog is None)
    assert app.safety.screening.answer("pregnancy") is None
    assert SettingsStore(paths.settings_file).load().safety_screened_on == ""


def test_cautions_stay_in_view_for_regions_and_the_routine_on_screen(make_app: MakeApp) -> None:
    from selfmassage.core.routine import Routine, Step, StepSide, Tool

    app = make_app()
    assert app.safety.label.isHidden()
    dialog = app.safety.ask()
    dialog.set_answer("blood-clots", Answer.YES)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    label = app.safety.label
    assert label.isVisible()
    assert label.text() == "⚠ Care: Inner thigh (adductors), Calves"
    assert label.textFormat() == Qt.TextFormat.PlainText

    routine = Routine(
        title=HOSTILE,
        steps=(Step("calves", 60, StepSide.BOTH, Tool.MASSAGE_GUN), Step("neck", 30)),
    )
    app.routine.page.set_routine(routine)
    app.window.show_page("routine")
    assert label.text().endswith("1 step of this routine needs care")
    tip = label.toolTip()
    assert tip.startswith("<p>") and "Step 1: History of blood clots" in tip
    assert "<b>" not in tip.replace("<br>", "")


def test_cautions_flag_their_regions_on_the_body_map(make_app: MakeApp, qtbot: QtBot) -> None:
    from selfmassage.core.anatomy import RegionSide, Side

    app = make_app(show=False)
    body_map = app.home.page.body_map
    calf = RegionSide("calves", Side.LEFT)
    neck = RegionSide("neck")
    assert "needs care" not in body_map.label(calf)

    clean = body_map.grab().toImage()
    dialog = app.safety.ask()
    dialog.set_answer("blood-clots", Answer.YES)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: app.safety.dialog is None)

    assert body_map.label(calf) == "Left calf, needs care"
    assert "needs care" not in body_map.label(neck)
    assert body_map.caution(calf)  # the reason, for the tooltip
    assert body_map.grab().toImage() != clean, "the flag is drawn"

    # The flags come back with the answers on the next start.
    again = make_app(show=False)
    assert again.home.page.body_map.label(calf) == "Left calf, needs care"
