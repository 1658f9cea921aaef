"""The unit's window after the bureau's 退回包: the returned items are marked, filtered and commented."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from review_corpus import BUREAU_PASS, FAST
from test_ui_support import open_window

from fazhi_desktop.review.bureau import init_bureau, unlock_bureau_key
from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.returns import make_return
from fazhi_desktop.review.trust import add_key
from fazhi_desktop.review.unitview import review_item
from fazhi_desktop.ui.item_tree_model import RETURNED_COLOUR

pytest_plugins = ["test_ui_support"]


def test_a_return_is_marked_filtered_and_commented_in_the_units_window(
    qapp, qtbot, unit_factory, tmp_path: Path, captured_dialogs
) -> None:
    unit = unit_factory("县水务局")
    unit.answer()
    unit.export(tmp_path / "stick")
    store, bureau = init_bureau(tmp_path / "bureau", BUREAU_PASS, kdf=FAST)
    add_key(store, unit.name, unit.public_pem(tmp_path))
    import_packages(store, [tmp_path / "stick"])
    review_item(store, unit.name, "T03", verdict="退回修改", comment="请补充学习记录")
    review_item(store, unit.name, "T02", verdict="通过")
    back = make_return(
        store, unlock_bureau_key(tmp_path / "bureau", BUREAU_PASS), unit.name, tmp_path / "r.json"
    )
    store.close()

    session, window = open_window(qtbot, unit.data_dir, tmp_path / "ui.ini")
    assert window.nav.state_filter.findData("returned") >= 0
    wrong = "0000 1111 2222 3333 4444 5555 6666 7777"
    assert not window.import_return(back.path, bureau_key=wrong)  # a fingerprint that does not match
    assert captured_dialogs and "不符" in captured_dialogs[-1][1]
    assert window.tree_model.returned == {}
    assert window.import_return(back.path, bureau_key=bureau.key_fingerprint)
    assert window.nav.state_filter.currentData() == "returned"
    assert window.nav.visible_item_ids() == ["T03"]
    assert window.item_page.item_id == "T03" and window.item_page.return_label.isVisible()
    assert "请补充学习记录" in window.item_page.return_label.text()
    index = window.tree_model.index_of("T03")
    assert (
        window.tree_model.data(index, Qt.ItemDataRole.ForegroundRole).color().name().upper()
        == RETURNED_COLOUR
    )
    assert "请补充学习记录" in window.tree_model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert window.tree_model.data(window.tree_model.index_of("T02"), Qt.ItemDataRole.ForegroundRole) is None
    window.go_item("T02")
    assert not window.item_page.return_label.isVisible()
    assert window.import_return(back.path, bureau_key=bureau.key_fingerprint)  # twice: nothing changes
    assert "已经导入过" in window.statusBar().currentMessage()
    window.close()
