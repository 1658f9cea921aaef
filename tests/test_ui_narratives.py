"""总体情况 and 下一步工作打算 on the overview: written as the clerk types, into the report."""

from __future__ import annotations

from test_ui_support import type_text

from fazhi_desktop.reports.data import build_report_data
from fazhi_desktop.selfcheck.narratives import load_narratives, save_narratives

pytest_plugins = ["test_ui_support"]


def test_narratives_are_autosaved_and_reach_the_report(window, qtbot):
    window.show_overview()
    tabs = window.overview.tabs
    tabs.setCurrentIndex(window.overview.narratives_tab)
    panel = window.narratives
    type_text(panel.overall, "全镇坚持依法行政，法治政府建设取得新进展。")
    with qtbot.waitSignal(panel.autosaver.saved, timeout=5000):
        pass
    assert load_narratives(window.ws).overall == "全镇坚持依法行政，法治政府建设取得新进展。"
    assert window.save_label.text().startswith("已保存")
    type_text(panel.next_steps, "加强行政执法人员培训。")
    window.close()  # flushed on close, without waiting for the delay
    assert load_narratives(window.ws).next_steps == "加强行政执法人员培训。"
    data = build_report_data(window.ws)
    assert (data.overall_text, data.next_steps_text) == (
        "全镇坚持依法行政，法治政府建设取得新进展。",
        "加强行政执法人员培训。",
    )


def test_saved_texts_are_shown_when_the_window_opens(session, qtbot):
    save_narratives(session.ws, overall="已有的总体情况", next_steps="已有的打算")
    w = session.show_main_window(health_check=False)
    qtbot.addWidget(w)
    assert w.narratives.overall.toPlainText() == "已有的总体情况"
    assert w.narratives.next_steps.toPlainText() == "已有的打算"
    assert w.narratives.autosaver.pending == {}  # showing them is not an edit


def test_the_period_texts_hold_no_more_than_their_limit(window, qtbot):
    from fazhi_desktop.textclean import FIELD_LIMITS

    panel = window.narratives
    limit = FIELD_LIMITS["overall"]
    panel.overall.insertPlainText("总" * (limit + 10))
    assert len(panel.overall.toPlainText()) == limit
    assert panel.limits["overall"].note.text() == f"最多 {limit} 字，已截去超出部分"
    assert panel.flush()
    assert load_narratives(window.ws).overall == "总" * limit
