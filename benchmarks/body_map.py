"""The body map's costs: reading the drawings, building the widget, a repaint, a hit-test.

Targets: both SVGs read and the widget built in well under 100 ms (it is on the start-up
path); with the drawings in the cache folder (a warm start), importing the map's modules
and building the widget in at most 5 ms; the first repaint after rating 10 places at most
8 ms; a full repaint under 16 ms (one frame, so hover feels instant); a hit-test and an
arrow-key move under 1 ms. Offscreen, at the README's window size. Usage:

    .venv/bin/python benchmarks/body_map.py [--runs 50] [--starts 15] [--before COMMIT]

``--before COMMIT`` also runs every start with the app's code and assets of that commit
(``git archive`` into a temporary folder, first on the path), in turn with the present
code, so that before and after are measured side by side in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

RATED = (
    # Ten places on both views, from the neck to the calves, given a soreness.
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
)


def measure(label: str, runs: int, action: Callable[[], object], unit: str = "ms") -> None:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    times.sort()
    scale = 1000.0 if unit == "ms" else 1_000_000.0
    p95 = times[max(0, int(len(times) * 0.95) - 1)] * scale
    print(
        f"{label}: median {statistics.median(times) * scale:.3f} {unit}, "
        f"p95 {p95:.3f} {unit}, worst {times[-1] * scale:.3f} {unit} over {runs} runs"
    )


# Start-ups -----------------------------------------------------------------------------

APP_CONTEXT = (
    # What app.py imports for the first screen besides the map (2026-11-27): a real start
    # loads these anyway, and the Qt classes they import are set up once for all (~3 ms
    # of enums), so the map's own import costs only what is left.
    "html",
    "selfmassage.core.assets",
    "selfmassage.core.catalog",
    "selfmassage.core.paths",
    "selfmassage.core.routine",
    "selfmassage.core.safety",
    "selfmassage.core.selection",
    "selfmassage.core.settings",
    "selfmassage.logs",
    "selfmassage.ui.desktop.crash_dialog",
    "selfmassage.ui.desktop.file_open",
    "selfmassage.ui.main_window",
    "selfmassage.ui.safety.safety_dialog",
    "selfmassage.ui.home.selection_panel",
    "selfmassage.ui.desktop.single_instance",  # run_app imports it before building the window
    "selfmassage.ui.theme",
)


def start_child(cache: str, context: str) -> None:
    """One start, in this fresh process: the floor every start pays (Qt, a QApplication,
    a shown window), then the map's modules imported and the widget built, timed."""
    from PySide6.QtWidgets import QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(1100, 720)
    window.show()
    app.processEvents()
    if context == "app":
        for module in APP_CONTEXT:
            __import__(module)
        # Two costs PySide6 charges once per process, to whoever comes first; the app pays
        # them at start-up with or without the map, as its first-paint filter on the window
        # sees the window's first events, so they are not the map's: ~1 ms for QEvent.Type's
        # 900-member enum, ~1 ms for the first event from Qt handed to Python code.
        from PySide6.QtCore import QEvent, QObject

        class _FirstPaint(QObject):  # as launch.py's
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
                return event.type() == QEvent.Type.Paint and False

        window.installEventFilter(_FirstPaint(window))
        window.setMouseTracking(True)  # an event from Qt, through the filter
    started = time.perf_counter()
    from selfmassage.core.bodymap_cache import use_cache_folder
    from selfmassage.ui.home.body_map import BodyMapWidget

    imported = time.perf_counter()
    if cache:
        use_cache_folder(Path(cache))
    widget = BodyMapWidget()  # as the home page builds it: not yet in the window
    built = time.perf_counter()
    assert len(widget.spots()) == 51, "the map lost places"
    xml = "xml.etree.ElementTree" in sys.modules
    # Then the person rates ten places (the spin boxes, or the map's keys): the next
    # repaint is timed, and one more for comparison.
    from selfmassage.core.anatomy import RegionSide
    from selfmassage.core.selection import Selection

    window.setCentralWidget(widget)
    window.resize(700, 740)
    app.processEvents()
    widget.grab()
    widget.set_selection(Selection({RegionSide.parse(key): 6 for key in RATED}))
    before_rating = time.perf_counter()
    widget.grab()
    rated = time.perf_counter()
    widget.grab()
    again = time.perf_counter()
    result = {
        "import": (imported - started) * 1000,
        "build": (built - imported) * 1000,
        "xml": xml,
        "rated": (rated - before_rating) * 1000,
        "again": (again - rated) * 1000,
    }
    print(json.dumps(result))


