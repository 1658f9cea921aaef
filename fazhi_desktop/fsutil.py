"""Crash-safe file writing: write to a temporary name in the target folder, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _read_umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


# Read once at import: os.umask can only be read by setting it, which would race with worker threads.
_UMASK = _read_umask()


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (a no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


ATOMIC_PREFIX = ".part-"  # temporary names of atomic_writer: `.part-XXXXXXXX.tmp`


@contextlib.contextmanager
def atomic_writer(target: Path, *, prefix: str = ATOMIC_PREFIX) -> Iterator[BinaryIO]:
    """Yield a binary file that becomes `target` only if the block finishes; otherwise nothing is left."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        lock_while_writing(fd)  # so that a cleaner (remove_stale) never takes it for a leftover
        # mkstemp makes the file private (0600); a report or package should get the usual permissions.
        os.chmod(tmp, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically."""
    with atomic_writer(target) as out:
        out.write(data)


class NotRegularFile(OSError):
    """The path names a pipe, a device, a socket or a folder: reading it could block or never end."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is a {kind}, not a regular file")
        self.filename = str(path)
        self.kind = kind  # in Chinese: 命名管道, 设备文件, 文件夹, 套接字


class FileTooLarge(OSError):
    """A file read with a size limit is larger than the limit."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(f"{path} is larger than {limit} bytes")
        self.filename = str(path)
        self.limit = limit


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "文件夹"
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading; NotRegularFile for anything else, without blocking on a FIFO
    (O_NONBLOCK makes the open return at once; it has no effect on a regular file's reads)."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, _kind(mode))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (FileTooLarge beyond, NotRegularFile for a
    pipe or device); never reads more than `limit` + 1 bytes, even from a file that grows meanwhile."""
    with open_regular(path) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(Path(path), limit)
    return data


try:  # POSIX; on Windows an open file cannot be deleted, which protects a running writer instead
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# A temporary file untouched for this long, and not locked, belongs to no running writer: the lock is
# taken right after the file is created, and a writer touches its file with every block it writes.
STALE_AFTER = 60.0


def lock_while_writing(fd: int) -> None:
    """Mark `fd`'s file as being written (an advisory lock, released when the process ends or dies).
    Where locks are not supported (some network shares) the file stays unlocked: the age test of
    remove_stale still protects it while it is being written."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass


def is_locked(path: Path) -> bool:
    """True when a running writer still holds the lock on `path`."""
    if fcntl is None:  # pragma: no cover - Windows: deleting it will fail instead
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return True  # cannot tell: leave it
    finally:
        os.close(fd)
    return False


def remove_stale(folder: Path, prefix: str, suffix: str = "", *, now: float | None = None) -> list[Path]:
    """Delete the regular files `prefix*suffix` directly in `folder` that a killed writer left behind:
    unlocked and untouched for STALE_AFTER seconds. Returns what was removed; never raises."""
    import time

    removed: list[Path] = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(suffix)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < STALE_AFTER:
                continue
            path = Path(entry.path)
            if is_locked(path):
                continue
            path.unlink()
            removed.append(path)
        except OSError:
            continue
    return removed
