"""Large blocks and free pages given back to the system where the C library is glibc."""

from __future__ import annotations

import ctypes
import subprocess
import sys

import pytest

from selfmassage.ui.desktop import freed_memory

glibc_only = pytest.mark.skipif(
    freed_memory._glibc() is None or not hasattr(ctypes.CDLL(None), "mallinfo2"),
    reason="glibc's malloc only",
)


_PICTURES = """
import ctypes, sys
from selfmassage.ui.desktop import freed_memory

class MallInfo2(ctypes.Structure):
    names = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"
    _fields_ = [(name, ctypes.c_size_t) for name in names.split()]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
backing_store = bytearray(4 * 2**20)  # a window's picture, replaced at start-up
del backing_store
if sys.argv[1] == "given back":
    freed_memory.give_large_blocks_back()  # as the Session page is made
before = libc.mallinfo2()
picture = bytearray(600_000)  # the next part's, drawn ahead
mapped = libc.mallinfo2().hblkhd - before.hblkhd
del picture
sounds = [bytearray(100_000) for _ in range(40)]  # decoded cues, from the heap
del sounds
print(mapped, libc.mallinfo2().fordblks - before.fordblks)
"""


def _a_picture_freed(how: str) -> tuple[int, int]:
    """In a fresh process, after a larger block was freed: the bytes a large block had
    in its own mapping, and the bytes left free in the heap once it and forty smaller
    ones (4 MB) were freed."""
    run = subprocess.run(
        [sys.executable, "-c", _PICTURES, how], capture_output=True, text=True, check=True
    )
    mapped, kept = run.stdout.split()
    return int(mapped), int(kept)


@glibc_only
def test_a_large_block_freed_after_a_larger_one_is_given_back() -> None:
    # As glibc does on its own: once a large block is freed, its threshold rises to that
    # size and what the heap keeps free to twice that, so the next pictures came out of
    # the heap, and they and the sounds stayed there when freed.
    mapped, kept = _a_picture_freed("as glibc does")
    assert mapped == 0 and kept >= 4_000_000
    mapped, kept = _a_picture_freed("given back")
    assert mapped >= 600_000 and kept < freed_memory.LARGE * 2


_FREED_IN_THE_MIDDLE = """
import os
from selfmassage.ui.desktop import freed_memory

def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

blocks = [bytearray(4000) for _ in range(2000)]  # 8 MB of the heap
del blocks[:-1]  # free, but held below the last one: free() cannot give it back
before = resident()
print(int(freed_memory.give_back_freed()), before - resident())
"""


@glibc_only
def test_free_pages_in_the_middle_of_the_heap_are_given_back() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _FREED_IN_THE_MIDDLE], capture_output=True, text=True, check=True
    )
    given_back, fewer = (int(word) for word in run.stdout.split())
    assert given_back and fewer > 6 * 2**20


def test_elsewhere_nothing_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    freed_memory._glibc.cache_clear()
    monkeypatch.setattr(sys, "platform", "darwin")
    try:
        assert freed_memory._glibc() is None
        assert not freed_memory.give_large_blocks_back()
        assert not freed_memory.give_back_freed()
    finally:
        freed_memory._glibc.cache_clear()


def test_a_linux_without_glibc_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_name(_name: str) -> str:
        raise ValueError("unrecognized configuration name")

    freed_memory._glibc.cache_clear()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(freed_memory.os, "confstr", no_such_name)
    try:
        assert freed_memory._glibc() is None
        assert not freed_memory.give_back_freed()
    finally:
        freed_memory._glibc.cache_clear()
