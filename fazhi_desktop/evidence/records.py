"""The evidence tables (`evidence`, `evidence_items`, `blobs`): the only module that writes SQL against them.

Rules about what may be attached, what is recorded in the history and when a stored file may go live in
attachments.py and store.py; this module only reads and writes rows, inside the caller's transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


# id, period_id, sha256, original_name, size, mime_type, made_date, description, added_at
EvidenceRow = tuple[int, int, str, str, int, str, str | None, str, str]

EDITABLE_FIELDS = frozenset({"made_date", "description"})


# --- evidence and its links ----------------------------------------------------------------------------


_ROWS_FROM = (
    "e.id, e.period_id, e.sha256, e.original_name, coalesce(b.size, 0), e.mime_type, e.made_date,"
    " e.description, e.added_at FROM evidence e LEFT JOIN blobs b ON b.sha256 = e.sha256"
)
_SUPPORTS = "EXISTS (SELECT 1 FROM evidence_items l WHERE l.evidence_id = e.id AND l.item_id = ?)"


def evidence_rows(db: Database, period_id: int, item_id: str | None = None) -> list[EvidenceRow]:
    """A period's evidence rows, optionally only what supports `item_id`, oldest first (one query: an
    item with 800 files is listed on every switch to it)."""
    sql = f"SELECT {_ROWS_FROM} WHERE e.period_id = ?"
    params: list[Any] = [period_id]
    if item_id is not None:
        sql += f" AND {_SUPPORTS}"
        params.append(item_id)
    return [tuple(r) for r in db.execute(sql + " ORDER BY e.added_at, e.id", params).fetchall()]


def period_links(db: Database, period_id: int, item_id: str | None = None) -> dict[int, list[str]]:
    """Evidence id → the items it supports, for the period's evidence (optionally only `item_id`'s)."""
    sql = "SELECT e.id, i.item_id FROM evidence e JOIN evidence_items i ON i.evidence_id = e.id WHERE e.period_id = ?"
    params: list[Any] = [period_id]
    if item_id is not None:
        sql += f" AND {_SUPPORTS}"
        params.append(item_id)
    links: dict[int, list[str]] = {}
    for evidence_id, linked in db.execute(sql, params).fetchall():
        links.setdefault(int(evidence_id), []).append(str(linked))
    return links


def evidence_row(db: Database, evidence_id: int) -> EvidenceRow | None:
    """One evidence row with its stored size (0 when the blob row is missing)."""
    row = db.execute(f"SELECT {_ROWS_FROM} WHERE e.id = ?", [evidence_id]).fetchone()
    return tuple(row) if row else None


def linked_items(db: Database, evidence_id: int) -> list[str]:
    return [
        str(r[0])
        for r in db.execute("SELECT item_id FROM evidence_items WHERE evidence_id = ?", [evidence_id])
    ]


def id_for_content(db: Database, period_id: int, sha256: str) -> int | None:
    """The period's evidence holding exactly this content, if any."""
    row = db.execute(
        "SELECT id FROM evidence WHERE period_id = ? AND sha256 = ?", [period_id, sha256]
    ).fetchone()
    return int(row[0]) if row else None


def period_has_size(db: Database, period_id: int, size: int) -> bool:
    """Whether some evidence of the period has a stored file of exactly `size` bytes."""
    return (
        db.execute(
            "SELECT 1 FROM evidence e JOIN blobs b ON b.sha256 = e.sha256 WHERE e.period_id = ? AND b.size = ?",
            [period_id, size],
        ).fetchone()
        is not None
    )


def insert_evidence(
    db: Database,
    *,
    period_id: int,
    sha256: str,
    name: str,
    mime: str,
    made_date: str | None,
    description: str,
    at: str,
) -> int:
    cur = db.execute(
        "INSERT INTO evidence (period_id, sha256, original_name, mime_type, made_date, description, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [period_id, sha256, name, mime, made_date, description, at],
    )
    return int(cur.lastrowid or 0)


