"""Trusted unit keys (table `unit_keys`, owned here): register, list, replace, revoke, and judge a signer.

A unit is registered by its public key file, or by the fingerprint typed from its stamped paper cover
(the 32-digit short form is enough: it is 128 bits). A typed key is proved by the unit's first package:
its full fingerprint must start with what was typed, and from then on the full value is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fazhi_desktop.catalogue.assign import resolve_unit
from fazhi_desktop.catalogue.registry import get_plan
from fazhi_desktop.errors import UsageError, describe_os_error
from fazhi_desktop.jsonfields import json_fields
from fazhi_desktop.package.fingerprint import display_fingerprint, fingerprint_of, normalize_fingerprint
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.store.db import utc_now, write_transaction

Standing = Literal["registered", "unregistered", "revoked", "replaced", "mismatch"]


@dataclass(frozen=True)
class KeyRecord:
    id: int
    unit_name: str
    fingerprint: str
    source: str
    status: str
    added_at: str
    ended_at: str | None
    note: str

    @property
    def display(self) -> str:
        return display_fingerprint(self.fingerprint)

    @property
    def status_name(self) -> str:
        return {"active": "有效", "replaced": "已更换", "revoked": "已吊销"}[self.status]

    def to_dict(self) -> dict[str, object]:
        return json_fields(self, rename={"unit_name": "unit"}, omit={"id"}) | {"display": self.display}


@dataclass(frozen=True)
class Judgement:
    standing: Standing
    message: str


def canonical_unit(store: ReviewStore, name: str) -> str:
    """The plan's canonical name for what the reviewer typed (UnknownUnit with suggestions otherwise)."""
    bureau = store.require_bureau()
    return resolve_unit(get_plan(bureau.plan_id, store.data_dir), name).name


def read_public_key(path: Path) -> bytes:
    """The raw 32 bytes of an Ed25519 public key PEM file; UsageError in Chinese otherwise."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"无法读取公钥文件 {path}：{describe_os_error(exc)}") from None
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise UsageError(f"{path} 不是 PEM 格式的公钥文件（应为单位用“导出公钥”生成的 .pem 文件）") from None
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(f"{path} 中的公钥不是 Ed25519 类型")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _parse_key_arg(key: str | Path) -> tuple[str, bytes | None, str]:
    """(fingerprint, public key or None, source) from a PEM file path or a typed fingerprint."""
    text = str(key)
    bare = normalize_fingerprint(text)
    if bare is not None and not Path(text).is_file():
        return bare, None, "typed"
    if not Path(text).exists():
        raise UsageError(
            f"“{text}”既不是公钥文件，也不是完整的密钥指纹（封面上的指纹为 8 组 4 位十六进制数，共 32 位）"
        )
    raw = read_public_key(Path(text))
    return fingerprint_of(raw), raw, "file"


def list_keys(store: ReviewStore, unit_name: str | None = None) -> list[KeyRecord]:
    sql = "SELECT id, unit_name, fingerprint, source, status, added_at, ended_at, note FROM unit_keys"
    args: list[object] = []
    if unit_name is not None:
        sql += " WHERE unit_name = ?"
        args.append(unit_name)
    rows = store.db.execute(sql + " ORDER BY unit_name, id", args).fetchall()
    return [KeyRecord(*r) for r in rows]


def active_key(store: ReviewStore, unit_name: str) -> KeyRecord | None:
    return next((k for k in list_keys(store, unit_name) if k.status == "active"), None)


def _used_elsewhere(store: ReviewStore, fingerprint: str, unit_name: str) -> str | None:
    for k in list_keys(store):
        same = k.fingerprint.startswith(fingerprint) or fingerprint.startswith(k.fingerprint)
        if k.unit_name != unit_name and k.status == "active" and same:
            return k.unit_name
    return None


def add_key(store: ReviewStore, unit: str, key: str | Path, *, note: str = "") -> KeyRecord:
    """Register a unit's key (a PEM file or a typed fingerprint); refuses a second active key."""
    unit_name = canonical_unit(store, unit)
    fingerprint, raw, source = _parse_key_arg(key)
    existing = active_key(store, unit_name)
    if existing is not None:
        raise UsageError(f"{unit_name} 已登记密钥 {existing.display}：要换用新密钥请用 review keys replace")
    other = _used_elsewhere(store, fingerprint, unit_name)
    if other is not None:
        raise UsageError(f"这把密钥已登记为 {other} 的密钥：同一把密钥不能属于两个单位")
    with write_transaction(store.db):
        _insert(store, unit_name, fingerprint, raw, source, note)
    rec = active_key(store, unit_name)
    assert rec is not None
    return rec


