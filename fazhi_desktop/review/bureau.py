"""Setting up the bureau: its record in the store and its Ed25519 signing key.

The key is the same kind of file as a unit's (package/keys.py: scrypt + AES-GCM, passphrase, written
atomically, never overwritten), only at another name.
"""

from __future__ import annotations

from pathlib import Path

from fazhi_desktop.catalogue.registry import get_plan
from fazhi_desktop.errors import UsageError
from fazhi_desktop.package.keyfile import DEFAULT_KDF, KdfParams
from fazhi_desktop.package.keys import KEY_DIR, UnitKey, generate_key_file, load_key_file, read_key_info
from fazhi_desktop.review.store import Bureau, ReviewStore
from fazhi_desktop.store.db import utc_now

BUREAU_KEY_FILE = "bureau-key.json"


def bureau_key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_DIR / BUREAU_KEY_FILE


def init_bureau(
    data_dir: Path,
    passphrase: str,
    *,
    name: str = "",
    plan_id: str | None = None,
    period_label: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> tuple[ReviewStore, Bureau]:
    """Create the store, the bureau key and the bureau's record (once); the round is one plan and period."""
    plan = get_plan(plan_id, Path(data_dir))
    store = ReviewStore.open(data_dir, create=True)
    try:
        if store.bureau() is not None:
            raise UsageError(f"{data_dir} 已经初始化为审核数据目录（{store.require_bureau().name}）")
        path = bureau_key_path(data_dir)
        key_fp = read_key_info(path).fingerprint if path.exists() else None
        if key_fp is None:
            key_fp = generate_key_file(path, passphrase, kdf=kdf).fingerprint
        bureau = Bureau(
            name=name or f"{plan.meta.county}司法局",
            plan_id=plan.meta.id,
            plan_version=plan.meta.version,
            period_label=period_label or f"{plan.meta.year}年度",
            key_fingerprint=key_fp,
            created_at=utc_now(),
        )
        store.insert_bureau(bureau)
    except BaseException:
        store.close()
        raise
    return store, bureau


def unlock_bureau_key(data_dir: Path, passphrase: str) -> UnitKey:
    """The bureau's key, unlocked (WrongPassphrase, KeyFileMissing … as for a unit key)."""
    return load_key_file(bureau_key_path(data_dir), passphrase)
