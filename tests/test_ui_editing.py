"""Editing an item: autosave into the database, the 已保存 state, flush on switch and close, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_support import type_text

from fazhi_desktop.selfcheck.assessments import get_assessment

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


def _saved(window, item_id):
    return get_assessment(window.ws, item_id)


def test_typing_is_saved_without_a_save_button(window, qtbot):
    window.go_item("T03")
    page = window.item_page
    type_text(page.form.narrative, "镇政府常务会听取汇报 2 次。")
    assert page.autosaver.state == "dirty"
    with qtbot.waitSignal(page.autosaver.saved, timeout=5000):
        pass
    assert _saved(window, "T03").narrative == "镇政府常务会听取汇报 2 次。"
    assert window.save_label.text().startswith("已保存 ")


def test_combos_and_deadline_are_saved_and_tree_icon_updates(window, qtbot):
    window.go_item("T02")
    form = window.item_page.form
    form.work_status.setCurrentText("已完成")
    form.result.setCurrentIndex(form.result.findData("已完成"))
    type_text(form.narrative, "已写入年度工作要点。")
    qtbot.keyClicks(form.deadline.edit, "2021-12-31")
    window.item_page.flush()
    a = _saved(window, "T02")
    assert (a.work_status, a.result, a.narrative, a.deadline) == (
        "已完成",
        "已完成",
        "已写入年度工作要点。",
        "2021-12-31",
    )
    assert window.tree_model.node("T02").state == "填写中"  # still lacks evidence
    assert "未上传佐证材料" in window.item_page.missing_label.text()


def test_switching_items_flushes_pending_edits(window):
    window.go_item("T05")
    type_text(window.item_page.form.problems, "学习次数不足。")
    window.go_item("T06")  # before the autosave delay has passed
    assert _saved(window, "T05").problems == "学习次数不足。"


def test_closing_the_window_loses_nothing(window):
    window.go_item("T09")
    type_text(window.item_page.form.measures, "每季度开展一次双随机抽查。")
    window.close()
    assert _saved(window, "T09").measures == "每季度开展一次双随机抽查。"


def test_ctrl_z_undoes_within_the_item_including_combos(window, qtbot):
    window.go_item("T04")
    form = window.item_page.form
    form.work_status.setCurrentText("推进中")
    window.item_page.flush()
    assert _saved(window, "T04").work_status == "推进中"
    form.work_status.setFocus()
    qtbot.keyClick(form.work_status, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.item_page.flush()
    assert form.work_status.currentText() == "未开始"
    assert _saved(window, "T04").work_status == "未开始"
    window.actions.redo.trigger()
    window.item_page.flush()
    assert _saved(window, "T04").work_status == "推进中"


def test_ctrl_z_in_a_text_box_takes_back_the_last_burst_of_typing(window, qtbot):
    window.go_item("T10")
    box = window.item_page.form.narrative
    type_text(box, "第一段。")
    window.item_page.flush()  # an autosave closes the undo step
    type_text(box, "第二段。")
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.item_page.flush()
    assert box.toPlainText() == "第一段。"
    assert _saved(window, "T10").narrative == "第一段。"


def test_undo_history_is_per_item(window):
    window.go_item("T11")
    window.item_page.form.work_status.setCurrentText("推进中")
    assert window.actions.undo.isEnabled()
    window.go_item("T12")
    assert not window.actions.undo.isEnabled()


def test_not_applicable_shows_the_reason_field(window):
    window.go_item("T13")
    form = window.item_page.form
    assert form.na_reason.isHidden()
    form.result.setCurrentIndex(form.result.findData("不适用"))
    assert not form.na_reason.isHidden()
    type_text(form.na_reason, "本镇无此项职能。")
    window.item_page.flush()
    assert window.tree_model.node("T13").state == "不适用"


def test_optional_item_must_be_opted_in_before_editing(window):
    window.go_item("B1")
    page = window.item_page
    assert not page.opt_in.isHidden()
    assert not page.form.isEnabled()
    assert page.opt_in.value() is None  # undecided: neither 参与 nor 不参与 shown as chosen
    page.opt_in.yes.click()
    assert page.form.isEnabled()
    assert _saved(window, "B1").opted_in is True
    assert window.tree_model.index_of("B1").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_opting_out_takes_one_click(window):
    # B2 is a 加分项: asked 有无, and 无 is its answer in one click (nothing more to write).
    window.go_item("B2")
    page = window.item_page
    assert page.opt_in.label.text() == "本单位本期有无此项加分情况："
    page.opt_in.no.click()
    a = _saved(window, "B2")
    assert (a.opted_in, a.result) == (True, "无")
    assert page.opt_in.value() is False and not page.form.isEnabled()
    assert window.tree_model.node("B2").state == "已填完"
    assert page.missing_label.text() == "本单位本期无此项加分情况。"
    assert window.tree_model.index_of("B2").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    window.go_item("B1")
    window.go_item("B2")
    assert page.opt_in.value() is False


def test_the_text_boxes_hold_no_more_than_their_field_limit(window, qtbot):
    """A paste beyond 工作开展情况's 20,000 characters is cut at the limit, from the pasted text, with
    a note beside the box; what is saved is what the box shows (the store would refuse more)."""
    from fazhi_desktop.textclean import FIELD_LIMITS

    window.go_item("T02")
    form = window.item_page.form
    limit = FIELD_LIMITS["narrative"]
    box = form.narrative
    box.setPlainText("开头。")
    box.moveCursor(box.textCursor().MoveOperation.End)
    box.insertPlainText("长" * (limit + 500))
    text = box.toPlainText()
    assert len(text) == limit and text.startswith("开头。长")
    note = form.limits["narrative"].note
    assert not note.isHidden() and note.text() == f"最多 {limit} 字，已截去超出部分"
    box.moveCursor(box.textCursor().MoveOperation.Start)
    box.insertPlainText("再多一字")  # typed at the start of a full box: nothing is taken from the end
    assert box.toPlainText() == text
    assert window.item_page.flush()
    assert get_assessment(window.ws, "T02").narrative == text
    for field in ("problems", "measures"):
        other = getattr(form, field)
        other.insertPlainText("问" * (FIELD_LIMITS[field] + 1))
        assert len(other.toPlainText()) == FIELD_LIMITS[field] == 10_000
    assert form.responsible_person.maxLength() == FIELD_LIMITS["responsible_person"]
    window.go_item("T03")
    assert note.isHidden()  # another item: no note left over
