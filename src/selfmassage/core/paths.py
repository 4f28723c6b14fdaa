"""Where the app keeps its files: platformdirs, or everything under SELFMASSAGE_HOME."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import platformdirs

APP_NAME = "SelfMassage"
HOME_VARIABLE = "SELFMASSAGE_HOME"


class AppPaths(NamedTuple):  # not a dataclass: cheaper to define before the first paint
    config: Path
    data: Path
    cache: Path
    logs: Path

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def history_file(self) -> Path:
        return self.data / "history.sqlite3"

    @property
    def routines_dir(self) -> Path:
        """The user's own and prescribed routine files."""
        return self.data / "routines"

    @property
    def log_file(self) -> Path:
        return self.logs / "selfmassage.log"

    def ensure(self) -> None:
        for folder in (self.config, self.data, self.cache, self.logs):
            folder.mkdir(parents=True, exist_ok=True)


def app_paths(environ: os._Environ[str] | dict[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    home = env.get(HOME_VARIABLE, "").strip()
    if home:
        root = Path(home).expanduser().absolute()
        return AppPaths(root / "config", root / "data", root / "cache", root / "logs")
    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return AppPaths(
        Path(dirs.user_config_dir),
        Path(dirs.user_data_dir),
        Path(dirs.user_cache_dir),
        Path(dirs.user_log_dir),
    )
