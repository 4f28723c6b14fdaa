"""The format specs in docs/formats are the project's own: they agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfmassage.core import history, history_export, report_file, routine_file, settings
from selfmassage.core.anatomy import REGIONS

FORMATS = Path(__file__).parents[1] / "docs" / "formats"


def _table(text: str, heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``heading``, cells stripped."""
    lines = text.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows: list[list[str]] = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        if not set(line) <= set("|- "):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[1:]  # without the header


def test_the_routine_file_examples_are_good_routine_files() -> None:
    spec = (FORMATS / "routine-file.md").read_text(encoding="utf-8")
    examples = [part.split("```", 1)[0] for part in spec.split("```json\n")[1:]]
    assert len(examples) == 2
    for example in examples:
        result = routine_file.parse_routine(example.encode())
        assert result.routine is not None, result.errors
        assert not result.warnings
        # Each is written in the version it shows: the lowest that holds it.
        assert routine_file.dump_routine(result.routine).count(b'"version": ') == 1
        version = routine_file.routine_document(result.routine)["version"]
        assert f'"version": {version},' in example


def test_the_routine_file_spec_names_every_region_as_the_app_does() -> None:
    spec = (FORMATS / "routine-file.md").read_text(encoding="utf-8")
    rows = _table(spec, "## Regions")
    assert [(row[0].strip("`"), row[1], row[2] == "yes") for row in rows] == [
        (region.id, region.name, region.sided) for region in REGIONS
    ]


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Routine file", routine_file.VERSION),
        ("Adherence report", report_file.VERSION),
        ("History export", history_export.EXPORT_VERSION),
        ("History database", history.SCHEMA_VERSION),
        ("Settings", settings.SETTINGS_VERSION),
    ],
)
def test_the_formats_readme_names_the_versions_the_app_writes(name: str, written: int) -> None:
    readme = (FORMATS / "README.md").read_text(encoding="utf-8")
    row = next(row for row in _table(readme, "# The app's file formats") if row[0].startswith(name))
    assert re.fullmatch(rf"(schema )?{written}", row[2]), (
        f"docs/formats/README.md says {name} is version {row[2]!r}; the app writes {written}"
    )
