"""SHA-256 of a short key (a cached sound's name, the single instance's socket), without
OpenSSL.

``hashlib`` loads OpenSSL's libcrypto when Python has it (a virtual environment, a
system Python): 3.3 MB resident and 2 ms of import, for a few dozen bytes hashed now and
then by an app that never opens a network connection. CPython's own implementation gives
the same digest; ``hashlib`` is the fallback where it is missing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Protocol


class _Hash(Protocol):
    def hexdigest(self) -> str: ...


@cache
def _sha256() -> Callable[[bytes], _Hash]:
    for name in ("_sha256", "_sha2"):  # CPython 3.11; 3.12 and later
        try:
            built_in: Callable[[bytes], _Hash] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return built_in
    import hashlib

    return hashlib.sha256


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data`` in hexadecimal."""
    return _sha256()(data).hexdigest()
