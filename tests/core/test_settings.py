"""The settings file: each value read on its own, versions upgraded step by step, a
newer version's file kept whole, writes atomic and private."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.core import settings_upgrades
from selfmassage.core.routine_options import Intensity
from selfmassage.core.settings import (
    FIELDS,
    MAX_FILE_BYTES,
    SETTINGS_VERSION,
    Settings,
    SettingsStore,
    read_settings,
)
from selfmassage.core.timeline import CountdownStyle, CueLevel
from selfmassage.core.voice import RATE_MAX, RATE_MIN, TRANSITION_MAX, TRANSITION_MIN


def written(path: Path, document: object) -> SettingsStore:
    path.write_text(json.dumps(document))
    return SettingsStore(path)


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


def test_unwritable_folder_reports_instead_of_raising(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    blocker = folder / "settings.json"
    blocker.mkdir()  # a folder where the file should be: os.replace fails
    store = SettingsStore(blocker)
    assert not store.save(Settings())
    assert store.problems and "Could not save" in store.problems[0]


def test_every_field_survives_a_round_trip_with_unusual_values(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    wanted = Settings(
        theme="light",
        avoided=["calves-left", "neck"],
        safety_answers={"pregnant": "no", "blood-thinners": "unsure"},
        safety_screened_on="2026-02-28",
        voice="gmw/en-GB-x-rp — ÿ",
        voice_rate=80,
        voice_volume=0.25,
        cue_level="silent",
        countdown_style="off",
        transition_seconds=0,
        routine_tools=[],
        routine_budget_minutes=0,
        routine_intensity="deep",
    )
    assert store.save(wanted)
    assert store.load() == wanted
    assert store.problems == []


def test_a_whole_number_volume_reads_as_a_number(tmp_path: Path) -> None:
    loaded = written(tmp_path / "settings.json", {"voice_volume": 1}).load()
    assert loaded.voice_volume == 1.0 and isinstance(loaded.voice_volume, float)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_file_and_its_copies_are_private(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store = SettingsStore(path)
    assert store.save(Settings())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text(json.dumps({"voice_rate": "fast"}))
    path.chmod(0o600)
    store.load()
    assert stat.S_IMODE((tmp_path / "settings.json.reset.bak").stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# One bad value costs only itself -------------------------------------------------------


def test_one_value_of_the_wrong_type_costs_only_that_value(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.json"
    original = {
        "version": 1,
        "theme": "dark",
        "voice_rate": "fast",
        "avoided": ["calves-left", "neck-right"],
        "safety_answers": {"pregnant": "no"},
        "safety_screened_on": "2026-11-30",
    }
    store = written(path, original)
    loaded = store.load()
    assert loaded == Settings(
        theme="dark",
        avoided=["calves-left", "neck-right"],
        safety_answers={"pregnant": "no"},
        safety_screened_on="2026-11-30",
    )
    assert "voice_rate" in caplog.text and "'fast'" in caplog.text
    # One line for the window, in the user's words; the file as it was is kept.
    assert len(store.problems) == 1 and "speaking rate" in store.problems[0]
    assert json.loads((tmp_path / "settings.json.reset.bak").read_text()) == original
    assert list(tmp_path.glob("settings.json.broken-*")) == []
    assert path.exists()


@pytest.mark.parametrize("odd", ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000])
def test_numbers_that_are_not_finite_fall_back_one_by_one(tmp_path: Path, odd: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        '{"version": 1, "theme": "dark", "avoided": ["neck"],'
        f' "voice_volume": {odd}, "voice_rate": {odd}, "transition_seconds": {odd},'
        f' "routine_budget_minutes": {odd}}}'
    )
    store = SettingsStore(path)
    loaded = store.load()
    assert loaded == Settings(theme="dark", avoided=["neck"])
    assert len(store.problems) == 1
    for label in ("volume", "speaking rate", "transition between steps", "time budget"):
        assert label in store.problems[0]


@pytest.mark.parametrize(
    ("name", "value", "used"),
    [
        ("voice_rate", 400, RATE_MAX),
        ("voice_rate", 10, RATE_MIN),
        ("voice_rate", -(10**400), RATE_MIN),
        ("voice_rate", 170.4, 170),
        ("voice_volume", 1.5, 1.0),
        ("voice_volume", -0.5, 0.0),
        ("transition_seconds", 90, TRANSITION_MAX),
        ("transition_seconds", -3, TRANSITION_MIN),
        ("routine_budget_minutes", -10, 0),
    ],
)
def test_numbers_out_of_range_become_the_nearest_allowed(
    tmp_path: Path, name: str, value: float, used: float
) -> None:
    store = written(tmp_path / "settings.json", {"version": 1, name: value, "theme": "light"})
    loaded = store.load()
    assert getattr(loaded, name) == used
    assert loaded.theme == "light"
    assert store.problems and FIELDS[name].label in store.problems[0]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("theme", "purple"),
        ("theme", 3),
        ("cue_level", "LOUD"),
        ("countdown_style", None),
        ("routine_intensity", "extreme"),
        ("voice", ["gmw/en"]),
        ("voice", "\ud800"),  # json reads a lone surrogate; no UTF-8 can hold it
        ("voice_rate", True),
        ("voice_volume", "1.0"),
        ("safety_screened_on", "last week"),
        ("safety_screened_on", "20261130"),
        ("avoided", "neck"),
        ("safety_answers", ["no"]),
    ],
)
def test_values_that_cannot_be_used_fall_back_to_their_default(
    tmp_path: Path, name: str, value: object
) -> None:
    store = written(tmp_path / "settings.json", {name: value, "window_geometry": "AdnQyw=="})
    loaded = store.load()
    assert getattr(loaded, name) == getattr(Settings(), name)
    assert loaded.window_geometry == "AdnQyw=="
    assert store.problems


def test_a_list_keeps_the_items_it_can_use(tmp_path: Path) -> None:
    store = written(
        tmp_path / "settings.json",
        {
            "avoided": ["neck-left", 3, None, "calves-right"],
            "safety_answers": {"pregnant": "no", "blood-thinners": 1},
            "routine_tools": ["hands", {"tool": "foam-roller"}],
        },
    )
    loaded = store.load()
    assert loaded.avoided == ["neck-left", "calves-right"]
    assert loaded.safety_answers == {"pregnant": "no"}
    assert loaded.routine_tools == ["hands"]
    assert "places to avoid" in store.problems[0]


def test_a_version_that_is_not_a_number_still_reads_the_values(tmp_path: Path) -> None:
    store = written(tmp_path / "settings.json", {"version": "one", "theme": "dark"})
    assert store.load() == Settings(theme="dark")


def test_keys_this_version_does_not_know_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store = written(path, {"version": 1, "theme": "dark", "colour": "teal", "\udfff": 1})
    assert store.save(dataclasses.replace(store.load(), theme="light"))
    saved = json.loads(path.read_text())
    assert (saved["theme"], saved["colour"], saved["\udfff"]) == ("light", "teal", 1)


def test_the_readers_take_the_choices_and_ranges_of_the_app() -> None:
    def choices(name: str) -> set[object]:
        return {
            value
            for value in ("system", "light", "dark", *CueLevel, *CountdownStyle, *Intensity)
            if not FIELDS[name].read(str(value), "default").why
        }

    assert choices("cue_level") == set(CueLevel)
    assert choices("countdown_style") == set(CountdownStyle)
    assert choices("routine_intensity") == set(Intensity)
    assert choices("theme") == {"system", "light", "dark"}
    rate = FIELDS["voice_rate"].read
    assert (rate(RATE_MIN - 1, 0).value, rate(RATE_MAX + 1, 0).value) == (RATE_MIN, RATE_MAX)
    transition = FIELDS["transition_seconds"].read
    assert (transition(-1, 0).value, transition(999, 0).value) == (TRANSITION_MIN, TRANSITION_MAX)


# Files that are not settings -----------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_the_file_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    os.mkfifo(path)
    store = SettingsStore(path)
    result: list[Settings] = []
    reader = threading.Thread(target=lambda: result.append(store.load()), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader so the test run can end
        with open(path, "wb"):
            pass
        pytest.fail("loading the settings blocked on a FIFO")
    assert result == [Settings()]
    assert "not a file" in store.problems[0]


def test_a_file_too_large_for_settings_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"theme": "' + b"x" * MAX_FILE_BYTES + b'"}')
    store = SettingsStore(path)
    assert store.load() == Settings()
    assert "damaged" in store.problems[0]
    assert len(list(tmp_path.glob("settings.json.broken-*"))) == 1


# Versions ------------------------------------------------------------------------------


def upgrade_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """colour is called theme."""
    if "colour" in data:
        data["theme"] = data.pop("colour")
    return data


def upgrade_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Speaking rates are words a minute, no longer a percent of 170."""
    if isinstance(data.get("voice_rate"), int):
        data["voice_rate"] = data["voice_rate"] * 170 // 100
    return data


