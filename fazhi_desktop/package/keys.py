"""The unit's Ed25519 signing key: create, unlock, change passphrase, export, back up, restore.

The key file format is described in `keyfile.py`. Every write goes through `atomic_writer` (temporary
name, fsync, rename), so a crash never leaves a half-written key; a key is never overwritten or
deleted by this module — a replaced key is moved aside.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fazhi_desktop.errors import describe_os_error
from fazhi_desktop.fsutil import atomic_write_bytes, fsync_dir
from fazhi_desktop.package import keyfile
from fazhi_desktop.package.errors import (
    KeyExists,
    KeyFileCorrupt,
    KeyFileMissing,
    TargetExists,
    UnitKeyError,
    WeakPassphrase,
)
from fazhi_desktop.package.fingerprint import Fingerprinted, fingerprint_of
from fazhi_desktop.package.keyfile import DEFAULT_KDF, KdfParams

MIN_PASSPHRASE_CHARS = 8
KEY_DIR = "keys"
KEY_FILE = "unit-key.json"


class UnitKey(Fingerprinted):
    """An unlocked unit key: signs, and knows its public half and fingerprint."""

    def __init__(
        self, private: Ed25519PrivateKey, *, created: str, kdf: KdfParams, path: Path | None
    ) -> None:
        self._private = private
        self.public_raw = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.fingerprint = fingerprint_of(self.public_raw)
        self.created = created
        self.kdf = kdf
        self.path = path

    @property
    def kdf_outdated(self) -> bool:
        """True when the file's KDF is cheaper than today's default (a passphrase change upgrades it)."""
        return not self.kdf.at_least(DEFAULT_KDF)

    def sign(self, data: bytes) -> bytes:
        """A detached 64-byte Ed25519 signature over `data`."""
        return self._private.sign(data)

    def public_pem(self) -> bytes:
        """The public key as PEM SubjectPublicKeyInfo (what `openssl pkeyutl -pubin` reads)."""
        return public_pem(self.public_raw)

    def __repr__(self) -> str:  # never show key material, even in a debugger or a log
        return f"UnitKey({self.fingerprint_display})"


@dataclass(frozen=True)
class KeyInfo(Fingerprinted):
    """What a key file tells without its passphrase."""

    path: Path
    fingerprint: str
    created: str
    kdf: KdfParams
    public_raw: bytes

    def public_pem(self) -> bytes:
        """The public key as PEM SubjectPublicKeyInfo."""
        return public_pem(self.public_raw)


def public_pem(public_raw: bytes) -> bytes:
    """PEM SubjectPublicKeyInfo for a raw 32-byte Ed25519 public key."""
    return Ed25519PublicKey.from_public_bytes(public_raw).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def check_new_passphrase(passphrase: str) -> None:
    """Raise WeakPassphrase unless `passphrase` is long enough to protect the key."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_CHARS:
        raise WeakPassphrase(MIN_PASSPHRASE_CHARS)


