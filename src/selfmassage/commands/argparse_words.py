"""argparse's own words (usage:, options, its error messages) in the person's language.

argparse looks its texts up through its module's ``_`` and ``ngettext`` (gettext's) at
the moment it writes them; pointing those at the app's catalogues translates them. The
texts are listed here, as argparse writes them, so that the catalogues have them.
"""

from __future__ import annotations

import argparse

from selfmassage.core.language import N_, _, ngettext

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def speak_argparse() -> None:
    """argparse writes its words through the app's catalogues from now on."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
