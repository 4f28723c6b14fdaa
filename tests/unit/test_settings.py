import json
from pathlib import Path

import pytest

from selfmassage.core import settings as settings_module
from selfmassage.core.settings import Settings, SettingsStore


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.load() == Settings()
    assert store.problems == []


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    wanted = Settings(window_geometry="abc", theme="dark")
    assert store.save(wanted)
    assert store.load() == wanted
    text = (tmp_path / "settings.json").read_text()
    assert text.endswith("\n") and '"version": 1' in text


def test_broken_file_is_moved_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert len(store.problems) == 1 and "damaged" in store.problems[0]
    kept = list(tmp_path.glob("settings.json.broken-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"


def test_unknown_keys_from_a_newer_app_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 99, "theme": "light", "future": 1}))
    store = SettingsStore(path)
    assert store.load().theme == "light"


def test_upgrade_hooks_run_in_order_and_back_up_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "colour": "dark"}))
    monkeypatch.setattr(settings_module, "SETTINGS_VERSION", 2)
    monkeypatch.setitem(
        settings_module.UPGRADES, 1, lambda data: {**data, "theme": data.pop("colour")}
    )
    loaded = SettingsStore(path).load()
    assert loaded.theme == "dark"
    assert loaded.version == 2
    assert json.loads((tmp_path / "settings.json.v1.bak").read_text())["colour"] == "dark"


def test_unwritable_folder_reports_instead_of_raising(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    blocker = folder / "settings.json"
    blocker.mkdir()  # a folder where the file should be: os.replace fails
    store = SettingsStore(blocker)
    assert not store.save(Settings())
    assert store.problems and "Could not save" in store.problems[0]
