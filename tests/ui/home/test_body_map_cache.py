"""The body map drawn from the cache folder: the same paths, badge points and pixels as
from the SVGs, made again when damaged or stale, ratings shown without the outlines, and
a home page that parses nothing."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainterPath
from pytestqt.qtbot import QtBot

from selfmassage.core import bodymap_cache
from selfmassage.core.anatomy import RegionSide, View
from selfmassage.core.assets import asset_path
from selfmassage.core.bodymap import BodyMap, Shape, interior_point
from selfmassage.core.bodymap_cache import drawing_source, load_body_map, use_cache_folder
from selfmassage.core.bodymap_svg import parse_body_map
from selfmassage.core.selection import Selection
from selfmassage.ui.home import body_drawing as module
from selfmassage.ui.home import body_map as widget_module
from selfmassage.ui.home.body_map import BodyMapWidget

CALF = RegionSide.parse("calves-left")
NECK = RegionSide.parse("neck")
SHOULDER = RegionSide.parse("shoulders-right")
BUSY = Selection({CALF: 6, NECK: None}, frozenset({SHOULDER}))
"""Selected, rated (a badge) and avoided places."""
RATED = Selection(
    {
        RegionSide.parse(key): level
        for level, key in enumerate(
            (
                "neck",
                "upper-traps-left",
                "chest-right",
                "lower-back",
                "glutes-left",
                "quads-right",
                "hamstrings-left",
                "calves-right",
                "shoulders-left",
                "forearms-right",
            ),
            start=1,
        )
    }
)
"""Ten places with a soreness, on both views."""


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    use_cache_folder(folder)
    yield folder / bodymap_cache.SUBFOLDER
    use_cache_folder(None)


def _new_start(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the next run of the app: the same folder, nothing read or drawn yet."""
    use_cache_folder(cache.parent)
    monkeypatch.setattr(module, "_KEPT", {})


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(*args: object) -> BodyMap:
        raise AssertionError("an SVG was parsed")

    monkeypatch.setattr(bodymap_cache, "parse_body_map", parse)


def _picture(qtbot: QtBot, selection: Selection = BUSY) -> tuple[BodyMapWidget, QImage]:
    widget = BodyMapWidget()
    qtbot.addWidget(widget)
    widget.resize(700, 740)
    widget.set_selection(selection)
    return widget, widget.grab().toImage()


def _same_drawings(first: BodyMapWidget, second: BodyMapWidget) -> None:
    for view in View:
        a, b = first._drawings[view], second._drawings[view]
        assert a.view_box == b.view_box
        assert a.silhouette == b.silhouette
        assert a.silhouette.elementCount() == b.silhouette.elementCount() > 100
        assert list(a.shapes) == list(b.shapes)
        for place, path in a.shapes.items():
            assert path == b.shapes[place], place
            assert path.fillRule() == b.shapes[place].fillRule()


