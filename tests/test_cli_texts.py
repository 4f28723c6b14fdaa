"""Every help text of the command line goes through the translation: in the
pseudo-language, each one comes out bracketed (argparse's own -h and --version aside)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from selfmassage.cli import command_parser, window_parser
from selfmassage.core.language import PSEUDO, PSEUDO_OPEN, speaking


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from parsers(sub)


def untranslated(parser: argparse.ArgumentParser) -> list[str]:
    found = []
    for each in parsers(parser):
        texts = [each.description, each.epilog]
        for action in each._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
                continue
            texts.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                texts.extend(choice.help for choice in action._choices_actions)
        for group in each._action_groups:
            if group._group_actions and group not in (each._positionals, each._optionals):
                texts.append(group.title)
        found.extend(
            f"{each.prog}: {text}"
            for text in texts
            if text and text != argparse.SUPPRESS and not text.startswith(PSEUDO_OPEN)
        )
    return found


def test_every_help_text_is_translated() -> None:
    with speaking(PSEUDO):
        assert untranslated(command_parser()) == []
        assert untranslated(window_parser()) == []


def test_help_texts_are_english_outside() -> None:
    assert untranslated(command_parser())  # the check above finds English when it is there
