"""The left side of the window: search box, filters and the item tree."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fazhi_desktop.ui.item_filter import ItemFilterModel
from fazhi_desktop.ui.item_tree_model import ItemIdRole, ItemTreeModel

SEARCH_PAUSE_MS = 150  # the tree is filtered this long after the last keystroke, not on every one


class NavigationPanel(QWidget):
    item_selected = Signal(str)

    def __init__(self, model: ItemTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = ItemFilterModel(self)
        self.proxy.setSourceModel(model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索事项内容或编号（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.apply_search)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.state_filter = QComboBox()
        for key, label in (
            ("all", self.tr("全部事项")),
            ("empty", self.tr("未填写")),
            ("draft", self.tr("填写中（未填完）")),
            ("done", self.tr("已填完")),
            ("na", self.tr("不适用")),
            ("returned", self.tr("县司法局退回修改")),
        ):
            self.state_filter.addItem(label, key)
        self.state_filter.setToolTip(self.tr("按填报状态筛选"))
        self.state_filter.currentIndexChanged.connect(
            lambda _i: self._apply(lambda: self.proxy.set_state_filter(self.state_filter.currentData()))
        )
        self.lead_only = QCheckBox(self.tr("只看牵头"))
        self.lead_only.toggled.connect(lambda on: self._apply(lambda: self.proxy.set_lead_only(on)))
        self.no_evidence = QCheckBox(self.tr("只看无材料"))
        self.no_evidence.setToolTip(self.tr("只显示还没有佐证材料的事项"))
        self.no_evidence.toggled.connect(lambda on: self._apply(lambda: self.proxy.set_no_evidence(on)))

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.lead_only)
        filters.addWidget(self.no_evidence)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        self.expand_default()

    def expand_default(self) -> None:
        """Open the groups down to the items (areas: down to headings)."""
        self.tree.expandAll()

    def _search_changed(self, text: str) -> None:
        """Typing restarts the pause; a cleared box shows the whole tree at once."""
        if text.strip():
            self._search_timer.start()
        else:
            self.apply_search()

    def apply_search(self) -> None:
        """Filter the tree by the search box now (after the pause, on Enter, or when cleared)."""
        self._search_timer.stop()
        text = self.search.text()
        if self.proxy.search_text != text.strip():
            self._apply(lambda: self.proxy.set_search(text))

    def _apply(self, change) -> None:
        current = self.current_item()
        change()
        self.tree.expandAll()
        if current:
            self.select(current, emit=False)

    # --- selection ------------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(ItemIdRole)
        if item_id and not self._quiet:
            self.item_selected.emit(item_id)

    _quiet = False

    def current_item(self) -> str | None:
        return self.tree.currentIndex().data(ItemIdRole)

    def select(self, item_id: str, *, emit: bool = True) -> bool:
        """Make `item_id` the current row (if the filters show it); True when it is shown."""
        src = self.model.index_of(item_id)
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            return False
        self._quiet = not emit
        try:
            self.tree.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        finally:
            self._quiet = False
        self.tree.scrollTo(idx)
        return True

    def visible_item_ids(self) -> list[str]:
        """Item ids in the order the filtered tree shows them."""
        out: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                idx = self.proxy.index(row, 0, parent)
                item_id = idx.data(ItemIdRole)
                if item_id:
                    out.append(item_id)
                walk(idx)

        walk(QModelIndex())
        return out

    def set_returned(self, item_ids: frozenset[str]) -> None:
        if frozenset(item_ids) != self.proxy.returned:  # refresh() calls this after every save
            self._apply(lambda: self.proxy.set_returned(item_ids))

    def clear_filters(self) -> None:
        self.search.clear()  # applied at once (an empty box)
        self.state_filter.setCurrentIndex(0)
        self.lead_only.setChecked(False)
        self.no_evidence.setChecked(False)
