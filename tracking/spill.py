"""Rendered texts that arrive in one order and go out in another, kept on disk meanwhile.

The whole-repository commands render one text per document where it was read (an
index record, an overdue entry) and write them sorted by a key. Holding them all until
the last one arrives would make memory grow with the repository; :class:`SortedTexts`
writes each to a temporary file as it comes and keeps only its key and place, so the
command's memory stays flat in N while its output does not.
"""

from __future__ import annotations

import tempfile
from typing import Any, Iterator


class SortedTexts:
    """Texts added with a sort key, given back in key order (ties in the order they came)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(buffering=1 << 20)   # a write or read per MiB, not per 8 KiB
        self._places: list[tuple[Any, int, int]] = []
        self._end = 0

    def add(self, key: Any, text: str) -> None:
        data = text.encode("utf-8")
        self._file.write(data)
        self._places.append((key, self._end, len(data)))
        self._end += len(data)

    def __len__(self) -> int:
        return len(self._places)

    def texts(self) -> Iterator[str]:
        """Every text, in key order; the file is gone once they have all been given."""
        self._places.sort(key=lambda place: place[0])
        self._file.flush()
        try:
            for _, start, size in self._places:
                self._file.seek(start)
                yield self._file.read(size).decode("utf-8")
        finally:
            self.close()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "SortedTexts":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
