"""从备份恢复: choose one of the automatic database backups and put it back in place.

The database must not be open while it is replaced (safety.backup.restore_backup), so the window asks
the session to close the workspace, restore, and open again; at start-up, when the database cannot be
opened at all, the dialog is offered before giving up.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from fazhi_desktop.safety.backup import BackupInfo, list_backups
from fazhi_desktop.sizes import format_size
from fazhi_desktop.ui.dialog_parts import stacked, wrapped_label

log = logging.getLogger(__name__)


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("从备份恢复"))
        intro = wrapped_label(
            (reason + "\n\n" if reason else "")
            + self.tr("选择一份备份恢复。备份之后所做的修改会丢失；现在的数据库会另存为一份备份，不会删除。")
        )
        self.list = QListWidget()
        for b in backups:
            when = b.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            item = QListWidgetItem(
                self.tr("{when}　{kind}　{size}").format(
                    when=when, kind=b.reason_name, size=format_size(b.size)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_btn = buttons.addButton(self.tr("恢复所选备份"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        stacked(self, intro, self.list, buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.fontMetrics().lineSpacing() * 22)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None


def choose_backup(data_dir: Path, parent: QWidget | None = None, reason: str = "") -> Path | None:
    """Let the clerk pick a backup; None when there is none or the dialog was cancelled."""
    backups = list_backups(data_dir)
    if not backups:
        return None
    dialog = RestoreDialog(backups, reason, parent)
    return dialog.chosen() if dialog.exec() else None