def test_a_warm_map_has_the_paths_and_pixels_of_a_cold_one(
    qtbot: QtBot, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_cache_folder(None)
    uncached, expected = _picture(qtbot)
    use_cache_folder(cache.parent)
    cold, cold_image = _picture(qtbot)  # reads the shipped outlines, keeps the drawings
    for view in View:
        assert (cache / f"{view.value}.qtpaths").is_file()
        # The shipped outlines matched the SVGs: nothing to keep of them.
        assert not (cache / f"{view.value}.outlines").exists()
    _new_start(cache, monkeypatch)
    _no_parsing(monkeypatch)
    warm, warm_image = _picture(qtbot)
    assert warm._drawings[View.FRONT] is not cold._drawings[View.FRONT]  # from the file
    _same_drawings(warm, uncached)
    assert cold_image == expected
    assert warm_image == expected
    assert len(warm.spots()) == len(uncached.spots()) == 51
    assert warm.badge_point((View.BACK, CALF)) == uncached.badge_point((View.BACK, CALF))


def test_a_second_map_in_the_same_run_reads_nothing(
    qtbot: QtBot, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = _picture(qtbot)
    monkeypatch.setattr(module, "read_entry", lambda *args: pytest.fail("read again"))
    second, _ = _picture(qtbot)
    assert second._drawings[View.BACK] is first._drawings[View.BACK]


@pytest.mark.parametrize("kind", ["truncated", "a flipped byte", "foreign", "nonsense"])
def test_a_damaged_drawing_cache_is_made_again(
    kind: str, qtbot: QtBot, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, expected = _picture(qtbot)
    path = cache / "front.qtpaths"
    whole = path.read_bytes()
    if kind == "truncated":
        path.write_bytes(whole[: len(whole) * 2 // 3])
    elif kind == "a flipped byte":
        at = len(whole) - 5000
        path.write_bytes(whole[:at] + bytes([whole[at] ^ 0x08]) + whole[at + 1 :])
    elif kind == "foreign":
        path.write_bytes(bytes(range(256)) * 100)
    else:  # whole, the right key, but not a drawing: made by some other build
        key = f"{drawing_source(View.FRONT).key} qt="
        line = whole.partition(b"\n")[0]
        assert line.startswith(key.encode())
        bodymap_cache.write_entry("front.qtpaths", line.decode(), b"\x00\x01 not a stream")
    _new_start(cache, monkeypatch)
    widget, image = _picture(qtbot)
    assert widget.load_problem == ""
    assert image == expected
    assert path.read_bytes() == whole  # made again


def test_a_stale_drawing_cache_is_made_again(
    qtbot: QtBot, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawings = tmp_path / "bodymap"
    drawings.mkdir()
    for view in View:
        shutil.copy(asset_path("bodymap", f"{view.value}.svg"), drawings)
    monkeypatch.setattr(bodymap_cache, "drawing_file", lambda view: drawings / f"{view.value}.svg")
    before, _ = _picture(qtbot)
    svg = drawings / "back.svg"
    svg.write_text(
        svg.read_text(encoding="utf-8").replace("<svg ", '<svg data-edited="yes" ', 1),
        encoding="utf-8",
    )
    _new_start(cache, monkeypatch)
    key = f"{drawing_source(View.BACK).key} qt="
    assert not (cache / "back.qtpaths").read_bytes().startswith(key.encode())
    after, _ = _picture(qtbot)
    assert (cache / "back.qtpaths").read_bytes().startswith(key.encode())
    assert after._drawings[View.BACK] is not before._drawings[View.BACK]
    _same_drawings(after, before)  # an edit that changes no outline draws the same


def test_an_unwritable_cache_folder_still_shows_the_map(
    qtbot: QtBot, cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    use_cache_folder(None)
    _, expected = _picture(qtbot)
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the folder should be")  # fails even for root
    use_cache_folder(cache.parent)
    with caplog.at_level(logging.INFO):
        widget, image = _picture(qtbot)
    assert widget.load_problem == ""
    assert len(widget.spots()) == 51
    assert image == expected
    assert "cannot keep the body map" in caplog.text


def _united_one_by_one(pieces: list[Shape]) -> QPainterPath:
    outline = QPainterPath()
    for piece in pieces:
        outline = outline.united(module._qpath(piece.subpaths))
    return outline


@pytest.mark.parametrize("view", list(View), ids=lambda view: view.value)
def test_the_silhouette_is_its_pieces_united_whichever_way_each_is_drawn(view: View) -> None:
    pieces = list(load_body_map(view).silhouette)
    assert len(pieces) > 3
    expected = _united_one_by_one(pieces)
    assert module._united(pieces) == expected
    turned = [Shape(p.id, (p.subpaths[0][::-1],)) if i % 2 else p for i, p in enumerate(pieces)]
    assert module._united(turned) == expected
    assert module._united(turned).fillRule() == expected.fillRule()


def test_a_silhouette_piece_with_a_hole_keeps_it() -> None:
    ring = Shape("ring", (((0, 0), (10, 0), (10, 10), (0, 10)), ((3, 3), (7, 3), (7, 7), (3, 7))))
    bar = Shape("bar", (((8, 4), (20, 4), (20, 6), (8, 6)),))
    outline = module._united([ring, bar])
    expected = _united_one_by_one([ring, bar])  # the same area, from another corner
    assert outline.subtracted(expected).isEmpty() and expected.subtracted(outline).isEmpty()
    assert not outline.contains(QPointF(5, 5))  # the hole
    assert outline.contains(QPointF(1, 1)) and outline.contains(QPointF(15, 5))


def _found_from_the_outlines(view: View) -> dict[RegionSide, tuple[float, float]]:
    path = asset_path("bodymap", f"{view.value}.svg")
    body_map = parse_body_map(path.read_bytes(), view, str(path))
    return {
        RegionSide.parse(key): interior_point(shape, grid=10)
        for key, shape in body_map.shapes.items()
    }


def test_badge_points_from_the_cache_are_those_found_from_the_outlines(
    qtbot: QtBot, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _picture(qtbot)  # a cold start fills the cache folder
    _new_start(cache, monkeypatch)
    warm, _ = _picture(qtbot)
    use_cache_folder(None)
    uncached, _ = _picture(qtbot)
    for view in View:
        found = _found_from_the_outlines(view)
        assert set(warm._drawings[view].badges) == set(found) == set(warm._drawings[view].shapes)
        for place, (x, y) in found.items():
            assert warm.badge_point((view, place)) == QPointF(x, y), place
            assert uncached.badge_point((view, place)) == QPointF(x, y), place


def test_ratings_on_a_warm_start_repaint_without_the_outlines(
    qtbot: QtBot, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_cache_folder(None)
    _, expected = _picture(qtbot, RATED)
    use_cache_folder(cache.parent)
    _picture(qtbot)  # a cold start fills the cache folder
    _new_start(cache, monkeypatch)
    widget, unrated = _picture(qtbot, Selection.of(RATED.soreness))

    loads: list[View] = []

    def load(view: View) -> BodyMap:
        loads.append(view)
        raise AssertionError("the outlines were loaded")

    monkeypatch.setattr(module, "load_body_map", load)
    monkeypatch.setattr(widget_module, "load_body_map", load)
    monkeypatch.setattr(bodymap_cache, "load_body_map", load)
    widget.set_selection(RATED)
    rated = widget.grab().toImage()
    assert loads == []
    assert rated == expected
    assert rated != unrated
    for place, level in RATED.soreness.items():
        assert level is not None
        for view in View:
            if (view, place) in widget.spots():
                centre = widget.to_widget(view, widget.badge_point((view, place)).toTuple())
                assert widget.shape_path((view, place)).contains(centre)
                x, y = round(centre.x()), round(centre.y())
                assert rated.pixel(x - 7, y) != unrated.pixel(x - 7, y), place  # the ring


def test_maps_handed_in_find_their_badge_points_when_places_are_rated(qtbot: QtBot) -> None:
    maps = {}
    for view in View:
        path = asset_path("bodymap", f"{view.value}.svg")
        maps[view] = parse_body_map(path.read_bytes(), view, str(path))
    assert not maps[View.BACK].badge_points
    widget = BodyMapWidget(maps=maps)
    qtbot.addWidget(widget)
    widget.resize(700, 740)
    widget.set_selection(Selection({CALF: 4}))
    widget.grab()
    x, y = _found_from_the_outlines(View.BACK)[CALF]
    assert widget.badge_point((View.BACK, CALF)) == QPointF(x, y)


_HOME_PAGE = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from selfmassage.core import bodymap_cache
from selfmassage.core.bodymap_svg import _pattern
from selfmassage.core.selection import Selection
from selfmassage.ui.home.home_page import HomePage
if sys.argv[2] == "unshipped":
    bodymap_cache.shipped_file = lambda view: Path(sys.argv[1], "no such file")
bodymap_cache.use_cache_folder(Path(sys.argv[1]))
page = HomePage()
page.resize(1000, 700)
page.show()
app.processEvents()
assert len(page.body_map.spots()) == 51
page.body_map.set_selection(Selection({place: 3 for _, place in page.body_map.spots()}))
page.body_map.grab()
print("xml.etree" in " ".join(sys.modules), _pattern.cache_info().currsize)
"""


@pytest.mark.slow
def test_a_home_page_imports_no_xml_and_compiles_no_pattern(tmp_path: Path, app_home: Path) -> None:
    def start(folder: Path, shipped: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", _HOME_PAGE, str(folder), shipped],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split("\n")[-2]

    # Without the shipped outlines the first start reads the SVGs: the probe sees it.
    first = start(tmp_path / "unshipped", "unshipped")
    assert first.split()[0] == "True"
    assert int(first.split()[1]) > 0
    assert start(tmp_path / "unshipped", "unshipped") == "False 0"
    # With them, not even the first start reads an SVG, every place rated.
    assert start(tmp_path / "shipped", "shipped") == "False 0"
    assert start(tmp_path / "shipped", "shipped") == "False 0"
