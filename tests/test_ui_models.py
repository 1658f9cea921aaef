"""The item tree model and its filters, tested without a window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.assign import assigned_for
from fazhi_desktop.selfcheck.progress import ItemProgress
from fazhi_desktop.ui.item_filter import ItemFilterModel
from fazhi_desktop.ui.item_tree_model import (
    EvidenceCountRole,
    ItemIdRole,
    ItemTreeModel,
    build_tree,
    chinese_numeral,
)


def _progress(item_id: str, state: str, evidence: int = 0, opted_in=None, role="责任") -> ItemProgress:
    return ItemProgress(
        item_id, "task", role, False, opted_in, "S1", "未开始", None, state, ("x",), evidence, None
    )


@pytest.fixture(scope="module")
def plan():
    return registry.get_plan()


def _visible_ids(model, parent=None) -> list[str]:
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        idx = model.index(row, 0, parent)
        if idx.data(ItemIdRole):
            out.append(idx.data(ItemIdRole))
        out += _visible_ids(model, idx)
    return out


def test_township_tree_has_sections_and_optional_adjustments(qapp, plan):
    _unit, items = assigned_for(plan, "燕店镇")
    root = build_tree(items)
    titles = [g.title for g in root.children]
    assert titles == ["工作计划任务", "加分项与减分项（可选）"]
    sections = root.children[0].children
    assert sections[0].title.startswith("一、")
    assert [n.item_id for n in root.children[1].children] == ["B1", "B2", "D1", "D2"]
    assert len(list(root.items())) == len(items)


def test_department_tree_has_indicator_areas_headings_and_optional_group(qapp, plan):
    _unit, items = assigned_for(plan, "县司法局")
    root = build_tree(items)
    by_title = {g.title: g for g in root.children}
    areas = by_title["示范创建指标"].children
    assert areas and all(h.children for a in areas for h in a.children)  # area → heading → indicators
    optional = by_title["有关部门事项（可选）"]
    assert optional.children and all(n.optional for n in optional.children)


def test_model_rows_show_number_title_role_state_and_file_count(qapp, plan):
    _unit, items = assigned_for(plan, "燕店镇")
    model = ItemTreeModel(build_tree(items))
    model.update_progress([_progress("T01", "已填完", evidence=2)])
    idx = model.index_of("T01")
    assert idx.data().startswith("T01  ")
    assert model.index_of("T01", 1).data() == "责任"
    assert model.index_of("T01", 2).data() == "2"
    assert not idx.data(Qt.ItemDataRole.DecorationRole).isNull()
    group = idx.parent()
    assert "（1/" in group.data()  # the section counts its done items


def test_optional_item_check_box_asks_and_records(qapp, plan):
    _unit, items = assigned_for(plan, "燕店镇")
    asked = []
    model = ItemTreeModel(build_tree(items), on_opt_in=lambda i, on: asked.append((i, on)) or True)
    idx = model.index_of("B1")
    assert idx.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not (model.index_of("T01").flags() & Qt.ItemFlag.ItemIsUserCheckable)
    assert model.setData(idx, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert asked == [("B1", True)]
    assert idx.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_refusing_opt_in_leaves_the_box_unchecked(qapp, plan):
    _unit, items = assigned_for(plan, "燕店镇")
    model = ItemTreeModel(build_tree(items), on_opt_in=lambda i, on: False)
    idx = model.index_of("B1")
    assert not model.setData(idx, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    # Still undecided: an empty box (a grey filled one read as ticked), told apart by its state icon.
    assert idx.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


@pytest.fixture
def filtered(qapp, plan):
    _unit, items = assigned_for(plan, "县司法局")
    model = ItemTreeModel(build_tree(items))
    first_indicator = next(i for i in model.item_ids() if i.startswith("I"))
    model.update_progress(
        [_progress("T01", "已填完", 1), _progress("T03", "填写中"), _progress(first_indicator, "不适用")]
    )
    proxy = ItemFilterModel()
    proxy.setSourceModel(model)
    return model, proxy


@pytest.mark.parametrize(("key", "expected"), [("done", "T01"), ("draft", "T03"), ("na", "I")])
def test_state_filters(filtered, key, expected):
    _model, proxy = filtered
    proxy.set_state_filter(key)
    shown = _visible_ids(proxy)
    assert len(shown) == 1 and shown[0].startswith(expected)


def test_no_filter_shows_everything_and_empty_filter_hides_done(filtered):
    model, proxy = filtered
    assert _visible_ids(proxy) == model.item_ids()
    proxy.set_state_filter("empty")
    shown = set(_visible_ids(proxy))
    assert "T01" not in shown and "T03" not in shown and shown


def test_lead_only_and_no_evidence_filters(filtered, plan):
    model, proxy = filtered
    proxy.set_lead_only(True)
    shown = _visible_ids(proxy)
    assert shown and all(model.node(i).role == "牵头" for i in shown)
    proxy.set_lead_only(False)
    proxy.set_no_evidence(True)
    shown = _visible_ids(proxy)
    assert "T01" not in shown and all(not model.index_of(i).data(EvidenceCountRole) for i in shown)


def test_search_matches_full_text_and_ids_with_full_width_input(filtered, plan):
    _model, proxy = filtered
    proxy.set_search("行政复议")
    shown = _visible_ids(proxy)
    assert shown and all("行政复议" in plan.item(i).text for i in shown)
    proxy.set_search("ｔ０１")  # full-width, as a Chinese input method may type it
    assert _visible_ids(proxy) == ["T01"]


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in (1, 7, 10, 12, 20)] == ["一", "七", "十", "十二", "二十"]
