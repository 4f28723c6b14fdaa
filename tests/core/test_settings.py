import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def test_a_value_of_the_wrong_type_is_named_and_the_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "theme": "dark", "voice_rate": "fast"}))
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert "voice_rate should be a whole number" in store.problems[0]
    assert len(list(tmp_path.glob("settings.json.broken-*"))) == 1


def test_every_field_survives_a_round_trip_with_unusual_values(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    wanted = Settings(
        theme="light",
        avoided=["calves-left", "neck"],
        safety_answers={"pregnant": "no", "blood-thinners": "unsure"},
        voice="gmw/en-GB-x-rp — ÿ",
        voice_rate=80,
        voice_volume=0.25,
        routine_tools=[],
        routine_budget_minutes=0,
    )
    assert store.save(wanted)
    assert store.load() == wanted


def test_a_whole_number_volume_reads_as_a_number(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"voice_volume": 1}))
    loaded = SettingsStore(path).load()
    assert loaded.voice_volume == 1.0 and isinstance(loaded.voice_volume, float)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
_field_names = st.sampled_from([f.name for f in dataclasses.fields(Settings)] + ["other"])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=st.one_of(_json, st.dictionaries(_field_names, _json, max_size=6)))
def test_any_json_gives_settings_or_a_problem_never_an_exception(
    tmp_path: Path, document: object
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(document))
    store = SettingsStore(path)
    loaded = store.load()
    assert isinstance(loaded, Settings)
    assert store.problems or path.exists()  # a bad file is reported, a good one stays
    for kept in tmp_path.glob("settings.json.*"):  # the next example starts clean
        kept.unlink()
