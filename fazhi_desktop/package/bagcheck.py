"""The bag-level half of the verifier: tag files, manifests, payload hashes, the signature, the history.

`BagChecker` is given the verifier's parts (verify.py): `Findings` (the report being filled, with
`found`/`warn`) and `EntryReader` (streams an archive entry with progress). What it established for the
archive-level checks and for the caller — the public key, the checked history chain, the payload
manifest and the verified bytes of results.json — it keeps as attributes.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fazhi_desktop.hashchain import GENESIS, ChainChecker
from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package.fingerprint import fingerprint_matches, fingerprint_of
from fazhi_desktop.package.spec import REQUIRED_INFO
from fazhi_desktop.package.verify_report import Problem, VerificationReport
from fazhi_desktop.package.zipread import BLOCK, Entry, ReadResult, read_entry
from fazhi_desktop.package.zipsafe import ZipLimits, name_problems
from fazhi_desktop.package.zipscan import Scan, fits_walk
from fazhi_desktop.progress import PHASE_VERIFY, Step

HISTORY = "data/history.jsonl"
HISTORY_HEAD = "Fazhi-History-Head"
HISTORY_ROWS = "Fazhi-History-Rows"
RESULTS = "data/results.json"
# results.json is kept in memory for the caller only up to this size (ours: well under 1 MB).
MAX_RESULTS_BYTES = 32 * 1024 * 1024
TAG_FILES = (bf.BAGIT, bf.BAG_INFO, bf.MANIFEST, bf.TAGMANIFEST, bf.SIGNATURE, bf.PUBLIC_KEY)


class Findings:
    """The report being filled: problems (the package fails) and warnings (it passes all the same)."""

    def __init__(self, report: VerificationReport) -> None:
        self.report = report

    def found(self, code: str, file: str | None, message: str) -> None:
        self.report.problems.append(Problem(code, file, message))

    def warn(self, code: str, file: str | None, message: str) -> None:
        self.report.warnings.append(Problem(code, file, message))


@dataclass
class EntryReader:
    """Streams archive entries and the whole file, counting files and bytes for the progress reporter.

    With `scan` (zipscan.py), an entry the one sequential pass read already is taken from there
    instead of being read again; the others are read through zipfile.
    """

    report_to: Callable[[Step], None]
    scan: Scan | None = None
    total: int = 0
    files_total: int = 0
    done: int = 0
    files_done: int = 0
    current: str = ""

    def tick(self, n: int) -> None:
        self.done += n
        self.report_to(
            Step(
                PHASE_VERIFY,
                min(self.files_done, self.files_total),
                self.files_total,
                self.done,
                self.total,
                self.current,
            )
        )

    def read(
        self,
        zf: zipfile.ZipFile,
        entry: Entry,
        rel: str,
        *,
        keep: bool = False,
        on_data: Callable[[bytes], None] | None = None,
    ) -> tuple[ReadResult, bytes]:
        """Stream one entry with progress, counting it as one file checked."""
        self.current = rel
        result = self._scanned(entry, keep, on_data)
        if result is None:
            if self.scan is not None and fits_walk(entry.info):
                self.total += entry.info.file_size  # expected from the pass, but read again after all
            result = read_entry(zf, entry, self.tick, keep=keep, on_data=on_data)
        self.files_done += 1
        self.current = ""
        self.tick(0)  # the file count moves even when the file is empty
        return result

    def _scanned(
        self, entry: Entry, keep: bool, on_data: Callable[[bytes], None] | None
    ) -> tuple[ReadResult, bytes] | None:
        """The pass's result for `entry`, when it has one with the bytes this read needs."""
        found = self.scan.result_for(entry) if self.scan is not None else None
        if found is None:
            return None
        result, data = found
        if (keep or on_data is not None) and data is None:
            return None  # too big to have been kept: read again, in blocks
        if on_data is not None and data is not None:
            for at in range(0, len(data), BLOCK):
                on_data(data[at : at + BLOCK])
        return result, (data or b"") if keep else b""


def bag_roots(entries: list[Entry]) -> list[str]:
    """The folder of every bagit.txt at the top of the ZIP or one folder down (ours: one down)."""
    return [
        e.name[: -len(bf.BAGIT)]
        for e in entries
        if e.name.rpartition("/")[2] == bf.BAGIT and e.name.count("/") <= 1
    ]


def kept_entries(entries: list[Entry], limits: ZipLimits) -> dict[int, int]:
    """Header offset → size limit of the entries the checker reads whole (tag files, results.json,
    history.jsonl): the one sequential pass keeps their bytes, the others it only hashes."""
    roots = set(bag_roots(entries))
    if len(roots) != 1:
        return {}
    root = roots.pop()
    caps = dict.fromkeys((*TAG_FILES, HISTORY), limits.max_tag_file_bytes) | {RESULTS: MAX_RESULTS_BYTES}
    kept: dict[int, int] = {}
    seen: set[str] = set()
    for e in entries:
        rel = e.name[len(root) :]
        if e.is_dir or not e.name.startswith(root) or rel in seen:
            continue
        seen.add(rel)  # as in BagChecker.check: the first entry of a name is the one read
        if rel in caps:
            kept[e.info.header_offset] = caps[rel]
    return kept


