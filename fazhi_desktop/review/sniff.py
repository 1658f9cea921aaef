"""Finding packages on a stick: walk folders quickly, and tell a package from any other file cheaply.

Only names ending in .zip are opened at all, and of those only the end record and the central directory
are read (bounded) to see whether a bag is inside. Anything else is passed over without complaint: a stick
holds photos, documents and other archives besides the packages.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Iterator
from pathlib import Path

from fazhi_desktop.package.seal import read_tail

# System folders of USB sticks and hidden folders: never packages, sometimes unreadable.
_SKIP_DIRS = {"system volume information", "$recycle.bin", "recycler", "lost+found"}
_MAX_SNIFF_DIRECTORY = 16 * 1024 * 1024
_BAG_NAMES = (b"bagit.txt", b"bag-info.txt", b"manifest-sha256.txt", b"tagmanifest-sha256.txt")


def is_zip_name(name: str) -> bool:
    """A candidate by name: *.zip, not a macOS AppleDouble shadow (._x.zip) or a hidden file."""
    return name.lower().endswith(".zip") and not name.startswith(".")


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Every *.zip file under the given files and folders (recursing, not following folder links), sorted."""
    for path in paths:
        path = Path(path)
        if path.is_dir() and not path.is_symlink():
            yield from _walk_dir(path)
        else:
            yield path  # named explicitly: the caller wants to hear about it whatever it is


def _walk_dir(folder: Path) -> Iterator[Path]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return  # an unreadable folder on a stick holds no package we could read anyway
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith((".", "$")) and entry.name.lower() not in _SKIP_DIRS:
                    yield from _walk_dir(Path(entry.path))
            elif is_zip_name(entry.name) and entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue


def looks_like_other_zip(path: Path) -> bool:
    """True for a sound ZIP whose directory names no bag file: some other archive, not a package.

    Anything doubtful (not a ZIP, cut short, unreadable) is False: the verifier then says precisely what
    is wrong with it, since a damaged package must be reported, not passed over.
    """
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size < 22:
                return False
            tail = read_tail(fh, size)
            if tail is None or tail.misplaced != 0 or tail.cd_size > _MAX_SNIFF_DIRECTORY:
                return False
            fh.seek(tail.eocd_offset + 16)
            (cd_offset,) = struct.unpack("<L", fh.read(4))
            if cd_offset == 0xFFFFFFFF:
                return False
            fh.seek(cd_offset)
            directory = fh.read(tail.cd_size)
    except OSError:
        return False
    if len(directory) != tail.cd_size or not directory.startswith(b"PK\x01\x02"):
        return False
    return not any(name in directory for name in _BAG_NAMES)
