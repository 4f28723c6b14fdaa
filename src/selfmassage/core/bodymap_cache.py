"""Where the app's body-map outlines come from: shipped with the app, else kept between
runs in the cache folder, else read from the SVGs.

Reading and flattening the two SVGs costs ~15 ms, and finding where each place's soreness
badge goes ~2 ms a shape (~0.1 s for all), yet they change only when a drawing is
edited. So both are made once from the SVGs and shipped beside them
(``assets/bodymap/front.outlines``; ``python -m selfmassage.core.bodymap_cache`` makes
them again, and a test fails while they are out of date). Should they not match the
SVGs (a drawing edited, the files not made again), the SVGs are read and what is made
from them is kept in the cache folder, so only the first run pays.

The composition root says where the cache folder is, once, with ``use_cache_folder``.
Without it (tests, headless commands) nothing is kept; the shipped outlines are still
used. The widget keeps its own drawings beside them (ui/home/body_map.py).

Every such file starts with a line naming what it was made from (its key: the format,
the flattening tolerance and rounding, the badges' grid, and the drawing's length and
CRC-32; in the cache folder also the app version), then a line with the payload's length
and CRC-32, then the payload: compact JSON, one line per shape. A missing, stale, short or
damaged file is ignored (and, in the cache folder, written again); a folder that cannot
be written means no cache, never an error.
"""

from __future__ import annotations

import logging
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from selfmassage import __version__
from selfmassage.core.anatomy import View
from selfmassage.core.assets import asset_path
from selfmassage.core.bodymap import BADGE_GRID, BodyMap, BodyMapError, Polygon, Shape, badge_point
from selfmassage.core.bodymap_svg import DIGITS, FLATNESS, parse_body_map

log = logging.getLogger(__name__)

CACHE_FORMAT = 2
"""Change it whenever what the files hold, or how, changes."""
SUBFOLDER = "bodymap"

_folder: Path | None = None
_loaded: dict[str, BodyMap] = {}
"""Drawings already read in this run, by key: several pages show the map."""


def use_cache_folder(folder: Path | None) -> None:
    """Keep the drawings under ``folder`` (the app's cache folder); None stops it.
    What this run read already is forgotten: the next load looks at the folder."""
    global _folder
    _folder = None if folder is None else folder / SUBFOLDER
    _loaded.clear()


def cache_folder() -> Path | None:
    """Where the drawings are kept, or None when the app has not set a cache folder."""
    return _folder


class DrawingSource:
    """One of the app's SVG drawings, read, and the keys of everything made from it."""

    # A plain class: a dataclass costs ~0.4 ms to define, on the start-up path.
    __slots__ = ("data", "key", "path", "shipped_key", "view")

    def __init__(self, view: View, path: Path, data: bytes, key: str, shipped_key: str) -> None:
        self.view = view
        self.path = path
        self.data = data
        self.key = key
        """Of what is made from the drawing in the cache folder, by this very version."""
        self.shipped_key = shipped_key
        """Of the outlines shipped with the app: no version, as a test keeps them current."""


def drawing_file(view: View) -> Path:
    return asset_path("bodymap", f"{view.value}.svg")


def shipped_file(view: View) -> Path:
    """The outlines and badge points made from the drawing, shipped beside it."""
    return drawing_file(view).with_name(f"{view.value}.outlines")


def drawing_source(view: View) -> DrawingSource:
    """The drawing's bytes and its keys; BodyMapError if the file cannot be read."""
    path = drawing_file(view)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BodyMapError(f"{path}: cannot read the body map ({error.strerror})") from None
    made = f"flatness={FLATNESS!r} digits={DIGITS} badge_grid={BADGE_GRID}"
    drawing = f"view={view.value} bytes={len(data)} crc32={zlib.crc32(data):08x}"
    key = f"selfmassage-bodymap format={CACHE_FORMAT} app={__version__} {made} {drawing}"
    shipped_key = f"selfmassage-bodymap-outlines format={CACHE_FORMAT} {made} {drawing}"
    return DrawingSource(view, path, data, key, shipped_key)


def read_entry(name: str, key: str) -> bytes | None:
    """The payload kept as ``name`` if it was made for ``key`` and is whole, else None."""
    if _folder is None:
        return None
    path = _folder / name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        log.debug("no cached %s yet", name)
        return None
    except OSError as error:
        log.info("cannot read the cached %s (%s); reading the drawing instead", name, error)
        return None
    return _checked(data, key, f"cached {name}")


def write_entry(name: str, key: str, payload: bytes) -> bool:
    """Keep ``payload`` as ``name`` for ``key``; False (and a log line) if it cannot be."""
    if _folder is None:
        return False
    data = _entry(key, payload)
    from selfmassage.core.atomic import write_atomic  # tempfile and its imports: to write only

    try:
        write_atomic(_folder / name, data)
    except OSError as error:
        log.info("cannot keep the body map in the cache folder (%s); it is read each time", error)
        return False
    return True


def _entry(key: str, payload: bytes) -> bytes:
    if "\n" in key:
        raise ValueError("a cache key is one line")
    return key.encode() + b"\n" + _sizes(payload) + b"\n" + payload


