"""The navigation tree: plan sections → tasks, indicator areas → headings → indicators, optional items.

A thin Qt model over plain rows: `build_tree` turns the unit's assignments into `Node`s (no Qt), and
`ItemTreeModel` shows them in three columns (事项, 角色, 材料). Optional "有关部门" items and the 加分项/
减分项 are listed apart, each with a check box: checked means the unit takes part (set_opt_in).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from fazhi_desktop.catalogue.assign import Assignment
from fazhi_desktop.selfcheck.assessments import choice_of
from fazhi_desktop.selfcheck.progress import DONE_STATES, STATE_EMPTY, ItemProgress, is_counted
from fazhi_desktop.ui.icons import state_icon

ItemIdRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
RoleRole = Qt.ItemDataRole.UserRole + 3  # 牵头 / 责任 / 参与
EvidenceCountRole = Qt.ItemDataRole.UserRole + 4
SearchTextRole = Qt.ItemDataRole.UserRole + 5
IsItemRole = Qt.ItemDataRole.UserRole + 6

_T = {
    "plan": QT_TRANSLATE_NOOP("ItemTree", "工作计划任务"),
    "indicators": QT_TRANSLATE_NOOP("ItemTree", "示范创建指标"),
    "adjustments": QT_TRANSLATE_NOOP("ItemTree", "加分项与减分项（可选）"),
    "optional": QT_TRANSLATE_NOOP("ItemTree", "有关部门事项（可选）"),
    "col_item": QT_TRANSLATE_NOOP("ItemTree", "事项"),
    "col_role": QT_TRANSLATE_NOOP("ItemTree", "角色"),
    "col_files": QT_TRANSLATE_NOOP("ItemTree", "材料"),
    "牵头": QT_TRANSLATE_NOOP("ItemTree", "牵头"),
    "责任": QT_TRANSLATE_NOOP("ItemTree", "责任"),
    "参与": QT_TRANSLATE_NOOP("ItemTree", "参与"),
    "opt_tip": QT_TRANSLATE_NOOP("ItemTree", "勾选表示本单位参与此项，需要填写；不勾选表示不参与"),
    "returned_tip": QT_TRANSLATE_NOOP("ItemTree", "县司法局退回修改：{comment}"),
}
RETURNED_COLOUR = "#B3261E"  # the items the bureau sent back, until the next export answers them
_NO_PARENT = QModelIndex()  # the invalid index, as a shared default argument
_NUMERALS = "零一二三四五六七八九十"


def _tr(key: str) -> str:
    return QCoreApplication.translate("ItemTree", _T[key])


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (section and area numbers are small)."""
    if n <= 10:
        return _NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (_NUMERALS[tens] if tens > 1 else "") + "十" + (_NUMERALS[ones] if ones else "")


@dataclass(eq=False)
class Node:
    """A row of the tree: a group (title) or an item (with its live state)."""

    title: str
    item_id: str = ""
    role: str = ""
    optional: bool = False
    text: str = ""  # full item text, for search and tooltips
    state: str = STATE_EMPTY
    evidence_count: int = 0
    missing: tuple[str, ...] = ()
    opted_in: bool | None = None
    parent: Node | None = field(default=None, repr=False)
    children: list[Node] = field(default_factory=list, repr=False)

    @property
    def is_item(self) -> bool:
        return bool(self.item_id)

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    def items(self) -> Iterator[Node]:
        """Every item node below (and including) this one, in order."""
        if self.is_item:
            yield self
        for c in self.children:
            yield from c.items()

    def apply(self, p: ItemProgress) -> None:
        self.state, self.evidence_count, self.missing, self.opted_in = (
            p.state,
            p.evidence_count,
            p.missing,
            choice_of(p.kind, p.opted_in, p.result),  # for 加分项/减分项: 有 / 已发生
        )


# The roles that hand a node's plain data to the filter proxy, the delegate and the tests.
_NODE_DATA: dict[int, Callable[[Node], object]] = {
    ItemIdRole: lambda n: n.item_id or None,
    StateRole: lambda n: n.state if n.is_item else None,
    RoleRole: lambda n: n.role or None,
    EvidenceCountRole: lambda n: n.evidence_count if n.is_item else None,
    SearchTextRole: lambda n: f"{n.item_id} {n.text}" if n.is_item else n.title,
    IsItemRole: lambda n: n.is_item,
}


