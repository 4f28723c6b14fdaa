"""The body map's outlines shipped with the app and kept in the cache folder: either is a
cold parse exactly, with every badge point; the shipped ones are those the SVGs make now;
anything stale, damaged or foreign is read again (and the cache rewritten); no folder, no
cache."""

from __future__ import annotations

import errno
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfmassage.core import bodymap_cache
from selfmassage.core.anatomy import View
from selfmassage.core.assets import asset_path
from selfmassage.core.bodymap import BodyMap, interior_point
from selfmassage.core.bodymap_cache import (
    drawing_source,
    load_body_map,
    read_entry,
    shipped_file,
    shipped_outlines,
    use_cache_folder,
    write_entry,
)
from selfmassage.core.bodymap_svg import parse_body_map

NECK = '<path id="neck" d="M160.0,112.0'
NECK_MOVED = '<path id="neck" transform="translate(0,1)" d="M160.0,112.0'


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    """A cache folder for this test; none again afterwards."""
    folder = tmp_path / "cache"
    use_cache_folder(folder)
    yield folder / bodymap_cache.SUBFOLDER
    use_cache_folder(None)


@pytest.fixture
def drawings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's two SVGs copied where a test may edit them, without the outlines shipped
    beside them: the outlines come from the cache folder or the SVGs."""
    folder = tmp_path / "bodymap"
    folder.mkdir()
    for view in View:
        shutil.copy(asset_path("bodymap", f"{view.value}.svg"), folder)
    monkeypatch.setattr(bodymap_cache, "drawing_file", lambda view: folder / f"{view.value}.svg")
    return folder


@pytest.fixture
def shipped(drawings: Path) -> Path:
    """As ``drawings``, with the shipped outlines beside the SVGs too."""
    for view in View:
        shutil.copy(asset_path("bodymap", f"{view.value}.outlines"), drawings)
    return drawings


def _cold(view: View, svg: Path | None = None) -> BodyMap:
    path = svg or asset_path("bodymap", f"{view.value}.svg")
    return parse_body_map(path.read_bytes(), view, str(path))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(*args: object) -> BodyMap:
        raise AssertionError("the SVG was parsed")

    monkeypatch.setattr(bodymap_cache, "parse_body_map", parse)


def _new_start(cache: Path) -> None:
    """As the next run of the app: the same folder, nothing read yet."""
    use_cache_folder(cache.parent)


def _same_badges(body_map: BodyMap) -> None:
    """Every shape carries its badge point, exactly as found from its outline."""
    assert set(body_map.badge_points) == set(body_map.shapes)
    for key, shape in body_map.shapes.items():
        assert body_map.badge_points[key] == interior_point(shape, grid=10), key
        assert shape.contains(body_map.badge_points[key])


# The outlines shipped with the app ------------------------------------------------------


@pytest.mark.parametrize("view", list(View), ids=lambda view: view.value)
def test_the_shipped_outlines_are_what_the_svgs_make_now(view: View) -> None:
    assert shipped_file(view) == asset_path("bodymap", f"{view.value}.outlines")
    assert shipped_file(view).read_bytes() == shipped_outlines(view), (
        f"{shipped_file(view)} is out of date with {view.value}.svg or with how drawings are"
        " read: run `python -m selfmassage.core.bodymap_cache` and commit the files"
    )


@pytest.mark.parametrize("view", list(View), ids=lambda view: view.value)
def test_the_shipped_outlines_are_a_cold_parse_exactly_with_every_badge_point(
    view: View, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_cache_folder(None)
    _no_parsing(monkeypatch)
    loaded = load_body_map(view)
    cold = _cold(view)
    assert loaded == cold
    assert loaded.silhouette == cold.silhouette
    assert list(loaded.shapes) == list(cold.shapes)
    assert len(loaded.shapes) > 20
    _same_badges(loaded)


def test_a_stale_shipped_file_is_detected_and_the_svg_read_instead(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    use_cache_folder(None)
    svg = shipped / "front.svg"
    original = load_body_map(View.FRONT)
    before = shipped_outlines(View.FRONT)
    assert (shipped / "front.outlines").read_bytes() == before
    svg.write_text(svg.read_text(encoding="utf-8").replace(NECK, NECK_MOVED), encoding="utf-8")
    assert shipped_outlines(View.FRONT) != before  # the check of the test above sees it
    with caplog.at_level(logging.INFO, logger=bodymap_cache.__name__):
        after = load_body_map(View.FRONT)
    assert "made from another drawing" in caplog.text
    assert after == _cold(View.FRONT, svg)
    assert after.shapes["neck"] != original.shapes["neck"]
    assert after.shapes["quads-left"] == original.shapes["quads-left"]
    _same_badges(after)
    assert bodymap_cache.main() == 0  # made again: now it is used, and nothing is parsed
    assert (shipped / "front.outlines").read_bytes() == shipped_outlines(View.FRONT)
    assert (shipped / "front.outlines").stat().st_mode & 0o777 == 0o644
    use_cache_folder(None)
    _no_parsing(monkeypatch)
    assert load_body_map(View.FRONT) == after


def test_making_the_shipped_outlines_again_leaves_current_ones_alone(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stamps = {view: (shipped / f"{view.value}.outlines").stat().st_mtime_ns for view in View}
    assert bodymap_cache.main() == 0
    assert capsys.readouterr().out.count("up to date") == 2
    assert {v: (shipped / f"{v.value}.outlines").stat().st_mtime_ns for v in View} == stamps


@pytest.mark.parametrize("kind", ["truncated", "a flipped byte", "empty", "foreign", "header only"])
def test_a_damaged_shipped_file_means_reading_the_svg(
    kind: str, shipped: Path, caplog: pytest.LogCaptureFixture
) -> None:
    use_cache_folder(None)
    path = shipped / "back.outlines"
    path.write_bytes(_damage(kind, path.read_bytes()))
    with caplog.at_level(logging.INFO, logger=bodymap_cache.__name__):
        body_map = load_body_map(View.BACK)
    assert body_map == _cold(View.BACK)
    _same_badges(body_map)
    assert "outlines shipped in" in caplog.text


def test_shipped_outlines_of_the_right_key_holding_nonsense_mean_reading_the_svg(
    shipped: Path, caplog: pytest.LogCaptureFixture
) -> None:
    use_cache_folder(None)
    key = drawing_source(View.BACK).shipped_key
    for nonsense in (b"[1, 2]", b'{"view_box": [0, 0, 1, 1], "silhouette": [], "shapes": []}'):
        (shipped / "back.outlines").write_bytes(bodymap_cache._entry(key, nonsense))
        use_cache_folder(None)
        with caplog.at_level(logging.INFO, logger=bodymap_cache.__name__):
            assert load_body_map(View.BACK) == _cold(View.BACK)
        assert "cannot be read" in caplog.text


# The cache folder, when the shipped outlines do not match the drawings ------------------


@pytest.mark.parametrize("view", list(View), ids=lambda view: view.value)
def test_a_warm_load_gives_exactly_the_outlines_of_a_cold_parse(
    view: View, cache: Path, drawings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_body_map(view)
    assert (cache / f"{view.value}.outlines").is_file()
    _new_start(cache)
    _no_parsing(monkeypatch)
    warm = load_body_map(view)
    assert warm is not first  # read from the file, not this run's memory
    assert warm == first == _cold(view)
    assert warm.silhouette == _cold(view).silhouette
    assert list(warm.shapes) == list(_cold(view).shapes)  # the same order too
    _same_badges(warm)
    assert warm.badge_points == first.badge_points


def test_the_same_run_reads_the_folder_once(
    cache: Path, drawings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_body_map(View.FRONT)
    monkeypatch.setattr(bodymap_cache, "read_entry", lambda *args: pytest.fail("read again"))
    assert load_body_map(View.FRONT) is first


def test_without_a_cache_folder_nothing_is_kept(tmp_path: Path, drawings: Path) -> None:
    use_cache_folder(None)
    assert bodymap_cache.cache_folder() is None
    assert load_body_map(View.BACK) == _cold(View.BACK)
    assert not write_entry("back.outlines", "key", b"payload")
    assert read_entry("back.outlines", "key") is None
    assert list(tmp_path.iterdir()) == [drawings]
    assert sorted(path.name for path in drawings.iterdir()) == ["back.svg", "front.svg"]


def test_an_edited_drawing_is_read_again_and_kept_anew(
    cache: Path, drawings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = load_body_map(View.FRONT)
    svg = drawings / "front.svg"
    text = svg.read_text(encoding="utf-8")
    assert text.count(NECK) == 1
    svg.write_text(text.replace(NECK, NECK_MOVED), encoding="utf-8")
    _new_start(cache)
    after = load_body_map(View.FRONT)
    assert after == _cold(View.FRONT, svg)
    assert after != before
    moved = [c for x, y in before.shapes["neck"].subpaths[0] for c in (x, y + 1.0)]
    assert [c for p in after.shapes["neck"].subpaths[0] for c in p] == pytest.approx(moved)
    assert after.shapes["quads-left"] == before.shapes["quads-left"]
    # The file now holds the edited drawing: the next start parses nothing.
    _new_start(cache)
    _no_parsing(monkeypatch)
    assert load_body_map(View.FRONT) == after


def test_the_key_names_the_bytes_the_version_the_tolerance_and_the_format(
    drawings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = drawing_source(View.FRONT).key
    svg = drawings / "front.svg"
    svg.write_bytes(svg.read_bytes().replace(b"M160.0,112.0", b"M160.0,112.5"))  # same length
    assert drawing_source(View.FRONT).key != key
    svg.write_bytes(svg.read_bytes().replace(b"M160.0,112.5", b"M160.0,112.0"))
    assert drawing_source(View.FRONT).key == key
    assert drawing_source(View.BACK).key != key
    for name, value in (("__version__", "99.0"), ("FLATNESS", 0.75), ("CACHE_FORMAT", 99)):
        with monkeypatch.context() as patch:
            patch.setattr(bodymap_cache, name, value)
            assert drawing_source(View.FRONT).key != key, name


@pytest.mark.parametrize("change", ["__version__", "FLATNESS", "CACHE_FORMAT"])
def test_a_cache_of_another_version_tolerance_or_format_is_made_again(
    change: str,
    cache: Path,
    drawings: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    load_body_map(View.BACK)
    stale = (cache / "back.outlines").read_bytes()
    monkeypatch.setattr(bodymap_cache, change, {"__version__": "99.0"}.get(change, 99))
    _new_start(cache)
    parsed: list[View] = []
    real_parse = bodymap_cache.parse_body_map

    def parse(data: bytes, view: View, source: str) -> BodyMap:
        parsed.append(view)
        return real_parse(data, view, source)

    monkeypatch.setattr(bodymap_cache, "parse_body_map", parse)
    with caplog.at_level(logging.DEBUG, logger=bodymap_cache.__name__):
        assert load_body_map(View.BACK) == _cold(View.BACK)
    assert parsed == [View.BACK]
    assert (cache / "back.outlines").read_bytes() != stale
    assert "another drawing or version" in caplog.text


def _damage(kind: str, data: bytes) -> bytes:
    head = data.partition(b"\n")[0]
    if kind == "truncated":
        return data[: len(data) // 2]
    if kind == "a flipped byte":
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0x40]) + data[middle + 1 :]
    if kind == "empty":
        return b""
    if kind == "foreign":
        return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    if kind == "header only":
        return head + b"\n"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["truncated", "a flipped byte", "empty", "foreign", "header only"])
def test_a_damaged_cache_file_is_ignored_and_written_again(
    kind: str,
    cache: Path,
    drawings: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_body_map(View.FRONT)
    path = cache / "front.outlines"
    whole = path.read_bytes()
    path.write_bytes(_damage(kind, whole))
    _new_start(cache)
    with caplog.at_level(logging.DEBUG):
        assert load_body_map(View.FRONT) == _cold(View.FRONT)
    assert path.read_bytes() == whole
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    _new_start(cache)
    _no_parsing(monkeypatch)
    assert load_body_map(View.FRONT) == _cold(View.FRONT)


def test_a_whole_file_of_the_right_key_holding_nonsense_is_made_again(
    cache: Path, drawings: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The checks pass (key, length, CRC) but the payload is not this version's outlines.
    key = drawing_source(View.BACK).key
    assert write_entry("back.outlines", key, b"\xffnot JSON data")
    with caplog.at_level(logging.INFO):
        assert load_body_map(View.BACK) == _cold(View.BACK)
    assert "cannot be read" in caplog.text
    assert read_entry("back.outlines", key) != b"\xffnot JSON data"


def test_a_cache_folder_that_cannot_be_written_means_no_cache(
    cache: Path, drawings: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the folder should be")  # fails even for root
    with caplog.at_level(logging.INFO):
        assert load_body_map(View.FRONT) == _cold(View.FRONT)
    assert "cannot keep the body map" in caplog.text
    assert cache.read_text() == "a file where the folder should be"


def test_a_full_disk_means_no_cache(
    cache: Path, drawings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("selfmassage.core.atomic.write_atomic", full)
    assert load_body_map(View.BACK) == _cold(View.BACK)
    assert not (cache / "back.outlines").exists()


def test_an_unreadable_drawing_is_a_body_map_error(drawings: Path, cache: Path) -> None:
    (drawings / "back.svg").unlink()
    with pytest.raises(bodymap_cache.BodyMapError, match="cannot read the body map"):
        load_body_map(View.BACK)