def _checked(data: bytes, key: str, what: str) -> bytes | None:
    """The payload of an entry's bytes if they were made for ``key`` and are whole."""
    head, _, rest = data.partition(b"\n")
    sizes, _, payload = rest.partition(b"\n")
    if head != key.encode():
        log.info("the %s was made from another drawing or version; not used", what)
        return None
    if sizes != _sizes(payload):
        log.info("the %s is damaged or cut short; not used", what)
        return None
    return payload


def _sizes(payload: bytes) -> bytes:
    return f"{len(payload)} {zlib.crc32(payload):08x}".encode()


def load_body_map(view: View) -> BodyMap:
    """The app's own drawing of this view, with every shape's badge point, read once per
    run: the shipped outlines if made from this very drawing, else the cache folder's,
    else the SVG (and then kept in the cache folder)."""
    source = drawing_source(view)
    body_map = _loaded.get(source.key)
    if body_map is None:
        body_map = _shipped(source)
        if body_map is None:
            name = f"{view.value}.outlines"
            payload = read_entry(name, source.key)
            body_map = None if payload is None else _from_json(view, payload, f"cached {name}")
            if body_map is None:
                body_map = made_from_svg(source)
                write_entry(name, source.key, to_json(body_map))
        _loaded[source.key] = body_map
    return body_map


def _shipped(source: DrawingSource) -> BodyMap | None:
    path = shipped_file(source.view)
    try:
        data = path.read_bytes()
    except OSError as error:
        log.info("no outlines shipped beside %s (%s); reading it", source.path, error)
        return None
    payload = _checked(data, source.shipped_key, f"outlines shipped in {path}")
    return None if payload is None else _from_json(source.view, payload, str(path))


def made_from_svg(source: DrawingSource) -> BodyMap:
    """The drawing parsed, and where each shape's badge goes: the slow way (~0.1 s)."""
    body_map = parse_body_map(source.data, source.view, str(source.path))
    badges = {key: badge_point(shape) for key, shape in body_map.shapes.items()}
    return BodyMap(body_map.view, body_map.view_box, body_map.silhouette, body_map.shapes, badges)


# The payload ---------------------------------------------------------------------------


def to_json(body_map: BodyMap) -> bytes:
    """The outlines as JSON, points as flat [x, y, x, y...] lists, one line per shape (so
    that an edit of the drawing shows in a diff), each shape with its badge point."""
    import json

    def dumps(value: object) -> str:
        return json.dumps(value, separators=(",", ":"), allow_nan=False)

    pieces = ",\n".join(dumps([p.id, _flat(p.subpaths)]) for p in body_map.silhouette)
    shapes = ",\n".join(
        dumps([key, _flat(shape.subpaths), body_map.badge_point(key)])
        for key, shape in body_map.shapes.items()
    )
    return (
        f'{{"view_box":{dumps(body_map.view_box)},\n'
        f'"silhouette":[\n{pieces}\n],\n"shapes":[\n{shapes}\n]}}\n'
    ).encode()


def _flat(subpaths: Sequence[Polygon]) -> list[list[float]]:
    return [[number for point in polygon for number in point] for polygon in subpaths]


def _from_json(view: View, payload: bytes, what: str) -> BodyMap | None:
    import json

    try:
        data: Any = json.loads(payload)
        x, y, width, height = (float(number) for number in data["view_box"])
        silhouette = tuple(Shape(str(id_), _polygons(flat)) for id_, flat in data["silhouette"])
        shapes: dict[str, Shape] = {}
        badges: dict[str, tuple[float, float]] = {}
        for key, flat, (badge_x, badge_y) in data["shapes"]:
            key = str(key)
            shapes[key] = Shape(key, _polygons(flat))
            badges[key] = (float(badge_x), float(badge_y))
        if not silhouette or not all(piece.subpaths for piece in silhouette):
            raise ValueError("a silhouette with no outline")
    except (ValueError, TypeError, KeyError) as error:
        # The key and the checksum matched, so only a file made by a different build of
        # this very version gets here.
        log.info("the %s cannot be read (%s); reading the drawing instead", what, error)
        return None
    return BodyMap(view, (x, y, width, height), silhouette, shapes, badges)


def _polygons(flat: list[list[float]]) -> tuple[Polygon, ...]:
    polygons = []
    for numbers in flat:
        if len(numbers) % 2 or len(numbers) < 6:
            raise ValueError("an outline of fewer than three points")
        pairs = iter(numbers)
        polygons.append(tuple(zip(pairs, pairs, strict=True)))
    return tuple(polygons)


# Making the shipped outlines -----------------------------------------------------------


def shipped_outlines(view: View) -> bytes:
    """What ``shipped_file(view)`` must hold, made from the drawing as it is now."""
    source = drawing_source(view)
    return _entry(source.shipped_key, to_json(made_from_svg(source)))


def main(argv: Sequence[str] | None = None) -> int:
    """Make the shipped outlines again from the SVGs: after editing a drawing, or after
    changing how drawings are read or badges placed."""
    from selfmassage.core.atomic import write_atomic

    for view in View:
        path = shipped_file(view)
        data = shipped_outlines(view)
        try:
            unchanged = path.read_bytes() == data
        except FileNotFoundError:
            unchanged = False
        if not unchanged:
            write_atomic(path, data)
            path.chmod(0o644)  # shipped: readable by all, as the SVGs beside it
        print(f"{path}: {'up to date' if unchanged else 'written'} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
