"""SHA-256 without OpenSSL: the same digest, and no libcrypto loaded for it."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from selfmassage.core.digest import sha256_hex


@pytest.mark.parametrize("data", [b"", b"2\x1fen-gb\x1f160\x1fRoll slowly.", bytes(range(256)) * 9])
def test_the_digest_is_sha256(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_the_speech_cache_and_the_single_instance_load_no_openssl() -> None:
    # In a fresh process: this one has imported hashlib above.
    check = (
        "import sys\n"
        "from selfmassage.speech.cache import speech_key\n"
        "from selfmassage.ui.desktop.single_instance import server_name\n"
        "from pathlib import Path\n"
        "speech_key('Roll slowly.', 'en', 160), server_name(Path('data'))\n"
        "maps = open('/proc/self/maps').read() if sys.platform == 'linux' else ''\n"
        "print('_hashlib' in sys.modules, 'libcrypto' in maps)\n"
    )
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "False"]