def set_field(db: Database, evidence_id: int, field: str, value: str | None) -> None:
    if field not in EDITABLE_FIELDS:
        raise ValueError(f"evidence field {field!r} cannot be changed")
    db.execute(f"UPDATE evidence SET {field} = ? WHERE id = ?", [value, evidence_id])


def delete_evidence(db: Database, evidence_id: int) -> None:
    db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])


def insert_link(db: Database, evidence_id: int, item_id: str, at: str) -> None:
    db.execute(
        "INSERT INTO evidence_items (evidence_id, item_id, linked_at) VALUES (?, ?, ?)",
        [evidence_id, item_id, at],
    )


def delete_links(db: Database, evidence_id: int, item_id: str) -> None:
    db.execute("DELETE FROM evidence_items WHERE evidence_id = ? AND item_id = ?", [evidence_id, item_id])


def counts_by_item(db: Database, period_id: int) -> dict[str, int]:
    """How many documents of the period support each item."""
    rows = db.execute(
        "SELECT ei.item_id, COUNT(*) FROM evidence_items ei JOIN evidence e ON e.id = ei.evidence_id"
        " WHERE e.period_id = ? GROUP BY ei.item_id",
        [period_id],
    ).fetchall()
    return {str(item_id): int(n) for item_id, n in rows}


def unlinked_ids(db: Database) -> list[int]:
    """Evidence that supports no item at all (left by an interrupted older version, or a hand edit)."""
    return [
        int(r[0])
        for r in db.execute(
            "SELECT id FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM evidence_items l WHERE l.evidence_id = e.id)"
            " ORDER BY id"
        ).fetchall()
    ]


def names_by_content(db: Database) -> dict[str, list[str]]:
    """Original names of the documents using each stored content, in every period."""
    names: dict[str, list[str]] = {}
    for sha, name in db.execute("SELECT sha256, original_name FROM evidence ORDER BY id").fetchall():
        names.setdefault(sha, []).append(name)
    return names


def period_totals(db: Database, period_id: int) -> tuple[int, int]:
    """Number of documents of the period and the bytes of their stored files."""
    count, total = db.execute(
        "SELECT count(*), coalesce(sum(b.size), 0) FROM evidence e JOIN blobs b ON b.sha256 = e.sha256"
        " WHERE e.period_id = ?",
        [period_id],
    ).fetchone()
    return int(count), int(total)


def typed_bytes(db: Database, period_id: int) -> int:
    """UTF-8 bytes of the names and descriptions of a period's documents."""
    row = db.execute(
        "SELECT coalesce(sum(length(CAST(original_name AS BLOB)) + length(CAST(description AS BLOB))), 0)"
        " FROM evidence WHERE period_id = ?",
        [period_id],
    ).fetchone()
    return int(row[0])


# --- stored contents (blobs) -------------------------------------------------------------------------------


def insert_blob(db: Database, sha256: str, size: int, at: str) -> None:
    """Record a stored file (a second record of the same content is ignored)."""
    db.execute("INSERT OR IGNORE INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)", [sha256, size, at])


def unused_blobs(db: Database) -> list[str]:
    """Stored contents that no evidence row in any period uses."""
    return [
        str(r[0])
        for r in db.execute(
            "SELECT sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.sha256 = b.sha256)"
        ).fetchall()
    ]


def delete_blob(db: Database, sha256: str) -> None:
    db.execute("DELETE FROM blobs WHERE sha256 = ?", [sha256])


def blob_sizes(db: Database) -> dict[str, int]:
    """Every recorded stored content with its size."""
    return {str(sha): int(size) for sha, size in db.execute("SELECT sha256, size FROM blobs").fetchall()}


def known_contents(db: Database) -> set[str]:
    """Hashes that a blob row or an evidence row names: files under these names are not orphans."""
    return {str(r[0]) for r in db.execute("SELECT sha256 FROM blobs UNION SELECT sha256 FROM evidence")}
