"""文件 → 签名密钥: the unit key's fingerprint and age, and what `fazhi-desktop key` does on the command line:
修改口令, 导出公钥, 备份密钥文件.

Everything goes through package.keys. Changing the passphrase unlocks and re-encrypts the key (scrypt,
slow on purpose), so it runs in the background; exporting the public half and copying the encrypted file
need no passphrase and are quick. Keys are created by the set-up wizard only.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import (
    KeyInfo,
    backup_key_file,
    change_passphrase,
    check_new_passphrase,
    export_public_key,
    key_path,
    read_key_info,
)
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.dialog_parts import action_buttons, passphrase_field, stacked, wrapped_label
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.file_dialogs import KEY, FolderMemory
from fazhi_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PUBLIC_KEY_NAME = "单位公钥.pem"


def change_passphrase_job(
    path: Path, old: str, new: str, *, progress, cancelled, kdf: KdfParams | None = None
) -> str:
    """Background job: re-encrypt the key under `new`; returns its full fingerprint."""
    return change_passphrase(path, old, new, kdf=kdf).fingerprint


def _created_text(created: str) -> str:
    """Turn the key file's ISO time stamp into "2021-06-30 14:05" (the raw text when it is not one)."""
    try:
        return datetime.fromisoformat(created).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created


def _selectable(text: str) -> QLabel:
    label = wrapped_label(text)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


