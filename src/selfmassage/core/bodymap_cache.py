"""Remembering the app's body-map drawings between runs, in the cache folder.

Reading and flattening the two SVGs costs ~15 ms of every start, yet they change only
when the app is upgraded. So the flattened outlines are kept in the cache folder as plain
tuples (marshal), and the widget keeps what it draws beside them (ui/body_map.py).

The composition root says where the folder is, once, with ``use_cache_folder``. Without
it (tests, headless commands) everything is read from the SVGs, as before.

Each cache file starts with a line naming what it was made from (its key: the cache
format, the app version, the flattening tolerance, and the drawing's length and CRC-32),
then a line with the payload's length and CRC-32, then the payload. A missing, stale,
short or damaged file is ignored and written again; a folder that cannot be written
means no cache, never an error.
"""

from __future__ import annotations

import logging
import marshal
import zlib
from pathlib import Path

from selfmassage import __version__
from selfmassage.core.anatomy import View
from selfmassage.core.assets import asset_path
from selfmassage.core.bodymap_svg import FLATNESS, BodyMap, BodyMapError, Shape, parse_body_map

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
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
    """One of the app's SVG drawings, read, and the key of everything made from it."""

    # A plain class: a dataclass costs ~0.4 ms to define, on the start-up path.
    __slots__ = ("data", "key", "path", "view")

    def __init__(self, view: View, path: Path, data: bytes, key: str) -> None:
        self.view = view
        self.path = path
        self.data = data
        self.key = key


def drawing_file(view: View) -> Path:
    return asset_path("bodymap", f"{view.value}.svg")


def drawing_source(view: View) -> DrawingSource:
    """The drawing's bytes and its key; BodyMapError if the file cannot be read."""
    path = drawing_file(view)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BodyMapError(f"{path}: cannot read the body map ({error.strerror})") from None
    key = (
        f"selfmassage-bodymap format={CACHE_FORMAT} app={__version__} flatness={FLATNESS!r}"
        f" view={view.value} bytes={len(data)} crc32={zlib.crc32(data):08x}"
    )
    return DrawingSource(view, path, data, key)


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
    head, _, rest = data.partition(b"\n")
    sizes, _, payload = rest.partition(b"\n")
    if head != key.encode():
        log.info("the cached %s was made from another drawing or version; making it again", name)
        return None
    if sizes != _sizes(payload):
        log.info("the cached %s is damaged or cut short; making it again", name)
        return None
    return payload


def write_entry(name: str, key: str, payload: bytes) -> bool:
    """Keep ``payload`` as ``name`` for ``key``; False (and a log line) if it cannot be."""
    if _folder is None:
        return False
    if "\n" in key:
        raise ValueError("a cache key is one line")
    from selfmassage.core.atomic import write_atomic  # tempfile and its imports: to write only

    try:
        write_atomic(_folder / name, key.encode() + b"\n" + _sizes(payload) + b"\n" + payload)
    except OSError as error:
        log.info("cannot keep the body map in the cache folder (%s); it is read each time", error)
        return False
    return True


def _sizes(payload: bytes) -> bytes:
    return f"{len(payload)} {zlib.crc32(payload):08x}".encode()


def load_drawing(view: View) -> BodyMap:
    """The app's own drawing of this view, read once per run: from the cache folder when
    it holds this very drawing, else from the SVG (and then kept there)."""
    source = drawing_source(view)
    body_map = _loaded.get(source.key)
    if body_map is None:
        name = f"{view.value}.outlines"
        payload = read_entry(name, source.key)
        body_map = None if payload is None else _from_plain(view, payload, name)
        if body_map is None:
            body_map = parse_body_map(source.data, view, str(source.path))
            write_entry(name, source.key, marshal.dumps(_to_plain(body_map)))
        _loaded[source.key] = body_map
    return body_map


_Plain = tuple[
    tuple[float, float, float, float],
    tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...],
    tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...],
]


def _to_plain(body_map: BodyMap) -> _Plain:
    """Only tuples, strings and floats: marshal writes and reads them fast and exactly."""
    return (
        body_map.view_box,
        tuple((piece.id, piece.subpaths) for piece in body_map.silhouette),
        tuple((key, shape.subpaths) for key, shape in body_map.shapes.items()),
    )


def _from_plain(view: View, payload: bytes, name: str) -> BodyMap | None:
    try:
        view_box, silhouette, shapes = marshal.loads(payload)
        x, y, width, height = view_box
        return BodyMap(
            view,
            (float(x), float(y), float(width), float(height)),
            tuple(Shape(str(piece_id), tuple(subpaths)) for piece_id, subpaths in silhouette),
            {str(key): Shape(str(key), tuple(subpaths)) for key, subpaths in shapes},
        )
    except (ValueError, TypeError, EOFError) as error:
        # The key and the checksum matched, so only a file made by a different build of
        # this very version gets here.
        log.info("the cached %s cannot be read (%s); making it again", name, error)
        return None
