"""The reviewer window: a reviewer data directory opens it; import fills the matrix; outputs are written."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import test_review_scoring
from review_corpus import BUREAU_PASS, FAST

from fazhi_desktop.review.bureau import init_bureau
from fazhi_desktop.review.trust import add_key
from fazhi_desktop.ui.review_window import ReviewWindow, is_review_dir
from fazhi_desktop.ui.tasks import TaskRunner


@pytest.fixture
def bureau_dir(tmp_path: Path, unit_factory):
    a, b = unit_factory("县商务投资促进局"), unit_factory("县信访局")
    for u in (a, b):
        u.answer(results={"T01": "未完成"} if u is a else {})
        u.export(tmp_path / "stick")
    store, _ = init_bureau(tmp_path / "bureau", BUREAU_PASS, kdf=FAST)
    add_key(store, a.name, a.public_pem(tmp_path))  # b stays unregistered
    store.close()
    return tmp_path / "bureau", tmp_path / "stick", a, b


def test_import_fills_the_matrix_and_outputs_are_written(qtbot, bureau_dir, tmp_path: Path) -> None:
    d, stick, a, b = bureau_dir
    assert is_review_dir(d) and not is_review_dir(a.data_dir)
    window = ReviewWindow(d, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert window.matrix.rowCount() == 0
    window.import_paths([stick])
    assert window.matrix.rowCount() == 1 and window.matrix.item(0, 1).text() == a.name
    assert "已接收 1" in window.status.text() and "未登记" in window.status.text()
    col = [window.matrix.horizontalHeaderItem(c).text() for c in range(window.matrix.columnCount())].index(
        "T01"
    )
    cell = window.matrix.item(0, col)
    assert cell.text() == "未完" and cell.background().color().name().upper() == "#F4CACA"
    missing = [window.missing.item(i).text() for i in range(window.missing.count())]
    assert any(m.startswith(b.name) and "未登记" in m for m in missing)
    window.matrix.selectRow(0)
    assert a.name in window.unit_view.toPlainText()
    out = tmp_path / "汇总表.xlsx"
    window.write_output("summary", out)
    assert openpyxl.load_workbook(out)["单位汇总"].max_row == 2
    window.close()


_scored = test_review_scoring.scored  # the plan-with-points corpus, as fixture `scored`


@pytest.fixture
def shown_errors(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(
        "fazhi_desktop.ui.error_dialog.present", lambda _p, title, msg, _log: seen.append(msg)
    )
    return seen


def _row_of(table, text: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == text)


def test_items_are_reviewed_and_a_return_and_receipt_signed_from_the_window(
    qtbot, bureau_dir, tmp_path: Path, shown_errors: list[str]
) -> None:
    d, stick, a, _b = bureau_dir
    window = ReviewWindow(d, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.import_paths([stick])
    window.matrix.selectRow(0)
    assert window.items_table.rowCount() > 1 and not window.save_review_button.isEnabled()
    window.items_table.selectRow(_row_of(window.items_table, "T01"))
    assert window.save_review_button.isEnabled() and not window.score.isEnabled()  # this plan has no points
    window.verdict.setCurrentIndex(window.verdict.findData("退回修改"))
    assert not window.save_review()  # 退回修改 without a comment is refused, and said
    assert shown_errors and "写明意见" in shown_errors[-1]
    window.comment.setText("请补充会议纪要")
    assert window.save_review()
    row = _row_of(window.items_table, "T01")
    assert window.items_table.item(row, 3).text() == "退回修改：请补充会议纪要"
    window.items_table.selectRow(_row_of(window.items_table, "T02"))
    window.verdict.setCurrentIndex(window.verdict.findData("通过"))
    assert window.save_review()
    assert window.items_table.item(_row_of(window.items_table, "T02"), 3).text() == "通过"

    out = tmp_path / "退回.json"
    window.issue("return", a.name, out, "错误口令")
    assert not out.exists() and "口令" in shown_errors[-1]
    window.issue("return", a.name, out, BUREAU_PASS)
    body = json.loads(out.read_text(encoding="utf-8"))["body"]
    body = json.loads(body) if isinstance(body, str) else body
    assert body["kind"] == "return" and [i["id"] for i in body["items"]] == ["T01"]
    assert body["items"][0]["comment"] == "请补充会议纪要" and "退回 1 项" in window.status.text()
    receipt = tmp_path / "回执.json"
    window.issue("receipt", a.name, receipt, BUREAU_PASS)
    rbody = json.loads(receipt.read_text(encoding="utf-8"))["body"]
    rbody = json.loads(rbody) if isinstance(rbody, str) else rbody
    assert rbody["kind"] == "receipt" and rbody["unit"] == a.name and "已签发回执" in window.status.text()
    window.close()


def test_scores_with_deduction_reasons_where_the_plan_has_points(qtbot, _scored, shown_errors) -> None:
    store, _units = _scored
    d = store.data_dir
    window = ReviewWindow(d, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    names = [window.matrix.item(r, 1).text() for r in range(window.matrix.rowCount())]
    window.matrix.selectRow(names.index("县财政局"))
    scored_rows = [r for r, i in enumerate(window.review_items) if i.get("points")]
    window.items_table.selectRow(scored_rows[0])
    points = float(window.review_items[scored_rows[0]]["points"])
    assert window.score.isEnabled() and f"{points:g}" in window.points_label.text()
    window.score.setText(f"{points - 0.5:g}")
    assert not window.save_review() and "扣分理由" in shown_errors[-1]
    window.score.setText("很多")
    assert not window.save_review() and "数字" in shown_errors[-1]
    window.score.setText(f"{points - 0.5:g}")
    window.reason.setText("材料不全")
    assert window.save_review()
    cell = window.items_table.item(scored_rows[0], 4).text()
    assert cell == f"{points - 0.5:g}（材料不全）"
    window.close()


def test_keys_are_registered_listed_and_revoked_in_the_dialog(qtbot, bureau_dir, shown_errors) -> None:
    from fazhi_desktop.review.trust import list_keys
    from fazhi_desktop.ui.review_keys import KeysDialog

    d, stick, a, b = bureau_dir
    window = ReviewWindow(d, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.import_paths([stick])  # b's package is kept as 未登记
    assert window.matrix.rowCount() == 1
    window.show_keys()
    dialog = window.keys_dialog
    assert isinstance(dialog, KeysDialog) and dialog.table.rowCount() == 1
    dialog.unit.setCurrentText(b.name)
    dialog.key.setText("0000-1111")
    dialog.add()
    assert shown_errors and dialog.table.rowCount() == 1  # a malformed fingerprint is refused
    dialog.key.setText(b.key.fingerprint[:32])
    dialog.add()
    assert dialog.table.rowCount() == 2 and "已计入" in dialog.message.text()
    dialog.table.selectRow(_row_of(dialog.table, a.name))
    dialog.revoke_selected()
    assert dialog.table.item(_row_of(dialog.table, a.name), 2).text() == "已吊销"
    assert {k.unit_name: k.status for k in list_keys(window.store)}[a.name] == "revoked"
    dialog.accept()
    names = [window.matrix.item(r, 1).text() for r in range(window.matrix.rowCount())]
    assert b.name in names  # b's package now counts
    window.close()


def test_a_new_round_is_started_from_the_window(qtbot, bureau_dir, shown_errors) -> None:
    d, stick, a, _ = bureau_dir
    window = ReviewWindow(d, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.import_paths([stick])
    assert (
        window.matrix.rowCount() == 1
        and "本轮：莘县2021年法治政府建设工作计划（shen-2021）2021年度" in window.summary_label.text()
    )
    assert not window.start_new_round("shen-2021", "2021年度")
    assert shown_errors and "本轮审核的已经是" in shown_errors[-1]
    window.choose_new_round()
    dialog = window.round_dialog
    assert dialog.plan.text() == "shen-2021"
    dialog.period.setText("2022年度")  # setText, not keyClicks: Chinese text
    dialog.accept()
    assert window.bureau.period_label == "2022年度" and "已开始新一轮审核" in window.status.text()
    assert (
        window.matrix.rowCount() == 0
        and "本轮：莘县2021年法治政府建设工作计划（shen-2021）2022年度" in window.summary_label.text()
    )
    assert window.items_table.rowCount() == 0 and a.name not in window.unit_view.toPlainText()
    window.close()
