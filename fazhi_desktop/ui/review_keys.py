"""The bureau's register of unit keys as a small dialog: add (public key file or the fingerprint typed from
a package's cover), list, replace (the old key stays on record with its date), revoke. The rules live in fazhi_desktop/review/trust.py; this only asks and shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.dates import local_moment
from fazhi_desktop.review.importer import adopt_registered
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.review.trust import KeyRecord, add_key, list_keys, replace_key, revoke_key
from fazhi_desktop.ui.error_dialog import show_error

KEYS_DIALOG_SIZE = (820, 520)  # a county's keys, a replaced one and the form below: room for ten rows


class KeysDialog(QDialog):
    def __init__(self, store: ReviewStore, units: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.changed = False
        self.setWindowTitle(self.tr("单位密钥登记"))
        self.resize(*KEYS_DIALOG_SIZE)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("单位"),
                self.tr("指纹"),
                self.tr("状态"),
                self.tr("登记于"),
                self.tr("停用于"),
                self.tr("备注"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)  # one key acted on at a time
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected_unit_to_form)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(units)
        self.unit.setCurrentText("")
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("公钥文件，或上报包封面上的指纹（如 3F2A-91C0-…）"))
        browse = QPushButton(self.tr("选择公钥文件…"))
        browse.clicked.connect(self._browse)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key)
        key_row.addWidget(browse)
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("密钥"), key_row)
        form.addRow(self.tr("备注"), self.note)
        self.add_button = QPushButton(self.tr("登记"))
        self.add_button.clicked.connect(self.add)
        self.replace_button = QPushButton(self.tr("替换…"))
        self.replace_button.setToolTip(
            self.tr("单位换用了新密钥：选择新的公钥文件或输入新指纹，旧密钥留档并注明停用日期")
        )
        self.replace_button.clicked.connect(self.replace)
        self.revoke_button = QPushButton(self.tr("吊销所选密钥"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)  # the spare height goes to the list of keys
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        lay.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        keys = list_keys(self.store)
        self.records = keys
        self.table.setRowCount(len(keys))
        for r, k in enumerate(keys):
            ended = local_moment(k.ended_at)[:10] if k.ended_at else ""
            for c, v in enumerate(
                (k.unit_name, k.display, k.status_name, local_moment(k.added_at)[:10], ended, k.note)
            ):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()

    def _selected_unit_to_form(self) -> None:
        """A selected row names the unit that 替换… (and 吊销) act on."""
        rec = self._selected_record()
        if rec is not None:
            self.unit.setCurrentText(rec.unit_name)

    def _selected_record(self) -> KeyRecord | None:
        """The one selected row's key (selection is single, so no earlier row lingers)."""
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _browse(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择单位公钥文件"), "", self.tr("公钥 (*.pem *.pub);;所有文件 (*)")
        )
        if path:
            self.key.setText(path)
        return bool(path)

    def _typed_key(self) -> str | Path:
        text = self.key.text().strip()
        return Path(text) if text and Path(text).is_file() else text

    def add(self) -> None:
        key = self._typed_key()
        try:
            rec = add_key(self.store, self.unit.currentText(), key, note=self.note.text())
            adopted = adopt_registered(self.store, rec.unit_name)
        except Exception as exc:  # every refusal is shown; nothing was written
            show_error(self, exc, doing=self.tr("登记密钥"))
            return
        self._registered(
            self.tr("已登记 {unit} 的密钥 {fp}。").format(unit=rec.unit_name, fp=rec.display), adopted
        )

    def _registered(self, text: str, adopted: int) -> None:
        """After a key was added or replaced: say so (and what it let count), clear the form, re-list."""
        self.changed = True
        if adopted:
            text += self.tr("此前收到的 {n} 个未登记上报包已计入。").format(n=adopted)
        self.message.setText(text)
        self.key.clear()
        self.note.clear()
        self.refresh()

    def replace(self) -> None:
        """The unit's new key (file or typed fingerprint) through replace_key, as `review keys replace`."""
        if not self.unit.currentText().strip():
            self.message.setText(self.tr("请先在表中选中要替换密钥的单位，或填写单位名称"))
            return
        if not self.key.text().strip() and not self._browse():
            self.message.setText(self.tr("请选择新的公钥文件，或输入上报包封面上的新密钥指纹"))
            return
        unit = self.unit.currentText()
        try:
            rec = replace_key(self.store, unit, self._typed_key(), note=self.note.text())
            adopted = adopt_registered(self.store, rec.unit_name)
        except Exception as exc:  # e.g. no key registered yet, or the same key again: nothing was written
            show_error(self, exc, doing=self.tr("替换密钥"))
            return
        old = [k for k in list_keys(self.store, rec.unit_name) if k.status == "replaced"]
        text = self.tr("{unit} 已换用新密钥 {fp}。").format(unit=rec.unit_name, fp=rec.display)
        if old:
            text += self.tr("旧密钥 {old} 已留档（停用于 {date}）。").format(
                old=old[-1].display, date=local_moment(old[-1].ended_at)[:10] if old[-1].ended_at else ""
            )
        self._registered(text, adopted)

    def revoke_selected(self) -> None:
        rec = self._selected_record()
        if rec is None:
            self.message.setText(self.tr("请先在表中选中要吊销的密钥"))
            return
        if rec.status != "active":
            self.message.setText(
                self.tr("所选密钥已不在使用（{status}），无需吊销").format(status=rec.status_name)
            )
            return
        try:
            done = revoke_key(self.store, rec.unit_name, note=self.note.text())
        except Exception as exc:  # e.g. that key was already replaced: said plainly
            show_error(self, exc, doing=self.tr("吊销密钥"))
            return
        self.changed = True
        self.message.setText(
            self.tr("已吊销 {unit} 的密钥 {fp}：此后用它签名的上报包一律拒收").format(
                unit=done.unit_name, fp=done.display
            )
        )
        self.refresh()
