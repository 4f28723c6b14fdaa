from pathlib import Path

import pytest

from selfmassage.core.assets import asset_path, assets_root
from selfmassage.core.paths import app_paths


def test_home_variable_moves_everything(tmp_path: Path) -> None:
    paths = app_paths({"SELFMASSAGE_HOME": str(tmp_path)})
    assert paths.config == tmp_path / "config"
    assert paths.data == tmp_path / "data"
    assert paths.cache == tmp_path / "cache"
    assert paths.logs == tmp_path / "logs"
    assert paths.history_file.parent == paths.data


def test_without_home_platformdirs_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/x/config")
    monkeypatch.setenv("XDG_DATA_HOME", "/x/data")
    paths = app_paths({})
    assert paths.config == Path("/x/config/SelfMassage")
    assert paths.data == Path("/x/data/SelfMassage")


def test_assets_are_found_from_the_checkout() -> None:
    assert assets_root().is_dir()
    assert asset_path("icons", "selfmassage.svg").is_file()
