"""The one way to find the app's bundled files (body maps, icons, catalog, routines).

In a wheel or a frozen bundle the assets sit inside the package as ``selfmassage/assets``;
in a checkout or an editable install they are the top-level ``assets/`` folder.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def assets_root() -> Path:
    packaged = Path(str(resources.files("selfmassage"))) / "assets"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "assets"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the app's assets are missing (looked in {packaged} and {checkout})")


def asset_path(*parts: str) -> Path:
    return assets_root().joinpath(*parts)