@dataclass
class BagChecker:
    """Checks of the bag inside an opened archive (see the module docstring); `check` runs them all."""

    findings: Findings
    reader: EntryReader
    limits: ZipLimits
    expected: str | None  # the trusted signer's fingerprint, if one was asked for
    public_key: Ed25519PublicKey | None = None
    history: ChainChecker | None = None
    payload_names: set[str] = field(default_factory=set)
    payload_digests: dict[str, str] = field(default_factory=dict)  # manifest-sha256.txt, as checked
    payload_sizes: dict[str, int] = field(default_factory=dict)
    results_bytes: bytes | None = None  # data/results.json, when it matched its manifest line

    def __post_init__(self) -> None:
        self.report = self.findings.report
        self.found = self.findings.found
        self.warn = self.findings.warn
        self.read = self.reader.read

    def check(self, zf: zipfile.ZipFile, entries: list[Entry]) -> None:
        # The bag is the folder holding bagit.txt, at the top of the ZIP or one folder down (ours).
        roots = bag_roots(entries)
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
        tags = {name: self._read_tag(zf, files.get(name), name) for name in TAG_FILES}
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
            missing = {
                bf.BAGIT: ("missing_bagit_txt", "缺少 bagit.txt"),
                bf.BAG_INFO: ("missing_bag_info", "缺少 bag-info.txt"),
                bf.MANIFEST: ("missing_manifest", "缺少载荷清单 manifest-sha256.txt"),
                bf.TAGMANIFEST: ("missing_tagmanifest", "缺少标签清单 tagmanifest-sha256.txt"),
                bf.SIGNATURE: ("missing_signature", "缺少签名文件 signature.ed25519"),
                bf.PUBLIC_KEY: ("missing_public_key", "缺少单位公钥 unit-public-key.pem"),
            }[name]
            if entry is None:
                self.found(missing[0], name, missing[1])
            return None
        if entry.info.file_size > self.limits.max_tag_file_bytes:
            self.found("tag_file_too_large", name, f"{name} 过大（{entry.info.file_size} 字节）")
            entry.readable = False
            return None
        result, data = self.read(zf, entry, name, keep=True)
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
            except (ValueError, TypeError, UnsupportedAlgorithm):
                loaded = None
            if isinstance(loaded, Ed25519PublicKey):
                key = self.public_key = loaded
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

    def _check_tag_hashes(
        self,
        zf: zipfile.ZipFile,
        files: dict[str, Entry],
        tags: dict[str, bytes | None],
        digests: dict[str, str],
    ) -> None:
        for path, digest in sorted(digests.items()):
            if path in tags and tags[path] is not None:
                actual = hashlib.sha256(tags[path] or b"").hexdigest()
            elif path in files and files[path].readable:
                result, _ = self.read(zf, files[path], path)
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
        self.payload_names = set(payload)
        self.payload_digests = dict(digests)
        self.payload_sizes = {rel: e.info.file_size for rel, e in payload.items()}
        for rel in sorted(payload):
            e = payload[rel]
            r.payload_bytes += e.info.file_size
            if not e.readable or rel not in digests:
                continue
            # The chain is checked when bag-info names its head (every package `export` writes does).
            history = ChainChecker() if rel == HISTORY and HISTORY_HEAD in r.bag_info else None
            keep = rel == RESULTS and e.info.file_size <= MAX_RESULTS_BYTES
            result, data = self.read(zf, e, rel, keep=keep, on_data=history.feed if history else None)
            if result.code:
                self.found(result.code, rel, result.message)
            elif history is not None and result.sha256 == digests[rel]:
                history.close()
                self.history = history
            elif keep and result.sha256 == digests[rel]:
                self.results_bytes = data
            if e.readable and result.sha256 != digests[rel]:
                self.found(
                    "hash_mismatch",
                    rel,
                    f"{rel} 的 SHA-256 与清单不符：文件被改动或损坏"
                    f"（清单 {digests[rel][:16]}…，实际 {result.sha256[:16]}…）",
                )
        oxum = r.bag_info.get("Payload-Oxum")
        if oxum:
            parsed = bf.parse_oxum(oxum)
            if parsed is None:
                self.found("bad_oxum", bf.BAG_INFO, f"Payload-Oxum 的值“{bf.quoted(oxum)}”格式不对")
            elif parsed != (r.payload_bytes, r.file_count):
                self.found(
                    "oxum_mismatch",
                    bf.BAG_INFO,
                    f"Payload-Oxum 声明 {parsed[1]} 个文件 {parsed[0]} 字节，"
                    f"实际 {r.file_count} 个文件 {r.payload_bytes} 字节",
                )
        self._check_history()

    def _check_history(self) -> None:
        """The hash chain of data/history.jsonl, and its head against bag-info (see hashchain.py)."""
        info = self.report.bag_info
        if self.history is None:
            if HISTORY_HEAD in info and HISTORY not in self.payload_names:
                self.found("missing_from_zip", HISTORY, f"bag-info.txt 登记了修改记录，但包中没有 {HISTORY}")
            return
        chain = self.history
        if chain.problem:
            self.found(
                "history_chain_broken",
                HISTORY,
                f"修改记录的哈希链断了：{chain.problem}。单位在生成上报包之前改动过本机的修改记录",
            )
            return
        head = info.get(HISTORY_HEAD)
        rows = info.get(HISTORY_ROWS)
        if head is not None and head.lower() != chain.head:
            self.found(
                "history_head_mismatch", bf.BAG_INFO, f"bag-info.txt 登记的修改记录末条哈希与 {HISTORY} 不符"
            )
        elif rows is not None and rows != str(chain.rows):
            self.found(
                "history_head_mismatch",
                bf.BAG_INFO,
                f"bag-info.txt 登记了 {bf.quoted(rows)} 条修改记录，{HISTORY} 中有 {chain.rows} 条",
            )
        self.report.history_rows = chain.rows
        self.report.history_head = chain.head if chain.rows else GENESIS