def generate_key_file(path: Path, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF) -> UnitKey:
    """Create a new key and write it encrypted to `path`; refuses to overwrite an existing key."""
    path = Path(path)
    if path.exists():
        raise KeyExists(path)
    check_new_passphrase(passphrase)
    _check_kdf(kdf)
    private = Ed25519PrivateKey.generate()
    key = UnitKey(
        private, created=datetime.now().astimezone().isoformat(timespec="seconds"), kdf=kdf, path=path
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _write_exclusive(path, keyfile.seal(_seed(private), key.public_raw, passphrase, kdf, key.created))
    return key


def read_key_info(path: Path) -> KeyInfo:
    """Parse a key file without unlocking it."""
    kf = keyfile.parse(_read(path), path)
    return KeyInfo(Path(path), kf.fingerprint, kf.created, kf.kdf, kf.public_raw)


def load_key_file(path: Path, passphrase: str) -> UnitKey:
    """Unlock the key in `path`: WrongPassphrase, KeyFileCorrupt or KeyFileMissing when it cannot."""
    kf = keyfile.parse(_read(path), path)
    private = Ed25519PrivateKey.from_private_bytes(keyfile.unseal(kf, passphrase))
    key = UnitKey(private, created=kf.created, kdf=kf.kdf, path=Path(path))
    if key.public_raw != kf.public_raw:
        # The file's public half was altered: signing would produce packages nobody can verify.
        raise KeyFileCorrupt(path, "私钥与文件中的公钥不符")
    return key


def change_passphrase(path: Path, old: str, new: str, *, kdf: KdfParams | None = None) -> UnitKey:
    """Re-encrypt the key under `new` (and today's KDF cost unless `kdf` is given), atomically."""
    check_new_passphrase(new)
    key = load_key_file(path, old)
    kdf = kdf or _stronger(key.kdf, DEFAULT_KDF)
    _check_kdf(kdf)
    atomic_write_bytes(Path(path), keyfile.seal(_seed(key._private), key.public_raw, new, kdf, key.created))
    return UnitKey(key._private, created=key.created, kdf=kdf, path=Path(path))


def export_public_key(path: Path, out: Path, *, overwrite: bool = False) -> Path:
    """Write the key's public half as PEM to `out` (no passphrase needed)."""
    info = read_key_info(path)
    return _write_new(Path(out), info.public_pem(), overwrite, public=True)


def backup_key_file(path: Path, out: Path) -> Path:
    """Copy the (still encrypted) key file to `out`; a folder gets a dated, fingerprinted file name."""
    info = read_key_info(path)  # never back up something that is not a readable key
    out = Path(out)
    if out.is_dir():
        out = out / f"fazhi-unit-key-{info.fingerprint[:8]}-{datetime.now():%Y%m%d-%H%M%S}.json"
    return _write_new(out, _read(path), overwrite=False, public=False)


def restore_key_file(src: Path, dest: Path, passphrase: str, *, replace: bool = False) -> UnitKey:
    """Install a backed-up key file at `dest` after proving `passphrase` unlocks it.

    An existing different key is refused unless `replace`; then it is moved aside, never deleted.
    """
    data = _read(src)
    key = load_key_file(src, passphrase)
    dest = Path(dest)
    if dest.exists():
        try:
            same = read_key_info(dest).fingerprint == key.fingerprint
        except KeyFileCorrupt:
            same = False
        if not same and not replace:
            raise KeyExists(dest)
        aside = dest.with_name(f"{dest.stem}.replaced-{datetime.now():%Y%m%d-%H%M%S}{dest.suffix}")
        shutil.copy2(dest, aside)
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_bytes(dest, data)
    return UnitKey(key._private, created=key.created, kdf=key.kdf, path=dest)


def key_path(data_dir: Path) -> Path:
    """Where the unit key lives inside a data directory."""
    return Path(data_dir) / KEY_DIR / KEY_FILE


def create_unit_key(data_dir: Path, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF) -> UnitKey:
    """Generate the unit key for a data directory (first run)."""
    return generate_key_file(key_path(data_dir), passphrase, kdf=kdf)


def load_unit_key(data_dir: Path, passphrase: str) -> UnitKey:
    """Unlock the unit key of a data directory."""
    return load_key_file(key_path(data_dir), passphrase)


def _seed(private: Ed25519PrivateKey) -> bytes:
    return private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _stronger(a: KdfParams, b: KdfParams) -> KdfParams:
    return a if a.at_least(b) else b


def _check_kdf(kdf: KdfParams) -> None:
    why = kdf.problem()
    if why:
        raise ValueError(why)


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise KeyFileMissing(path) from None
    except IsADirectoryError:
        raise KeyFileCorrupt(path, "这是一个文件夹") from None
    except OSError as exc:
        raise UnitKeyError(f"无法读取密钥文件 {path}：{describe_os_error(exc)}", detail=str(exc)) from exc


def _write_new(out: Path, data: bytes, overwrite: bool, *, public: bool) -> Path:
    if out.exists() and not overwrite:
        raise TargetExists(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(out, data)
        if public:
            os.chmod(out, 0o644)  # mkstemp gives 0600; a public key is meant to be read by other tools
    except OSError as exc:  # a write-protected or full stick: name the file the clerk asked for
        raise UnitKeyError(
            f"无法写入 {out}：{describe_os_error(exc)}，未生成文件。", detail=str(exc)
        ) from exc
    return out


def _write_exclusive(path: Path, data: bytes) -> None:
    """Like atomic_write_bytes, but never replaces an existing file, even one created a moment ago
    by another process (two first-run windows must not each make a key and lose one)."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".part-", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, path)  # atomic, and fails if the name exists
        except FileExistsError:
            raise KeyExists(path) from None
        except OSError:  # a file system without hard links: check, then rename
            if path.exists():
                raise KeyExists(path) from None
            os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)
