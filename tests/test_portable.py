"""Portable use: the marker beside the program keeps the data beside it; a signing key on a disk without
file permissions (exFAT/FAT32, as on most USB sticks) is flagged with advice. The exFAT and FAT cases use
real file-system images mounted through FUSE (the kernel here has no vfat/exfat module), so they need
root, losetup, /dev/fuse, exfat-fuse and fusefat — CI runs as root and installs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fazhi_desktop import paths
from fazhi_desktop.package.keys import create_unit_key, key_path
from fazhi_desktop.safety.key_exposure import exposed_key_warning

PASS = "便携测试口令-abc-123456"


def test_the_marker_beside_the_program_keeps_all_data_beside_it(tmp_path, monkeypatch):
    program = tmp_path / "U盘" / "fazhi-desktop"
    program.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "fazhi-desktop"))
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    assert paths.resolve_data_dir() == paths.default_data_dir()  # no marker: the per-user folder
    (program / paths.PORTABLE_MARKER).write_text("便携模式\n", encoding="utf-8")
    assert paths.resolve_data_dir() == program / "fazhi-data"
    assert paths.resolve_data_dir(tmp_path / "别处") == tmp_path / "别处"  # --data-dir still wins
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "环境"))
    assert paths.resolve_data_dir() == tmp_path / "环境"


def test_a_source_checkout_is_never_portable(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.program_dir() is None and paths.portable_data_dir() is None


def test_a_key_on_a_disk_with_permissions_is_not_flagged_and_a_loose_one_is_closed(tmp_path):
    create_unit_key(tmp_path, PASS)
    key = key_path(tmp_path)
    assert exposed_key_warning(tmp_path) is None
    key.chmod(0o644)
    assert exposed_key_warning(tmp_path) is None
    assert key.stat().st_mode & 0o777 == 0o600


def _can_mount() -> bool:
    return (
        sys.platform.startswith("linux")
        and os.geteuid() == 0
        and os.path.exists("/dev/fuse")
        and all(
            shutil.which(t) for t in ("losetup", "mkfs.exfat", "mount.exfat-fuse", "mkfs.vfat", "fusefat")
        )
    )


needs_mount = pytest.mark.skipif(
    not _can_mount(), reason="needs root, /dev/fuse, exfat-fuse, fusefat, dosfstools"
)


def _unmount(point: Path) -> None:
    for _ in range(20):
        if subprocess.run(["umount", str(point)], capture_output=True).returncode == 0:
            return
        time.sleep(0.2)


@pytest.fixture
def exfat_stick(tmp_path):
    image, point = tmp_path / "stick.img", tmp_path / "stick"
    point.mkdir()
    subprocess.run(["truncate", "-s", "64M", str(image)], check=True)
    subprocess.run(["mkfs.exfat", "-L", "FAZHI", str(image)], check=True, capture_output=True)
    loop = subprocess.run(["losetup", "-f", "--show", str(image)], check=True, capture_output=True, text=True)
    dev = loop.stdout.strip()
    try:
        subprocess.run(["mount.exfat-fuse", dev, str(point)], check=True, capture_output=True)
        try:
            yield point
        finally:
            _unmount(point)
    finally:
        subprocess.run(["losetup", "-d", dev], capture_output=True)


@pytest.fixture
def fat_stick(tmp_path):
    image, point = tmp_path / "fat.img", tmp_path / "fat"
    point.mkdir()
    subprocess.run(["truncate", "-s", "64M", str(image)], check=True)
    subprocess.run(["mkfs.vfat", "-n", "FAZHI", str(image)], check=True, capture_output=True)
    subprocess.run(["fusefat", "-o", "rw+", str(image), str(point)], check=True, capture_output=True)
    try:
        yield point
    finally:
        _unmount(point)


@needs_mount
def test_a_portable_copy_on_exfat_works_and_warns_about_the_key(exfat_stick):
    data = exfat_stick / "fazhi-desktop" / "fazhi-data"
    data.parent.mkdir()  # the program's folder on the stick
    env = dict(os.environ, FAZHI_PASSPHRASE=PASS, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "fazhi_desktop", "--data-dir", str(data), "init", "--unit", "县司法局"]
        + ["--contact", "张三", "--phone", "0635-1234567"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert key_path(data).stat().st_mode & 0o077  # exFAT: every file readable by all, chmod cannot help
    assert "不支持文件权限" in done.stderr and "fazhi-desktop-portable.txt" in done.stderr
    warning = exposed_key_warning(data)
    assert warning is not None and "拿到这个 U 盘的任何人都能复制密钥文件" in warning


@needs_mount
def test_a_key_on_fat_is_flagged_even_though_its_mode_looks_private(fat_stick):
    key = key_path(fat_stick)
    key.parent.mkdir(parents=True)
    key.write_bytes(b"not a real key: only where it lies matters here")
    with pytest.raises(OSError):  # FAT through FUSE cannot chmod at all
        os.chmod(key, 0o600)
    assert exposed_key_warning(fat_stick) is not None
