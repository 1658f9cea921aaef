"""The window's 自评分 and 扣分说明 fields (scored plans only) and the overview's total."""

from __future__ import annotations

import pytest
from plan2_sample import write_sample
from PySide6.QtCore import QSettings

from fazhi_desktop.selfcheck.assessments import get_assessment
from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


@pytest.fixture
def scored_window(ui_app, data_dir, qtbot):
    from fazhi_desktop.ui.session import Session
    from fazhi_desktop.ui.tasks import TaskRunner

    (data_dir / "plans").mkdir(parents=True)
    write_sample(data_dir / "plans" / "test-2026-1.0.0.json")
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, "县司法局", plan_id="test-2026")
    s = Session(
        data_dir,
        QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat),
        runner=TaskRunner(synchronous=True),
        autosave_ms=20,
    )
    s.open()
    w = s.show_main_window(health_check=False)
    qtbot.addWidget(w)
    yield w
    w.close()  # before the session closes the database: the window's timers must not outlive it
    s.close()


def test_score_field_saves_half_points_and_the_overview_shows_the_total(scored_window, qtbot):
    w = scored_window
    w.open_item("I01")
    form = w.item_page.form
    assert form.self_score.isVisibleTo(w) and form.score_note.isVisibleTo(w)
    assert form.self_score.maximum() == 3.5 and form.self_score.text() == "未评分"
    form.self_score.setValue(2.5)
    form.score_note.setText("未动态调整，扣1分")
    form.score_note.textEdited.emit("未动态调整，扣1分")
    w.item_page.flush()
    qtbot.waitUntil(lambda: get_assessment(w.ws, "I01").score_note == "未动态调整，扣1分")
    assert get_assessment(w.ws, "I01").self_score == 2.5
    w.show_overview()
    qtbot.waitUntil(lambda: "自评总分 2.5 分" in w.overview.counts.text())


def test_a_plan_without_points_shows_no_score_field(window):
    window.open_item("T01")
    form = window.item_page.form
    assert not form.self_score.isVisibleTo(window) and not form.score_note.isVisibleTo(window)
    window.show_overview()
    assert "自评分" not in window.overview.counts.text()


def test_the_item_page_shows_what_a_format2_plan_adds(scored_window):
    w = scored_window
    w.open_item("T02")
    text = w.item_page.units_label.text()
    assert "配合单位：县财政局、各镇" in text and "完成时限：2026-12-31" in text
    assert "任务（二）" in w.item_page.title_label.text()
    w.open_item("I01")
    text = w.item_page.units_label.text()
    assert (
        "分值：3.5 分" in text
        and "评分标准：未公布扣1分" in text
        and "佐证材料要求：权责清单；调整文件" in text
    )
