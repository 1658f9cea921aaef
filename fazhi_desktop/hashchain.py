"""The change history's hash chain: the one rule, used by the store, the export and the verifier.

The program keeps one chain per installation (selfcheck/history.py): every change of every period,
each row's hash = SHA-256(previous hash + canonical JSON of the row). Editing, deleting or reordering a
row breaks the chain from that row on. `data/history.jsonl` in a package carries the chain
*whole*, from the first row to the newest (other periods' rows included — a chain with rows left out
cannot be checked), one JSON object a line, oldest first::

    {"id": 7, "at": "2021-09-30T06:12:00.123456+00:00", "period_id": 1, "item_id": "T01",
     "entity": "assessment", "field": "work_status", "old": "未开始", "new": "推进中",
     "prev": "<hash of line 6>", "hash": "<64 hex>"}

and bag-info names the head: `Fazhi-History-Head` (the last line's hash, or 64 zeros for an empty
history) and `Fazhi-History-Rows`. Anybody can recompute the chain with the standard library
(docs/verify-by-hand.md); `fazhi-desktop verify` does it for every package. Because the chain only
grows, the head of a unit's earlier package appears as a `hash` in every later package's history: a
rewritten history shows up as a missing earlier head.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from fazhi_desktop.sizes import format_size

GENESIS = "0" * 64
LINE_FIELDS = ("id", "at", "period_id", "item_id", "entity", "field", "old", "new", "prev", "hash")
# A stored row in LINE_FIELDS order: id, at, period_id, item_id, entity, field, old, new, prev, hash.
ChainRow = tuple[int, str, int | None, str | None, str, str, str | None, str | None, str, str]


def row_hash(
    prev: str,
    at: str,
    period_id: int | None,
    item_id: str | None,
    entity: str,
    field: str,
    old: str | None,
    new: str | None,
) -> str:
    """The chain rule: sha256(prev + compact JSON array of the row's content, Chinese not escaped)."""
    body = json.dumps(
        [at, period_id, item_id, entity, field, old, new], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def checked_rows(rows: Iterable[ChainRow]) -> Iterator[tuple[ChainRow, bool]]:
    """Each stored row with whether its link and hash match, oldest first, read as they come (a long
    history is never held whole).

    Each row is checked against the stored hash of the row before it, so one edited row is reported
    once, a deleted or reordered row where the link breaks.
    """
    prev = GENESIS
    for row in rows:
        rid, at, period_id, item_id, entity, field, old, new, prev_hash, digest = row
        yield (
            row,
            prev_hash == prev and digest == row_hash(prev, at, period_id, item_id, entity, field, old, new),
        )
        prev = digest


def broken_rows(rows: Iterable[ChainRow]) -> list[int]:
    """Ids of stored rows whose link or hash does not match, oldest first (empty when intact)."""
    return [row[0] for row, ok in checked_rows(rows) if not ok]


def render_line(row: dict[str, Any]) -> bytes:
    """One line of history.jsonl (compact JSON, Chinese not escaped, newline-terminated)."""
    return (
        json.dumps({k: row[k] for k in LINE_FIELDS}, ensure_ascii=False, separators=(",", ":")) + "\n"
    ).encode()


# One history line holds one field's old and new value: a few hundred KB at most even for texts at
# the field limits (textclean.FIELD_LIMITS), tens of MB for what older versions accepted. A longer
# line is not ours; refusing it bounds the checker's memory.
MAX_LINE = 64 << 20


class ChainChecker:
    """Recomputes the chain while history.jsonl streams past in blocks of any size.

    After `close()`: `rows` read, `head` (the last valid hash), and `problem` — the first break, in
    Chinese with its line number — or None when every line links and hashes correctly.
    """

    def __init__(self, max_line: int = MAX_LINE) -> None:
        self.rows = 0
        self.head = GENESIS
        self.problem: str | None = None
        self.max_line = max_line
        # The unfinished line as a list of pieces: joined once when its newline arrives, so that a
        # long line costs time linear in its length (re-joining on every block was quadratic).
        self._pending: list[bytes] = []
        self._pending_len = 0

    def feed(self, block: bytes) -> None:
        """Take the next bytes of the file."""
        start = 0
        while not self.problem:
            end = block.find(b"\n", start)
            piece = block[start:] if end < 0 else block[start:end]
            if self._pending_len + len(piece) > self.max_line:
                self.problem = f"第 {self.rows + 1} 行超过 {format_size(self.max_line)}，不是本程序写出的修改记录（记录被改动）"
                self._pending, self._pending_len = [], 0
                return
            if end < 0:
                if piece:
                    self._pending.append(piece)
                    self._pending_len += len(piece)
                return
            self._pending.append(piece)
            line = b"".join(self._pending)
            self._pending, self._pending_len = [], 0
            self._line(line)
            start = end + 1

    def close(self) -> None:
        """Finish: a last line without its newline is still checked."""
        if self._pending and not self.problem:
            self._line(b"".join(self._pending))
        self._pending, self._pending_len = [], 0

    def _line(self, raw: bytes) -> None:
        number = self.rows + 1
        try:
            row = json.loads(raw.decode("utf-8"))
            if not isinstance(row, dict) or any(k not in row for k in LINE_FIELDS):
                raise ValueError
            expected = row_hash(
                self.head,
                row["at"],
                row["period_id"],
                row["item_id"],
                row["entity"],
                row["field"],
                row["old"],
                row["new"],
            )
        except (ValueError, TypeError, UnicodeDecodeError, RecursionError):
            # RecursionError: JSON nested thousands deep is not a record either, just a changed line.
            self.problem = f"第 {number} 行不是完整的修改记录"
            return
        if row["prev"] != self.head:
            self.problem = f"第 {number} 行与上一行接不上（缺行、多行或顺序被改）"
        elif row["hash"] != expected:
            self.problem = f"第 {number} 行的内容与其哈希不符（记录被改动）"
        else:
            self.rows = number
            self.head = expected


def check_lines(lines: Iterable[bytes]) -> ChainChecker:
    """Check a whole history file given as lines (or blocks); returns the finished checker."""
    checker = ChainChecker()
    for chunk in lines:
        checker.feed(chunk)
    checker.close()
    return checker
