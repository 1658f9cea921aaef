"""The content-addressed blob store: `<data_dir>/evidence/<first two hex>/<sha256>`.

A file is streamed in fixed-size blocks into a temporary name in `evidence/` while it is hashed, fsynced,
and only then renamed to its hash name (inside the caller's write transaction), so a name that looks
complete always holds exactly the bytes it names. The temporary file carries an advisory lock while it
is written: `doctor` tells a running copy from a crash leftover by trying to take that lock.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from fazhi_desktop.errors import FazhiError, StoreError, describe_os_error
from fazhi_desktop.evidence import records
from fazhi_desktop.evidence.errors import (
    CopyCancelled,
    DiskFull,
    EmptyFile,
    NotAFile,
    SourceChanged,
    SourceMissing,
    SourceVanished,
    Unreadable,
    WriteFailed,
)
from fazhi_desktop.fsutil import fsync_dir, is_locked, lock_while_writing, remove_stale
from fazhi_desktop.progress import ByteProgress, Cancel, cancel_fn
from fazhi_desktop.store.db import utc_now, write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


BLOCK_SIZE = 1 << 20  # 1 MiB: memory stays flat whatever the file size
EVIDENCE_DIR = "evidence"
TEMP_PREFIX = ".incoming-"
TRASH_PREFIX = ".deleting-"
# Room left for the database and its journal when checking free space before a copy.
SPACE_MARGIN = 8 << 20
_HEX64 = re.compile(r"[0-9a-f]{64}")
T = TypeVar("T")
R = TypeVar("R")


def evidence_root(data_dir: Path) -> Path:
    """The folder holding every stored evidence file."""
    return Path(data_dir) / EVIDENCE_DIR


def blob_path(data_dir: Path, sha256: str) -> Path:
    """Where the content with this SHA-256 is stored."""
    if not _HEX64.fullmatch(sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return evidence_root(data_dir) / sha256[:2] / sha256


def is_blob_name(relative: Path) -> bool:
    """True for `ab/abcd…` paths (a hash name in its own two-hex folder)."""
    parts = relative.parts
    return len(parts) == 2 and bool(_HEX64.fullmatch(parts[1])) and parts[0] == parts[1][:2]


def _disk_error(exc: OSError, where: Path) -> Exception:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(str(where))
    return WriteFailed(str(where), describe_os_error(exc))


def inspect_source(path: Path, name: str) -> os.stat_result:
    """Stat the file to attach, refusing what cannot be a document (missing, folder, device, empty)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise SourceMissing(name) from None
    except PermissionError as exc:
        raise Unreadable(name, "没有访问权限") from exc
    except OSError as exc:
        raise Unreadable(name, describe_os_error(exc)) from exc
    if stat.S_ISDIR(st.st_mode):
        raise NotAFile(name, is_dir=True)
    if not stat.S_ISREG(st.st_mode):
        raise NotAFile(name, is_dir=False)
    if st.st_size == 0:
        raise EmptyFile(name)
    return st


