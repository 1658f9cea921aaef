"""Verify a summary package straight from its ZIP: sound archive, complete bag, every hash, the signature.

`verify_package` never raises for a bad package: it returns a report listing every problem, each with
a stable code (for programs and tests), the file concerned and a Chinese message (for people). It
raises only for a bad `trust` argument (BadTrustValue) or when cancelled (PackageCancelled).
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package.errors import BadTrustValue, PackageCancelled
from fazhi_desktop.package.fingerprint import fingerprint_matches, fingerprint_of, normalize_fingerprint
from fazhi_desktop.package.progress import PHASE_VERIFY, Cancel, Progress, cancel_fn
from fazhi_desktop.package.spec import REQUIRED_INFO
from fazhi_desktop.package.zipread import BLOCK, Entry, OpenFailed, list_entries, open_zip, read_entry
from fazhi_desktop.package.zipsafe import ZipLimits, name_problems


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
    file_count: int = 0
    payload_bytes: int = 0
    entry_count: int = 0
    zip_size: int = 0
    zip_sha256: str | None = None

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


def resolve_trust(trust: str | os.PathLike[str] | None) -> str | None:
    """The expected fingerprint (bare hex) from a fingerprint string or a public-key PEM file."""
    if trust is None:
        return None
    text = os.fspath(trust)
    bare = normalize_fingerprint(text)
    if bare is not None and not Path(text).is_file():
        return bare
    try:
        data = Path(text).read_bytes()
    except OSError as exc:
        raise BadTrustValue(text, f"既不是指纹，也不是可读的公钥文件（{exc.strerror}）") from None
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        raise BadTrustValue(text, "文件不是 PEM 格式的公钥") from None
    if not isinstance(key, Ed25519PublicKey):
        raise BadTrustValue(text, "公钥不是 Ed25519 类型")
    return fingerprint_of(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def verify_package(path: str | os.PathLike[str], trust: str | os.PathLike[str] | None = None, *,
                   limits: ZipLimits | None = None, progress: Progress | None = None,
                   cancel: Cancel = None, file_hash: bool = True) -> VerificationReport:  # fmt: skip
    """Check a package file completely and return the report (see the module docstring)."""
    expected = resolve_trust(trust)
    return _Verifier(Path(path), expected, limits or ZipLimits(), progress, cancel, file_hash).run()


class _Verifier:
    def __init__(self, path: Path, expected: str | None, limits: ZipLimits, progress: Progress | None,
                 cancel: Cancel, file_hash: bool) -> None:  # fmt: skip
        self.report = VerificationReport(path)
        self.expected = expected
        self.limits = limits
        self.progress = progress
        self.cancelled = cancel_fn(cancel)
        self.file_hash = file_hash
        self.done = 0
        self.total = 0

    def found(self, code: str, file: str | None, message: str) -> None:
        self.report.problems.append(Problem(code, file, message))

    def warn(self, code: str, file: str | None, message: str) -> None:
        self.report.warnings.append(Problem(code, file, message))

    def tick(self, n: int) -> None:
        self.done += n
        if self.cancelled():
            raise PackageCancelled()
        if self.progress:
            self.progress(self.done, self.total, PHASE_VERIFY)

    def run(self) -> VerificationReport:
        r = self.report
        try:
            fh = open(r.path, "rb")  # noqa: SIM115 - closed in finally, after the ZipFile
        except FileNotFoundError:
            self.found("not_found", str(r.path), "找不到该文件")
            return r
        except OSError as exc:
            self.found("unreadable", str(r.path), f"无法读取该文件：{exc.strerror}")
            return r
        try:
            r.zip_size = os.fstat(fh.fileno()).st_size
            try:
                zf = open_zip(fh)
            except OpenFailed as exc:
                self.found(exc.code, None, exc.message)
                return r
            with zf:
                entries = list_entries(zf, fh, self.limits, self.found, self.warn)
                if entries is None:
                    return r
                r.entry_count = len(entries)
                self.total = (r.zip_size if self.file_hash else 0) + sum(
                    e.info.file_size for e in entries if e.readable
                )
                if self.file_hash:
                    r.zip_sha256 = self._hash_file(fh)
                self._check_bag(zf, entries)
        finally:
            fh.close()
        return r

    def _hash_file(self, fh: BinaryIO) -> str:
        h = hashlib.sha256()
        fh.seek(0)
        while block := fh.read(BLOCK):
            h.update(block)
            self.tick(len(block))
        return h.hexdigest()

    def _check_bag(self, zf: zipfile.ZipFile, entries: list[Entry]) -> None:
        # The bag is the folder holding bagit.txt, at the top of the ZIP or one folder down (ours).
        roots = [e.name[: -len(bf.BAGIT)] for e in entries
                 if e.name.rpartition("/")[2] == bf.BAGIT and e.name.count("/") <= 1]  # fmt: skip
        if not roots:
            self.found("missing_bagit_txt", bf.BAGIT, "不是 BagIt 包：找不到 bagit.txt")
            return
        if len(set(roots)) > 1:
            self.found("multiple_bags", None, f"ZIP 中有 {len(set(roots))} 个 bagit.txt，只应有一个包")
            return
        root = roots[0]
        self.report.package_name = root.rstrip("/") or None
        files: dict[str, Entry] = {}
        for e in entries:
            if not e.name.startswith(root):
                self.found("outside_bag", e.name, "条目不在包文件夹内")
            elif not e.is_dir:
                files.setdefault(e.name[len(root) :], e)
        tags = {name: self._read_tag(zf, files.get(name), name)
                for name in (bf.BAGIT, bf.BAG_INFO, bf.MANIFEST, bf.TAGMANIFEST, bf.SIGNATURE, bf.PUBLIC_KEY)}  # fmt: skip
        self._check_bagit_txt(tags[bf.BAGIT])
        self._check_bag_info(tags[bf.BAG_INFO])
        self._check_signature(tags[bf.TAGMANIFEST], tags[bf.SIGNATURE], tags[bf.PUBLIC_KEY])
        tag_digests = self._parse_manifest(tags[bf.TAGMANIFEST], bf.TAGMANIFEST, payload=False)
        payload_digests = self._parse_manifest(tags[bf.MANIFEST], bf.MANIFEST, payload=True)
        if tag_digests is not None:
            self._check_tag_hashes(zf, files, tags, tag_digests)
        if payload_digests is not None:
            self._check_payload(zf, files, payload_digests)

    def _read_tag(self, zf: zipfile.ZipFile, entry: Entry | None, name: str) -> bytes | None:
        if entry is None or not entry.readable:
            missing = {bf.BAGIT: ("missing_bagit_txt", "缺少 bagit.txt"),
                       bf.BAG_INFO: ("missing_bag_info", "缺少 bag-info.txt"),
                       bf.MANIFEST: ("missing_manifest", "缺少载荷清单 manifest-sha256.txt"),
                       bf.TAGMANIFEST: ("missing_tagmanifest", "缺少标签清单 tagmanifest-sha256.txt"),
                       bf.SIGNATURE: ("missing_signature", "缺少签名文件 signature.ed25519"),
                       bf.PUBLIC_KEY: ("missing_public_key", "缺少单位公钥 unit-public-key.pem")}[name]  # fmt: skip
            if entry is None:
                self.found(missing[0], name, missing[1])
            return None
        if entry.info.file_size > self.limits.max_tag_file_bytes:
            self.found("tag_file_too_large", name, f"{name} 过大（{entry.info.file_size} 字节）")
            entry.readable = False
            return None
        result, data = read_entry(zf, entry, self.tick, keep=True)
        if result.code:
            self.found(result.code, name, result.message)
        return data if entry.readable else None

    def _check_bagit_txt(self, data: bytes | None) -> None:
        if data is None:
            return
        why = bf.check_bagit_txt(data)
        if why:
            self.found("bad_bagit_txt", bf.BAGIT, f"bagit.txt 无效：{why}")

    def _check_bag_info(self, data: bytes | None) -> None:
        if data is None:
            return
        try:
            fields = bf.parse_tag_file(data)
        except bf.BagFormatError as exc:
            self.found("bad_bag_info", bf.BAG_INFO, f"bag-info.txt 格式不对：{exc}")
            return
        info: dict[str, str] = {}
        for label, value in fields:
            if label in info:
                self.warn(
                    "repeated_bag_info_field", bf.BAG_INFO, f"bag-info.txt 中“{label}”出现多次，取第一个"
                )
            info.setdefault(label, value)
        self.report.bag_info = info
        for label in REQUIRED_INFO:
            if not info.get(label):
                self.found("bag_info_field_missing", bf.BAG_INFO, f"bag-info.txt 缺少“{label}”")

    def _check_signature(self, tagmanifest: bytes | None, sig: bytes | None, pem: bytes | None) -> None:
        key = None
        if pem is not None:
            try:
                loaded = serialization.load_pem_public_key(pem)
            except (ValueError, TypeError):
                loaded = None
            if isinstance(loaded, Ed25519PublicKey):
                key = loaded
            else:
                self.found("bad_public_key", bf.PUBLIC_KEY, "unit-public-key.pem 不是有效的 Ed25519 公钥")
        if sig is not None and len(sig) != 64:
            self.found("bad_signature", bf.SIGNATURE, f"签名应为 64 字节，实际 {len(sig)} 字节")
            return
        if key is None or sig is None or tagmanifest is None:
            return
        fp = fingerprint_of(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
        self.report.signer_fingerprint = fp
        try:
            key.verify(sig, tagmanifest)
        except InvalidSignature:
            self.found(
                "bad_signature", bf.SIGNATURE, "签名与标签清单不符：包在签名后被改动，或签名不是用此公钥所作"
            )
            return
        self.report.signature_valid = True
        claimed = self.report.bag_info.get("Fazhi-Key-Fingerprint")
        if claimed and claimed.upper() != fp:
            self.found("fingerprint_mismatch", bf.BAG_INFO, "bag-info.txt 中登记的密钥指纹与签名所用公钥不符")
        if self.expected is not None:
            self.report.trusted = fingerprint_matches(self.expected, fp)
            if not self.report.trusted:
                self.found(
                    "untrusted_signer",
                    bf.PUBLIC_KEY,
                    "签名有效，但签名单位的公钥不是所信任的那一个（指纹不符）",
                )

    def _parse_manifest(self, data: bytes | None, name: str, *, payload: bool) -> dict[str, str] | None:
        if data is None:
            return None
        code = "bad_manifest" if payload else "bad_tagmanifest"
        try:
            digests = bf.parse_manifest(data)
        except bf.BagFormatError as exc:
            self.found(code, name, f"{name} 格式不对：{exc}")
            return None
        for path in list(digests):
            inside = path.startswith("data/")
            if inside != payload or name_problems(path):
                where = "data/ 之内" if payload else "data/ 之外"
                self.found(code, name, f"{name} 列出的“{path}”不是安全的、位于 {where} 的路径")
                del digests[path]
        if not payload:
            for required in (bf.BAGIT, bf.BAG_INFO, bf.MANIFEST):
                if required not in digests:
                    self.found("tagmanifest_incomplete", bf.TAGMANIFEST, f"标签清单没有列出 {required}")
        return digests

    def _check_tag_hashes(self, zf: zipfile.ZipFile, files: dict[str, Entry], tags: dict[str, bytes | None],
                          digests: dict[str, str]) -> None:  # fmt: skip
        for path, digest in sorted(digests.items()):
            if path in tags and tags[path] is not None:
                actual = hashlib.sha256(tags[path] or b"").hexdigest()
            elif path in files and files[path].readable:
                result, _ = read_entry(zf, files[path], self.tick)
                if result.code:
                    self.found(result.code, path, result.message)
                if not files[path].readable:
                    continue
                actual = result.sha256
            else:
                if path not in files:
                    self.found("missing_from_zip", path, f"标签清单列出的 {path} 不在包中")
                continue
            if actual != digest:
                self.found("tag_hash_mismatch", path, f"{path} 的 SHA-256 与标签清单不符：文件被改动")
        for rel in sorted(files):
            if rel.startswith("data/") or rel in digests or rel in (bf.TAGMANIFEST, *bf.UNLISTED_TAG_FILES):
                continue
            self.found("not_in_manifest", rel, f"{rel} 不在标签清单中")

    def _check_payload(self, zf: zipfile.ZipFile, files: dict[str, Entry], digests: dict[str, str]) -> None:
        payload = {rel: e for rel, e in files.items() if rel.startswith("data/")}
        r = self.report
        for rel in sorted(set(payload) - set(digests)):
            self.found("not_in_manifest", rel, f"{rel} 不在载荷清单中")
        for rel in sorted(set(digests) - set(payload)):
            self.found("missing_from_zip", rel, f"载荷清单列出的 {rel} 不在包中")
        r.file_count = len(payload)
        for rel in sorted(payload):
            e = payload[rel]
            r.payload_bytes += e.info.file_size
            if not e.readable or rel not in digests:
                continue
            result, _ = read_entry(zf, e, self.tick)
            if result.code:
                self.found(result.code, rel, result.message)
            if e.readable and result.sha256 != digests[rel]:
                self.found("hash_mismatch", rel, f"{rel} 的 SHA-256 与清单不符：文件被改动或损坏"
                           f"（清单 {digests[rel][:16]}…，实际 {result.sha256[:16]}…）")  # fmt: skip
        oxum = r.bag_info.get("Payload-Oxum")
        if oxum:
            parsed = bf.parse_oxum(oxum)
            if parsed is None:
                self.found("bad_oxum", bf.BAG_INFO, f"Payload-Oxum 的值“{oxum}”格式不对")
            elif parsed != (r.payload_bytes, r.file_count):
                self.found("oxum_mismatch", bf.BAG_INFO, f"Payload-Oxum 声明 {parsed[1]} 个文件 {parsed[0]} 字节，"
                           f"实际 {r.file_count} 个文件 {r.payload_bytes} 字节")  # fmt: skip
