"""The encrypted unit-key file: a small JSON document, sealed with scrypt + AES-256-GCM.

Why this format rather than OpenSSH's (bcrypt KDF): scrypt is memory-hard, so guessing passphrases on
a GPU costs far more than with bcrypt at the same wait for the clerk; the cost parameters sit in the
file, so a later version can raise them on the next passphrase change while old files still open;
and the public key, fingerprint and creation time are readable without the passphrase (for
`key show`, export of the public key, and backups). Layout (all binary values base64)::

    {"format": "fazhi-unit-key", "version": 1, "algorithm": "Ed25519",
     "kdf": {"name": "scrypt", "n": 131072, "r": 8, "p": 1, "salt": "…16 bytes…"},
     "cipher": {"name": "AES-256-GCM", "nonce": "…12 bytes…"},
     "ciphertext": "…32-byte private seed + 16-byte tag…",
     "public_key": "…raw 32 bytes…", "fingerprint": "64 hex digits", "created": "ISO 8601"}

The passphrase is NFC-normalised and UTF-8 encoded, so the same characters typed through different
input methods open the key. The AES-GCM associated data is the format tag, which keeps a ciphertext
from being replayed in another kind of file.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fazhi_desktop.package.errors import KeyFileCorrupt, WrongPassphrase
from fazhi_desktop.package.fingerprint import fingerprint_of

FORMAT = "fazhi-unit-key"
VERSION = 1
_AAD = b"fazhi-unit-key/1"
# Refuse parameters that would make a crafted file eat the machine's memory (128·n·r bytes).
_MAX_SCRYPT_MEMORY = 1 << 30


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost: n (CPU/memory, a power of two), r (block size), p (parallelism)."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def problem(self) -> str | None:
        """Why these parameters are unusable, or None."""
        if self.n < 2**10 or self.n & (self.n - 1):
            return f"scrypt n={self.n} 不是不小于 1024 的 2 的幂"
        if not (1 <= self.r <= 32 and 1 <= self.p <= 16):
            return f"scrypt r={self.r}、p={self.p} 超出范围"
        if 128 * self.n * self.r > _MAX_SCRYPT_MEMORY:
            return f"scrypt 参数所需内存过大（n={self.n}, r={self.r}）"
        return None

    def at_least(self, other: KdfParams) -> bool:
        """True when these parameters cost no less than `other`."""
        return self.n * self.r * self.p >= other.n * other.r * other.p


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class KeyFile:
    """The parsed, still-encrypted contents of a key file."""

    kdf: KdfParams
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    public_raw: bytes
    fingerprint: str
    created: str


def passphrase_bytes(passphrase: str) -> bytes:
    """The bytes fed to the KDF: NFC so that composed and decomposed input agree."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    """The 32-byte AES key for `passphrase` (slow on purpose)."""
    return Scrypt(salt=salt, length=32, n=kdf.n, r=kdf.r, p=kdf.p).derive(passphrase_bytes(passphrase))


def seal(seed: bytes, public_raw: bytes, passphrase: str, kdf: KdfParams, created: str) -> bytes:
    """Encrypt a private seed into key-file bytes (fresh salt and nonce every time)."""
    salt, nonce = os.urandom(16), os.urandom(12)
    ciphertext = AESGCM(derive(passphrase, salt, kdf)).encrypt(nonce, seed, _AAD)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "algorithm": "Ed25519",
        "kdf": {"name": "scrypt", "n": kdf.n, "r": kdf.r, "p": kdf.p, "salt": _b64(salt)},
        "cipher": {"name": "AES-256-GCM", "nonce": _b64(nonce)},
        "ciphertext": _b64(ciphertext),
        "public_key": _b64(public_raw),
        "fingerprint": fingerprint_of(public_raw),
        "created": created,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def unseal(kf: KeyFile, passphrase: str) -> bytes:
    """Decrypt the private seed; a failed tag means a wrong passphrase (or a damaged ciphertext)."""
    try:
        seed = AESGCM(derive(passphrase, kf.salt, kf.kdf)).decrypt(kf.nonce, kf.ciphertext, _AAD)
    except InvalidTag:
        raise WrongPassphrase() from None
    return seed  # 32 bytes: parse() checked the ciphertext length


def parse(data: bytes, path: Path | str = "") -> KeyFile:
    """Check and parse key-file bytes; anything off raises KeyFileCorrupt naming the problem."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise KeyFileCorrupt(path, "不是 UTF-8 文本") from None
    except json.JSONDecodeError as exc:
        raise KeyFileCorrupt(path, f"不是有效的 JSON（第 {exc.lineno} 行）") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise KeyFileCorrupt(path, "不是本程序的密钥文件")
    if doc.get("version") != VERSION:
        raise KeyFileCorrupt(path, f"密钥文件版本 {doc.get('version')!r} 无法识别，请升级程序")
    try:
        kdf_doc, cipher_doc = doc["kdf"], doc["cipher"]
        if (
            doc["algorithm"] != "Ed25519"
            or kdf_doc["name"] != "scrypt"
            or cipher_doc["name"] != "AES-256-GCM"
        ):
            raise KeyFileCorrupt(path, "算法不受支持")
        kdf = KdfParams(n=_int(kdf_doc["n"]), r=_int(kdf_doc["r"]), p=_int(kdf_doc["p"]))
        kf = KeyFile(
            kdf=kdf,
            salt=_unb64(kdf_doc["salt"]),
            nonce=_unb64(cipher_doc["nonce"]),
            ciphertext=_unb64(doc["ciphertext"]),
            public_raw=_unb64(doc["public_key"]),
            fingerprint=str(doc["fingerprint"]).upper(),
            created=str(doc.get("created", "")),
        )
    except KeyError as exc:
        raise KeyFileCorrupt(path, f"缺少字段 {exc.args[0]}") from None
    except (TypeError, ValueError, binascii.Error):
        raise KeyFileCorrupt(path, "字段的值无效") from None
    why = kdf.problem()
    if why:
        raise KeyFileCorrupt(path, why)
    if len(kf.salt) < 16 or len(kf.nonce) != 12 or len(kf.ciphertext) != 48 or len(kf.public_raw) != 32:
        raise KeyFileCorrupt(path, "盐、随机数、密文或公钥长度不对")
    if fingerprint_of(kf.public_raw) != kf.fingerprint:
        raise KeyFileCorrupt(path, "公钥与指纹不符")
    return kf


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: Any) -> bytes:
    if not isinstance(s, str):
        raise TypeError("base64 value must be a string")
    return base64.b64decode(s, validate=True)


def _int(v: Any) -> int:
    # json gives bool for true/false, and bool is an int: refuse it explicitly.
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError(f"{v!r} is not an integer")
    return v
