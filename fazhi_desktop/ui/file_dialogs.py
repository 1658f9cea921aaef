"""The file chooser: opens where the clerk last was for the same purpose, offers USB sticks first, and
shows sizes the way the rest of the program does (46.9 KB, not 46.9 KiB).

Each purpose (evidence, export, key backup, …) remembers its own last folder in `<data dir>/ui.ini`:
the evidence scans sit on the desktop, the package goes to the stick. Where the platform has its own
file dialog (Windows, a desktop's portal) Qt uses it, in the system's language; the sidebar and the
size column apply to Qt's own dialog, which is what a bare Linux desktop gets.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    QStorageInfo,
    Qt,
    QUrl,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

from fazhi_desktop.sizes import format_size

EVIDENCE = "evidence"
EXPORT = "export"
KEY = "key"
PLAN = "plan"
_SIZE_COLUMN = 1
# Where Linux desktops mount USB sticks (udisks: /media/$USER/NAME on Debian/UOS, /run/media/$USER/NAME
# on Fedora-like systems).
_REMOVABLE_ROOTS = ("/media/", "/run/media/")


def _windows_removable(root: str) -> bool:
    import ctypes

    drive_removable = 2  # GetDriveTypeW: DRIVE_REMOVABLE (USB sticks, card readers)
    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))) == drive_removable  # type: ignore[attr-defined]


def is_removable_root(root: str, *, platform: str = sys.platform) -> bool:
    if platform == "win32":
        return len(root) <= 3 and root[:1].isalpha() and _windows_removable(root)
    return root.startswith(_REMOVABLE_ROOTS)


def removable_drives() -> list[Path]:
    """Mounted, writable removable drives (USB sticks), in mount order."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if volume.isValid() and volume.isReady() and not volume.isReadOnly() and is_removable_root(root):
            found.append(Path(root))
    return found


class FolderMemory:
    """The last folder used for each purpose, kept in the program's ui.ini."""

    def __init__(self, settings: QSettings | None) -> None:
        self.settings = settings

    def last(self, purpose: str) -> Path | None:
        if self.settings is None:
            return None
        value = self.settings.value(f"folders/{purpose}")
        if not value:
            return None
        path = Path(str(value))
        return path if path.is_dir() else None  # a stick pulled out: fall back to the default

    def remember(self, purpose: str, chosen: Path) -> None:
        if self.settings is None:
            return
        folder = chosen if chosen.is_dir() else chosen.parent
        self.settings.setValue(f"folders/{purpose}", str(folder))

    def start(self, purpose: str) -> Path:
        """Where the chooser opens: the last folder for this purpose; for an export a USB stick when
        one is plugged in and the last folder is not on one; else the desktop or the home folder."""
        last = self.last(purpose)
        if purpose == EXPORT:
            sticks = removable_drives()
            if sticks and not (last and any(last.is_relative_to(s) for s in sticks)):
                return sticks[0]
        if last is not None:
            return last
        desktop = Path.home() / "Desktop"
        return desktop if purpose == EVIDENCE and desktop.is_dir() else Path.home()


class _HumanSizes(QIdentityProxyModel):
    """Qt's size column shows 19.5 KiB; the program says 19.5 KB everywhere (settings.format_size)."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.column() == _SIZE_COLUMN:
            source = self.sourceModel()
            src = self.mapToSource(index)
            if isinstance(source, QFileSystemModel) and src.isValid() and not source.isDir(src):
                return format_size(source.size(src))
        return super().data(index, role)


def _sidebar() -> list[QUrl]:
    places = [*removable_drives(), Path.home()]
    desktop = Path.home() / "Desktop"
    if desktop.is_dir():
        places.append(desktop)
    return [QUrl.fromLocalFile(str(p)) for p in places]


def build_dialog(parent: QWidget | None, title: str, start: Path) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start))
    dialog.setSidebarUrls(_sidebar())
    dialog.setProxyModel(_HumanSizes(dialog))
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() else []


def open_files(
    parent: QWidget | None, memory: FolderMemory, purpose: str, title: str, filters: str
) -> list[str]:
    dialog = build_dialog(parent, title, memory.start(purpose))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setNameFilter(filters)
    chosen = _run(dialog)
    if chosen:
        memory.remember(purpose, Path(chosen[0]))
    return chosen


def existing_folder(
    parent: QWidget | None, memory: FolderMemory, purpose: str, title: str, start: str = ""
) -> str:
    begin = Path(start) if start and Path(start).is_dir() else memory.start(purpose)
    dialog = build_dialog(parent, title, begin)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog)
    if chosen:
        memory.remember(purpose, Path(chosen[0]))
    return chosen[0] if chosen else ""


def save_file(
    parent: QWidget | None,
    memory: FolderMemory,
    purpose: str,
    title: str,
    name: str,
    filters: str,
    *,
    confirm_overwrite: bool = True,
) -> str:
    dialog = build_dialog(parent, title, memory.start(purpose))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(filters)
    dialog.selectFile(str(memory.start(purpose) / name))
    if not confirm_overwrite:
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    chosen = _run(dialog)
    if chosen:
        memory.remember(purpose, Path(chosen[0]))
    return chosen[0] if chosen else ""


def default_export_folder(memory: FolderMemory) -> str:
    """The export dialog's first suggestion (a plugged-in stick before the home folder)."""
    return os.fspath(memory.start(EXPORT))
