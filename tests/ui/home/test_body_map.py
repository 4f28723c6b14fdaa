import json
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QContextMenuEvent, QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QToolTip, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from selfmassage.core.anatomy import ALL_REGION_SIDES, RegionSide, View
from selfmassage.core.bodymap import BodyMap, distance_to_outline, interior_point
from selfmassage.core.bodymap_cache import load_body_map
from selfmassage.core.paths import AppPaths
from selfmassage.core.selection import Selection
from selfmassage.core.settings import SettingsStore
from selfmassage.ui.home.body_map import BodyMapWidget, RegionProxy, Spot
from selfmassage.ui.home.home_page import HomePage
from selfmassage.ui.home.selection_panel import SelectionPanel
from tests.conftest import MakeApp

CALF = RegionSide.parse("calves-left")
SHOULDER = RegionSide.parse("shoulders-right")
NECK = RegionSide.parse("neck")


@pytest.fixture
def body_map(qtbot: QtBot) -> BodyMapWidget:
    widget = BodyMapWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _point(widget: BodyMapWidget, spot: Spot) -> QPoint:
    view, place = spot
    shape = load_body_map(view).shapes[place.key]
    return widget.to_widget(view, interior_point(shape)).toPoint()


def _click(qtbot: QtBot, widget: QWidget, pos: QPoint) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def _empty_points(body_map: BodyMap, on_body: bool) -> Iterator[tuple[float, float]]:
    """Points of the drawing at least 2 units from every shape: gaps, or outside."""
    x, y, width, height = body_map.view_box
    shapes = list(body_map.shapes.values())
    for i in range(1, 30):
        for j in range(1, 60):
            px, py = x + width * i / 30, y + height * j / 60
            if body_map.on_body((px, py)) != on_body or body_map.shape_at((px, py)) is not None:
                continue
            near = [
                s
                for s in shapes
                if s.bounds[0] - 2 <= px <= s.bounds[2] + 2
                and s.bounds[1] - 2 <= py <= s.bounds[3] + 2
            ]
            if all(distance_to_outline((px, py), s.subpaths) > 2 for s in near):
                yield (px, py)


def test_qt_calls_that_return_nothing_keep_the_references_to_none() -> None:
    # PySide6 6.12.0 lost a reference to None on each such call (QPainter.drawPath,
    # QWidget.update...): a map repaint makes hundreds, and Python 3.11 aborted soon.
    # pyproject.toml excludes that release; this catches it, or one like it, if it returns.
    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(1000):
        point.setX(1)
    assert abs(sys.getrefcount(None) - before) < 50


def test_both_views_show_every_place(body_map: BodyMapWidget) -> None:
    assert body_map.views() == (View.FRONT, View.BACK)
    drawn = {place for _view, place in body_map.spots()}
    assert drawn == set(ALL_REGION_SIDES)
    for view, place in body_map.spots():
        assert view in place.region.views


def test_clicking_inside_each_place_toggles_exactly_that_place(
    qtbot: QtBot, body_map: BodyMapWidget
) -> None:
    changes: list[Selection] = []
    body_map.selection_changed.connect(changes.append)
    for spot in body_map.spots():
        pos = _point(body_map, spot)
        assert body_map.spot_at(QPointF(pos)) == spot
        _click(qtbot, body_map, pos)
        assert body_map.selection().selected == (spot[1],), spot
        assert changes[-1] == body_map.selection()
        _click(qtbot, body_map, pos)
        assert body_map.selection().selected == (), spot
    assert len(changes) == 2 * len(body_map.spots())


def test_a_place_selected_on_one_view_shows_on_the_other(
    qtbot: QtBot, body_map: BodyMapWidget
) -> None:
    shoulder_front = (View.FRONT, SHOULDER)
    _click(qtbot, body_map, _point(body_map, shoulder_front))
    assert body_map.proxy((View.BACK, SHOULDER)).isChecked()
    assert body_map.proxy(shoulder_front).isChecked()


