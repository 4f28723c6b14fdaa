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


@pytest.mark.linux("platformdirs reads XDG_CONFIG_HOME and XDG_DATA_HOME on Linux only")
def test_without_home_platformdirs_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/x/config")
    monkeypatch.setenv("XDG_DATA_HOME", "/x/data")
    paths = app_paths({})
    assert paths.config == Path("/x/config/SelfMassage")
    assert paths.data == Path("/x/data/SelfMassage")


def test_assets_are_found_from_the_checkout() -> None:
    assert assets_root().is_dir()
    assert asset_path("icons", "selfmassage.svg").is_file()


def test_on_windows_everything_is_under_local_app_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs
    import platformdirs.windows

    local = tmp_path / "Users" / "Ana" / "AppData" / "Local"
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _csidl: str(local))
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    paths = app_paths({})
    # Not SelfMassage\SelfMassage (no author folder) and not Roaming (the history is
    # this computer's own).
    assert paths.data == paths.config == local / "SelfMassage"
    assert paths.cache == local / "SelfMassage" / "Cache"
    assert paths.logs == local / "SelfMassage" / "Logs"
    paths.ensure()
    names = {paths.settings_file, paths.history_file, paths.routines_dir, paths.cache, paths.logs}
    assert len(names) == 5, "config and data share a folder without sharing a file"


def test_on_macos_the_folders_are_the_library_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs
    import platformdirs.macos

    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.macos.MacOS)
    paths = app_paths({})
    library = Path.home() / "Library"
    assert paths.data == paths.config == library / "Application Support" / "SelfMassage"
    assert paths.cache == library / "Caches" / "SelfMassage"
    assert paths.logs == library / "Logs" / "SelfMassage"
