"""The body map's costs: reading the drawings, building the widget, a repaint, a hit-test.

Targets: both SVGs read and the widget built in well under 100 ms (it is on the start-up
path); a full repaint under 16 ms (one frame, so hover feels instant); a hit-test and an
arrow-key move under 1 ms. Offscreen, at the README's window size. Usage:

    .venv/bin/python benchmarks/body_map.py [--runs 50]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from selfmassage.core.anatomy import RegionSide, View
from selfmassage.core.assets import asset_path
from selfmassage.core.bodymap_svg import read_body_map
from selfmassage.core.selection import Selection
from selfmassage.ui.body_map import BodyMapWidget, _Drawing


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])

    def read_both() -> None:
        for view in View:
            read_body_map(asset_path("bodymap", f"{view.value}.svg"), view)

    measure("read and flatten both SVGs", args.runs, read_both)
    maps = {view: read_body_map(asset_path("bodymap", f"{view.value}.svg"), view) for view in View}
    measure(
        "outlines and silhouette union, both views (made once per run)",
        args.runs,
        lambda: [_Drawing.of(body_map) for body_map in maps.values()],
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
