"""Tests that need one system say so: elsewhere they are skipped with the reason given."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import pytest

from tests.conftest import system_skip


@dataclass
class Item:
    """What system_skip reads of a pytest item: its markers and its id."""

    marks: dict[str, pytest.Mark] = field(default_factory=dict)
    nodeid: str = "tests/x.py::test_x"

    def get_closest_marker(self, name: str) -> pytest.Mark | None:
        return self.marks.get(name)


def marked(name: str, *args: str) -> Item:
    return Item({name: getattr(pytest.mark, name)(*args).mark})


def test_a_linux_test_runs_on_linux_and_says_why_it_is_skipped_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item = marked("linux", "reads /proc")
    monkeypatch.setattr(sys, "platform", "linux")
    assert system_skip(item) is None  # type: ignore[arg-type]
    for other in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", other)
        assert system_skip(item) == "needs Linux: reads /proc"  # type: ignore[arg-type]


def test_a_posix_test_is_skipped_on_windows_only(monkeypatch: pytest.MonkeyPatch) -> None:
    item = marked("posix", "sends SIGTERM")
    monkeypatch.setattr(os, "name", "posix")
    assert system_skip(item) is None  # type: ignore[arg-type]
    monkeypatch.setattr(os, "name", "nt")
    assert system_skip(item) == "needs a POSIX system: sends SIGTERM"  # type: ignore[arg-type]


def test_an_unmarked_test_runs_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "name", "nt")
    assert system_skip(Item()) is None  # type: ignore[arg-type]


def test_a_marker_without_a_reason_is_refused_on_every_system() -> None:
    with pytest.raises(pytest.UsageError, match="needs a reason"):
        system_skip(marked("linux"))  # type: ignore[arg-type]
