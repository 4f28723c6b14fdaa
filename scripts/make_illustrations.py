"""Draw the picture of every technique, and a contact sheet of all of them.

Run after changing ``assets/catalog/illustrations.json`` or ``core/figure.py``:
``.venv/bin/python scripts/make_illustrations.py`` writes ``assets/illustrations/*.svg``
and ``docs/illustrations.png``. ``--sheet-only`` redraws just the sheet; ``--dark``
draws the sheet in the dark theme (to look at, not committed).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from selfmassage.core.catalog import load_catalog
from selfmassage.core.illustration import DARK, LIGHT, themed
from selfmassage.core.illustration_svg import generate

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "illustrations"
SHEET = ROOT / "docs" / "illustrations.png"
COLUMNS = 6
CELL_W, CELL_H, LABEL_H = 240, 180, 30


def contact_sheet(paths: list[Path], target: Path, dark: bool = False) -> None:
    rows = (len(paths) + COLUMNS - 1) // COLUMNS
    image = QImage(COLUMNS * CELL_W, rows * (CELL_H + LABEL_H), QImage.Format.Format_RGB32)
    palette = DARK if dark else LIGHT
    image.fill(QColor(palette["paper"]))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(11)
    painter.setFont(font)
    for index, path in enumerate(paths):
        x = (index % COLUMNS) * CELL_W
        y = (index // COLUMNS) * (CELL_H + LABEL_H)
        svg = themed(path.read_text(encoding="utf-8"), dark)
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        renderer.render(painter, QRectF(x + 4, y + 4, CELL_W - 8, CELL_H - 8))
        painter.setPen(QColor(palette["arrow"]))
        painter.drawText(
            QRectF(x, y + CELL_H - 2, CELL_W, LABEL_H),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            path.stem,
        )
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sheet-only", action="store_true")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--sheet", type=Path, default=SHEET)
    args = parser.parse_args(argv)
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - the renderer needs one
    techniques = load_catalog().techniques
    if args.sheet_only:
        paths = [OUT / f"{technique.id}.svg" for technique in techniques]
    else:
        paths = generate(techniques, OUT)
        for stale in set(OUT.glob("*.svg")) - set(paths):
            stale.unlink()
    contact_sheet(paths, args.sheet, args.dark)
    print(f"wrote {len(paths)} illustrations to {OUT} and the sheet {args.sheet}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
