"""Signed plans: the county justice bureau signs a plan catalogue, a unit checks it before use.

A signed plan (`*.signed`, by convention `计划编号-版本.signed`) is a ZIP file with exactly three members:

    plan.json               the catalogue's exact bytes (fazhi-plan/1 or /2)
    signature.ed25519       64-byte Ed25519 signature over the exact bytes of plan.json
    bureau-public-key.pem   the signer's public key (PEM SubjectPublicKeyInfo)

so that anyone can check it with `unzip` and `openssl pkeyutl -verify` (docs/plans.md). The key is the
bureau's key file, in the same format and read by the same code as the unit key (package/keys.py). Which
key a unit trusts is not decided here: `selfcheck/bureau_trust.py` remembers the first one it sees.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_desktop.catalogue.loader import parse_plan
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.errors import CatalogueError
from fazhi_desktop.fsutil import atomic_write_bytes

if TYPE_CHECKING:  # cryptography is imported where a signature is made or checked, not to list plans
    from fazhi_desktop.package.keys import UnitKey

PLAN_MEMBER = "plan.json"
SIGNATURE_MEMBER = "signature.ed25519"
KEY_MEMBER = "bureau-public-key.pem"
MEMBERS = (PLAN_MEMBER, SIGNATURE_MEMBER, KEY_MEMBER)
SIGNED_SUFFIX = ".signed"
MAX_PLAN_BYTES = 10 * 1024 * 1024
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # members carry no time: the same plan and key give the same file


class PlanSignatureError(CatalogueError):
    """A signed plan that does not verify: changed after signing, or not a signed plan at all."""


@dataclass(frozen=True)
class PlanSource:
    """A plan as it arrived: its catalogue, its exact bytes and who signed it (None: unsigned)."""

    plan: Plan
    raw: bytes
    signer_public: bytes | None = None  # raw 32-byte Ed25519 key

    @property
    def signed(self) -> bool:
        return self.signer_public is not None

    @property
    def signer_fingerprint(self) -> str | None:
        # Imported here: the package module pulls in the store, which lists plans through this module.
        from fazhi_desktop.package.fingerprint import fingerprint_of

        return fingerprint_of(self.signer_public) if self.signer_public else None

    @property
    def signer_display(self) -> str:
        from fazhi_desktop.package.fingerprint import display_fingerprint

        return display_fingerprint(self.signer_fingerprint) if self.signer_fingerprint else "未签名"


def sign_plan(raw: bytes, key: UnitKey) -> bytes:
    """The signed container for catalogue bytes `raw` (validated first: nobody signs a broken plan)."""
    parse_plan(raw, source=PLAN_MEMBER)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in (
            (PLAN_MEMBER, raw),
            (SIGNATURE_MEMBER, key.sign(raw)),
            (KEY_MEMBER, key.public_pem()),
        ):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue()


def write_signed_plan(target: Path, raw: bytes, key: UnitKey) -> Path:
    atomic_write_bytes(Path(target), sign_plan(raw, key))
    return Path(target)


def is_signed_container(raw: bytes) -> bool:
    if not raw.startswith(b"PK") or not zipfile.is_zipfile(io.BytesIO(raw)):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            return PLAN_MEMBER in zf.namelist()
    except zipfile.BadZipFile:
        return True  # a damaged ZIP: open_signed_plan says so in words


def open_signed_plan(raw: bytes, source: str) -> PlanSource:
    """Verify a signed container and read its plan; `PlanSignatureError` for anything out of place."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    name = Path(source).name
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise PlanSignatureError(f"{name} 已损坏，不是完整的签名计划文件") from exc
    with zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        if sorted(names) != sorted(MEMBERS):
            extra = [n for n in names if n not in MEMBERS]
            missing = [n for n in MEMBERS if n not in names]
            what = "；".join(
                ([f"多出 {'、'.join(extra)}"] if extra else [])
                + ([f"缺少 {'、'.join(missing)}"] if missing else [])
            )
            raise PlanSignatureError(f"{name} 不是本程序签名的计划文件（{what}），已拒绝")
        if any(i.file_size > MAX_PLAN_BYTES for i in infos):
            raise PlanSignatureError(f"{name} 中的文件过大，不像是计划，已拒绝")
        try:
            plan_raw, signature, pem = (zf.read(n) for n in MEMBERS)
        except (zipfile.BadZipFile, zlib.error, OSError) as exc:  # CRC or deflate broken: bytes changed
            raise PlanSignatureError(f"{name} 已被改动或损坏（{exc}），已拒绝") from exc
    try:
        public = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise PlanSignatureError(f"{name} 中的签名公钥无法读取，已拒绝") from exc
    if not isinstance(public, Ed25519PublicKey):
        raise PlanSignatureError(f"{name} 中的签名公钥不是 Ed25519 密钥，已拒绝")
    try:
        public.verify(signature, plan_raw)
    except InvalidSignature:
        raise PlanSignatureError(
            f"{name} 的签名与内容不符：计划在签名之后被改动过（或文件已损坏），已拒绝；请向县司法局重新索取"
        ) from None
    plan = parse_plan(plan_raw, source=f"{name}:{PLAN_MEMBER}")
    raw_key = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PlanSource(plan, plan_raw, raw_key)
