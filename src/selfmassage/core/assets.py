"""The one way to find the app's bundled files (body maps, icons, catalog, routines).

In a wheel or a frozen bundle the assets sit inside the package as ``selfmassage/assets``;
in a checkout or an editable install they are the top-level ``assets/`` folder. Both are
found from the package's own folder: importlib.resources would cost ~3 ms at start-up and
finds nothing more for a package installed as plain files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import selfmassage


@cache
def assets_root() -> Path:
    package = Path(selfmassage.__file__).parent
    packaged = package / "assets"
    if packaged.is_dir():
        return packaged
    checkout = package.resolve().parents[1] / "assets"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the app's assets are missing (looked in {packaged} and {checkout})")


def asset_path(*parts: str) -> Path:
    return assets_root().joinpath(*parts)


def user_guide_path(language: str = "en") -> Path:
    """The user guide that ships with the app, in ``language`` when it has one (else
    English): inside the package (a wheel, a bundle) as ``selfmassage/docs/[LANG/]user-
    guide.md``, or the checkout's ``docs/[LANG/]user-guide.md``."""
    package = Path(selfmassage.__file__).parent
    folders = (package / "docs", package.resolve().parents[1] / "docs")
    for folder in folders:
        for place in (folder / language, folder) if language != "en" else (folder,):
            guide = place / "user-guide.md"
            if guide.is_file():
                return guide
    return folders[1] / "user-guide.md"