class ChangePassphraseDialog(QDialog):
    """The old passphrase, the new one twice; the re-encryption runs in the background."""

    key_kdf: KdfParams | None = None  # None: the package layer's slow default; tests set a cheap one

    def __init__(self, path: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.runner = runner
        self._busy = False
        self.setWindowTitle(self.tr("修改签名口令"))
        intro = wrapped_label(
            self.tr("输入现在的口令和新口令。以后生成上报包要用新口令；之前的密钥文件备份仍用旧口令解锁。")
        )
        self.old = passphrase_field()
        self.new1 = passphrase_field()
        self.new2 = passphrase_field()
        form = QFormLayout()
        form.addRow(self.tr("现在的口令(&O)："), self.old)
        form.addRow(self.tr("新口令(&W)："), self.new1)
        form.addRow(self.tr("再输入一次(&A)："), self.new2)
        self.status = wrapped_label()
        self.buttons, self.ok, self.cancel_btn = action_buttons(self.tr("修改"))
        self.ok.clicked.connect(self.start)
        self.cancel_btn.clicked.connect(self.reject)
        stacked(self, intro, form, self.status, self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def start(self) -> None:
        if self._busy:
            return
        if not self.old.text():
            self.status.setText(self.tr("请输入现在的口令。"))
            return
        new = self.new1.text()
        try:
            check_new_passphrase(new)  # the length rule belongs to the key, not to this dialog
        except FazhiError as exc:
            self.status.setText(exc.message)
            return
        if new != self.new2.text():
            self.status.setText(self.tr("两次输入的新口令不一致。"))
            return
        self._busy = True
        self.ok.setEnabled(False)
        self.status.setText(self.tr("正在修改口令，请稍候…"))
        self.runner.run(
            self.tr("修改签名口令"),
            change_passphrase_job,
            self.path,
            self.old.text(),
            new,
            kdf=self.key_kdf,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, _fingerprint: str) -> None:
        self._busy = False
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.ok.setEnabled(True)
        self.status.setText("")
        show_error(self, exc, doing=self.tr("修改签名口令"))

    def reject(self) -> None:
        if not self._busy:  # the key file is being rewritten: let it finish
            super().reject()


class KeyDialog(QDialog):
    """The unit key at a glance, with 修改口令 / 导出公钥 / 备份密钥文件."""

    def __init__(
        self,
        ws: Workspace,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        folders: FolderMemory | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.folders = folders or FolderMemory(None)
        self.path = key_path(ws.data_dir)
        self.info: KeyInfo | None = None
        self.setWindowTitle(self.tr("签名密钥"))
        layout = QVBoxLayout(self)
        self.status = wrapped_label()
        self.change_btn = self.export_btn = self.backup_btn = None
        if not self.path.exists():
            self.message = wrapped_label(
                self.tr(
                    "还没有签名密钥。签名密钥在“文件 → 单位设置”向导的最后一步创建："
                    "请重新打开单位设置，设定口令后点击“完成”。"
                )
            )
            layout.addWidget(self.message)
        else:
            try:
                self.info = read_key_info(self.path)
            except FazhiError as exc:
                log.warning("密钥文件不可读：%s", exc.message)
                self.message = _selectable(exc.message)
                layout.addWidget(self.message)
            else:
                self._build_key_view(layout, self.info)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height())

    def _build_key_view(self, layout: QVBoxLayout, info: KeyInfo) -> None:
        intro = wrapped_label(
            self.tr("上报包用本单位的签名密钥签名；密钥指纹印在自查报告封面上，县司法局据此核验。")
        )
        self.fingerprint_label = _selectable(info.fingerprint_display)
        self.full_fingerprint_label = _selectable(info.fingerprint)
        self.created_label = _selectable(_created_text(info.created))
        form = QFormLayout()
        form.addRow(self.tr("密钥指纹："), self.fingerprint_label)
        form.addRow(self.tr("完整指纹："), self.full_fingerprint_label)
        form.addRow(self.tr("创建时间："), self.created_label)
        self.change_btn = QPushButton(self.tr("修改口令…"))
        self.export_btn = QPushButton(self.tr("导出公钥…"))
        self.backup_btn = QPushButton(self.tr("备份密钥文件…"))
        self.change_btn.clicked.connect(self.change_passphrase)
        self.export_btn.clicked.connect(self.export_public)
        self.backup_btn.clicked.connect(self.backup)
        # Where the key file lives is a detail for whoever supports the office, not for the clerk:
        # it is in the tool tip (and 备份密钥文件 copies it wherever they like).
        self.backup_btn.setToolTip(self.tr("密钥文件：{path}").format(path=info.path))
        row = QHBoxLayout()
        for b in (self.change_btn, self.export_btn, self.backup_btn):
            row.addWidget(b)
        row.addStretch(1)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(row)

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.path, self.runner, self)
        if dialog.exec():
            self.status.setText(self.tr("口令已修改。以后生成上报包请使用新口令；建议重新备份密钥文件。"))

    def export_public(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出公钥"),
            str(self.folders.start(KEY) / PUBLIC_KEY_NAME),
            self.tr("PEM 公钥 (*.pem)"),
        )
        if not name:
            return
        self.folders.remember(KEY, Path(name))
        try:  # the save dialog has already asked before replacing a file
            out = export_public_key(self.path, Path(name), overwrite=True)
        except FazhiError as exc:
            show_error(self, exc, doing=self.tr("导出公钥"))
            return
        self.status.setText(self.tr("公钥已导出到 {path}").format(path=out))

    def backup(self) -> None:
        fp = self.info.fingerprint[:8] if self.info else ""
        default = self.folders.start(KEY) / f"fazhi-unit-key-{fp}-{datetime.now():%Y%m%d}.json"
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("备份密钥文件"),
            str(default),
            self.tr("密钥文件 (*.json)"),
            options=QFileDialog.Option.DontConfirmOverwrite,  # a backup never replaces a file: the domain says so
        )
        if not name:
            return
        self.folders.remember(KEY, Path(name))
        try:
            out = backup_key_file(self.path, Path(name))
        except FazhiError as exc:
            show_error(self, exc, doing=self.tr("备份密钥文件"))
            return
        self.status.setText(self.tr("密钥文件已备份到 {path}（仍由口令加密，请妥善保管）").format(path=out))


def run_key_dialog(parent, ws: Workspace, runner: TaskRunner, folders: FolderMemory | None = None) -> None:
    """Open the dialog (文件 → 签名密钥…)."""
    KeyDialog(ws, runner, parent, folders=folders).exec()
