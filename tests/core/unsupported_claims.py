"""Words that claim what the evidence for self-massage does not support: that it flushes
toxins or lactic acid, detoxifies, breaks anything up, or releases fascia. Shared by the
tests of the catalog, the built-in routines and the aftercare texts."""

from __future__ import annotations

import re

UNSUPPORTED = re.compile(
    r"\b(toxin\w*|detox\w*|lactic|flush\w*|"
    r"break(s|ing)? ((it|them|(the|your|any) \w+) )?up|broken up|"
    r"release\w* (the |your )?fascia|fascia\w* release|myofascial|adhesion\w*|"
    r"knots? (out|away)|\w+s? out (the |your )?knots?|realign\w*)\b",
    re.IGNORECASE,
)


def claims(text: str) -> list[str]:
    """The unsupported claims in ``text`` (empty: none)."""
    return [match.group(0) for match in UNSUPPORTED.finditer(text)]
