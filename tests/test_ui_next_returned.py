"""下一个退回项 (Shift+F8): after a 退回包 is imported the unit's window jumps from one returned item not yet
re-answered to the next; an item counts as re-answered once its answer or evidence changed after the import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from review_corpus import BUREAU_PASS, bureau_trusting
from test_ui_support import open_window, type_text

from fazhi_desktop.app.returns import import_return
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.review.bureau import unlock_bureau_key
from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.returns import make_return
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.review.unitview import review_item
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.returns import unanswered_returned_items
from fazhi_desktop.selfcheck.workspace import Workspace

pytest_plugins = ["test_ui_support"]


def _returned(unit, tmp_path: Path, count: int) -> tuple[Path, str, list[str]]:
    """The unit's package reviewed at the bureau, `count` of its items sent back: (return file, bureau key
    fingerprint, the returned item ids)."""
    unit.answer()
    unit.export(tmp_path / "stick")
    with Workspace.open(unit.data_dir) as ws:
        items = [a.item.id for a in ws.assignments() if not a.optional][:count]
    bureau_dir = bureau_trusting(tmp_path, unit)
    with ReviewStore.open(bureau_dir) as store:
        import_packages(store, [tmp_path / "stick"])
        for item_id in items:
            review_item(store, unit.name, item_id, verdict="退回修改", comment=f"{item_id} 请补充材料")
        back = make_return(store, unlock_bureau_key(bureau_dir, BUREAU_PASS), unit.name, tmp_path / "r.json")
        fingerprint = store.require_bureau().key_fingerprint
    return back.path, fingerprint, items


def test_an_item_counts_as_re_answered_once_its_answer_or_evidence_changed(
    unit_factory, tmp_path: Path
) -> None:
    unit = unit_factory("县自然资源局")
    path, fingerprint, items = _returned(unit, tmp_path, 3)
    with Workspace.open(unit.data_dir) as ws:
        period = ws.period.id
        assert unanswered_returned_items(ws.db, period) == set()  # no return yet
        save_assessment(ws, items[2], strict=False, work_status="推进中")  # already 推进中: no reopening row
        done = import_return(ws, path, bureau_key=fingerprint)
        assert set(done.reopened) == set(items)
        assert unanswered_returned_items(ws.db, period) == set(items)  # the reopening itself does not count
        save_assessment(ws, items[0], strict=False, narrative="已补充学习记录和会议纪要。")
        assert unanswered_returned_items(ws.db, period) == {items[1], items[2]}
        ev = tmp_path / "补充材料.pdf"
        ev.write_bytes(b"%PDF-1.4\n" + b"x" * 300)
        add_evidence(ws, [items[1]], ev, made_date="2021-07-01")  # new evidence answers it too
        assert unanswered_returned_items(ws.db, period) == {items[2]}
        save_assessment(ws, items[2], strict=False, work_status="已完成")
        assert unanswered_returned_items(ws.db, period) == set()


def test_next_returned_item_jumps_through_the_items_not_yet_re_answered(
    qapp, qtbot, unit_factory, tmp_path: Path
) -> None:
    unit = unit_factory("县住房和城乡建设局")
    path, fingerprint, items = _returned(unit, tmp_path, 3)
    session, window = open_window(qtbot, unit.data_dir, tmp_path / "ui.ini")
    action = window.actions.next_returned
    assert action.shortcut() == QKeySequence("Shift+F8") and action.text() == "下一个退回项"
    assert action in window.menuBar().actions()[2].menu().actions()  # 视图 menu
    assert not action.isVisible() and not window.item_page.next_returned_btn.isVisibleTo(window.item_page)
    assert not window.next_returned() and "没有县司法局退回修改" in window.statusBar().currentMessage()

    assert window.import_return(path, bureau_key=fingerprint)
    assert action.isVisible() and action.isEnabled() and "Shift+F8" in window.statusBar().currentMessage()
    order = [i for i in window.tree_model.item_ids() if i in items]
    assert window.item_page.item_id == items[0] == order[0]
    assert window.item_page.next_returned_btn.isVisibleTo(window.item_page)
    assert window.next_returned() and window.item_page.item_id == order[1]
    window.item_page.next_returned_btn.click()
    assert window.item_page.item_id == order[2]
    assert window.next_returned() and window.item_page.item_id == order[0]  # round again: none re-answered

    type_text(window.item_page.form.narrative, "已按意见补充。")  # re-answer order[0], then move on
    assert window.next_returned() and window.item_page.item_id == order[1]
    type_text(window.item_page.form.narrative, "已补充会议纪要。")
    assert window.next_returned() and window.item_page.item_id == order[2]
    assert window.next_returned() and window.item_page.item_id == order[2]  # the only one left
    type_text(window.item_page.form.narrative, "已整改。")
    assert not window.next_returned()
    assert "都已改过" in window.statusBar().currentMessage() and window.item_page.item_id == order[2]
    assert action.isVisible() and not action.isEnabled()
    window.close()
    session.close()
