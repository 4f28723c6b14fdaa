"""Render the app icon's PNG sizes from assets/icons/selfmassage.svg.

Run after changing the SVG: ``.venv/bin/python scripts/make_icons.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parents[1] / "assets" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - the renderer needs one
    renderer = QSvgRenderer(str(ICONS / "selfmassage.svg"))
    if not renderer.isValid():
        print("the icon SVG does not parse", file=sys.stderr)
        return 1
    out = ICONS / "png"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"selfmassage-{size}.png"))
    print(f"wrote {len(SIZES)} icons to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
