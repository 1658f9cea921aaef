"""Choose documents already attached in this period to support the current item too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from fazhi_desktop.evidence.attachments import EvidenceRecord
from fazhi_desktop.sizes import format_size
from fazhi_desktop.ui.dialog_parts import stacked, wrapped_label


class LinkEvidenceDialog(QDialog):
    def __init__(self, records: list[EvidenceRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关联已有材料"))
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for r in records:
            text = self.tr("{name}（{size}，已关联 {items}）").format(
                name=r.original_name, size=format_size(r.size), items="、".join(r.item_ids)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        info = wrapped_label(
            self.tr("选择要同时关联到本事项的材料（可按住 Ctrl 多选）：")
            if records
            else self.tr("本期还没有可以关联的其他材料。")
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        stacked(self, info, self.list, buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.fontMetrics().lineSpacing() * 20)

    def chosen(self) -> list[int]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]
