"""The translators' tool: find every text to translate, keep the catalogues in step, and
compile them.

    python tools/translations.py extract   # po/selfmassage.pot from the code and content
    python tools/translations.py update    # each po/<language>.po brought up to the .pot
    python tools/translations.py compile   # po/*.po -> src/selfmassage/locale/*/LC_MESSAGES
    python tools/translations.py check     # what is missing, stale or mismatched
    python tools/translations.py part NAME PATH...   # po/parts/NAME.<language>.po alone
    python tools/translations.py check-part NAME     # what is left in those
    python tools/translations.py merge LANGUAGE PART.po...  # parts into po/<language>.po

Texts come from two places: the code (``_``, ``ngettext``, ``pgettext``, ``npgettext``,
``N_``) and the content in assets/ (the technique catalog, the pictures' words, the
built-in routines), whose texts carry the context "content". An entry the code or
content no longer has is stale; ``update`` marks a changed one fuzzy, which ``check``
counts as not translated.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "po"
TEMPLATE = PO / "selfmassage.pot"
SOURCE = ROOT / "src" / "selfmassage"
LOCALE = SOURCE / "locale"
ASSETS = ROOT / "assets"
LANGUAGES = ("de", "fr", "es")
DOMAIN = "selfmassage"
CONTENT = "content"
"""The context of every text from assets/."""

KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}

_TECHNIQUE_TEXTS = ("name", "instructions", "start", "boundary")
_TECHNIQUE_LISTS = ("prompts", "cautions")
_PICTURE_TEXTS = ("position", "place", "holder")
_ROUTINE_TEXTS = ("title", "description")
_STEP_TEXTS = ("name", "instructions", "start")


# What to translate ---------------------------------------------------------------------


CodeText = tuple[str | tuple[str, ...], str | None, str, list[str]]


def code_texts(source: Path = SOURCE) -> Iterator[CodeText]:
    """(msgid or (singular, plural), context, where, translators' comments) of every
    marked text in the code under ``source`` (a folder or one file)."""
    folder = source if source.is_dir() else source.parent
    pattern = "**.py" if source.is_dir() else source.name
    for filename, lineno, message, comments, context in extract_from_dir(
        str(folder),
        method_map=[(pattern, "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    ):
        where = (folder / filename).relative_to(ROOT)
        yield message, context, f"{where}:{lineno}", comments


def content_texts(assets: Path = ASSETS) -> Iterator[tuple[str, str]]:
    """(text, where) of every text in the content the app ships."""
    catalog = json.loads((assets / "catalog" / "techniques.json").read_text("utf-8"))
    for text in catalog.get("general_cautions", []):
        yield text, "assets/catalog/techniques.json:general_cautions"
    for technique in catalog["techniques"]:
        where = f"assets/catalog/techniques.json:{technique['id']}"
        for key in _TECHNIQUE_TEXTS:
            if technique.get(key):
                yield technique[key], where
        for key in _TECHNIQUE_LISTS:
            for text in technique.get(key) or []:
                yield text, where
    pictures = json.loads((assets / "catalog" / "illustrations.json").read_text("utf-8"))
    for technique_id, picture in pictures["techniques"].items():
        for key in _PICTURE_TEXTS:
            if picture.get(key):
                yield picture[key], f"assets/catalog/illustrations.json:{technique_id}"
    for path in sorted((assets / "routines").glob("*.smroutine")):
        routine = json.loads(path.read_text("utf-8"))
        where = f"assets/routines/{path.name}"
        for key in _ROUTINE_TEXTS:
            if routine.get(key):
                yield routine[key], where
        for step in routine.get("steps", []):
            for key in _STEP_TEXTS:
                if step.get(key):
                    yield step[key], where
            for cue in step.get("cues") or []:
                if cue.get("say"):
                    yield cue["say"], where
            for text in step.get("prompts") or []:
                yield text, where


def _new_catalog(language: str | None = None) -> Catalog:
    return Catalog(
        locale=language,
        domain=DOMAIN,
        project="SelfMassage",
        copyright_holder="The SelfMassage developers",
        charset="utf-8",
        fuzzy=False,
        header_comment="# Texts of SelfMassage, the guided self-massage app.\n"
        "# This file is distributed under the same license as SelfMassage (MIT).",
    )


def template(sources: Iterable[Path] = (SOURCE,), content: bool = True) -> Catalog:
    catalog = _new_catalog()
    for source in sources:
        for message, context, where, comments in code_texts(source):
            path, line = where.rsplit(":", 1)
            known = catalog.get(message, context)
            if known is not None:
                known.locations.append((path, int(line)))
                known.auto_comments.extend(c for c in comments if c not in known.auto_comments)
            else:
                catalog.add(
                    message,
                    locations=[(path, int(line))],
                    context=context,
                    auto_comments=comments,
                )
    for text, where in content_texts() if content else ():
        existing = catalog.get(text, CONTENT)
        if existing is not None:
            existing.locations.append((where, 0))
        else:
            catalog.add(text, locations=[(where, 0)], context=CONTENT)
    return catalog


# The catalogues --------------------------------------------------------------------------


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=88, sort_output=False, omit_header=False)
    path.write_bytes(buffer.getvalue())


def extract() -> Path:
    PO.mkdir(exist_ok=True)
    write(template(), TEMPLATE)
    return TEMPLATE


def update() -> None:
    fresh = template()
    for language in LANGUAGES:
        path = PO / f"{language}.po"
        catalog = read(path) if path.exists() else _new_catalog(language)
        catalog.update(fresh, update_header_comment=False)
        write(catalog, path)


def part(name: str, paths: list[str]) -> list[Path]:
    """A part of the texts to translate on its own: ``po/parts/NAME.<language>.po`` for
    the texts of ``paths`` (files or folders under src/selfmassage, or the word
    "content" for assets/), kept up to date like the whole catalogues."""
    folder = PO / "parts"
    folder.mkdir(parents=True, exist_ok=True)
    sources = [SOURCE / p for p in paths if p != "content"]
    fresh = template(sources, content="content" in paths)
    made = []
    for language in LANGUAGES:
        path = folder / f"{name}.{language}.po"
        catalog = read(path) if path.exists() else _new_catalog(language)
        catalog.update(fresh, update_header_comment=False, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        write(catalog, path)
        made.append(path)
    return made


def compile_all(out: Path = LOCALE, *, force: bool = True) -> list[Path]:
    """Compile each language's catalogue; fuzzy entries are left out (English shows).
    Without ``force``, a catalogue compiled after its .po was last changed is kept."""
    made = []
    for language in LANGUAGES:
        source = PO / f"{language}.po"
        if not source.exists():
            continue
        target = out / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        made.append(target)
        if not force and target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_mo(buffer, read(source), use_fuzzy=False)
        target.write_bytes(buffer.getvalue())
    return made


def merge(parts: Iterable[Path], language: str) -> None:
    """Fold translated part files into ``po/<language>.po`` (a part's translation wins
    over an empty one, never over one already there)."""
    path = PO / f"{language}.po"
    catalog = read(path)
    for part in parts:
        for message in read(part):
            if not message.id or not message.string:
                continue
            mine = catalog.get(message.id, message.context)
            if mine is None:
                continue
            if not _filled(mine.string):
                mine.string = message.string
                mine.flags.discard("fuzzy")
    write(catalog, path)


# What is wrong -----------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(?\w*\)?[sdr]")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _filled(string: str | tuple[str, ...] | None) -> bool:
    if isinstance(string, tuple):
        return bool(string) and all(part.strip() for part in string)
    return bool(string and string.strip())


def problems(language: str, fresh: Catalog | None = None) -> list[str]:
    """Every missing, stale, fuzzy or mismatched entry of one language's catalogue."""
    fresh = template() if fresh is None else fresh
    path = PO / f"{language}.po"
    if not path.exists():
        return [f"{language}: po/{language}.po is missing"]
    catalog = read(path)
    found: list[str] = []
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in fresh if m.id}
    for message in fresh:
        if not message.id:
            continue
        mine = catalog.get(message.id, message.context)
        key = message.id if isinstance(message.id, str) else message.id[0]
        if mine is None:
            found.append(f"{language}: missing: {key!r}")
        elif not _filled(mine.string) or mine.fuzzy:
            found.append(f"{language}: not translated: {key!r}")
    terms = glossary(language)
    for mine in catalog:
        if not mine.id:
            continue
        key = mine.id if isinstance(mine.id, str) else mine.id[0]
        if (key, mine.context) not in wanted:
            found.append(f"{language}: stale (no longer in the code or content): {key!r}")
            continue
        found.extend(f"{language}: {problem}" for problem in mismatches(mine))
        found.extend(f"{language}: {problem}" for problem in off_glossary(mine, terms))
    return found