def build_tree(assignments: Iterable[Assignment]) -> Node:
    """Group the unit's assignments as the document does; optional ones apart."""
    root = Node("")
    plan = indicators = adjustments = optional = None
    sections: dict[int, Node] = {}
    areas: dict[int, Node] = {}
    headings: dict[tuple[int, int], Node] = {}
    for a in assignments:
        item = a.item
        node = Node(item.short_title, item.id, a.role, a.optional, item.text)
        if item.kind in ("bonus", "deduction"):
            adjustments = adjustments or Node(_tr("adjustments"))
            adjustments.add(node)
        elif a.optional:
            optional = optional or Node(_tr("optional"))
            optional.add(node)
        elif item.kind == "task":
            plan = plan or Node(_tr("plan"))
            if item.group_number not in sections:
                title = f"{chinese_numeral(item.group_number)}、{item.group_title}"
                sections[item.group_number] = plan.add(Node(title))
            sections[item.group_number].add(node)
        else:
            indicators = indicators or Node(_tr("indicators"))
            if item.group_number not in areas:
                title = f"{chinese_numeral(item.group_number)}、{item.group_title}"
                areas[item.group_number] = indicators.add(Node(title))
            key = (item.group_number, item.heading_number)
            if key not in headings:
                headings[key] = areas[item.group_number].add(
                    Node(f"{item.heading_number}. {item.heading_title}")
                )
            headings[key].add(node)
    for group in (plan, indicators, adjustments, optional):
        if group is not None:
            root.add(group)
    return root


def apply_progress(root: Node, progress: Iterable[ItemProgress]) -> Node:
    """Put states into a tree before any view shows it (no change signals: cheap at start-up)."""
    by_id = {n.item_id: n for n in root.items()}
    for p in progress:
        if p.item_id in by_id:
            by_id[p.item_id].apply(p)
    return root


