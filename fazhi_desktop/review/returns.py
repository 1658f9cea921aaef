"""Returns (退回包) and receipts (回执) the bureau signs for units (tables `returns` and `receipts`, owned here).

A return lists the items of a unit's current package the reviewer sent back (退回修改) with the comments;
a receipt names a received package by id and hash with when it arrived and how it verified. Both are
signed documents (package/signed_doc.py) under the bureau key.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.errors import UsageError
from fazhi_desktop.package.keys import UnitKey
from fazhi_desktop.package.signed_doc import write_signed
from fazhi_desktop.review import received
from fazhi_desktop.review.received import STANDING_NAMES, PackageRow
from fazhi_desktop.review.scoring import reviews_of
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.store.db import utc_now, write_transaction


@dataclass(frozen=True)
class Issued:
    doc_id: str
    path: Path
    unit_name: str
    package_id: str
    items: tuple[str, ...] = ()


def make_return(store: ReviewStore, key: UnitKey, unit_name: str, out: Path) -> Issued:
    """The signed return for a unit: every item of its current package marked 退回修改, with the comments."""
    bureau = store.require_bureau()
    if key.fingerprint != bureau.key_fingerprint:
        raise UsageError("所用密钥不是本审核数据目录的县司法局密钥")
    current = received.current_package(store.db, unit_name)
    if current is None:
        raise UsageError(f"{unit_name} 没有计入汇总的上报包，无从退回")
    results = received.results_of(store.db, current.package_id)
    titles = {i["id"]: i["title"] for i in results["items"]}
    back = [
        r
        for r in reviews_of(store.db, unit_name).values()
        if r.verdict == "退回修改" and r.package_id == current.package_id
    ]
    if not back:
        raise UsageError(
            f"{unit_name} 的现行上报包没有标为“退回修改”的事项（review score 单位 事项 --verdict 退回修改）"
        )
    back.sort(key=lambda r: r.item_id)
    return_id = str(uuid.uuid4())
    body = {
        "kind": "return",
        "return_id": return_id,
        "bureau": bureau.name,
        "unit": unit_name,
        "package_id": current.package_id,
        "package_sequence": current.sequence,
        "plan_id": bureau.plan_id,
        "period": bureau.period_label,
        "created": utc_now(),
        "items": [{"id": r.item_id, "title": titles.get(r.item_id, ""), "comment": r.comment} for r in back],
    }
    path = write_signed(key, "return", body, out)
    with write_transaction(store.db):
        store.db.execute(
            "INSERT INTO returns (return_id, unit_name, package_id, created_at, items, file_sha256)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                return_id,
                unit_name,
                current.package_id,
                body["created"],
                json.dumps([r.item_id for r in back]),
                hashlib.sha256(path.read_bytes()).hexdigest(),
            ],
        )
    return Issued(return_id, path, unit_name, current.package_id, tuple(r.item_id for r in back))


def make_receipt(store: ReviewStore, key: UnitKey, package: PackageRow, out: Path) -> Issued:
    """The signed receipt for one received package (proof of delivery for the unit)."""
    bureau = store.require_bureau()
    if key.fingerprint != bureau.key_fingerprint:
        raise UsageError("所用密钥不是本审核数据目录的县司法局密钥")
    receipt_id = str(uuid.uuid4())
    body = {
        "kind": "receipt",
        "receipt_id": receipt_id,
        "bureau": bureau.name,
        "unit": package.unit_name,
        "package_id": package.package_id,
        "sequence": package.sequence,
        "zip_sha256": package.zip_sha256,
        "received_at": package.imported_at,
        "verification": f"核验通过（{STANDING_NAMES[package.standing]}）",
        "created": utc_now(),
    }
    path = write_signed(key, "receipt", body, out)
    with write_transaction(store.db):
        store.db.execute(
            "INSERT INTO receipts (receipt_id, package_id, created_at, file_sha256) VALUES (?, ?, ?, ?)",
            [receipt_id, package.package_id, body["created"], hashlib.sha256(path.read_bytes()).hexdigest()],
        )
    return Issued(receipt_id, path, package.unit_name, package.package_id)
