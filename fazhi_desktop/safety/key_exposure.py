"""Is the signing key file protected by the file system? On FAT32/exFAT (most USB sticks) there are no
file permissions: whoever holds the stick can copy the key file. The passphrase still protects the key,
but the clerk must be told, and told what to do."""

from __future__ import annotations

import ctypes
import os
import stat
import sys
from pathlib import Path

from fazhi_desktop.package.keys import key_path

_NO_PERMISSION_FS = ("FAT", "FAT12", "FAT16", "FAT32", "EXFAT")


def exposed_key_warning(data_dir: Path) -> str | None:
    """A warning in Chinese when the unit key in `data_dir` is readable by others; None when it is safe."""
    key = key_path(data_dir)
    if not key.is_file():
        return None
    if sys.platform == "win32":
        fs = _windows_file_system(key)
        exposed = fs is not None and fs.upper() in _NO_PERMISSION_FS
    else:
        exposed = _linux_exposed(key)
    if not exposed:
        return None
    return (
        f"注意：签名密钥文件 {key} 所在的磁盘（例如 exFAT 或 FAT32 格式的 U 盘）不支持文件权限，"
        "拿到这个 U 盘的任何人都能复制密钥文件。密钥本身有口令保护，但请做到："
        "一、使用足够长、别人猜不到的口令；二、U 盘随身保管或锁好，不借给他人；"
        "三、更稳妥的做法是把数据放在本机（删除程序旁的 fazhi-desktop-portable.txt），U 盘只用来传送上报包；"
        "四、U 盘丢失时，立即告知县司法局。"
    )


_NO_PERMISSION_LINUX = ("vfat", "msdos", "exfat", "fuse.fusefat", "fuse.exfat", "fuseblk.exfat")


def _linux_exposed(key: Path) -> bool:
    """Readable by others, and chmod cannot change that (or the mount is a FAT/exFAT one)."""
    if _mode_exposed(key):
        try:  # on a file system with permissions a too-open key is simply closed again
            os.chmod(key, 0o600)
        except OSError:  # FAT through FUSE: "Function not implemented"
            return True
        if _mode_exposed(key):  # the kernel's vfat/exfat: chmod "works", the mode stays 0755/0777
            return True
    return _mount_type(key) in _NO_PERMISSION_LINUX


def _mode_exposed(path: Path) -> bool:
    return bool(stat.S_IMODE(path.stat().st_mode) & 0o077)


def _mount_type(path: Path) -> str | None:
    """The file system type of the mount holding `path`, from /proc/self/mountinfo (None if unknown)."""
    try:
        lines = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target, best, kind = os.path.realpath(path), "", None
    for line in lines:
        left, _, right = line.partition(" - ")
        fields = left.split()
        if len(fields) < 5 or not right:
            continue
        point = fields[4].replace("\\040", " ")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, right.split()[0]
    return kind


def _windows_file_system(path: Path) -> str | None:
    """The file system name of the volume holding `path` ("NTFS", "FAT32", "exFAT"), or None."""
    root = Path(os.path.abspath(path)).anchor
    name = ctypes.create_unicode_buffer(64)
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return None
    ok = windll.kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), None, 0, None, None, None, name, 64)
    return name.value if ok else None