class ItemTreeModel(QAbstractItemModel):
    """Three columns over `Node`s; the check box of an optional item asks `on_opt_in` to record it."""

    COLUMNS = ("col_item", "col_role", "col_files")

    def __init__(
        self, root: Node | None = None, *, on_opt_in: Callable[[str, bool], bool] | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self._root = root or Node("")
        self._by_id: dict[str, Node] = {}
        self.returned: dict[str, str] = {}  # item id → the bureau's comment (open 退回包)
        self._index_items()
        self.on_opt_in = on_opt_in

    # --- loading and updating ------------------------------------------------------------
    def set_root(self, root: Node) -> None:
        self.beginResetModel()
        self._root = root
        self._index_items()
        self.endResetModel()

    def _index_items(self) -> None:
        self._by_id = {n.item_id: n for n in self._root.items()}

    def item_ids(self) -> list[str]:
        """Every item id in tree order."""
        return [n.item_id for n in self._root.items()]

    def node(self, item_id: str) -> Node | None:
        return self._by_id.get(item_id)

    def update_progress(self, progress: Iterable[ItemProgress]) -> None:
        """Take new states, evidence counts and opt-in choices; repaint the rows that changed."""
        for p in progress:
            n = self._by_id.get(p.item_id)
            if n is None:
                continue
            before = (n.state, n.evidence_count, n.missing, n.opted_in)
            n.apply(p)
            # Each dataChanged makes the view and the filter re-read rows: only rows that changed.
            if (n.state, n.evidence_count, n.missing, n.opted_in) != before:
                self._changed(n)

    def set_returned(self, returned: dict[str, str]) -> None:
        changed = set(returned) ^ set(self.returned)
        self.returned = dict(returned)
        for item_id in changed:
            n = self._by_id.get(item_id)
            if n is not None:
                self._changed(n)

    def _changed(self, n: Node) -> None:
        while n is not None and n is not self._root:
            left = self.createIndex(n.row(), 0, n)
            right = self.createIndex(n.row(), len(self.COLUMNS) - 1, n)
            self.dataChanged.emit(left, right)
            n = n.parent  # group rows show counts of their items

    def index_of(self, item_id: str, column: int = 0) -> QModelIndex:
        n = self._by_id.get(item_id)
        return self.createIndex(n.row(), column, n) if n else QModelIndex()

    # --- QAbstractItemModel ---------------------------------------------------------------
    def _node(self, index: QModelIndex | QPersistentModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT
    ) -> QModelIndex:
        p = self._node(parent)
        if 0 <= row < len(p.children) and 0 <= column < len(self.COLUMNS):
            return self.createIndex(row, column, p.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        p = self._node(index).parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.row(), 0, p)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.COLUMNS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        n = self._node(index)
        if n.is_item and n.optional and index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # The view asks for a dozen roles per cell and paint (≈10,000 calls before the first paint);
        # a role with no answer in _ANSWERS is refused before any lookup.
        answer = _ANSWERS.get(role)
        if answer is None or not index.isValid():
            return None
        return answer(self, self._node(index), index.column())

    def _display(self, n: Node, col: int) -> str | None:
        if not n.is_item:
            if col != 0:
                return None
            counted = [i for i in n.items() if is_counted(i.state)]
            done = sum(i.state in DONE_STATES for i in counted)
            return f"{n.title}（{done}/{len(counted)}）" if counted else n.title
        if col == 0:
            return f"{n.item_id}  {n.title}"
        if col == 1:
            return _tr(n.role) if n.role in _T else n.role
        return str(n.evidence_count) if n.evidence_count else "—"

    def _decoration(self, n: Node, col: int) -> object:
        return state_icon(n.state) if col == 0 and n.is_item else None

    def _check_state(self, n: Node, col: int) -> Qt.CheckState | None:
        if not (col == 0 and n.is_item and n.optional):
            return None
        # Not decided yet shows an empty box, like 不参与: a grey filled square read as "ticked";
        # the state icon (a question mark) tells the undecided apart.
        return Qt.CheckState.Checked if n.opted_in else Qt.CheckState.Unchecked

    def _foreground(self, n: Node, col: int) -> QBrush | None:
        return QBrush(QColor(RETURNED_COLOUR)) if col == 0 and n.item_id in self.returned else None

    def _tool_tip(self, n: Node, col: int) -> str | None:
        if not n.is_item:
            return None
        lines = [f"{n.item_id}（{n.state}）", n.text]
        if n.item_id in self.returned:
            lines.append(_tr("returned_tip").format(comment=self.returned[n.item_id]))
        lines += [f"· {m}" for m in n.missing]
        if n.optional:
            lines.append(_tr("opt_tip"))
        return "\n".join(lines)

    def _font(self, n: Node, col: int) -> QFont | None:
        if n.is_item or n.parent is not self._root:
            return None
        f = QFont()
        f.setBold(True)
        return f

    def _alignment(self, n: Node, col: int) -> int | None:
        return int(Qt.AlignmentFlag.AlignCenter) if col == 2 else None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        n = self._node(index)
        if role != Qt.ItemDataRole.CheckStateRole or not (n.is_item and n.optional):
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        if self.on_opt_in is not None and not self.on_opt_in(n.item_id, wanted):
            return False
        n.opted_in = wanted
        self._changed(n)
        return True


# What data() answers for each role; every other role is None without looking at the index.
_ANSWERS: dict[int, Callable[[ItemTreeModel, Node, int], object]] = {
    Qt.ItemDataRole.DisplayRole: ItemTreeModel._display,
    Qt.ItemDataRole.DecorationRole: ItemTreeModel._decoration,
    Qt.ItemDataRole.CheckStateRole: ItemTreeModel._check_state,
    Qt.ItemDataRole.ForegroundRole: ItemTreeModel._foreground,
    Qt.ItemDataRole.ToolTipRole: ItemTreeModel._tool_tip,
    Qt.ItemDataRole.FontRole: ItemTreeModel._font,
    Qt.ItemDataRole.TextAlignmentRole: ItemTreeModel._alignment,
    **{role: (lambda _model, n, _col, get=get: get(n)) for role, get in _NODE_DATA.items()},
}
