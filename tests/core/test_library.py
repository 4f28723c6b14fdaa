"""The routine library and the built-in routines it ships."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfmassage.cli import main
from selfmassage.core.anatomy import region
from selfmassage.core.catalog import DOSE_MAX_SECONDS, DOSE_MIN_SECONDS, load_catalog
from selfmassage.core.library import (
    ImportRefusedError,
    Library,
    LibraryError,
    Origin,
    builtin_routines_dir,
    slug,
)
from selfmassage.core.paths import AppPaths
from selfmassage.core.routine import Routine, Step
from selfmassage.core.routine_file import dump_routine, read_routine

BUILTIN_FILES = sorted(builtin_routines_dir().glob("*.smroutine"))


@pytest.fixture
def library(paths: AppPaths) -> Library:
    return Library(paths.routines_dir)


def routine_file(folder: Path, name: str, title: str = "Mine", **extra: object) -> Path:
    path = folder / name
    document = json.loads(dump_routine(Routine(title, (Step("calves", 60, name="Calf"),))))
    document.update(extra)
    path.write_text(json.dumps(document))
    return path


# The built-in routines -----------------------------------------------------------------


def test_at_least_eight_builtins_ship() -> None:
    assert len(BUILTIN_FILES) >= 8


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_each_builtin_passes_routine_check(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routine", "check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_each_builtin_is_well_made(path: Path) -> None:
    routine = read_routine(path).routine
    assert routine is not None
    assert routine.description and routine.author and routine.language == "en"
    # Written by the app's own writer: the file is exactly what dump_routine makes.
    assert path.read_bytes() == dump_routine(routine)
    catalog = load_catalog()
    for step in routine.steps:
        if step.breathing is not None:  # a minute or more of breathing, said in its words
            assert step.name and step.instructions and 60 <= step.seconds <= 600
            continue
        assert DOSE_MIN_SECONDS <= step.seconds <= DOSE_MAX_SECONDS, step.name
        assert step.name and step.instructions and step.pressure is not None
        assert step.technique is not None
        technique = catalog.get(step.technique)
        assert technique is not None, f"{step.technique} is not in the catalog"
        assert step.region in technique.regions and step.tool is technique.tool
        assert technique.min_seconds <= step.seconds <= technique.max_seconds
        assert (step.side is not None) == region(step.region).sided


def test_builtin_titles_are_distinct() -> None:
    titles = [read_routine(path).routine.title for path in BUILTIN_FILES]  # type: ignore[union-attr]
    assert len(set(titles)) == len(titles)


# Listing -------------------------------------------------------------------------------


def test_lists_builtins_then_mine(library: Library, paths: AppPaths) -> None:
    paths.routines_dir.mkdir(parents=True)
    routine_file(paths.routines_dir, "b.smroutine", "Zebra stretch")
    routine_file(paths.routines_dir, "a.smroutine", "apple")
    (paths.routines_dir / "notes.txt").write_text("not a routine")
    entries = library.entries()
    builtins = [e for e in entries if e.origin is Origin.BUILT_IN]
    mine = [e for e in entries if e.origin is Origin.MINE]
    assert len(builtins) == len(BUILTIN_FILES)
    assert entries == builtins + mine
    assert [e.title for e in mine] == ["apple", "Zebra stretch"]
    assert [e.title for e in builtins] == sorted((e.title for e in builtins), key=str.casefold)
    entry = mine[0]
    assert entry.step_count == 1 and entry.total_seconds() == 10 + 125 and not entry.built_in


def test_no_folder_yet_means_no_routines_of_mine(library: Library) -> None:
    assert library.user_entries() == []


def test_a_broken_file_of_mine_is_listed_with_its_errors(library: Library, paths: AppPaths) -> None:
    paths.routines_dir.mkdir(parents=True)
    (paths.routines_dir / "broken.smroutine").write_text("{")
    (entry,) = library.user_entries()
    assert not entry.ok and entry.routine is None
    assert entry.title == "broken" and entry.step_count == 0
    assert entry.result.errors[0].path == "$"


# Changing ------------------------------------------------------------------------------


def test_save_then_resave_over_the_same_file(library: Library) -> None:
    entry = library.save(Routine("Morning legs", (Step("quads", 60),)))
    assert entry.path.name == "morning-legs.smroutine" and entry.origin is Origin.MINE
    again = library.save(Routine("Morning legs, longer", (Step("quads", 90),)), entry.path)
    assert again.path == entry.path
    assert read_routine(entry.path).routine.title == "Morning legs, longer"  # type: ignore[union-attr]
    other = library.save(Routine("Morning legs", (Step("quads", 60),)))
    assert other.path.name == "morning-legs-2.smroutine"


def test_save_never_writes_over_a_builtin(library: Library) -> None:
    with pytest.raises(LibraryError, match="duplicate it first"):
        library.save(Routine("X", (Step("neck", 30),)), BUILTIN_FILES[0])


def test_duplicate_a_builtin(library: Library) -> None:
    builtin = library.builtin_entries()[0]
    copy = library.duplicate(builtin)
    assert copy.origin is Origin.MINE
    assert copy.title == f"{builtin.title} (copy)"
    assert copy.routine is not None and builtin.routine is not None
    assert copy.routine.steps == builtin.routine.steps
    assert copy in library.user_entries()
    assert library.duplicate(copy).title == f"{builtin.title} (copy) (copy)"


def test_duplicate_keeps_the_title_within_the_limit(library: Library) -> None:
    long = library.save(Routine("x" * 120, (Step("neck", 30),)))
    copy = library.duplicate(long)
    assert len(copy.title) == 120 and copy.title.endswith(" (copy)")
    assert read_routine(copy.path).ok


def test_delete_mine_but_never_a_builtin(library: Library) -> None:
    entry = library.save(Routine("Gone soon", (Step("neck", 30),)))
    library.delete(entry)
    assert not entry.path.exists()
    library.delete(entry)  # already gone: nothing to do
    builtin = library.builtin_entries()[0]
    with pytest.raises(LibraryError, match="Built-in routines cannot be deleted"):
        library.delete(builtin)
    assert builtin.path.exists()


def test_import_copies_the_checked_bytes_in(library: Library, tmp_path: Path) -> None:
    source = routine_file(tmp_path, "From My Physio.smroutine", "Physio plan", future_key=1)
    entry = library.import_file(source)
    assert entry.origin is Origin.MINE
    assert entry.path.parent == library.user_dir
    assert entry.path.name == "from-my-physio.smroutine"
    assert entry.path.read_bytes() == source.read_bytes()
    assert [w.path for w in entry.result.warnings] == ["$.future_key"]
    assert source.exists()


def test_import_the_same_file_twice_keeps_one_copy(library: Library, tmp_path: Path) -> None:
    source = routine_file(tmp_path, "plan.smroutine", "Plan")
    first = library.import_file(source)
    second = library.import_file(source)
    assert first.path == second.path
    assert len(library.user_entries()) == 1
    assert library.import_file(first.path).path == first.path


def test_import_a_different_file_of_the_same_name(library: Library, tmp_path: Path) -> None:
    one = routine_file(tmp_path, "plan.smroutine", "Plan one")
    (tmp_path / "b").mkdir()
    two = routine_file(tmp_path / "b", "plan.smroutine", "Plan two")
    assert library.import_file(one).path.name == "plan.smroutine"
    assert library.import_file(two).path.name == "plan-2.smroutine"


def test_import_refuses_a_bad_file_and_changes_nothing(library: Library, tmp_path: Path) -> None:
    bad = routine_file(tmp_path, "bad.smroutine", "Bad", version=3)
    before = bad.read_bytes()
    with pytest.raises(ImportRefusedError) as info:
        library.import_file(bad)
    assert info.value.errors[0].path == "$.version"
    assert "bad.smroutine cannot be opened" in str(info.value)
    assert "newer version" in str(info.value)
    assert bad.read_bytes() == before
    assert library.user_entries() == []


def test_import_refuses_missing_files_and_folders(library: Library, tmp_path: Path) -> None:
    with pytest.raises(ImportRefusedError, match="cannot read it"):
        library.import_file(tmp_path / "nope.smroutine")
    with pytest.raises(ImportRefusedError, match="folder"):
        library.import_file(tmp_path)


def test_import_refuses_a_huge_file(library: Library, tmp_path: Path) -> None:
    huge = tmp_path / "huge.smroutine"
    huge.write_bytes(b" " * 3_000_000)
    with pytest.raises(ImportRefusedError, match="too large"):
        library.import_file(huge)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Post-run legs", "post-run-legs"),
        ("Wadenmassage für Läufer", "wadenmassage-fur-laufer"),
        ("../../etc/passwd", "etc-passwd"),
        ("🙂", ""),
        ("a" * 100, "a" * 60),
    ],
)
def test_slug_makes_safe_file_names(title: str, expected: str) -> None:
    assert slug(title) == expected


def test_a_title_without_letters_still_gets_a_file(library: Library) -> None:
    entry = library.save(Routine("🙂", (Step("neck", 30),)))
    assert entry.path.name == "routine.smroutine"


def test_save_refuses_a_routine_it_could_not_read_back(library: Library) -> None:
    with pytest.raises(LibraryError, match="Step 1, seconds: must be from 5 to 1800, not 2"):
        library.save(Routine("Too short", (Step("neck", 2),)))
    assert library.user_entries() == []


def test_save_reports_a_full_disk_plainly(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("selfmassage.core.atomic.os.fsync", disk_full)
    with pytest.raises(LibraryError, match=r"Could not save .*No space left on device"):
        library.save(Routine("Legs", (Step("quads", 60),)))
    assert library.user_entries() == []


@pytest.mark.parametrize("title", ["Con", "AUX", "nul"])
def test_a_routine_called_like_a_windows_device_is_saved_under_another_name(
    library: Library, title: str
) -> None:
    # On Windows, con.smroutine would be the console, not a file.
    entry = library.save(Routine(title, (Step("neck", 30),)))
    assert entry.path.name == f"{title.lower()}-routine.smroutine"
    assert read_routine(entry.path).routine is not None


def test_a_plan_someone_wrote_is_prescribed_and_says_its_tools(tmp_path: Path) -> None:
    from selfmassage.core.routine import Routine, Schedule, Step, Tool
    from selfmassage.core.routine_file import write_routine

    user = tmp_path / "mine"
    user.mkdir()
    write_routine(
        user / "plan.smroutine",
        Routine(
            "Plan",
            (Step("calves", 30, tool=Tool.FOAM_ROLLER), Step("neck", 30)),
            author="A. Physio",
            schedule=Schedule(3),
        ),
    )
    write_routine(user / "own.smroutine", Routine("Own", (Step("neck", 30),)))
    kinds = {e.title: (e.kind, e.tools) for e in Library(user, tmp_path / "none").entries()}
    assert kinds == {
        "Plan": ("Prescribed", ["Foam roller", "Hands"]),
        "Own": ("Mine", ["Hands"]),
    }
