"""The overview page shows the completeness check's figures, the size budget and the deadlines."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fazhi_desktop.evidence.budget import size_budget
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.progress import check_progress

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


def test_overview_figures_match_the_completeness_check(window, tmp_path):
    ws = window.ws
    save_assessment(ws, "T01", strict=False, result="不适用", na_reason="无此职能", work_status="已完成")
    save_assessment(ws, "T02", strict=False, narrative="已部署")
    soon = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    save_assessment(
        ws, "T03", strict=False, measures="每季度研究一次", deadline=soon, responsible_person="王建国"
    )
    window.show_overview()
    report = check_progress(ws)
    page = window.overview
    assert page.overall_bar.value() == report.overall.done == 1
    assert page.overall_bar.maximum() == report.overall.total
    assert f"{report.overall.done} / {report.overall.total}" in page.overall_bar.format()
    shown_groups = [
        (label.text(), bar.value(), bar.maximum()) for label, bar in page._group_rows if not bar.isHidden()
    ]
    assert len(shown_groups) == len(report.groups)
    assert shown_groups[0][1:] == (report.groups[0].figure.done, report.groups[0].figure.total)
    # Items missing something: every counted, unfinished item is listed, with what it lacks.
    listed = [page.missing.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(page.missing.rowCount())]
    assert "T02" in listed and "T01" not in listed
    row = listed.index("T02")
    assert "未选择自评结果" in page.missing.item(row, 2).text()
    # Deadlines: the one set above, with days left and the person.
    assert page.deadlines.rowCount() == 1
    assert page.deadlines.item(0, 0).text() == soon
    assert page.deadlines.item(0, 1).text() == "10 天"
    assert page.deadlines.item(0, 2).text() == "王建国"
    # The package size against its limit.
    budget = size_budget(ws)
    assert page.budget_bar.maximum() == 1000
    assert "上限 2 GB" in page.budget_bar.format()
    assert str(budget.file_count) in page.budget_label.text()


def test_double_click_opens_the_item(window):
    window.show_overview()
    page = window.overview
    first = page.missing.item(0, 0).data(Qt.ItemDataRole.UserRole)
    page.missing.cellDoubleClicked.emit(0, 0)
    assert window.item_page.item_id == first
    assert window.stack.currentWidget() is window.item_page


def test_status_bar_shows_unit_period_and_budget(window):
    assert window.unit_label.text() == "燕店镇人民政府 · 2021年度"
    assert window.budget_label.text().startswith("上报包约 ")
    assert window.actions.export.isEnabled() and "上报包" in window.actions.export.toolTip()


def test_double_click_on_a_deadline_opens_its_item(window):
    save_assessment(window.ws, "T05", strict=False, measures="补学", deadline="2030-01-01")
    window.show_overview()
    page = window.overview
    assert [page.deadlines.horizontalHeaderItem(c).text() for c in range(5)] == [
        "整改时限",
        "剩余",
        "责任人",
        "事项",
        "整改措施",
    ]
    page.deadlines.cellDoubleClicked.emit(0, 0)
    assert window.item_page.item_id == "T05"