def test_clicks_in_gaps_and_outside_the_figure_select_nothing(
    qtbot: QtBot, body_map: BodyMapWidget
) -> None:
    changes: list[Selection] = []
    body_map.selection_changed.connect(changes.append)
    for view in View:
        drawing = load_body_map(view)
        gaps = list(_empty_points(drawing, on_body=True))
        outside = list(_empty_points(drawing, on_body=False))
        assert len(gaps) > 15 and len(outside) > 100
        for point in gaps[::2] + outside[::20]:
            pos = body_map.to_widget(view, point).toPoint()
            assert body_map.spot_at(QPointF(pos)) is None, point
            _click(qtbot, body_map, pos)
    _click(qtbot, body_map, QPoint(2, 2))
    assert changes == []
    assert body_map.selection() == Selection()


def test_hover_lights_up_and_the_tooltip_names_the_place(
    qtbot: QtBot, body_map: BodyMapWidget
) -> None:
    spot = (View.BACK, CALF)
    pos = _point(body_map, spot)
    qtbot.mouseMove(body_map, pos)
    assert body_map._hover == spot
    help_event = QHelpEvent(QEvent.Type.ToolTip, pos, body_map.mapToGlobal(pos))
    QApplication.sendEvent(body_map, help_event)
    assert "Left calf" in QToolTip.text()
    assert "lower leg" in QToolTip.text()
    qtbot.mouseMove(body_map, QPoint(2, 2))
    assert body_map._hover is None