def _insert(
    store: ReviewStore, unit_name: str, fingerprint: str, raw: bytes | None, source: str, note: str
) -> None:
    store.db.execute(
        "INSERT INTO unit_keys (unit_name, fingerprint, public_key, source, status, added_at, note)"
        " VALUES (?, ?, ?, ?, 'active', ?, ?)",
        [unit_name, fingerprint, raw, source, utc_now(), note],
    )


def replace_key(store: ReviewStore, unit: str, key: str | Path, *, note: str = "") -> KeyRecord:
    """A unit's new key; the old one stays on record as replaced, with the date."""
    unit_name = canonical_unit(store, unit)
    fingerprint, raw, source = _parse_key_arg(key)
    old = active_key(store, unit_name)
    if old is None:
        raise UsageError(f"{unit_name} 还没有登记密钥：请用 review keys add")
    if old.fingerprint.startswith(fingerprint) or fingerprint.startswith(old.fingerprint):
        raise UsageError(f"新密钥与 {unit_name} 现有的密钥相同（{old.display}）")
    other = _used_elsewhere(store, fingerprint, unit_name)
    if other is not None:
        raise UsageError(f"这把密钥已登记为 {other} 的密钥：同一把密钥不能属于两个单位")
    with write_transaction(store.db):
        store.db.execute(
            "UPDATE unit_keys SET status = 'replaced', ended_at = ? WHERE id = ?", [utc_now(), old.id]
        )
        _insert(store, unit_name, fingerprint, raw, source, note)
    rec = active_key(store, unit_name)
    assert rec is not None
    return rec


def revoke_key(store: ReviewStore, unit: str, *, note: str = "") -> KeyRecord:
    """Revoke a unit's active key: its packages are refused for new rounds from now on."""
    unit_name = canonical_unit(store, unit)
    old = active_key(store, unit_name)
    if old is None:
        raise UsageError(f"{unit_name} 没有有效的已登记密钥")
    with write_transaction(store.db):
        store.db.execute(
            "UPDATE unit_keys SET status = 'revoked', ended_at = ?, note = ? WHERE id = ?",
            [utc_now(), note or old.note, old.id],
        )
    return next(k for k in list_keys(store, unit_name) if k.id == old.id)


def judge_signer(store: ReviewStore, unit_name: str, fingerprint: str) -> Judgement:
    """How the store stands to a package from `unit_name` signed by `fingerprint` (full, verified).

    Call inside the import's write transaction: a typed key is completed to the full value here.
    """
    fingerprint = fingerprint.upper()
    keys = list_keys(store, unit_name)
    matching = [k for k in keys if fingerprint.startswith(k.fingerprint)]
    if any(k.status == "revoked" for k in matching):
        return Judgement(
            "revoked", f"签名密钥 {display_fingerprint(fingerprint)} 已被吊销，不再接收用它签名的上报包"
        )
    active = next((k for k in keys if k.status == "active"), None)
    if active is not None and fingerprint.startswith(active.fingerprint):
        if active.fingerprint != fingerprint:
            store.db.execute("UPDATE unit_keys SET fingerprint = ? WHERE id = ?", [fingerprint, active.id])
        return Judgement("registered", "")
    if any(k.status == "replaced" for k in matching):
        return Judgement(
            "replaced",
            f"签名密钥 {display_fingerprint(fingerprint)} 是 {unit_name} 已更换掉的旧密钥：请用新密钥重新生成上报包",
        )
    if active is not None:
        return Judgement(
            "mismatch",
            f"上报包自称来自 {unit_name}，但签名密钥 {display_fingerprint(fingerprint)} 与登记的密钥"
            f" {active.display} 不符：可能是他人冒名，或单位换了密钥未登记",
        )
    return Judgement(
        "unregistered",
        f"{unit_name} 的密钥尚未登记（{display_fingerprint(fingerprint)}）：可查看，不计入汇总",
    )
