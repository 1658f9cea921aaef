"""Verify a summary package straight from its ZIP: sound archive, complete bag, every hash, the signature.

`verify_package` never raises for a bad package: it returns a report listing every problem, each with
a stable code (for programs and tests), the file concerned and a Chinese message (for people). It
raises only for a bad `trust` argument (BadTrustValue) or when cancelled (PackageCancelled).

What is covered: the ZIP's end record is read first (entry count and directory size are bounded
before zipfile parses anything); every name, size and header is checked (zipread/zipsafe); the bag's
tag files, both manifests, Payload-Oxum and every file's SHA-256; the Ed25519 signature over the tag
manifest and, with `trust`, whose key it is; the hash chain of data/history.jsonl against the head in
bag-info; and the archive seal (seal.py), which covers every byte of the ZIP file itself, so a package
as our writer made it cannot change in one byte without a problem being reported. A ZIP without a
seal (re-zipped by another tool) is checked in full all the same and gets the `unsealed_zip` warning.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature

from fazhi_desktop.errors import describe_os_error
from fazhi_desktop.fsutil import NotRegularFile, open_regular
from fazhi_desktop.package.bagcheck import RESULTS, BagChecker, EntryReader, Findings, kept_entries
from fazhi_desktop.package.reporter import Reporter
from fazhi_desktop.package.seal import Tail, is_foreign_comment, parse_seal, read_tail
from fazhi_desktop.package.verified import ManifestEntry, VerifiedPackage
from fazhi_desktop.package.verify_report import Problem, VerificationReport, resolve_trust
from fazhi_desktop.package.zipread import Entry, OpenFailed, list_entries, open_zip
from fazhi_desktop.package.zipsafe import ZipLimits
from fazhi_desktop.package.zipscan import Scan, fits_walk, scan_zip
from fazhi_desktop.progress import Cancel, Detail, PhaseProgress
from fazhi_desktop.reports.results_read import BadResults, parse_results

__all__ = [
    "Problem",
    "VerificationReport",
    "VerifiedPackage",
    "resolve_trust",
    "verify_and_read",
    "verify_package",
]


# A directory bigger than this is not a package (ours: about 150 bytes an entry); refuse it before
# zipfile builds an object for every record.
MAX_DIRECTORY_BYTES = 64 * 1024 * 1024


def verify_package(
    path: str | os.PathLike[str],
    trust: str | os.PathLike[str] | None = None,
    *,
    limits: ZipLimits | None = None,
    progress: PhaseProgress | None = None,
    cancel: Cancel = None,
    file_hash: bool = True,
    detail: Detail | None = None,
    reporter: Reporter | None = None,
    scanned: Scan | None = None,
) -> VerificationReport:
    """Check a package file completely and return the report (see the module docstring).

    The file is read once, front to back (zipscan.py): that pass gives the file's hash, the seal's
    digest and every stored entry's hash and CRC; only entries it could not stand in for are read
    again through zipfile. `scanned` is for the writer, which has just made that pass over its own
    file to seal it (its `sha256` then covers the whole file, seal included): it is not repeated.

    `progress(done, total, "校验")` and `detail(Step)` report files and bytes read; `reporter`, when
    given, replaces all three callbacks (the writer uses it to continue its own progress figures).
    """
    expected = resolve_trust(trust)
    report_to = reporter or Reporter(progress, detail, cancel)
    verifier = _Verifier(Path(path), expected, limits or ZipLimits(), report_to, file_hash)
    verifier.known = scanned
    return verifier.run()


def verify_and_read(
    path: str | os.PathLike[str],
    trust: str | None = None,
    *,
    cancel: Cancel = None,
    detail: Detail | None = None,
) -> tuple[VerificationReport, VerifiedPackage | None]:
    """Verify a package as `verify_package` and hand back what was verified, read in the same pass.

    The VerifiedPackage (see verified.py) is there only when the report is ok; a package whose
    results.json breaks its format then gets the problem `bad_results` (and no VerifiedPackage).
    """
    expected = resolve_trust(trust)
    verifier = _Verifier(Path(path), expected, ZipLimits(), Reporter(None, detail, cancel), True)
    report = verifier.run()
    if not report.ok:
        return report, None
    bag = verifier.bag
    if bag.results_bytes is None:
        verifier.found("bad_results", RESULTS, "包中没有可读的 data/results.json")
        return report, None
    try:
        results = parse_results(bag.results_bytes)
    except BadResults as exc:
        verifier.found("bad_results", RESULTS, exc.message)
        return report, None
    manifest = tuple(
        ManifestEntry(rel, bag.payload_digests[rel], bag.payload_sizes[rel])
        for rel in sorted(bag.payload_digests)
    )
    return report, VerifiedPackage(
        path=report.path,
        package_name=report.package_name or "",
        bag_info=dict(report.bag_info),
        signer_fingerprint=report.signer_fingerprint or "",
        trusted=report.trusted,
        zip_sha256=report.zip_sha256 or "",
        manifest=manifest,
        history_rows=report.history_rows,
        history_head=report.history_head,
        results=results,
    )


class _Verifier:
    """One verification: the archive-level checks here, the bag-level ones in a BagChecker."""

    def __init__(
        self, path: Path, expected: str | None, limits: ZipLimits, report_to: Reporter, file_hash: bool
    ) -> None:
        self.report = VerificationReport(path)
        self.findings = Findings(self.report)
        self.found = self.findings.found
        self.warn = self.findings.warn
        self.limits = limits
        self.file_hash = file_hash
        self.reader = EntryReader(report_to)
        self.bag = BagChecker(self.findings, self.reader, limits, expected)
        self.sealed_digest: bytes | None = None
        self.known: Scan | None = None  # see verify_package(scanned=…)

    def run(self) -> VerificationReport:
        r = self.report
        if r.path.is_dir():
            self.found("is_directory", str(r.path), "这是一个文件夹，不是上报包：请选择 .zip 文件")
            return r
        try:
            fh = open_regular(r.path)  # a FIFO or a device would block or never end
        except FileNotFoundError:
            self.found("not_found", str(r.path), "找不到该文件")
            return r
        except NotRegularFile as exc:
            self.found("not_regular", str(r.path), f"{describe_os_error(exc)}：请选择上报包（.zip 文件）")
            return r
        except OSError as exc:
            self.found("unreadable", str(r.path), f"无法读取该文件：{describe_os_error(exc)}")
            return r
        try:
            r.zip_size = os.fstat(fh.fileno()).st_size
            if r.zip_size == 0:
                self.found("empty_file", None, "文件是空的（0 字节）：拷贝可能没有完成，请重新拷贝上报包")
                return r
            tail = read_tail(fh, r.zip_size)
            if tail is not None and not self._check_tail(tail):
                return r
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
                self.reader.files_total = sum(1 for e in entries if not e.is_dir and e.readable)
                self._read_once(fh, zf, tail, entries)
                self.bag.check(zf, entries)
                self._check_seal(tail)
        except OSError as exc:  # the stick pulled out halfway
            self.found("unreadable", str(r.path), f"读取中断：{describe_os_error(exc)}")
        finally:
            fh.close()
        return r

    def _check_tail(self, tail: Tail) -> bool:
        """Bounds from the end record, before zipfile reads the directory; False to stop here."""
        if tail.entries > self.limits.max_entries:
            self.found(
                "too_many_entries",
                None,
                f"ZIP 声明有 {tail.entries} 个条目，超过上限 {self.limits.max_entries}",
            )
            return False
        if tail.cd_size > MAX_DIRECTORY_BYTES:
            self.found(
                "too_many_entries", None, f"ZIP 目录区有 {tail.cd_size} 字节，远超上报包所需，疑似压缩炸弹"
            )
            return False
        if tail.misplaced != 0:
            self.found(
                "truncated_zip",
                None,
                "ZIP 文件不完整（可能拷贝中断），或文件前部夹带了其他数据：目录区不在它声明的位置",
            )
            return False
        if tail.trailing != 0:
            self.found(
                "trailing_data",
                None,
                "ZIP 末尾的目录尾记录与文件长度不符：文件末尾被截断、追加了数据或被改动",
            )
        return True

    def _read_once(self, fh: BinaryIO, zf: zipfile.ZipFile, tail: Tail | None, entries: list[Entry]) -> None:
        """The one sequential pass (zipscan.py): the file's SHA-256, the digest of the part the seal
        signs (everything before the comment) and every entry it can stand in for."""
        r = self.report
        sealed = tail is not None and bool(tail.comment)
        readable = [e for e in entries if e.readable and not e.is_dir]
        scan = self.known if sealed else None
        if scan is None:
            # The pass reads every byte; entries it cannot stand in for are read again afterwards.
            self.reader.total = r.zip_size + sum(e.info.file_size for e in readable if not fits_walk(e.info))
            names = {e.info.header_offset: e.name for e in readable}
            scan = scan_zip(
                fh,
                r.zip_size,
                on_block=self.reader.tick,
                sealed_end=tail.sealed_end if tail is not None and sealed else None,
                walk_end=getattr(zf, "start_dir", None),
                keep=kept_entries(entries, self.limits),
                on_entry=lambda offset: setattr(self.reader, "current", names.get(offset, "")),
            )
            self.reader.current = ""
            if self.file_hash:
                r.zip_sha256 = scan.sha256
        else:  # the writer's own pass read these bytes a moment ago (see bagzip._seal)
            self.reader.total = sum(e.info.file_size for e in readable if not fits_walk(e.info))
            r.zip_sha256 = scan.sha256
        self.sealed_digest = scan.sealed_digest
        self.reader.scan = scan

    def _check_seal(self, tail: Tail | None) -> None:
        if tail is None or not tail.comment:
            self.warn(
                "unsealed_zip",
                None,
                "ZIP 没有本程序的封签（可能被其他压缩工具重新打包过）：包内每个文件已逐一核验，"
                "但 ZIP 文件本身（文件时间、属性等）是否原样无法确认",
            )
            return
        signature = parse_seal(tail.comment)
        if signature is None and is_foreign_comment(tail.comment):
            # Re-zipped, or a comment added with another tool: the same as a re-zip without one.
            self.warn(
                "unsealed_zip",
                None,
                "ZIP 注释是其他压缩工具写的，不是本程序的封签（可能被重新打包或加了注释）："
                "包内每个文件已逐一核验，但 ZIP 文件本身（文件时间、属性等）是否原样无法确认",
            )
            return
        if signature is None:
            self.found("bad_seal", None, "ZIP 注释不是完好的封签：ZIP 文件在写出后被改动过")
            return
        if self.bag.public_key is None or self.sealed_digest is None:
            return  # the missing or bad public key is reported already
        try:
            self.bag.public_key.verify(signature, self.sealed_digest)
        except InvalidSignature:
            self.found(
                "bad_seal",
                None,
                "ZIP 文件在写出后被改动过：封签与文件不符（即使包内文件完好，"
                "文件头、时间、属性或目录区也有字节被改）",
            )
            return
        self.report.sealed = True
