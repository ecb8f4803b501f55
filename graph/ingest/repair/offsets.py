"""The edits of a repair and the offset map between the raw and the repaired text.

A quote found in the repaired text must point back into the text as extracted: every
:class:`Edit` replaces a span of the raw text, and :class:`RepairedText` maps offsets
both ways across them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from graph.errors import InputError

__all__ = ["Edit", "RepairedText"]


class Edit(NamedTuple):
    """One replacement of ``raw[raw_start:raw_end]`` by ``replacement``."""

    raw_start: int
    raw_end: int
    replacement: str


@dataclass
class RepairedText:
    """A repaired text, its raw original and the edits between them.

    Examples
    --------
    >>> r = RepairedText("a  b-\\nc", "a bc\\n", [Edit(1, 3, " "), Edit(4, 6, ""),
    ...                                          Edit(7, 7, "\\n")])
    >>> r.to_repaired(3), r.to_raw(2), r.to_repaired(6), r.to_raw(3)
    (2, 3, 3, 4)
    """

    raw: str
    text: str
    edits: list[Edit]
    profile: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.edits = sorted(self.edits)
        self._raw_starts = [e.raw_start for e in self.edits]
        self._rep_starts: list[int] = []
        delta = 0
        for e in self.edits:
            self._rep_starts.append(e.raw_start + delta)
            delta += len(e.replacement) - (e.raw_end - e.raw_start)

    @property
    def changed(self) -> bool:
        """Whether any edit was made."""
        return bool(self.edits)

    def to_repaired(self, raw_offset: int) -> int:
        """Map an offset in :attr:`raw` to the corresponding offset in :attr:`text`.

        Offsets at edit boundaries map exactly (the start of an edit to the start of its
        replacement, its end to the end); an offset inside an edited span maps into the
        replacement (clamped to its end).

        Parameters
        ----------
        raw_offset
            0 <= raw_offset <= len(raw).

        Returns
        -------
        int
        """
        if not 0 <= raw_offset <= len(self.raw):
            raise InputError(f"raw offset {raw_offset} outside 0..{len(self.raw)}")
        if raw_offset == len(self.raw):
            return len(self.text)  # the ends map to each other, even after an insertion
        i = bisect_right(self._raw_starts, raw_offset) - 1
        if i < 0:
            return raw_offset
        e, rs = self.edits[i], self._rep_starts[i]
        if raw_offset == e.raw_start:
            return rs  # the start of an edit maps to the start of its replacement
        if raw_offset >= e.raw_end:
            return rs + len(e.replacement) + raw_offset - e.raw_end
        return rs + min(raw_offset - e.raw_start, len(e.replacement))

    def to_raw(self, offset: int) -> int:
        """Map an offset in :attr:`text` back to the raw, extracted text.

        The start of a replacement maps to the start of the raw span it replaced (for a
        deletion, where start and end coincide, to the start), its end to the end.

        Parameters
        ----------
        offset
            0 <= offset <= len(text).

        Returns
        -------
        int
        """
        if not 0 <= offset <= len(self.text):
            raise InputError(f"offset {offset} outside 0..{len(self.text)}")
        if offset == len(self.text):
            return len(self.raw)  # the ends map to each other, even after a deletion
        i = bisect_right(self._rep_starts, offset) - 1
        if i < 0:
            return offset
        e, rs = self.edits[i], self._rep_starts[i]
        rep_end = rs + len(e.replacement)
        if offset == rs:
            return e.raw_start  # also for a deletion: the left end of the removed text
        if offset >= rep_end:
            return e.raw_end + offset - rep_end
        return e.raw_start + min(offset - rs, e.raw_end - e.raw_start)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the repaired text to the raw span that covers it."""
        return self.to_raw(start), self.to_raw(end)