def test_tab_enters_the_map_and_leaves_it(qtbot: QtBot) -> None:
    container = QWidget()
    qtbot.addWidget(container)
    layout = QVBoxLayout(container)
    before, after = QLineEdit(), QLineEdit()
    body_map = BodyMapWidget()
    layout.addWidget(before)
    layout.addWidget(body_map)
    layout.addWidget(after)
    container.resize(900, 900)
    container.show()
    with qtbot.waitActive(container):
        container.activateWindow()
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert isinstance(focused, RegionProxy)
    assert focused.spot == (View.FRONT, NECK)  # from the top of the body
    assert body_map.focused_spot() == focused.spot
    qtbot.keyClick(focused, Qt.Key.Key_Right)
    moved = QApplication.focusWidget()
    assert isinstance(moved, RegionProxy) and moved is not focused
    qtbot.keyClick(moved, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is moved  # back where the user was
    qtbot.keyClick(moved, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is before


def test_arrow_keys_reach_every_place(qtbot: QtBot, body_map: BodyMapWidget) -> None:
    body_map.activateWindow()
    body_map.setFocus(Qt.FocusReason.TabFocusReason)
    start = body_map.focused_spot()
    assert start is not None
    seen = {start}
    todo = [start]
    arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
    while todo:
        spot = todo.pop()
        for key in arrows:
            body_map._focus_spot(spot)
            qtbot.keyClick(body_map.proxy(spot), key)
            reached = body_map.focused_spot()
            assert reached is not None
            if reached not in seen:
                seen.add(reached)
                todo.append(reached)
    assert seen == set(body_map.spots())


def test_arrows_move_to_the_nearest_place_in_that_direction(body_map: BodyMapWidget) -> None:
    front = View.FRONT
    assert body_map.neighbour((front, NECK), (0.0, 1.0)) in {
        (front, RegionSide.parse("chest-left")),
        (front, RegionSide.parse("chest-right")),
    }
    below_calf = body_map.neighbour((View.BACK, CALF), (0.0, 1.0))
    assert below_calf == (View.BACK, RegionSide.parse("feet-left"))
    # The person's right hand is on our left on the front view: Left goes past it.
    right_hand = (front, RegionSide.parse("hands-right"))
    assert body_map.neighbour(right_hand, (-1.0, 0.0)) is None


def test_space_and_enter_toggle_the_focused_place(qtbot: QtBot, body_map: BodyMapWidget) -> None:
    spot = (View.BACK, CALF)
    body_map._focus_spot(spot)
    proxy = body_map.proxy(spot)
    qtbot.keyClick(proxy, Qt.Key.Key_Space)
    assert body_map.selection().selected == (CALF,)
    qtbot.keyClick(proxy, Qt.Key.Key_Return)
    assert body_map.selection().selected == ()


def test_each_place_has_an_accessible_name_and_state(body_map: BodyMapWidget) -> None:
    body_map.set_selection(Selection({CALF: 6, NECK: None}, frozenset({SHOULDER})))
    for spot in body_map.spots():
        proxy = body_map.proxy(spot)
        interface = QAccessible.queryAccessibleInterface(proxy)
        assert interface is not None
        name = interface.text(QAccessible.Text.Name)
        assert name.startswith(spot[1].label)
        assert interface.role() == QAccessible.Role.CheckBox
        assert bool(interface.state().checked) == (spot[1] in (CALF, NECK))
        assert spot[0].value.capitalize() in interface.text(QAccessible.Text.Description)
        # Screen magnifiers and touch exploration find the place where it is drawn.
        assert interface.rect().contains(body_map.mapToGlobal(_point(body_map, spot)))
    assert body_map.proxy((View.BACK, CALF)).accessibleName() == "Left calf, selected, soreness 6"
    assert body_map.proxy((View.FRONT, NECK)).accessibleName() == "Neck, selected"
    assert body_map.proxy((View.BACK, SHOULDER)).accessibleName() == "Right shoulder, avoided"
    assert body_map.accessibleName() == "Body map"


def test_avoid_from_the_menu_blocks_selection_until_allowed(
    qtbot: QtBot, body_map: BodyMapWidget
) -> None:
    spot = (View.FRONT, SHOULDER)
    _click(qtbot, body_map, _point(body_map, spot))
    menu = body_map.menu_for(SHOULDER)
    [avoid] = [a for a in menu.actions() if a.objectName() == "avoidAction"]
    assert avoid.text() == "Avoid this area"
    avoid.trigger()
    assert body_map.selection().avoided == {SHOULDER}
    assert body_map.selection().selected == ()  # avoiding deselects it
    _click(qtbot, body_map, _point(body_map, spot))
    _click(qtbot, body_map, _point(body_map, (View.BACK, SHOULDER)))
    assert body_map.selection().selected == ()
    menu = body_map.menu_for(SHOULDER)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Allow again"]
    menu.actions()[0].trigger()
    assert body_map.selection().avoided == frozenset()
    _click(qtbot, body_map, _point(body_map, spot))
    assert body_map.selection().selected == (SHOULDER,)


def test_a_key_marks_the_focused_place_to_avoid(qtbot: QtBot, body_map: BodyMapWidget) -> None:
    spot = (View.BACK, CALF)
    body_map._focus_spot(spot)
    qtbot.keyClick(body_map.proxy(spot), Qt.Key.Key_A)
    assert body_map.selection().is_avoided(CALF)
    qtbot.keyClick(body_map.proxy(spot), Qt.Key.Key_Space)
    assert body_map.selection().selected == ()
    qtbot.keyClick(body_map.proxy(spot), Qt.Key.Key_A)
    assert not body_map.selection().is_avoided(CALF)


def test_a_narrow_map_shows_one_view_with_a_switch(qtbot: QtBot, body_map: BodyMapWidget) -> None:
    body_map.resize(330, 760)
    assert body_map.views() == (View.FRONT,)
    assert body_map.view_switch.isVisible()
    assert body_map.view_switch.text() == "Show back"
    assert not body_map.proxy((View.BACK, CALF)).isVisible()
    qtbot.mouseClick(body_map.view_switch, Qt.MouseButton.LeftButton)
    assert body_map.views() == (View.BACK,)
    _click(qtbot, body_map, _point(body_map, (View.BACK, CALF)))
    assert body_map.selection().selected == (CALF,)
    body_map.resize(900, 760)
    assert body_map.views() == (View.FRONT, View.BACK)
    assert not body_map.view_switch.isVisible()


def test_the_map_scales_with_the_widget(body_map: BodyMapWidget) -> None:
    spot = (View.BACK, CALF)
    small = body_map.shape_path(spot).boundingRect()
    body_map.resize(1400, 1300)
    large = body_map.shape_path(spot).boundingRect()
    assert large.height() > small.height() * 1.4
    assert body_map.spot_at(QPointF(_point(body_map, spot))) == spot


def test_the_map_paints_selected_avoided_and_focused_places(
    qtbot: QtBot, body_map: BodyMapWidget
) -> None:
    blank = body_map.grab().toImage()
    body_map.set_selection(Selection({CALF: 3}, frozenset({SHOULDER})))
    body_map._keyboard_focus = True
    body_map._focus_spot((View.FRONT, NECK))
    painted = body_map.grab().toImage()
    for spot in ((View.BACK, CALF), (View.FRONT, SHOULDER), (View.FRONT, NECK)):
        pos = _point(body_map, spot)
        rect = body_map.shape_path(spot).boundingRect().toRect()
        differs = any(
            blank.pixel(x, y) != painted.pixel(x, y)
            for x in range(rect.left(), rect.right(), 2)
            for y in range(rect.top(), rect.bottom(), 2)
        )
        assert differs, spot
        assert pos is not None


# The selection list and the home page ------------------------------------------------


@pytest.fixture
def panel(qtbot: QtBot) -> SelectionPanel:
    widget = SelectionPanel()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_list_shows_names_soreness_and_avoided(panel: SelectionPanel) -> None:
    assert panel.empty_hint.isVisible()
    assert not panel.rating_header.isVisible()
    assert not panel.clear_button.isEnabled()
    panel.set_selection(Selection({CALF: 6, NECK: None}, frozenset({SHOULDER})))
    rows = panel.rows()
    assert [row.name.text() for row in rows.values()] == ["Neck", "Left calf"]
    assert rows[CALF].soreness.value() == 6
    assert rows[NECK].soreness.text() == "–"
    assert rows[CALF].remove.accessibleName() == "Remove left calf"
    assert panel.avoided_label.text() == "Avoided: Right shoulder"
    assert panel.count_label.text() == "2 places selected"
    assert not panel.empty_hint.isVisible()
    assert panel.rating_header.isVisible()
    for label in panel.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_rating_and_removing_in_the_list(qtbot: QtBot, panel: SelectionPanel) -> None:
    changes: list[Selection] = []
    panel.selection_changed.connect(changes.append)
    panel.set_selection(Selection.of([CALF, NECK]))
    row = panel.rows()[CALF]
    row.soreness.setValue(7)
    assert changes[-1].soreness[CALF] == 7
    row.soreness.setValue(-1)
    assert changes[-1].soreness[CALF] is None
    qtbot.mouseClick(panel.rows()[NECK].remove, Qt.MouseButton.LeftButton)
    assert changes[-1].selected == (CALF,)
    assert set(panel.rows()) == {CALF}
    assert panel.rows()[CALF] is row  # the row being edited stays the same widget


def test_clear_asks_first_when_there_is_work_to_lose(qtbot: QtBot, panel: SelectionPanel) -> None:
    asked: list[int] = []
    answers = [False, True]

    def confirm(count: int) -> bool:
        asked.append(count)
        return answers.pop(0)

    panel.confirm_clear = confirm
    three = Selection.of([CALF, NECK, SHOULDER], avoided=[RegionSide.parse("feet-left")])
    panel.set_selection(three)
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.selection() == three
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.selection().selected == ()
    assert panel.selection().avoided == {RegionSide.parse("feet-left")}
    assert asked == [3, 3]
    panel.set_selection(Selection.of([CALF]))
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.selection().selected == ()  # one unrated place: no question
    assert asked == [3, 3]


def test_home_page_keeps_map_and_list_together(qtbot: QtBot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    changes: list[Selection] = []
    page.selection_changed.connect(changes.append)
    _click(qtbot, page.body_map, _point(page.body_map, (View.BACK, CALF)))
    assert page.selection.selected == (CALF,)
    assert set(page.selection_panel.rows()) == {CALF}
    page.selection_panel.rows()[CALF].soreness.setValue(4)
    assert page.selection.soreness[CALF] == 4
    assert (
        page.body_map.proxy((View.BACK, CALF)).accessibleName() == "Left calf, selected, soreness 4"
    )
    qtbot.mouseClick(page.selection_panel.rows()[CALF].remove, Qt.MouseButton.LeftButton)
    assert page.selection.selected == ()
    assert not page.body_map.proxy((View.BACK, CALF)).isChecked()
    assert len(changes) == 3

    options = QLabel("options")
    page.set_options_widget(options)
    assert page.options_widget() is options
    assert options.isVisible()
    assert page.options_area.isAncestorOf(options)
    other = QLabel("better options")
    page.set_options_widget(other)
    assert page.options_widget() is other


def test_avoid_marks_persist_in_the_settings(make_app: MakeApp, paths: AppPaths) -> None:
    first = make_app()
    assert first.window.page("home") is first.home.page
    first.home.page.body_map.set_avoided(SHOULDER, True)
    first.home.page.body_map.set_avoided(CALF, True)
    stored = json.loads(paths.settings_file.read_text())
    assert stored["avoided"] == ["shoulders-right", "calves-left"]
    first.window.close()

    second = make_app(show=False)
    assert second.home.page.selection.avoided == {SHOULDER, CALF}
    second.home.page.body_map.set_avoided(CALF, False)
    assert SettingsStore(paths.settings_file).load().avoided == ["shoulders-right"]


def test_unknown_avoid_marks_in_the_settings_are_ignored(
    make_app: MakeApp, paths: AppPaths
) -> None:
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    settings.avoided = ["calves-left", "tail", "neck-left"]
    store.save(settings)
    app = make_app(show=False)
    assert app.home.page.selection.avoided == {CALF}


def test_a_rated_place_shows_its_soreness_on_the_map(body_map: BodyMapWidget) -> None:
    spot = (View.BACK, CALF)
    body_map.set_selection(Selection.of([CALF]))
    unrated = body_map.grab().toImage()
    body_map.set_selection(Selection({CALF: 7}))
    rated = body_map.grab().toImage()
    centre = body_map._transforms[View.BACK].map(body_map.badge_point(spot)).toPoint()
    assert body_map.shape_path(spot).contains(QPointF(centre))
    changed = sum(
        unrated.pixel(centre.x() + dx, centre.y() + dy)
        != rated.pixel(centre.x() + dx, centre.y() + dy)
        for dx in range(-8, 9)
        for dy in range(-8, 9)
    )
    assert changed > 50


def test_a_damaged_drawing_is_reported_not_raised(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfmassage.core.bodymap import BodyMapError
    from selfmassage.ui.home import body_drawing as module

    def broken(view: View) -> BodyMap:
        raise BodyMapError("front.svg: not a readable SVG file")

    monkeypatch.setattr(module, "load_body_map", broken)
    page = HomePage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    widget = page.body_map
    assert "not a readable SVG file" in widget.load_problem
    assert widget.spots() == []
    widget.grab()
    _click(qtbot, widget, QPoint(300, 300))
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert page.selection == Selection()


def test_right_click_and_the_menu_key_open_the_places_menu(
    body_map: BodyMapWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(body_map, "show_menu", lambda menu, _pos: shown.append(menu.title()))

    def menu_event(reason: QContextMenuEvent.Reason, pos: QPoint) -> None:
        event = QContextMenuEvent(reason, pos, body_map.mapToGlobal(pos))
        QApplication.sendEvent(body_map, event)

    menu_event(QContextMenuEvent.Reason.Mouse, _point(body_map, (View.FRONT, SHOULDER)))
    body_map._focus_spot((View.BACK, CALF))
    menu_event(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0))
    menu_event(QContextMenuEvent.Reason.Mouse, QPoint(2, 2))
    assert shown == ["Right shoulder", "Left calf"]  # nothing for a click beside the body


# The keyboard focus ring -------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_focus_ring_stands_out_in_both_themes(
    qtbot: QtBot, body_map: BodyMapWidget, theme: str
) -> None:
    from selfmassage.ui.home.body_map_look import Colours
    from selfmassage.ui.theme import contrast, dark_palette, light_palette

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette = dark_palette() if theme == "dark" else light_palette(app)
    colours = Colours(palette)
    # WCAG asks 3:1 of a focus indicator against what is next to it: the window behind
    # the map (and the ring's halo), and the places it runs along, chosen or not.
    assert contrast(colours.focus, colours.window) >= 4.5
    for fill in (colours.selected_fill, colours.idle_fill, colours.body_fill):
        assert contrast(colours.focus, fill) >= 3.0

    # And it is what the map paints around the place the keyboard is on.
    body_map.setPalette(palette)
    body_map.set_selection(Selection({NECK: None}))
    spot = (View.FRONT, NECK)
    before = body_map.grab().toImage()
    body_map._keyboard_focus = True
    body_map._focus_spot(spot)
    qtbot.waitUntil(lambda: body_map.focused_spot() == spot)
    image = body_map.grab().toImage()
    ring = body_map.shape_path(spot).boundingRect().toRect().adjusted(-4, -4, 4, 4)
    wanted = colours.focus.rgb() & 0xFFFFFF
    ringed = [
        (x, y)
        for x in range(ring.left(), ring.right())
        for y in range(ring.top(), ring.bottom())
        if image.pixel(x, y) & 0xFFFFFF == wanted
    ]
    assert len(ringed) > 20, "the ring is drawn in the focus colour"
    assert not any(before.pixel(x, y) & 0xFFFFFF == wanted for x, y in ringed)


def test_long_side_words_under_a_view_never_run_into_each_other(qapp: object) -> None:
    """Found in Spanish on the Session page's small map: "DerechIzquierda"."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont, QFontMetricsF

    from selfmassage.ui.home.body_map_look import fit_side_captions

    font = QFont()
    font.setPointSizeF(9)
    caption = QRectF(0, 0, 110, 20)
    room, used = fit_side_captions(font, caption, "Derecha", "Izquierda")
    metrics = QFontMetricsF(used)
    needed = metrics.horizontalAdvance("Derecha") + metrics.horizontalAdvance("Izquierda")
    assert needed < room.width()
    assert room.width() <= caption.width()
    # Short words keep the usual place, in from the edges, and the font.
    room, used = fit_side_captions(font, caption, "Left", "Right")
    assert room.width() < caption.width() and used.pointSizeF() == 9


def test_a_long_view_title_clears_the_switch_in_a_narrow_map(qtbot: QtBot) -> None:
    """Found in German on the Session page: "Hinten" ran under "Vorderseite zeigen"."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont, QFontMetricsF

    from selfmassage.core.language import set_app_language
    from selfmassage.core.words import view_title

    set_app_language("de")
    widget = BodyMapWidget()
    qtbot.addWidget(widget)
    widget.resize(220, 520)  # narrow: one view and the switch
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.view_switch.isVisible()
    for _ in range(2):  # both views, "Vorne" and "Hinten"
        view = widget.views()[0]
        font = QFont(widget.font())
        font.setBold(True)
        width = QFontMetricsF(font).horizontalAdvance(view_title(view))
        drawn = widget._transforms[view].mapRect(QRectF(widget._drawings[view].view_box))
        title = QRectF(widget.width() / 2 - width / 2, drawn.top() - 28, width, 28)
        assert not title.intersects(QRectF(widget.view_switch.geometry())), view
        widget.view_switch.click()