def measure_starts(starts: int, before: str | None) -> None:
    """Cold (empty cache folder: read the drawings, then keep them), warm (cache filled)
    and without a cache folder, each in fresh processes, in turn, in one run; with
    ``before``, the same again with that commit's code, in turn with these."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # An installed app has its modules compiled; so do the children, as the first run
    # below writes them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    work = Path(tempfile.mkdtemp(prefix="selfmassage-bench-"))
    trees: dict[str, str] = {"now": ""}
    if before:
        tree = work / "before"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", before, "src", "assets"],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        trees[before] = str(tree / "src")

    def run(tree: str, mode: str, context: str) -> dict[str, float]:
        cache = ""
        if mode == "cold":
            cache = str(work / "cold")
            shutil.rmtree(cache, ignore_errors=True)
        elif mode == "warm":
            cache = str(work / f"warm-{tree}")
        command = [sys.executable, __file__, "--start-child", cache, context]
        child_env = {**env, "PYTHONPATH": trees[tree]} if trees[tree] else env
        output = subprocess.run(command, env=child_env, capture_output=True, text=True, check=True)
        result: dict[str, float] = json.loads(output.stdout.splitlines()[-1])
        return result

    try:
        for tree in trees:
            for context in ("bare", "app"):
                run(tree, "warm", context)  # compiles the modules and fills the warm cache
        results: dict[tuple[str, str, str], list[dict[str, float]]] = {}
        for _ in range(starts):
            for context in ("bare", "app"):
                for mode in ("none", "cold", "warm"):
                    for tree in trees:
                        results.setdefault((context, mode, tree), []).append(
                            run(tree, mode, context)
                        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"start-up of the map, fresh processes, median of {starts} each (ms):")
    titles = {"bare": "after Qt alone", "app": "after the rest of the first screen"}
    for (context, mode, tree), runs in results.items():
        imports = statistics.median(r["import"] for r in runs)
        builds = statistics.median(r["build"] for r in runs)
        totals = sorted(r["import"] + r["build"] for r in runs)
        xml = "imports xml.etree" if any(r["xml"] for r in runs) else "no xml.etree"
        print(
            f"  {titles[context]:32} {mode:5} {tree:8}: import {imports:5.1f} + build"
            f" {builds:5.1f} = {statistics.median(totals):5.1f} (min {totals[0]:5.1f}, worst"
            f" {totals[-1]:5.1f}); {xml}"
        )
    print(f"first repaint after rating {len(RATED)} places, then the next (ms, median, worst):")
    for (context, mode, tree), runs in results.items():
        rated = sorted(r["rated"] for r in runs)
        again = sorted(r["again"] for r in runs)
        print(
            f"  {titles[context]:32} {mode:5} {tree:8}: first {statistics.median(rated):5.1f}"
            f" (worst {rated[-1]:5.1f}), next {statistics.median(again):4.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--starts", type=int, default=15, help="fresh processes per case")
    parser.add_argument("--before", metavar="COMMIT", help="also start that commit's code")
    parser.add_argument(
        "--start-child", nargs=2, metavar=("CACHE", "CONTEXT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.start_child:
        start_child(*args.start_child)
        return
    measure_starts(args.starts, args.before)
    app = QApplication.instance() or QApplication([])
    # Imported here, not above: a start child must time these imports itself.
    from PySide6.QtCore import QPointF

    from selfmassage.core import bodymap_cache
    from selfmassage.core.anatomy import RegionSide, View
    from selfmassage.core.assets import asset_path
    from selfmassage.core.bodymap import badge_point
    from selfmassage.core.bodymap_svg import read_body_map
    from selfmassage.core.selection import Selection
    from selfmassage.ui.home.body_drawing import Drawing
    from selfmassage.ui.home.body_map import BodyMapWidget

    def read_both() -> None:
        for view in View:
            read_body_map(asset_path("bodymap", f"{view.value}.svg"), view)

    def load_shipped() -> None:
        for view in View:
            bodymap_cache._loaded.clear()
            assert bodymap_cache._shipped(bodymap_cache.drawing_source(view)) is not None

    measure("read and flatten both SVGs", args.runs, read_both)
    measure("load both views' shipped outlines and badge points", args.runs, load_shipped)
    maps = {view: read_body_map(asset_path("bodymap", f"{view.value}.svg"), view) for view in View}
    measure(
        "badge points of every shape of both views, from the outlines (made once, shipped)",
        max(3, args.runs // 10),
        lambda: [badge_point(s) for body_map in maps.values() for s in body_map.shapes.values()],
    )
    maps = {view: bodymap_cache.load_body_map(view) for view in View}  # with badge points
    measure(
        "outlines and silhouette union, both views (made once per run)",
        args.runs,
        lambda: [Drawing.of(body_map) for body_map in maps.values()],
    )
    measure(
        "build a widget once the outlines exist (52 stand-ins)",
        args.runs,
        lambda: BodyMapWidget(maps=maps).deleteLater(),
    )

    widget = BodyMapWidget(maps=maps)
    widget.resize(700, 740)
    widget.show()
    app.processEvents()
    measure("repaint, nothing selected (700x740)", args.runs, widget.grab)
    busy = Selection(
        {
            RegionSide.parse(key): 5
            for key in (
                "calves-left",
                "lower-back",
                "quads-right",
                "upper-traps-left",
                "glutes-right",
                "chest-left",
            )
        },
        frozenset({RegionSide.parse("shoulders-right"), RegionSide.parse("hamstrings-left")}),
    )
    widget.set_selection(busy)
    measure("repaint, 6 selected and 2 avoided", args.runs, widget.grab)

    rng = random.Random(3)
    points = [QPointF(rng.uniform(0, 700), rng.uniform(0, 740)) for _ in range(1000)]
    iterator = iter(points * (args.runs * 20 // len(points) + 1))
    measure(
        "hit-test of a random point",
        args.runs * 20,
        lambda: widget.spot_at(next(iterator)),
        unit="µs",
    )
    spots = widget.spots()
    measure(
        "nearest place for an arrow key",
        args.runs * 20,
        lambda: widget.neighbour(rng.choice(spots), (1.0, 0.0)),
        unit="µs",
    )


if __name__ == "__main__":
    main()
