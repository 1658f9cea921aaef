"""The unit's memory of the county justice bureau's key: the first key seen is trusted from then on.

A unit has no way to fetch the bureau's key over a network, so it trusts on first use: the first signed
plan (or, later, the first signed return package) brings the key, the clerk is shown its fingerprint to
compare with the paper notice, and the key is remembered. Anything signed by another key afterwards is
refused with both fingerprints named. Replacing the remembered key is a deliberate act (`replace`).
This module alone reads and writes the `bureau_key` table (migration 0003).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.package.fingerprint import Fingerprinted, display_fingerprint, fingerprint_of
from fazhi_desktop.selfcheck import history
from fazhi_desktop.store.db import utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


class BureauKeyMismatch(FazhiError):
    """Signed by a key other than the bureau key this unit remembers."""

    def __init__(self, remembered: str, presented: str, what: str) -> None:
        super().__init__(
            f"{what}的签名密钥（指纹 {display_fingerprint(presented)}）与本单位记住的县司法局密钥"
            f"（指纹 {display_fingerprint(remembered)}）不同，已拒绝。请向县司法局电话核实；如确属司法局"
            "更换了密钥，核对新指纹后用 fazhi-desktop plan bureau-key --trust 该文件 --yes 明确确认"
        )
        self.remembered = remembered
        self.presented = presented


@dataclass(frozen=True)
class BureauKey(Fingerprinted):
    fingerprint: str  # full, 64 hex digits
    public_raw: bytes
    first_seen_at: str
    first_seen_in: str


Trust = Literal["known", "new"]


def remembered(db: Database) -> BureauKey | None:
    row = db.execute(
        "SELECT fingerprint, public_key, first_seen_at, first_seen_in FROM bureau_key WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return BureauKey(row[0], base64.b64decode(row[1]), row[2], row[3])


def check(db: Database, public_raw: bytes, what: str = "该文件") -> Trust:
    """`known` for the remembered key, `new` when none is remembered yet; `BureauKeyMismatch` otherwise.
    Reads only: call `remember` once the clerk has accepted what the key signed."""
    presented = fingerprint_of(public_raw)
    known = remembered(db)
    if known is None:
        return "new"
    if known.fingerprint != presented:
        raise BureauKeyMismatch(known.fingerprint, presented, what)
    return "known"


def remember(db: Database, public_raw: bytes, seen_in: str) -> BureauKey:
    """Remember `public_raw` as the bureau key if none is yet (idempotent for the same key)."""
    with write_transaction(db):
        if check(db, public_raw) == "known":
            known = remembered(db)
            assert known is not None
            return known
        return _store(db, public_raw, seen_in, old=None)


def replace(db: Database, public_raw: bytes, seen_in: str) -> BureauKey:
    """Deliberately trust a new bureau key (the bureau announced a change); recorded in the history."""
    with write_transaction(db):
        old = remembered(db)
        db.execute("DELETE FROM bureau_key WHERE id = 1")
        return _store(db, public_raw, seen_in, old=old.fingerprint if old else None)


def _store(db: Database, public_raw: bytes, seen_in: str, *, old: str | None) -> BureauKey:
    key = BureauKey(fingerprint_of(public_raw), public_raw, utc_now(), seen_in)
    db.execute(
        "INSERT INTO bureau_key (id, fingerprint, public_key, first_seen_at, first_seen_in)"
        " VALUES (1, ?, ?, ?, ?)",
        [key.fingerprint, base64.b64encode(public_raw).decode("ascii"), key.first_seen_at, seen_in],
    )
    history.record(db, entity="bureau_key", field="fingerprint", old=old, new=key.fingerprint)
    return key
