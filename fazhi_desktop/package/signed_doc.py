"""Small signed documents between the bureau and a unit: the return (退回包) and the receipt (回执).

A UTF-8 JSON file: `format` (`fazhi-return/1` or `fazhi-receipt/1`), `body` (the content, itself a JSON
text, kept as the exact bytes that were signed), `public_key` (PEM of the signer's Ed25519 key),
`fingerprint` and `signature` (base64 of the Ed25519 signature over the UTF-8 bytes of `body`).
Anyone can check one with OpenSSL: write `body` to a file, base64-decode `signature`, then
`openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in body.json -sigfile sig.bin`.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fazhi_desktop.errors import FazhiError, describe_os_error
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.package.fingerprint import fingerprint_of
from fazhi_desktop.package.keys import UnitKey

KINDS = {"return": ("fazhi-return/1", "退回包"), "receipt": ("fazhi-receipt/1", "回执")}
MAX_BYTES = 4 * 1024 * 1024


class SignedDocError(FazhiError):
    """The file is not a sound signed document of the expected kind."""


@dataclass(frozen=True)
class SignedDoc:
    kind: str
    body: dict[str, Any]
    public_raw: bytes
    fingerprint: str


def write_signed(key: UnitKey, kind: str, body: dict[str, Any], out: Path) -> Path:
    """Sign `body` and write the document to `out` atomically."""
    fmt = KINDS[kind][0]
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1)
    doc = {
        "format": fmt,
        "body": text,
        "public_key": key.public_pem().decode("ascii"),
        "fingerprint": key.fingerprint,
        "signature": base64.b64encode(key.sign(text.encode("utf-8"))).decode("ascii"),
    }
    try:
        atomic_write_bytes(Path(out), (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except OSError as exc:
        raise SignedDocError(f"无法写入 {out}：{describe_os_error(exc)}，未生成文件") from exc
    return Path(out)


def read_signed(path: Path, kind: str) -> SignedDoc:
    """Read and check a document of `kind`; SignedDocError with the reason in Chinese otherwise.

    Only the signature is checked here: whose key it is, is for the caller to judge.
    """
    fmt, name = KINDS[kind]
    try:
        raw = Path(path).read_bytes()[: MAX_BYTES + 1]
    except FileNotFoundError:
        raise SignedDocError(f"找不到文件 {path}") from None
    except OSError as exc:
        raise SignedDocError(f"无法读取 {path}：{describe_os_error(exc)}") from None
    if len(raw) > MAX_BYTES:
        raise SignedDocError(f"{path} 太大，不是{name}")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SignedDocError(f"{path} 不是{name}（不是 JSON 文本）") from None
    if not isinstance(doc, dict) or doc.get("format") != fmt:
        other = next((n for f, n in KINDS.values() if isinstance(doc, dict) and doc.get("format") == f), None)
        hint = f"：这是{other}" if other else ""
        raise SignedDocError(f"{path} 不是{name}{hint}")
    try:
        key = serialization.load_pem_public_key(str(doc["public_key"]).encode("ascii"))
        signature = base64.b64decode(str(doc["signature"]), validate=True)
        text = str(doc["body"])
    except (KeyError, ValueError, UnsupportedAlgorithm, binascii.Error):
        raise SignedDocError(f"{name}不完整或已损坏：缺少签名或公钥") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SignedDocError(f"{name}的公钥不是 Ed25519 类型")
    try:
        key.verify(signature, text.encode("utf-8"))
    except InvalidSignature:
        raise SignedDocError(f"{name}的签名不对：文件在签发后被改动过，请向县司法局索取原件") from None
    body = json.loads(text)
    if not isinstance(body, dict) or body.get("kind") != kind:
        raise SignedDocError(f"{name}内容不完整")
    public_raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return SignedDoc(kind, body, public_raw, fingerprint_of(public_raw))