Terms = list[tuple[str, re.Pattern[str], tuple[str, ...]]]


def glossary(language: str) -> Terms:
    """(the English term, it as a word, the forms a translation may use) of a language."""
    terms = []
    for line in (PO / "glossary" / f"{language}.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, forms = line.split("\t")
        pattern = re.compile(rf"\b{re.escape(english)}\b", re.IGNORECASE)
        terms.append((english, pattern, tuple(f.casefold() for f in forms.split("|"))))
    return terms


def off_glossary(message: Message, terms: Terms) -> list[str]:
    """A translation that leaves out the glossary's word for a term its English has (a
    term inside a longer one, "shoulder" in "shoulder blade", is the longer one's)."""
    if not _filled(message.string):
        return []
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    found = []
    for english, pattern, forms in terms:
        longer = [p for e, p, _f in terms if e != english and english.casefold() in e.casefold()]
        texts = [PLACEHOLDER.sub(" ", text) for text in ids]  # "{routines}" is no word
        for other in longer:
            texts = [other.sub(" ", text) for text in texts]
        used = any(pattern.search(text) for text in texts)
        if used and not any(form in s.casefold() for s in strings for form in forms):
            found.append(f"glossary: {english!r} should be one of {'|'.join(forms)} in {ids[0]!r}")
    return found


def part_problems(name: str) -> list[str]:
    """What is left to do in the part files ``po/parts/NAME.<language>.po``."""
    found = []
    for language in LANGUAGES:
        terms = glossary(language)
        for message in read(PO / "parts" / f"{name}.{language}.po"):
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            if not _filled(message.string) or message.fuzzy:
                found.append(f"{language}: not translated: {key!r}")
                continue
            found.extend(f"{language}: {p}" for p in mismatches(message))
            found.extend(f"{language}: {p}" for p in off_glossary(message, terms))
    return found


def mismatches(message: Message) -> list[str]:
    """A translation whose placeholders differ from the English text's."""
    if not _filled(message.string):
        return []
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    expected = placeholders(ids[-1])
    singular = placeholders(ids[0])
    found = []
    for index, string in enumerate(strings):
        got = placeholders(string)
        # A language's singular form may name the number in words ("one"), as English's
        # may; every other form keeps the plural's placeholders.
        allowed = [expected, singular] if len(ids) > 1 else [expected]
        if got not in allowed and not (len(ids) > 1 and set(got) <= set(expected)):
            found.append(f"placeholders differ in form {index}: {ids[0]!r}: {expected} != {got}")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "extract":
        print(extract())
    elif command == "update":
        update()
    elif command == "compile":
        for path in compile_all(force="--if-changed" not in argv):
            print(path)
    elif command == "check":
        fresh = template()
        found = [p for language in LANGUAGES for p in problems(language, fresh)]
        print("\n".join(found) or "every catalogue is complete")
        return 1 if found else 0
    elif command == "part" and len(argv) > 3:
        for path in part(argv[2], argv[3:]):
            print(path)
    elif command == "check-part" and len(argv) > 2:
        found = part_problems(argv[2])
        print("\n".join(found) or f"po/parts/{argv[2]}.*.po are complete")
        return 1 if found else 0
    elif command == "merge" and len(argv) > 3:
        merge([Path(p) for p in argv[3:]], argv[2])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
