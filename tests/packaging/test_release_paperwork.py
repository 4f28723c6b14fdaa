"""The release paperwork: the version agrees everywhere, and the bump script moves it
forward in the package, the installer, the AppStream release list and the changelog."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import selfmassage

ROOT = Path(__file__).resolve().parents[2]
_SPEC = importlib.util.spec_from_file_location("bump_version", ROOT / "scripts" / "bump_version.py")
assert _SPEC is not None and _SPEC.loader is not None
bump_version: Any = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("bump_version", bump_version)  # its dataclass looks itself up there
_SPEC.loader.exec_module(bump_version)

FILES = [
    bump_version.PACKAGE,
    bump_version.INSTALLER,
    bump_version.METAINFO,
    bump_version.CHANGELOG,
]
DAY = dt.date(2027, 1, 15)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The four files of this checkout, copied where the script may change them."""
    for relative in FILES:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, tmp_path / relative)
    return tmp_path


def read(root: Path, relative: Path) -> str:
    return (root / relative).read_text(encoding="utf-8")


def with_unreleased(root: Path, lines: str) -> None:
    changelog = root / bump_version.CHANGELOG
    text = changelog.read_text(encoding="utf-8")
    start = text.index("## [Unreleased]")
    end = text.index("\n## [", start + 1)
    changelog.write_text(text[:start] + "## [Unreleased]\n\n" + lines + text[end:], "utf-8")


def test_the_package_the_appstream_file_and_the_changelog_agree() -> None:
    assert bump_version.check(ROOT) == []
    releases = bump_version.appstream_releases(read(ROOT, bump_version.METAINFO))
    assert releases[0][0] == selfmassage.__version__


def test_the_changelog_keeps_a_changelog() -> None:
    sections = bump_version.changelog_sections(read(ROOT, bump_version.CHANGELOG))
    assert sections[0].version == "Unreleased"
    assert [s.version for s in sections][-1] == "0.1.0", "it starts from 0.1.0"
    for section in sections[1:]:
        bump_version.parse_version(section.version)
        assert section.date is not None, f"{section.version} has its date"
        assert bump_version.entries(section.body), f"{section.version} says what it holds"
    versions = [bump_version.parse_version(s.version) for s in sections[1:]]
    assert versions == sorted(versions, reverse=True), "newest first"


def test_a_bump_moves_every_file_to_the_new_version(copy: Path) -> None:
    with_unreleased(
        copy,
        "### Added\n\n- A **bold** step with `code` and a [link](https://x.test) & more\n"
        "  that wraps.\n\n### Fixed\n\n- Another <thing>.\n\n",
    )
    bump_version.bump("0.2.0", DAY, copy)
    assert bump_version.check(copy) == []
    assert '__version__ = "0.2.0"' in read(copy, bump_version.PACKAGE)
    assert '#define AppVersion "0.2.0"' in read(copy, bump_version.INSTALLER)

    sections = bump_version.changelog_sections(read(copy, bump_version.CHANGELOG))
    assert [(s.version, s.date) for s in sections][:3] == [
        ("Unreleased", None),
        ("0.2.0", "2027-01-15"),
        ("0.1.0", "2026-11-27"),
    ]
    assert bump_version.entries(sections[0].body) == []
    assert bump_version.entries(sections[1].body) == [
        "A **bold** step with `code` and a [link](https://x.test) & more that wraps.",
        "Another <thing>.",
    ]

    root = ET.fromstring(read(copy, bump_version.METAINFO))
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == "0.2.0"
    assert newest.get("date") == "2027-01-15"
    notes = [li.text for li in newest.iterfind("description/ul/li")]
    assert notes == ["A bold step with code and a link & more that wraps.", "Another <thing>."]
    assert read(copy, bump_version.METAINFO).count("<!--") == 1, "the file's comment stays"


@pytest.mark.parametrize(
    ("version", "reason"),
    [
        ("0.1.0", "not newer"),
        ("0.0.9", "not newer"),
        ("1.0", "not a version"),
        ("v1.0.0", "not a version"),
    ],
)
def test_a_version_that_is_not_newer_or_not_a_version_is_refused(
    copy: Path, version: str, reason: str
) -> None:
    before = {relative: read(copy, relative) for relative in FILES}
    with pytest.raises(bump_version.BumpError, match=reason):
        bump_version.bump(version, DAY, copy)
    assert {relative: read(copy, relative) for relative in FILES} == before


def test_a_release_with_nothing_under_unreleased_is_refused(copy: Path) -> None:
    with_unreleased(copy, "")
    before = read(copy, bump_version.CHANGELOG)
    with pytest.raises(bump_version.BumpError, match="says nothing under"):
        bump_version.bump("0.2.0", DAY, copy)
    assert read(copy, bump_version.CHANGELOG) == before
    assert '__version__ = "0.1.0"' in read(copy, bump_version.PACKAGE)


def test_files_that_disagree_are_named_and_not_bumped(copy: Path) -> None:
    package = copy / bump_version.PACKAGE
    package.write_text(read(copy, bump_version.PACKAGE).replace("0.1.0", "0.1.1"), "utf-8")
    problems = bump_version.check(copy)
    assert any("newest release is 0.1.0, the package is 0.1.1" in p for p in problems)
    assert any("selfmassage.iss: 0.1.0, the package is 0.1.1" in p for p in problems)
    with pytest.raises(bump_version.BumpError, match="disagree already"):
        bump_version.bump("0.2.0", DAY, copy)


def test_the_appstream_list_must_hold_the_same_releases(copy: Path) -> None:
    metainfo = copy / bump_version.METAINFO
    metainfo.write_text(read(copy, bump_version.METAINFO).replace("2026-11-27", "2026-11-28"))
    assert len(bump_version.check(copy)) == 1


@pytest.mark.slow
def test_the_script_runs_from_the_command_line(copy: Path) -> None:
    script = [sys.executable, str(ROOT / "scripts" / "bump_version.py"), "--root", str(copy)]
    assert subprocess.run([*script, "--check"], check=False).returncode == 0
    refused = subprocess.run([*script, "0.0.1"], capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert refused.stderr == "bump_version: 0.0.1 is not newer than the current 0.1.0\n"
    done = subprocess.run(
        [*script, "0.1.1", "--date", "2027-02-01"], capture_output=True, text=True, check=True
    )
    assert "0.1.1:" in done.stdout and "git tag v0.1.1" in done.stdout
    assert subprocess.run([*script, "--check"], check=False).returncode == 0
