"""Set up the unit: its profile and reporting period, and the signing key whose fingerprint it records.

Creating the key is slow on purpose (scrypt), so it is split in two: `create_key` touches only the key
file and may run in a background thread; `record_key` writes the fingerprint to the store and runs where
the workspace lives. The profile and period themselves are `set_up` (selfcheck.profile.set_up_unit);
`adopt_key` / `remember_key` then record a key that is already on disk.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.package.keyfile import DEFAULT_KDF, KdfParams
from fazhi_desktop.package.keys import create_unit_key, key_path, read_key_info
from fazhi_desktop.selfcheck.profile import set_key_fingerprint
from fazhi_desktop.selfcheck.profile import set_up_unit as set_up
from fazhi_desktop.selfcheck.workspace import Workspace

log = logging.getLogger(__name__)

__all__ = [
    "adopt_key",
    "create_key",
    "key_on_disk",
    "readable_key_on_disk",
    "record_key",
    "remember_key",
    "set_up",
]


def key_on_disk(data_dir: Path) -> str | None:
    """The fingerprint of the unit key in `data_dir`, None when there is none; a damaged key file raises."""
    path = key_path(data_dir)
    if not path.exists():
        return None
    return read_key_info(path).fingerprint


def readable_key_on_disk(data_dir: Path) -> str | None:
    """Like `key_on_disk`, but a damaged key file counts as none (logged): for showing, not for deciding."""
    try:
        return key_on_disk(data_dir)
    except FazhiError as exc:
        log.warning("密钥文件不可读：%s", exc.message)
        return None


def adopt_key(ws: Workspace) -> str | None:
    """Record the fingerprint of the key already on disk (if any) on the profile; that fingerprint."""
    fingerprint = key_on_disk(ws.data_dir)
    remember_key(ws, fingerprint)
    return fingerprint


def remember_key(ws: Workspace, fingerprint: str | None) -> None:
    """Record `fingerprint` (a key already on disk) on the profile unless it is there already."""
    if fingerprint and ws.require_profile().key_fingerprint != fingerprint:
        record_key(ws, fingerprint)


def create_key(data_dir: Path, passphrase: str, *, kdf: KdfParams | None = None) -> str:
    """Create the unit key (slow, no store access: safe in a background thread); its full fingerprint."""
    return create_unit_key(data_dir, passphrase, kdf=kdf or DEFAULT_KDF).fingerprint


def record_key(ws: Workspace, fingerprint: str) -> None:
    """Remember the key's fingerprint on the unit profile (shown in the program and on the report)."""
    set_key_fingerprint(ws, fingerprint)
