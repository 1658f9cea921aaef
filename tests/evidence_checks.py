"""Shared checks for the evidence, backup and doctor tests: a set-up unit, real files, a small real disk,
and the invariant every bad-input test ends with (the database is sound and every stored file matches
its hash), checked independently of the code under test."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

UNIT = "燕店镇"


def open_unit(data_dir: Path) -> Workspace:
    """A workspace with the unit 燕店镇 and its 2021 period set up."""
    ws = Workspace.open(data_dir)
    if ws.profile is None:
        set_up_unit(ws, UNIT, contact="张三", phone="0635-1234567")
    return ws


def make_file(path: Path, size: int, *, head: bytes = b"%PDF-1.4\n", seed: int = 0) -> Path:
    """A real file of `size` bytes starting with `head` (default: looks like a PDF); content varies with seed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    with open(path, "wb") as f:
        f.write(head[:size])
        left = size - len(head[:size])
        while left > 0:
            n = min(left, 1 << 20)
            f.write(rng.randbytes(n))
            left -= n
    return path


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def assert_healthy(data_dir: Path) -> None:
    """The database passes its integrity check and every recorded evidence file matches its hash; no
    file under a hash name holds other bytes; no evidence row lacks its stored file."""
    conn = sqlite3.connect(str(data_dir / "fazhi.db"))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        blobs = dict(conn.execute("SELECT sha256, size FROM blobs").fetchall())
        referenced = {r[0] for r in conn.execute("SELECT sha256 FROM evidence")}
    finally:
        conn.close()
    root = data_dir / "evidence"
    for sha in referenced:
        assert sha in blobs, f"evidence refers to {sha} without a blob row"
    for sha, size in blobs.items():
        path = root / sha[:2] / sha
        if sha in referenced:
            assert path.is_file(), f"recorded evidence file missing: {path}"
        if path.is_file():
            assert path.stat().st_size == size
            assert sha256_of(path) == sha, f"{path} does not match its hash"
    if root.is_dir():
        for sub in root.iterdir():
            if sub.is_dir():
                for f in sub.iterdir():
                    if len(f.name) == 64:
                        assert sha256_of(f) == f.name, f"{f} looks complete but holds other bytes"


def temp_leftovers(data_dir: Path) -> list[Path]:
    root = data_dir / "evidence"
    return sorted(p for p in root.glob(".*")) if root.is_dir() else []


def evidence_rows(data_dir: Path) -> int:
    conn = sqlite3.connect(str(data_dir / "fazhi.db"))
    try:
        return conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
    finally:
        conn.close()


@dataclass
class SmallDisk:
    path: Path
    how: str  # "tmpfs", "loop" or "patched" (no mount possible: writes are made to fail instead)


def mount_small_disk(where: Path, size_mib: int, image_dir: Path) -> SmallDisk:
    """A real small file system at `where`: tmpfs, else a loop-mounted ext2 image, else a plain folder."""
    where.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_mib}m", "tmpfs", str(where)], capture_output=True
    )
    if r.returncode == 0:
        return SmallDisk(where, "tmpfs")
    image = image_dir / "small-disk.img"
    with open(image, "wb") as f:
        f.truncate(size_mib << 20)
    mkfs = shutil.which("mkfs.ext2") or "/sbin/mkfs.ext2"
    if (
        subprocess.run([mkfs, "-q", "-F", str(image)], capture_output=True).returncode == 0
        and subprocess.run(["mount", "-o", "loop", str(image), str(where)], capture_output=True).returncode
        == 0
    ):
        return SmallDisk(where, "loop")
    return SmallDisk(where, "patched")


def unmount(disk: SmallDisk) -> None:
    if disk.how != "patched":
        subprocess.run(["umount", "-l", str(disk.path)], capture_output=True)


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Write a filler file until the disk holding `folder` has at most `leave` bytes free."""
    filler = folder / "filler.bin"
    with open(filler, "ab") as f:
        while True:
            free = shutil.disk_usage(folder).free
            if free <= leave:
                break
            try:
                f.write(b"\0" * min(1 << 20, max(4096, free - leave)))
                f.flush()
                os.fsync(f.fileno())
            except OSError:
                break
    return filler


def stored_files(data_dir: Path) -> list[Path]:
    """Every file under evidence/ (stored copies and any leftovers)."""
    root = data_dir / "evidence"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