def test_the_upgrade_steps_are_named_documented_and_one_per_version() -> None:
    assert settings_upgrades.current_version() == SETTINGS_VERSION
    assert len(settings_upgrades.UPGRADES) + 1 == SETTINGS_VERSION
    for index, step in enumerate(settings_upgrades.UPGRADES):
        assert step.__name__ == f"upgrade_to_v{index + 2}"
        assert step.__doc__ and step.__doc__.strip()


def test_upgrade_steps_run_in_order_after_a_copy_of_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(settings_upgrades, "UPGRADES", [upgrade_to_v2, upgrade_to_v3])
    caplog.set_level(logging.INFO)
    path = tmp_path / "settings.json"
    old = {"version": 1, "colour": "dark", "voice_rate": 100, "avoided": ["neck"]}
    store = written(path, old)
    loaded = store.load()
    assert (loaded.theme, loaded.voice_rate, loaded.avoided) == ("dark", 170, ["neck"])
    assert loaded.version == 3
    assert store.problems == []
    assert json.loads((tmp_path / "settings.json.v1.bak").read_text()) == old
    steps = [line for line in caplog.messages if "upgrade_to_v" in line]
    assert steps == [
        "settings upgrade upgrade_to_v2: colour is called theme.",
        "settings upgrade upgrade_to_v3: Speaking rates are words a minute, no longer a "
        "percent of 170.",
    ]
    assert store.save(loaded)
    assert json.loads(path.read_text())["version"] == 3


