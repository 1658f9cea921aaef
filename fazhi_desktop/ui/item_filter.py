"""Filters over the navigation tree: answer state, lead-only, no evidence, and a search over item text."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from fazhi_desktop.selfcheck.progress import STATE_DONE, STATE_DRAFT, STATE_EMPTY, STATE_NA
from fazhi_desktop.ui.item_tree_model import (
    EvidenceCountRole,
    IsItemRole,
    ItemIdRole,
    RoleRole,
    SearchTextRole,
    StateRole,
)

# Filter keys → the answer states they show (None: every state).
STATE_FILTERS: dict[str, frozenset[str] | None] = {
    "all": None,
    "empty": frozenset({STATE_EMPTY}),
    "draft": frozenset({STATE_DRAFT}),
    "done": frozenset({STATE_DONE}),
    "na": frozenset({STATE_NA}),
}


RETURNED = "returned"  # the filter key for items in the bureau's open 退回包


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Search form: NFKC (full-width letters and digits match half-width) and case-folded; kept per
    text, so each row's item text is folded once, not again for every search."""
    return unicodedata.normalize("NFKC", text).casefold()


class ItemFilterModel(QSortFilterProxyModel):
    """Shows an item when it passes every active filter; a group when any of its items does."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)  # groups stay visible above matching items
        self._states: frozenset[str] | None = None
        self._lead_only = False
        self._no_evidence = False
        self._needle = ""
        self.search_text = ""  # what set_search was given (stripped), before folding
        self._returned_only = False
        self._returned: frozenset[str] = frozenset()

    # --- filter settings ---------------------------------------------------------------------
    def set_state_filter(self, key: str) -> None:
        """A state key of STATE_FILTERS, or "returned": the items the bureau sent back (set_returned)."""
        self._refilter("_returned_only", key == RETURNED)
        self._refilter("_states", STATE_FILTERS.get(key))

    def set_returned(self, item_ids: frozenset[str]) -> None:
        self._refilter("_returned", frozenset(item_ids))

    def set_lead_only(self, on: bool) -> None:
        self._refilter("_lead_only", bool(on))

    def set_no_evidence(self, on: bool) -> None:
        self._refilter("_no_evidence", bool(on))

    def set_search(self, text: str) -> None:
        self.search_text = text.strip()
        self._refilter("_needle", _fold(self.search_text))

    @property
    def returned(self) -> frozenset[str]:
        return self._returned

    def _refilter(self, attr: str, value) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() by begin/endFilterChange(); older releases lack them.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            setattr(self, attr, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, attr, value)
            self.invalidateRowsFilter()

    @property
    def active(self) -> bool:
        return (
            self._states is not None
            or self._returned_only
            or self._lead_only
            or self._no_evidence
            or bool(self._needle)
        )

    # --- QSortFilterProxyModel -------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        idx = model.index(source_row, 0, source_parent)
        if not model.data(idx, IsItemRole):
            # A group: shown unfiltered; under a filter only through its matching items (recursive).
            return not self.active
        if self._states is not None and model.data(idx, StateRole) not in self._states:
            return False
        if self._returned_only and model.data(idx, ItemIdRole) not in self._returned:
            return False
        if self._lead_only and model.data(idx, RoleRole) != "牵头":
            return False
        if self._no_evidence and model.data(idx, EvidenceCountRole):
            return False
        return not (self._needle and self._needle not in _fold(model.data(idx, SearchTextRole) or ""))
