"""The languages the app speaks and shows, and the one way to translate a text.

Every text a person reads or hears goes through ``_`` (or ``ngettext``, ``pgettext``,
``npgettext``) at the moment it is shown, never at import: a module-level table marks
its texts with ``N_`` and translates them where they are used. The catalogues are
gettext's (``po/<language>.po`` in the source, compiled to
``selfmassage/locale/<language>/LC_MESSAGES/selfmassage.mo`` at build time).

Two languages can be in play at once: the app's own (menus, pages, messages), set once at
start, and a routine's, which may differ (a physiotherapist's file in German on an
English desktop). ``speaking(language)`` makes every text made inside it, on this thread,
come out in that language: the cues, the handout and the report of a routine are made
inside it. Plain Python: no Qt.
"""

from __future__ import annotations

import gettext
import math
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import selfmassage

DOMAIN = "selfmassage"
ENGLISH = "en"
TRANSLATED = ("de", "fr", "es")
"""The languages with a complete catalogue, besides English (the texts' own)."""
SUPPORTED = (ENGLISH, *TRANSLATED)
PSEUDO = "pseudo"
"""A made-up language for finding texts left untranslated and texts cut off: every text
bracketed and 40% longer. Chosen with SELFMASSAGE_LANGUAGE=pseudo."""

_app_language = ENGLISH
_spoken: ContextVar[str | None] = ContextVar("spoken", default=None)


# Which language -------------------------------------------------------------------------


def supported(tag: str | None) -> str | None:
    """The supported language a tag asks for: "de" for "de", "de-AT", "de_DE.UTF-8";
    None for a language the app does not have."""
    if not tag:
        return None
    base = re.split(r"[-_.@]", tag.strip(), maxsplit=1)[0].lower()
    if base == PSEUDO or tag.strip().lower() == PSEUDO:
        return PSEUDO
    return base if base in SUPPORTED else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the person's desktop, as gettext finds it (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG, in that order), or English when it is not one the app has."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if not value:
            continue
        # LANGUAGE may list several ("de:en"); the first the app has wins.
        for tag in value.split(":"):
            found = supported(tag)
            if found and found != PSEUDO:
                return found
        if name != "LANGUAGE":
            break
    return ENGLISH


OVERRIDE = "SELFMASSAGE_LANGUAGE"
"""Names a language for this run only (tests, translators, the pseudo-language)."""


def starting_language(saved: str, environ: Mapping[str, str] | None = None) -> str:
    """The language a run starts in: SELFMASSAGE_LANGUAGE, else the person's saved
    choice, else the desktop's."""
    environ = os.environ if environ is None else environ
    return supported(environ.get(OVERRIDE)) or supported(saved) or system_language(environ)


def set_app_language(language: str) -> str:
    """Make ``language`` the app's own; returns the one in force (English for a language
    the app does not have)."""
    global _app_language
    _app_language = supported(language) or ENGLISH
    return _app_language


def app_language() -> str:
    return _app_language


def current_language() -> str:
    """The language texts made now come out in: the routine's inside ``speaking``, else
    the app's."""
    return _spoken.get() or _app_language


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Make the texts made inside this block come out in ``language`` (a routine's
    language tag, such as "de" or "de-AT"); a language the app does not have leaves the
    app's own. Yields the language in force."""
    chosen = supported(language) or _app_language
    token = _spoken.set(chosen)
    try:
        yield chosen
    finally:
        _spoken.reset(token)


def has_texts(language: str | None) -> bool:
    """Whether the app can write its own texts (cues, catalog words) in ``language``."""
    found = supported(language)
    return found is not None and found != PSEUDO


# The catalogues ---------------------------------------------------------------------------


def locale_dir() -> Path:
    """Where the compiled catalogues are: inside the package in a wheel, a bundle and a
    checkout alike (a checkout compiles them there, see tools/translations.py)."""
    return Path(selfmassage.__file__).parent / "locale"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language``; English (the texts as written) when it has none."""
    if language == PSEUDO:
        return PseudoTranslations()
    if language == ENGLISH or language not in SUPPORTED:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, locale_dir(), languages=[language], fallback=True)


def _catalogue() -> gettext.NullTranslations:
    return translations(current_language())


def _(message: str) -> str:
    """``message`` in the language in force (an empty one as it is: argparse, which the
    commands point here, asks for ``None``)."""
    if not message:
        return message
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a text for ``n`` things, by the language's own plural rule (the text
    still holds its ``{n}``: format it after)."""
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in force, told apart from the same English words used
    in another sense by ``context``."""
    return _catalogue().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _catalogue().npgettext(context, singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for it)
    """Marks a text for translation where it is written, to be translated with ``_`` where
    it is shown (a module-level table is made before the language is known)."""
    return message


# The pseudo-language ----------------------------------------------------------------------

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀßÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Kept as they are: placeholders ({n}, {name:.1f}), %-formats, markup and entities (tool
# tips are rich text), and Qt's mnemonic ampersand with its letter.
_KEPT = re.compile(r"\{[^{}]*\}|%[-#0 +]*\d*(?:\.\d+)?[sdifr%]|<[^<>]*>|&[a-z]+;|&&|&\w")
PSEUDO_OPEN = "["
PSEUDO_CLOSE = "]"


def pseudo(message: str) -> str:
    """``message`` bracketed, its letters accented and padded to be 40% longer, so an
    untranslated text shows plainly and a cut-off one loses its closing bracket."""
    if not message.strip():
        return message
    parts: list[str] = []
    last = 0
    for kept in _KEPT.finditer(message):
        parts.append(message[last : kept.start()].translate(_ACCENTED))
        parts.append(kept.group())
        last = kept.end()
    parts.append(message[last:].translate(_ACCENTED))
    # Brackets, a space and tildes make up the 40%; the tildes in words of five, so a long
    # text can still wrap where it would in a real language.
    tildes = max(1, math.ceil(len(message) * 0.4) - 3)
    padding = " ".join("~" * min(5, tildes - start) for start in range(0, tildes, 6))
    return f"{PSEUDO_OPEN}{''.join(parts)} {padding}{PSEUDO_CLOSE}"


class PseudoTranslations(gettext.NullTranslations):
    """A catalogue that has every text, each in the pseudo-language."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
