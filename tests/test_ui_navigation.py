"""Moving around: tree selection, 上一项/下一项, 下一个未完成, filters and search in the window."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from test_ui_support import type_text

from fazhi_desktop.selfcheck.assessments import save_assessment

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


def test_starts_on_the_overview(window):
    assert window.stack.currentWidget() is window.overview
    assert "燕店镇人民政府" in window.windowTitle() and "2021年度" in window.windowTitle()


def test_selecting_a_tree_row_opens_the_item(window):
    window.nav.select("T07")
    assert window.stack.currentWidget() is window.item_page
    assert window.item_page.item_id == "T07"
    assert "一窗受理" in window.item_page.text_label.text()
    assert "牵头单位" in window.item_page.units_label.text()


def test_next_and_previous_follow_the_tree(window, qtbot):
    window.go_item("T01")
    window.item_page.next_btn.click()
    assert window.item_page.item_id == "T02"
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.item_page.item_id == "T03"
    window.item_page.prev_btn.click()
    assert window.item_page.item_id == "T02"
    assert window.nav.current_item() == "T02"


def test_next_incomplete_skips_done_items(window):
    ws = window.ws
    save_assessment(ws, "T02", strict=False, result="不适用", na_reason="本镇无此职能", work_status="已完成")
    window.refresh()
    window.go_item("T01")
    window.actions.next_open.trigger()
    assert window.item_page.item_id == "T03"  # T02 is done (不适用 with a reason)


def test_filters_and_search_narrow_the_tree(window, qtbot):
    save_assessment(window.ws, "T05", strict=False, narrative="已开展")
    window.refresh()
    nav = window.nav
    nav.state_filter.setCurrentIndex(nav.state_filter.findData("draft"))
    assert nav.visible_item_ids() == ["T05"]
    nav.state_filter.setCurrentIndex(0)
    type_text(nav.search, "普法")
    qtbot.waitUntil(lambda: nav.proxy.search_text == "普法")  # after the typing pause
    shown = nav.visible_item_ids()
    assert shown and all("普法" in window.ws.plan.item(i).text for i in shown)
    nav.search.clear()
    nav.no_evidence.setChecked(True)
    assert len(nav.visible_item_ids()) == len(window.tree_model.item_ids())
    nav.lead_only.setChecked(True)
    assert nav.visible_item_ids() == []  # a township leads no task


def test_the_search_box_filters_after_a_pause_in_typing(window, qtbot):
    """Each keystroke does not re-filter the tree: the filter follows the last one after a pause, or
    at once on Enter; clearing the box shows the whole tree again at once."""
    from fazhi_desktop.ui.navigation_panel import SEARCH_PAUSE_MS

    nav = window.nav
    # The pause made long for the test: on a loaded machine 150 ms can pass between two lines of it,
    # and the "still typing" checks would then see the filter already applied. What is tested is
    # that the filter waits for the timer, not how long the timer is.
    nav._search_timer.setInterval(3000)
    everything = nav.visible_item_ids()
    type_text(nav.search, "普")
    type_text(nav.search, "法")
    assert nav.search.text() == "普法" and nav.visible_item_ids() == everything  # still typing
    qtbot.wait(SEARCH_PAUSE_MS // 3)
    assert nav.visible_item_ids() == everything
    qtbot.waitUntil(lambda: nav.visible_item_ids() != everything, timeout=5000)
    narrowed = nav.visible_item_ids()
    assert narrowed and all("普法" in window.ws.plan.item(i).text for i in narrowed)
    nav.search.clear()
    assert nav.visible_item_ids() == everything  # no pause needed to undo a search
    nav.search.setText("T07")
    qtbot.keyClick(nav.search, Qt.Key.Key_Return)
    assert nav.visible_item_ids() == ["T07"]


def test_going_to_a_filtered_out_item_clears_the_filters(window):
    window.nav.state_filter.setCurrentIndex(window.nav.state_filter.findData("done"))
    window.go_item("T08")
    assert window.nav.current_item() == "T08"
    assert window.nav.state_filter.currentData() == "all"


def test_overview_shortcut_and_search_shortcut(window, qtbot):
    window.go_item("T01")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.overview
    window.actions.next_open.trigger()
    assert window.stack.currentWidget() is window.item_page


def test_window_opens_maximised_on_a_small_screen(session, qtbot):
    # The offscreen screen is 800×600, smaller than any office screen: like 1366×768, maximised.
    w = session.show_main_window(health_check=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.isMaximized())
    assert w.splitter.sizes()[0] <= w.width() // 3 + 1


def test_window_size_rule():
    from PySide6.QtCore import QSize

    from fazhi_desktop.ui.window_size import is_small_screen

    assert is_small_screen(QSize(1366, 728)) and is_small_screen(QSize(1440, 860))
    assert not is_small_screen(QSize(1600, 1000)) and not is_small_screen(QSize(1920, 1040))


def test_window_geometry_is_remembered(session, qtbot, monkeypatch):
    from fazhi_desktop.ui import main_window

    monkeypatch.setattr(main_window, "is_small_screen", lambda _size: False)  # as on a 1920×1080 screen
    w = session.show_main_window(health_check=False)
    assert not w.isMaximized()
    qtbot.addWidget(w)
    # Within the offscreen screen (800×600), where restore clamps, and not below the window's minimum.
    size = w.minimumSizeHint().expandedTo(QSize(720, 520))
    assert size.width() <= 800 and size.height() <= 600  # the window still fits a small screen
    w.resize(size)
    w.close()
    w2 = session.build_window()
    qtbot.addWidget(w2)
    assert w2.size() == size