def check_free_space(data_dir: Path, size: int) -> None:
    """Refuse before copying when the data directory's disk cannot take `size` more bytes."""
    root = evidence_root(data_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(root).free
    except OSError as exc:  # a read-only or vanished data directory
        raise _disk_error(exc, root) from exc
    if free < size + SPACE_MARGIN:
        raise DiskFull(str(root), needed=size + SPACE_MARGIN, free=free)


@dataclass
class IncomingBlob:
    """A fully written, fsynced temporary copy, not yet under its hash name; holds its lock until closed."""

    temp_path: Path | None
    sha256: str
    size: int
    head: bytes  # the first bytes, for recognising the file type
    _fd: int | None = field(default=None, repr=False)

    def sync(self) -> None:
        """fsync the copy (DiskFull when the disk turns out to be full: delayed allocation can tell only
        here)."""
        assert self._fd is not None and self.temp_path is not None, "blob already closed"
        try:
            os.fsync(self._fd)
        except OSError as exc:
            raise _disk_error(exc, self.temp_path.parent) from exc

    def close(self) -> None:
        """Release the lock and drop the temporary file if it was not committed."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self.temp_path is not None:
            self.temp_path.unlink(missing_ok=True)
            self.temp_path = None

    def __enter__(self) -> IncomingBlob:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns)


def _write_all(fd: int, view: memoryview) -> None:
    while view:
        written = os.write(fd, view)
        view = view[written:]


def copy_in(
    data_dir: Path,
    source: Path,
    name: str,
    before: os.stat_result,
    *,
    progress: ByteProgress | None = None,
    cancel: Cancel = None,
    block_size: int = BLOCK_SIZE,
    sync: bool = True,
) -> IncomingBlob:
    """Stream `source` into a locked temporary file in the store while hashing it; checks that the
    source neither vanished nor changed (against `before`, its stat taken when it was checked).

    With `sync=False` the copy is not fsync'd yet: the caller syncs it (`sync_blobs`) before it gives
    the copy its hash name — a batch syncs its files together, which the disk does faster than one by
    one."""
    try:
        src = open(source, "rb", buffering=0)  # noqa: SIM115 - closed in finally, across many exits
    except FileNotFoundError:
        raise SourceVanished(name) from None
    except OSError as exc:
        raise Unreadable(name, describe_os_error(exc)) from exc
    root = evidence_root(data_dir)
    tmp = root / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
    fd: int | None = None
    try:
        if not _same_file(before, os.fstat(src.fileno())):
            raise SourceChanged(name)
        try:
            root.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            raise _disk_error(exc, root) from exc
        lock_while_writing(fd)
        digest = hashlib.sha256()
        buf = bytearray(block_size)
        view = memoryview(buf)
        head = b""
        is_cancelled = cancel_fn(cancel)
        done, total = 0, before.st_size
        while True:
            if is_cancelled():
                raise CopyCancelled(name)
            try:
                n = src.readinto(buf)
            except OSError as exc:
                raise Unreadable(name, describe_os_error(exc)) from exc
            if not n:
                break
            chunk = view[:n]
            if not head:
                head = bytes(chunk[:8192])
            digest.update(chunk)
            try:
                _write_all(fd, chunk)
            except OSError as exc:
                raise _disk_error(exc, root) from exc
            done += n
            _check_unchanged(source, src, before, name, done)
            if progress is not None:
                progress(done, total)
        if done != total:
            raise SourceChanged(name)
        _check_unchanged(source, src, before, name, done, final=True)
        blob = IncomingBlob(tmp, digest.hexdigest(), done, head, fd)
        fd = None  # now owned by the blob
        if sync:
            try:
                blob.sync()
            except BaseException:
                blob.close()
                raise
        return blob
    except BaseException:
        if fd is not None:
            os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()


def _check_unchanged(
    source: Path, src: object, before: os.stat_result, name: str, done: int, *, final: bool = False
) -> None:
    """Between blocks: the path must still name the same, unchanged file; the open file must not grow."""
    try:
        now = os.stat(source)
    except FileNotFoundError:
        raise SourceVanished(name) from None
    except OSError as exc:  # a pulled USB stick shows up as EIO or ENODEV
        raise SourceVanished(name) from exc
    opened = os.fstat(src.fileno())  # type: ignore[attr-defined]
    if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
        raise SourceChanged(name)  # replaced by another file of that name (how many programs save)
    if done > before.st_size or not _same_file(before, opened) or (final and not _same_file(before, now)):
        raise SourceChanged(name)


def commit_blob(
    db: Database, data_dir: Path, incoming: IncomingBlob, unsynced: set[Path] | None = None
) -> bool:
    """Give the temporary copy its hash name and record the blob (call inside the write transaction).

    The rename happens even when the hash name exists: the new bytes are correct by construction, so
    a damaged stored copy heals. Returns True when the file did not exist before. With `unsynced`, the
    folders that need an fsync are added to it instead of synced here: a batch syncs each folder once,
    before its transaction commits (`sync_folders`).
    """
    assert incoming.temp_path is not None, "blob already committed or discarded"
    final = blob_path(data_dir, incoming.sha256)
    existed = final.exists()
    new_folder = not final.parent.is_dir()
    try:
        final.parent.mkdir(exist_ok=True)
        os.replace(incoming.temp_path, final)
    except PermissionError:
        # Windows refuses to replace a file another program has open; the stored copy names the same bytes.
        if not existed:
            raise
        incoming.close()
    except OSError as exc:
        raise _disk_error(exc, final.parent) from exc
    else:
        incoming.temp_path = None
        # What the record will claim must be durable first: the name in its hash folder, and the
        # folder itself when it was just made (an existing one was made durable when it was made).
        # The temporary name's removal from evidence/ needs no sync: if it came back after a power
        # cut, it would be a leftover the next start removes.
        folders = {final.parent, final.parent.parent} if new_folder else {final.parent}
        if unsynced is None:
            sync_folders(folders)
        else:
            unsynced |= folders
    records.insert_blob(db, incoming.sha256, incoming.size, utc_now())
    return not existed


# fsyncs issued side by side (they wait on the disk, not the processor, and let go of the interpreter
# lock): the file system can then make several durable in one journal commit.
_SYNC_THREADS = 8


def _side_by_side(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """fn over items, up to _SYNC_THREADS at a time (one alone runs here), results in order."""
    if len(items) < 2:
        return [fn(i) for i in items]
    with ThreadPoolExecutor(min(_SYNC_THREADS, len(items))) as pool:
        return list(pool.map(fn, items))


def sync_blobs(blobs: list[IncomingBlob]) -> list[FazhiError | None]:
    """fsync copies made with `sync=False`, side by side; per copy, None or why it could not be synced."""

    def one(blob: IncomingBlob) -> FazhiError | None:
        try:
            blob.sync()
        except FazhiError as err:
            return err
        return None

    return _side_by_side(one, blobs)


def sync_folders(folders: set[Path]) -> None:
    """fsync each folder once, the deepest level first and side by side (the hash folders before the
    evidence folder naming them)."""
    deepest_first = sorted(folders, key=lambda f: -len(f.parts))
    for _depth, level in itertools.groupby(deepest_first, key=lambda f: len(f.parts)):
        _side_by_side(fsync_dir, list(level))


def collect_garbage(db: Database, data_dir: Path, candidates: set[str] | None = None) -> list[str]:
    """Delete blobs that no evidence row (in any period) uses any more; returns their hashes.

    The rows go and the files are moved to a trash name under the write lock, so an add of the same
    content in another program cannot slip between the check and the removal; the trash is deleted once
    the transaction has committed, and put back if it did not.
    """
    moved: list[tuple[Path, Path]] = []
    removed: list[str] = []
    try:
        with write_transaction(db):
            for sha in records.unused_blobs(db):
                if candidates is not None and sha not in candidates:
                    continue
                records.delete_blob(db, sha)
                removed.append(sha)
                path = blob_path(data_dir, sha)
                if path.exists():
                    trash = evidence_root(data_dir) / f"{TRASH_PREFIX}{sha}-{secrets.token_hex(4)}"
                    os.replace(path, trash)
                    moved.append((trash, path))
    except BaseException:
        for trash, path in moved:
            os.replace(trash, path)
        raise
    for trash, _ in moved:
        trash.unlink(missing_ok=True)
    if moved:
        fsync_dir(evidence_root(data_dir))
    return removed


def is_in_use(path: Path) -> bool:
    """True when a running copy still holds the lock on this temporary file."""
    return is_locked(path)


def remove_stale_copies(data_dir: Path) -> list[Path]:
    """Delete the `.incoming-*` files of copies that were killed (unlocked, untouched for a minute)."""
    return remove_stale(evidence_root(data_dir), TEMP_PREFIX)


def remove_unrecorded_blobs(db: Database, data_dir: Path) -> list[Path]:
    """Delete hash-named files that no row knows: a copy killed after its rename, before its commit.

    The rename happens inside the copy's write transaction, so holding the write lock here means no
    copy is between the two: a file still unknown then is a leftover. Busy: left for the next start."""
    root = evidence_root(data_dir)
    candidates = [rel for rel in stored_files(data_dir) if is_blob_name(rel)]
    if not candidates or not {rel.name for rel in candidates} - records.known_contents(db):
        return []
    removed: list[Path] = []
    try:
        with write_transaction(db):
            known = records.known_contents(db)
            for rel in candidates:
                if rel.name not in known:
                    try:
                        (root / rel).unlink()
                        removed.append(root / rel)
                    except OSError:
                        continue
    except StoreError:
        return removed
    return removed


def stored_files(data_dir: Path) -> Iterator[Path]:
    """Every file (and unexpected folder) under `evidence/`, as paths relative to it."""
    root = evidence_root(data_dir)
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            inner = sorted(entry.iterdir())
            if not inner and re.fullmatch(r"[0-9a-f]{2}", entry.name):
                continue  # an emptied hash folder is harmless
            for sub in inner:
                yield sub.relative_to(root)
        else:
            yield entry.relative_to(root)


def hash_file(
    path: Path, progress: ByteProgress | None = None, block_size: int = BLOCK_SIZE
) -> tuple[str, int]:
    """SHA-256 and size of a file, read in fixed blocks."""
    digest = hashlib.sha256()
    buf = bytearray(block_size)
    view = memoryview(buf)
    size = 0
    total = os.stat(path).st_size
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buf):
            digest.update(view[:n])
            size += n
            if progress is not None:
                progress(size, total)
    return digest.hexdigest(), size
