"""The unit directory for the set-up wizard, searchable by any of a unit's names."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from fazhi_desktop.catalogue.assign import match_key
from fazhi_desktop.catalogue.model import Unit

UnitNameRole = Qt.ItemDataRole.UserRole + 1
_NO_PARENT = QModelIndex()


class UnitListModel(QAbstractListModel):
    """One row per directory unit: canonical name and kind; aliases in the tooltip."""

    def __init__(self, units: list[Unit] | tuple[Unit, ...], parent=None) -> None:
        super().__init__(parent)
        self.units = list(units)
        self._keys = [[match_key(n) for n in (u.name, *u.aliases)] for u in self.units]
        self.needle = ""
        self.extra: tuple[str, str] | None = None  # (name, label): a township typed by its own name

    def set_extra(self, extra: tuple[str, str] | None) -> None:
        """Show a township that is not in the directory as the first row (or remove it)."""
        if extra == self.extra:
            return
        self.beginResetModel()
        self.extra = extra
        self.endResetModel()

    def _offset(self) -> int:
        return 1 if self.extra else 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.units) + self._offset()

    def matched_alias(self, row: int) -> str | None:
        """The alias the search matched when the canonical name does not contain it."""
        u = self.units[row - self._offset()]
        if not self.needle or self.needle in match_key(u.name):
            return None
        return next((a for a in u.aliases if self.needle in match_key(a)), None)

    def matches(self, row: int) -> bool:
        if row < self._offset():
            return True
        return not self.needle or any(self.needle in k for k in self._keys[row - self._offset()])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.row() < self._offset():
            assert self.extra is not None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.extra[1]
            return self.extra[0] if role == UnitNameRole else None
        u = self.units[index.row() - self._offset()]
        if role == Qt.ItemDataRole.DisplayRole:
            alias = self.matched_alias(index.row())
            text = f"{u.name}（{u.kind_name}）"
            return f"{text}　← {alias}" if alias else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return "、".join(u.aliases) if u.aliases else u.name
        if role == UnitNameRole:
            return u.name
        return None


class UnitFilterModel(QSortFilterProxyModel):
    def set_search(self, text: str) -> None:
        src: UnitListModel = self.sourceModel()  # type: ignore[assignment]
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter() is deprecated there
            self.beginFilterChange()
            src.needle = match_key(text)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            src.needle = match_key(text)
            self.invalidateRowsFilter()
        # Rows' text shows the matched alias: repaint them all.
        src.dataChanged.emit(src.index(0), src.index(max(src.rowCount() - 1, 0)))

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        return self.sourceModel().matches(source_row)  # type: ignore[attr-defined]
