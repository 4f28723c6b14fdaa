"""docs/your-data.md names the tests that hold each promise: every one must exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_test_the_data_page_names_exists() -> None:
    page = (ROOT / "docs" / "your-data.md").read_text(encoding="utf-8")
    files = set(re.findall(r"tests/[\w/]+\.py", page))
    assert files
    for name in files:
        assert (ROOT / name).is_file(), name
    sources = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in files)
    named = set(re.findall(r"\b(test_\w+)`", page))
    assert len(named) > 20
    missing = {test for test in named if f"def {test}(" not in sources}
    assert not missing
    assert "docs/your-data.md" in (ROOT / "README.md").read_text(encoding="utf-8")
