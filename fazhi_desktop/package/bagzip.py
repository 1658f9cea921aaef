"""Write a signed summary package: a BagIt bag streamed straight into a STORED ZIP, then verified.

Layout inside the ZIP (one top-level folder named like the file)::

    <name>/bagit.txt  bag-info.txt  data/…  manifest-sha256.txt  tagmanifest-sha256.txt
    <name>/unit-public-key.pem  signature.ed25519   (Ed25519 over the tag manifest's exact bytes)

There is no staging copy: each payload file is copied into the ZIP in fixed blocks and hashed on the
way, so memory stays bounded whatever the evidence size. The ZIP comment carries the archive seal
(`seal.py`): the ZIP is first closed with a placeholder comment, then the bytes before it are
re-read, hashed and signed, and the placeholder is replaced by the seal. The ZIP is written under a
temporary name in the target folder, re-read and verified in full by `verify_package`, and only then
renamed into place; on cancel or any failure the temporary file is removed, so nothing that looks
like a package is ever left behind.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from fazhi_desktop.errors import describe_os_error
from fazhi_desktop.fsutil import ATOMIC_PREFIX, fsync_dir, lock_while_writing, remove_stale
from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package.bagcheck import kept_entries
from fazhi_desktop.package.errors import (
    NotEnoughSpace,
    PackageError,
    PackageSelfCheckFailed,
    PackageSourceChanged,
    PackageSpecError,
    PackageWriteError,
    TargetExists,
)
from fazhi_desktop.package.keys import UnitKey
from fazhi_desktop.package.reporter import Reporter
from fazhi_desktop.package.seal import PLACEHOLDER, SEAL_LEN, make_seal
from fazhi_desktop.package.spec import PackageResult, PackageSpec, PayloadEntry
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.package.zipread import BLOCK, Entry
from fazhi_desktop.package.zipsafe import ZipLimits
from fazhi_desktop.package.zipscan import Scan, scan_zip
from fazhi_desktop.progress import PHASE_VERIFY, PHASE_WRITE, Cancel, Detail, PhaseProgress, Step

PART_PREFIX = ".fazhi-"
PART_SUFFIX = ".zip.part"
_UNIX = 3
_FILE_MODE = 0o100644 << 16
_MARGIN = 256 * 1024  # tag files, signature and slack on top of the per-entry estimate


def write_package(
    spec: PackageSpec,
    out_dir: Path,
    key: UnitKey,
    progress: PhaseProgress | None = None,
    cancel: Cancel = None,
    *,
    overwrite: bool = False,
    detail: Detail | None = None,
    before_place: Callable[[PackageResult], None] | None = None,
) -> PackageResult:
    """Write, seal, verify and place the package for `spec` in `out_dir`; see the module docstring.

    `before_place(result)` runs once the package is complete and verified, just before it is renamed
    to its final name (the exporter records it there); if it raises, nothing is placed.

    `progress(done_bytes, total_bytes, phase)` and `detail(Step)` report the 写入 phase (payload files
    and bytes) and then the 校验 phase (the seal's re-read and the full verification).
    """
    spec.check()
    entries = spec.normalised_payload()
    sizes = [_size(e) for e in entries]
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise PackageWriteError(out_dir, "目标文件夹不存在")
    name = spec.package_name()
    target = out_dir / f"{name}.zip"
    if target.exists() and not overwrite:
        raise TargetExists(target)
    if not os.access(out_dir, os.W_OK):
        # Checked before the free space: a write-protected stick would otherwise be reported as full.
        raise PackageWriteError(out_dir, "目标位置只读或没有写入权限（U 盘可能打开了写保护开关）")
    # What an export killed halfway left on the stick (never one still being written: it is locked),
    # removed before the free space is measured: it is often what fills the stick.
    remove_stale(out_dir, PART_PREFIX, PART_SUFFIX)
    remove_stale(out_dir, ATOMIC_PREFIX, ".tmp")  # the report and workbook written beside a package
    needed = estimate_size(entries, sizes, name)
    free = _free_space(out_dir)
    if free < needed:
        raise NotEnoughSpace(out_dir, needed, free)

    report_to = Reporter(progress, detail, cancel)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=out_dir, prefix=PART_PREFIX, suffix=PART_SUFFIX)
    except OSError as exc:  # read-only or full stick, no permission
        raise _write_error(exc, out_dir, target) from exc
    tmp = Path(tmp_name)
    try:
        lock_while_writing(fd)
        with os.fdopen(fd, "w+b") as fh:
            writer = _Writer(fh, name, spec, key, report_to, len(entries), sum(sizes))
            infos = writer.write(entries, sizes)
            zip_size, scan = _seal(fh, key, report_to, infos)
            fh.flush()
            # fsync before verifying: delayed-allocation file systems report ENOSPC only here.
            os.fsync(fh.fileno())
        # The seal's re-read is the first part of the 校验 phase, so the bar never runs backwards; it
        # read every entry too, so the verification reads again only what that pass could not check.
        report = verify_package(
            tmp, trust=key.fingerprint, reporter=report_to.shifted(0, zip_size), scanned=scan
        )
        if not report.ok or not report.sealed:
            reasons = [f"{p.file or ''} {p.message}".strip() for p in report.problems]
            raise PackageSelfCheckFailed(reasons or ["ZIP 封签缺失"])
        if target.exists() and not overwrite:
            raise TargetExists(target)
        assert report.zip_sha256 is not None
        result = PackageResult(
            path=target,
            size=report.zip_size,
            sha256=report.zip_sha256,
            package_id=spec.package_id,
            fingerprint=key.fingerprint,
            file_count=len(entries),
            payload_bytes=sum(sizes),
        )
        os.chmod(tmp, 0o644)  # mkstemp made it 0600; a package is meant to be read by others
        # Recorded before it gets its final name: killed in between, the stick holds only a `.part`
        # (cleaned by the next export) and never a finished package the database does not know.
        if before_place is not None:
            before_place(result)
        os.replace(tmp, target)
        fsync_dir(out_dir)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _write_error(exc, out_dir, target) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result


def _seal(fh: BinaryIO, key: UnitKey, report_to: Reporter, infos: list[zipfile.ZipInfo]) -> tuple[int, Scan]:
    """Replace the placeholder comment by the seal over every byte before it; returns the ZIP size and
    the one sequential pass that read those bytes (zipscan.py: the sealed part's digest, every entry's
    SHA-256 and CRC, and the whole file's hash carried on over the seal)."""
    fh.flush()
    size = fh.seek(0, os.SEEK_END)
    start = size - SEAL_LEN
    fh.seek(start)
    if fh.read(SEAL_LEN) != PLACEHOLDER:
        raise PackageSelfCheckFailed(["ZIP 末尾不是预留的封签位置"])  # a bug, never a user's doing
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        report_to(Step(PHASE_VERIFY, 0, 0, done, size))

    entries = [Entry(info.filename, info) for info in infos]
    scan = scan_zip(fh, start, on_block=tick, sealed_end=start, keep=kept_entries(entries, ZipLimits()))
    if done != start or scan.sealed_digest is None:
        raise PackageSelfCheckFailed(["重读 ZIP 时文件变短了"])
    seal = make_seal(key.sign(scan.sealed_digest))
    fh.seek(start)
    fh.write(seal)
    scan.whole.update(seal)  # the whole file's hash carried on past the sealed part, not re-read
    return size, scan


def estimate_size(entries: list[PayloadEntry], sizes: list[int], name: str) -> int:
    """An upper bound for the ZIP size: payload plus headers (ZIP64 included) and tag files."""
    per_entry = sum(2 * (len(f"{name}/{e.path}".encode()) + 100) + 70 + len(e.path.encode()) for e in entries)
    return sum(sizes) + per_entry + _MARGIN


def _write_error(exc: OSError, out_dir: Path, target: Path) -> PackageError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return NotEnoughSpace(out_dir)
    if exc.errno == errno.EFBIG:
        return PackageWriteError(target, "文件超过该U盘文件系统允许的单个文件大小（FAT32 为 4 GB）")
    return PackageWriteError(target, describe_os_error(exc))


def _free_space(folder: Path) -> int:
    # A module function so tests can pretend a disk is larger than it is and hit ENOSPC for real.
    return shutil.disk_usage(folder).free


def _size(e: PayloadEntry) -> int:
    try:
        return e.byte_size()
    except FileNotFoundError:
        raise PackageSpecError(f"找不到佐证材料文件：{e.source}") from None
    except OSError as exc:
        raise PackageWriteError(Path(str(e.source)), describe_os_error(exc)) from exc


class _Writer:
    def __init__(
        self,
        fh: BinaryIO,
        name: str,
        spec: PackageSpec,
        key: UnitKey,
        report_to: Reporter,
        files: int,
        total: int,
    ) -> None:
        self.fh = fh
        self.root = name
        self.spec = spec
        self.key = key
        self.report_to = report_to
        self.files = files
        self.files_done = 0
        self.total = total
        self.done = 0
        # DOS time has no zone: record the wall-clock time where the package was made.
        self.date_time = spec.created.timetuple()[:6]

    def write(self, entries: list[PayloadEntry], sizes: list[int]) -> list[zipfile.ZipInfo]:
        with zipfile.ZipFile(self.fh, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            bag_info = bf.render_bag_info(self.spec.bag_info(sum(sizes), len(entries), self.key.fingerprint))
            self._add_bytes(zf, bf.BAGIT, bf.BAGIT_TXT)
            self._add_bytes(zf, bf.BAG_INFO, bag_info)
            digests = []
            for e, size in zip(entries, sizes, strict=True):
                digests.append((e.path, self._add_payload(zf, e, size)))
                self.files_done += 1
                self._tick(0, "")
            manifest = bf.render_manifest(digests)
            self._add_bytes(zf, bf.MANIFEST, manifest)
            tagmanifest = bf.render_manifest(
                [(bf.BAGIT, _sha(bf.BAGIT_TXT)), (bf.BAG_INFO, _sha(bag_info)), (bf.MANIFEST, _sha(manifest))]
            )
            self._add_bytes(zf, bf.TAGMANIFEST, tagmanifest)
            self._add_bytes(zf, bf.PUBLIC_KEY, self.key.public_pem())
            self._add_bytes(zf, bf.SIGNATURE, self.key.sign(tagmanifest))
            zf.comment = PLACEHOLDER  # replaced by the seal once everything before it is written
        return zf.infolist()

    def _info(self, rel: str, size: int) -> zipfile.ZipInfo:
        # Fixed time, system and mode, so the same inputs give the same bytes on Windows and Linux.
        info = zipfile.ZipInfo(f"{self.root}/{rel}", date_time=self.date_time)
        info.compress_type = zipfile.ZIP_STORED
        info.create_system = _UNIX
        info.external_attr = _FILE_MODE
        info.file_size = size  # lets zipfile choose ZIP64 headers up front for entries over 4 GiB
        return info

    def _add_bytes(self, zf: zipfile.ZipFile, rel: str, data: bytes) -> None:
        with zf.open(self._info(rel, len(data)), "w") as dst:
            dst.write(data)

    def _add_payload(self, zf: zipfile.ZipFile, e: PayloadEntry, size: int) -> str:
        h = hashlib.sha256()
        written = 0
        self._tick(0, e.path)
        with zf.open(self._info(e.path, size), "w") as dst:
            for block in _blocks(e):
                written += len(block)
                if written > size:
                    raise PackageSourceChanged(e.path, "文件在生成过程中变大了")
                h.update(block)
                dst.write(block)
                self._tick(len(block), e.path)
        if written != size:
            raise PackageSourceChanged(e.path, f"应为 {size} 字节，实际读到 {written} 字节")
        digest = h.hexdigest()
        if e.sha256 is not None and digest != e.sha256:
            raise PackageSourceChanged(e.path, "内容的 SHA-256 与登记值不符")
        return digest

    def _tick(self, n: int, current: str) -> None:
        self.done += n
        self.report_to(Step(PHASE_WRITE, self.files_done, self.files, self.done, self.total, current))


def _blocks(e: PayloadEntry) -> Iterator[bytes]:
    if e.data is not None:
        for i in range(0, len(e.data), BLOCK):
            yield e.data[i : i + BLOCK]
        return
    assert e.source is not None
    try:
        src = open(e.source, "rb")  # noqa: SIM115 - closed below; open errors mapped first
    except FileNotFoundError:
        raise PackageSourceChanged(e.path, "文件已被删除或移走") from None
    with src:
        while block := src.read(BLOCK):
            yield block


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