def test_a_file_one_version_behind_runs_only_the_last_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_upgrades, "UPGRADES", [upgrade_to_v2, upgrade_to_v3])
    path = tmp_path / "settings.json"
    loaded = written(path, {"version": 2, "colour": "dark", "voice_rate": 100}).load()
    assert (loaded.theme, loaded.voice_rate) == ("system", 170)
    assert (tmp_path / "settings.json.v2.bak").exists()


def test_a_step_that_fails_is_reported_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def upgrade_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        """Breaks on this file."""
        data["theme"] = "half-done"
        return {"tools": data["tools"].split(",")}

    monkeypatch.setattr(settings_upgrades, "UPGRADES", [upgrade_to_v2])
    path = tmp_path / "settings.json"
    store = written(path, {"version": 1, "theme": "dark", "tools": 3})
    assert store.load().theme == "dark"
    assert "upgrade_to_v2" in store.problems[0]
    assert json.loads((tmp_path / "settings.json.v1.bak").read_text())["tools"] == 3


# A file from a newer version -----------------------------------------------------------


def test_a_newer_file_keeps_its_version_and_what_this_version_does_not_know(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    path = tmp_path / "settings.json"
    newer = {
        "version": 5,
        "theme": "light",
        "cue_level": "chatty",  # a choice the newer version added
        "avoided": ["neck-left"],
        "plan": {"days": ["mon", "thu"]},
        "voice_rate": 150,
    }
    store = written(path, newer)
    loaded = store.load()
    assert (loaded.theme, loaded.cue_level, loaded.avoided) == ("light", "full", ["neck-left"])
    assert "version 5" in caplog.text and "plan" in caplog.text
    loaded.voice_rate = 200  # this version saves a change of its own
    loaded.avoided.append("calves-right")
    assert store.save(loaded)
    saved = json.loads(path.read_text())
    assert saved["version"] == 5
    assert saved["plan"] == {"days": ["mon", "thu"]}
    assert saved["cue_level"] == "chatty"  # left alone here, so the newer value stays
    assert (saved["voice_rate"], saved["avoided"]) == (200, ["neck-left", "calves-right"])
    assert "saved as version 5" in caplog.text


def test_a_value_changed_here_replaces_the_newer_one_it_could_not_use(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store = written(
        path, {"version": 5, "cue_level": "chatty", "routine_tools": ["hands", {"gun": 2}]}
    )
    loaded = store.load()
    assert loaded.routine_tools == ["hands"]
    loaded.cue_level = "minimal"
    loaded.routine_tools.append("foam-roller")  # changed in place, as a list may be
    assert store.save(loaded)
    saved = json.loads(path.read_text())
    assert (saved["cue_level"], saved["routine_tools"]) == ("minimal", ["hands", "foam-roller"])


def test_a_file_of_this_version_is_written_as_this_version(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    store = written(path, {"version": 1, "cue_level": "chatty"})
    assert store.save(store.load())
    assert json.loads(path.read_text()) == {**dataclasses.asdict(Settings()), "version": 1}


# Any file ------------------------------------------------------------------------------

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and Infinity too: Python's json reads them
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
_field_names = st.sampled_from([*FIELDS, "version", "other"])


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
    # What was loaded is usable as it is, and saves and loads again unchanged.
    assert read_settings(dataclasses.asdict(loaded)).reset == {}
    assert store.save(loaded)
    assert SettingsStore(path).load() == loaded
    for kept in tmp_path.glob("settings.json*"):  # the next example starts clean
        kept.unlink()


@settings(max_examples=150, deadline=None)
@given(document=st.dictionaries(_field_names, _json, max_size=8))
def test_each_value_is_read_as_if_it_were_alone(document: dict[str, Any]) -> None:
    together = read_settings(document).settings
    for name in FIELDS.keys() & document.keys():
        alone = read_settings({name: document[name]}).settings
        assert getattr(together, name) == getattr(alone, name), name
