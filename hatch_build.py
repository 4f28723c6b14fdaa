"""The build compiles the translations (po/*.po) into the wheel, beside the package."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTranslations(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        sys.path.insert(0, str(root / "tools"))
        try:
            import translations
        finally:
            sys.path.pop(0)
        made = translations.compile_all()
        if version == "editable":
            return  # the package is the source folder, where they were compiled
        for path in made:
            inside = path.relative_to(root / "src")
            build_data["force_include"][str(path)] = str(inside)
