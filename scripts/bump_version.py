"""Make a release's version: the package, the AppStream release list, the changelog.

    python scripts/bump_version.py 0.2.0 [--date 2027-01-15]
    python scripts/bump_version.py --check

The changelog's Unreleased section becomes the new version's section (a new, empty
Unreleased goes above it), its entries become the AppStream release notes, and the
version is written into src/selfmassage/__init__.py and the Windows installer script's
default. --check says whether the four agree, as a test does on every run. Nothing is
written unless every file can be changed. CONTRIBUTING.md describes the whole release.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path("src/selfmassage/__init__.py")
METAINFO = Path("packaging/linux/org.selfmassage.SelfMassage.metainfo.xml")
CHANGELOG = Path("CHANGELOG.md")
INSTALLER = Path("packaging/windows/selfmassage.iss")

VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_PACKAGE_LINE = re.compile(r'^__version__ = "([^"]*)"$', re.MULTILINE)
_INSTALLER_LINE = re.compile(r'^(  #define AppVersion )"([^"]*)"$', re.MULTILINE)
_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?[ \t]*$")
UNRELEASED = "Unreleased"


class BumpError(Exception):
    """Why the version cannot be made; nothing has been written."""


@dataclass(frozen=True)
class Section:
    version: str
    date: str | None
    start: int
    """Index of the heading line in the changelog's lines."""
    body: list[str]


def parse_version(text: str) -> tuple[int, int, int]:
    match = VERSION.match(text)
    if match is None:
        raise BumpError(f"{text!r} is not a version like 1.2.3")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def changelog_sections(text: str) -> list[Section]:
    lines = text.splitlines()
    headings = [(i, _HEADING.match(line)) for i, line in enumerate(lines)]
    found = [(i, m) for i, m in headings if m is not None]
    sections = []
    for number, (index, match) in enumerate(found):
        end = found[number + 1][0] if number + 1 < len(found) else len(lines)
        body = lines[index + 1 : end]
        sections.append(Section(match["version"], match["date"], index, body))
    return sections


def entries(body: list[str]) -> list[str]:
    """The changelog's items in a section, one string each (wrapped lines joined)."""
    items: list[str] = []
    for line in body:
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif line.startswith("  ") and line.strip() and items:
            items[-1] += " " + line.strip()
    return items


def plain(markdown: str) -> str:
    """An item's text without Markdown: links keep their words, code its characters."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)
    return text.replace("**", "").replace("`", "")


def appstream_releases(text: str) -> list[tuple[str, str]]:
    """(version, date) of each release in the AppStream file, in its order."""
    root = ET.fromstring(text)
    return [
        (release.get("version", ""), release.get("date", ""))
        for release in root.iterfind("releases/release")
    ]


def check(root: Path = ROOT) -> list[str]:
    """Where the package, the installer, the AppStream file and the changelog disagree."""
    problems = []
    package = _PACKAGE_LINE.search((root / PACKAGE).read_text(encoding="utf-8"))
    version = package.group(1) if package else None
    if version is None:
        return [f"{PACKAGE}: no __version__ line"]
    installer = _INSTALLER_LINE.search((root / INSTALLER).read_text(encoding="utf-8"))
    if installer is None or installer.group(2) != version:
        found = installer.group(2) if installer else "no AppVersion default"
        problems.append(f"{INSTALLER}: {found}, the package is {version}")
    sections = changelog_sections((root / CHANGELOG).read_text(encoding="utf-8"))
    if not sections or sections[0].version != UNRELEASED:
        problems.append(f"{CHANGELOG}: the first section is not [{UNRELEASED}]")
    released = [(s.version, s.date or "") for s in sections if s.version != UNRELEASED]
    if not released or released[0][0] != version:
        newest = released[0][0] if released else "no release"
        problems.append(f"{CHANGELOG}: the newest release is {newest}, the package is {version}")
    releases = appstream_releases((root / METAINFO).read_text(encoding="utf-8"))
    if releases != released:
        problems.append(f"{METAINFO}: releases {releases} but {CHANGELOG} has {released}")
    return problems


def bump(version: str, day: dt.date, root: Path = ROOT) -> None:
    """Write ``version`` released on ``day`` into the four files, or raise BumpError."""
    new = parse_version(version)
    package_text = (root / PACKAGE).read_text(encoding="utf-8")
    current = _PACKAGE_LINE.search(package_text)
    if current is None:
        raise BumpError(f"{PACKAGE} has no __version__ line")
    if new <= parse_version(current.group(1)):
        raise BumpError(f"{version} is not newer than the current {current.group(1)}")
    problems = check(root)
    if problems:
        raise BumpError("the files disagree already:\n  " + "\n  ".join(problems))

    changelog_text = (root / CHANGELOG).read_text(encoding="utf-8")
    unreleased = changelog_sections(changelog_text)[0]
    items = entries(unreleased.body)
    if not items:
        raise BumpError(f"{CHANGELOG} says nothing under [{UNRELEASED}]: what is in {version}?")
    lines = changelog_text.splitlines()
    heading = f"## [{version}] - {day.isoformat()}"
    lines[unreleased.start : unreleased.start + 1] = [f"## [{UNRELEASED}]", "", heading]

    metainfo_text = (root / METAINFO).read_text(encoding="utf-8")
    if "<releases>\n" not in metainfo_text:
        raise BumpError(f"{METAINFO} has no <releases> list")
    notes = "\n".join(f"          <li>{escape(plain(item))}</li>" for item in items)
    release = (
        f'    <release version="{version}" date="{day.isoformat()}">\n'
        "      <description>\n"
        "        <ul>\n"
        f"{notes}\n"
        "        </ul>\n"
        "      </description>\n"
        "    </release>\n"
    )
    metainfo_text = metainfo_text.replace("<releases>\n", "<releases>\n" + release, 1)
    ET.fromstring(metainfo_text)  # still well-formed, or nothing is written

    installer_text = (root / INSTALLER).read_text(encoding="utf-8")
    writes = {
        PACKAGE: _PACKAGE_LINE.sub(f'__version__ = "{version}"', package_text, count=1),
        INSTALLER: _INSTALLER_LINE.sub(rf'\g<1>"{version}"', installer_text, count=1),
        CHANGELOG: "\n".join(lines) + "\n",
        METAINFO: metainfo_text,
    }
    for relative, text in writes.items():
        (root / relative).write_text(text, encoding="utf-8")
    leftover = check(root)
    if leftover:  # a bug of this script: say so rather than leave it unnoticed
        raise BumpError("written, but the files still disagree:\n  " + "\n  ".join(leftover))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version", nargs="?", help="the new version, like 0.2.0")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--check", action="store_true", help="only check that they agree")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.root)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if not args.version:
        parser.error("give the new version, or --check")
    try:
        bump(args.version, args.date, args.root)
    except BumpError as error:
        print(f"bump_version: {error}", file=sys.stderr)
        return 1
    print(f"{args.version}: {PACKAGE}, {INSTALLER}, {METAINFO} and {CHANGELOG} updated.")
    print(f'Next: git commit -am "Release {args.version}" && git tag v{args.version}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
