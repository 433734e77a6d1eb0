"""Case references seen so far, held compactly, to refuse a reference used twice.

An inspection's files are read one at a time, and each case's reference is compared
with every earlier one; what is kept is a 128-bit digest of each reference and the
position of the file that first used it, about 25 bytes a case in a table of arrays,
not a dictionary of strings and paths (hundreds of bytes a case).
"""

from __future__ import annotations

import hashlib
from array import array

_EMPTY = -1
_MAX_LOAD = 0.8
"""How full the table may be before it doubles (linear probing stays short below it)."""


class CaseReferences:
    """The case references of the files read so far, each with the first file using it.

    ``first_file(reference, position)`` is ``None`` for a reference not seen before (and
    remembers ``position`` as its first file), else the position given with it first.
    Two references are the same when their BLAKE2b-128 digests are: for two different
    references to share one by chance among a million cases has a probability near
    10^-27, far below that of the disk returning a wrong byte, so no text is kept.
    """

    def __init__(self) -> None:
        self._size = 0
        self._allocate(1 << 10)

    def _allocate(self, capacity: int) -> None:
        self._mask = capacity - 1
        self._high = array("Q", bytes(8 * capacity))
        self._low = array("Q", bytes(8 * capacity))
        self._first = array("q", [_EMPTY]) * capacity

    def __len__(self) -> int:
        return self._size

    def _slot(self, high: int, low: int) -> int:
        slot = low & self._mask
        first, highs, lows, mask = self._first, self._high, self._low, self._mask
        while first[slot] != _EMPTY and (highs[slot] != high or lows[slot] != low):
            slot = (slot + 1) & mask
        return slot

    def first_file(self, reference: str, position: int) -> int | None:
        """The position of the file that used ``reference`` first, or ``None`` if none
        has (``position`` is then recorded as the first)."""
        digest = hashlib.blake2b(reference.encode("utf-8", "surrogatepass"), digest_size=16)
        value = digest.digest()
        high, low = int.from_bytes(value[:8], "little"), int.from_bytes(value[8:], "little")
        slot = self._slot(high, low)
        if self._first[slot] != _EMPTY:
            return self._first[slot]
        self._high[slot], self._low[slot], self._first[slot] = high, low, position
        self._size += 1
        if self._size > _MAX_LOAD * (self._mask + 1):
            self._grow()
        return None

    def _grow(self) -> None:
        # Reinserted straight from the old arrays: no list of entries, however many.
        highs, lows, firsts = self._high, self._low, self._first
        self._allocate(2 * (self._mask + 1))
        for high, low, first in zip(highs, lows, firsts, strict=True):
            if first != _EMPTY:
                slot = self._slot(high, low)
                self._high[slot], self._low[slot], self._first[slot] = high, low, first
