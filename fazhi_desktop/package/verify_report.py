"""The verdict on a package: each problem with its code, file and message, and what was established.

Also `resolve_trust`, which turns `--trust` (a fingerprint or a public-key PEM file) into the expected
fingerprint.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fazhi_desktop.errors import describe_os_error
from fazhi_desktop.fsutil import read_regular
from fazhi_desktop.package.errors import BadTrustValue
from fazhi_desktop.package.fingerprint import fingerprint_of, normalize_fingerprint

__all__ = ["Problem", "VerificationReport", "resolve_trust"]


@dataclass(frozen=True)
class Problem:
    """One finding: a stable `code`, the file concerned, and a Chinese message for people.

    `file` is the path inside the bag (``data/…``, ``bag-info.txt``) for bag findings, the full ZIP
    entry name for archive findings (unsafe names, headers), and None for the package as a whole.
    """

    code: str
    file: str | None
    message: str


@dataclass
class VerificationReport:
    """The verdict on one package; `ok` only when there is no problem (warnings are allowed)."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    package_name: str | None = None
    bag_info: dict[str, str] = field(default_factory=dict)
    signer_fingerprint: str | None = None
    signature_valid: bool = False
    trusted: bool | None = None  # None when no trust was asked for
    sealed: bool = False  # the archive seal is present and valid: the ZIP is byte for byte as written
    file_count: int = 0
    payload_bytes: int = 0
    entry_count: int = 0
    zip_size: int = 0
    zip_sha256: str | None = None
    history_rows: int | None = None  # rows of data/history.jsonl when its chain checked out
    history_head: str | None = None

    @property
    def ok(self) -> bool:
        """True when the ZIP is sound, the bag complete, every hash matches and the signature is good."""
        return not self.problems and self.signature_valid and self.trusted is not False

    def codes(self) -> list[str]:
        """The problem codes, in the order found."""
        return [p.code for p in self.problems]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for `verify --json` and reviewer logs)."""
        d = asdict(self)
        d["path"] = str(self.path)
        d["ok"] = self.ok
        return d


MAX_KEY_FILE = 64 << 10  # an Ed25519 PEM public key is 113 bytes


def resolve_trust(trust: str | os.PathLike[str] | None) -> str | None:
    """The expected fingerprint (bare hex) from a fingerprint string or a public-key PEM file."""
    if trust is None:
        return None
    text = os.fspath(trust)
    bare = normalize_fingerprint(text)
    if bare is not None and not Path(text).is_file():
        return bare
    try:
        data = read_regular(text, MAX_KEY_FILE)  # never a FIFO or /dev/zero: they block or never end
    except OSError as exc:
        raise BadTrustValue(text, f"既不是指纹，也不是可读的公钥文件（{describe_os_error(exc)}）") from None
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise BadTrustValue(text, "文件不是 PEM 格式的公钥") from None
    if not isinstance(key, Ed25519PublicKey):
        raise BadTrustValue(text, "公钥不是 Ed25519 类型")
    return fingerprint_of(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
