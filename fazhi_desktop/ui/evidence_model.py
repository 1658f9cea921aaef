"""The evidence table of one item: name, size, 形成日期, description (the last two editable in place)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from fazhi_desktop.evidence.attachments import EvidenceRecord
from fazhi_desktop.sizes import format_size

EvidenceIdRole = Qt.ItemDataRole.UserRole + 1

_HEADERS = (
    QT_TRANSLATE_NOOP("EvidenceModel", "文件名"),
    QT_TRANSLATE_NOOP("EvidenceModel", "大小"),
    QT_TRANSLATE_NOOP("EvidenceModel", "形成日期"),
    QT_TRANSLATE_NOOP("EvidenceModel", "说明"),
)
NAME, SIZE, MADE, DESC = range(4)
_EDITABLE = {MADE: "made_date", DESC: "description"}
_NO_PARENT = QModelIndex()


class EvidenceModel(QAbstractTableModel):
    """Rows are `EvidenceRecord`s; an edit asks `on_edit(evidence_id, field, text)` for the new record."""

    def __init__(
        self, on_edit: Callable[[int, str, str], EvidenceRecord | None] | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.records: list[EvidenceRecord] = []
        self.on_edit = on_edit

    def set_records(self, records: list[EvidenceRecord]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> EvidenceRecord:
        return self.records[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("EvidenceModel", _HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _EDITABLE:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.records[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == NAME:
                return r.original_name
            if col == SIZE:
                return format_size(r.size)
            if col == MADE:
                return r.made_date or ("" if role == Qt.ItemDataRole.EditRole else "—")
            return r.description
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = QCoreApplication.translate("EvidenceModel", "{name}\n{size}，关联事项：{items}")
            tip = tip.format(name=r.original_name, size=format_size(r.size), items="、".join(r.item_ids))
            if col in _EDITABLE:
                tip += "\n" + QCoreApplication.translate("EvidenceModel", "双击可修改")
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole and col == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == EvidenceIdRole:
            return r.id
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in _EDITABLE or self.on_edit is None:
            return False
        r = self.records[index.row()]
        updated = self.on_edit(r.id, _EDITABLE[index.column()], str(value or ""))
        if updated is None:
            return False
        self.records[index.row()] = updated
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(_HEADERS) - 1))
        return True
