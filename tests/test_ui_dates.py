"""The 整改时限 box: typed in any of the forms the command line accepts, a calendar that opens where
the clerk needs it, and a text that is no date shown as such and never saved."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from test_ui_support import type_text

from fazhi_desktop.cli.main import main as cli_main
from fazhi_desktop.selfcheck.assessments import get_assessment
from fazhi_desktop.ui.date_field import calendar_start

pytest_plugins = ["test_ui_support"]


def _deadline(window, item_id="T03"):
    window.item_page.flush()
    return get_assessment(window.ws, item_id).deadline


@pytest.mark.parametrize("typed", ["2021-09-30", "2021.9.30", "2021/9/30", "20210930"])
def test_typed_ascii_dates_are_saved(window, qtbot, typed):
    window.go_item("T03")
    box = window.item_page.form.deadline
    qtbot.keyClicks(box.edit, typed)
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert _deadline(window) == "2021-09-30"
    assert box.edit.text() == "2021年9月30日"  # shown the way dates are written in 公文
    assert not box.error.text()


def test_a_date_typed_in_chinese_is_saved(window):
    window.go_item("T03")
    box = window.item_page.form.deadline
    type_text(box.edit, "2021年9月30日")
    box.edit.editingFinished.emit()
    assert _deadline(window) == "2021-09-30"


def test_the_same_parser_as_the_command_line(window, data_dir, capsys):
    # What the window accepts the command line accepts, and the other way round.
    window.go_item("T05")
    box = window.item_page.form.deadline
    box.edit.setText("2022.2.28")
    box.edit.editingFinished.emit()
    window.item_page.flush()
    assert cli_main(["--data-dir", str(data_dir), "check", "T06", "--deadline", "2022.2.28"]) == 0
    assert get_assessment(window.ws, "T05").deadline == get_assessment(window.ws, "T06").deadline


def test_text_that_is_no_date_is_shown_and_not_saved(window, qtbot):
    window.go_item("T03")
    box = window.item_page.form.deadline
    qtbot.keyClicks(box.edit, "20211231")
    assert _deadline(window) == "2021-12-31"
    box.edit.clear()
    qtbot.keyClicks(box.edit, "2021-02-30")  # "2021-02-3" on the way is a date, but not taken
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert box.invalid and box.error.isVisibleTo(window)
    assert "未保存" in box.error.text() and "2021年2月只有 28 天" in box.error.text()
    assert _deadline(window) == "2021-12-31"  # the last good date stays
    box.edit.clear()
    box.edit.setText("下个月底")
    box.edit.editingFinished.emit()
    assert "看不懂这种写法" in box.error.text()
    assert _deadline(window) == "2021-12-31"
    # Fixing the text clears the message and saves.
    box.edit.setText("")
    qtbot.keyClicks(box.edit, "2022-01-15")
    box.edit.editingFinished.emit()
    assert not box.invalid and _deadline(window) == "2022-01-15"


def test_an_empty_box_clears_the_deadline(window, qtbot):
    window.go_item("T03")
    box = window.item_page.form.deadline
    qtbot.keyClicks(box.edit, "20211231")
    assert _deadline(window) == "2021-12-31"
    box.edit.selectAll()
    qtbot.keyClick(box.edit, Qt.Key.Key_Delete)
    box.edit.editingFinished.emit()
    assert _deadline(window) is None
    assert box.edit.placeholderText().startswith("未设定")


def test_undo_restores_the_previous_deadline(window, qtbot):
    window.go_item("T03")
    form = window.item_page.form
    qtbot.keyClicks(form.deadline.edit, "20211231")
    window.item_page.flush()
    form.deadline.edit.setText("")
    qtbot.keyClicks(form.deadline.edit, "20220331")
    window.item_page.flush()
    form.undo_stack.undo()
    assert form.deadline.edit.text() == "2021年12月31日"
    assert _deadline(window) == "2021-12-31"


def test_calendar_opens_at_today_or_in_the_periods_year(window, qtbot):
    window.go_item("T03")
    box = window.item_page.form.deadline
    assert box.period_year == 2021
    box.open_calendar()
    today = dt.date.today()
    selected = box.popup.selectedDate()
    if today.year == 2021:
        assert selected == QDate(today.year, today.month, today.day)
    else:
        assert selected.year() == 2021 and selected.month() == today.month
    picked = QDate(2021, 11, 20)
    box.popup.clicked.emit(picked)
    assert box.popup is None
    assert _deadline(window) == "2021-11-20"
    box.open_calendar()  # now at the date set
    assert box.popup.selectedDate() == picked
    box.popup.close()


def test_calendar_start_rule():
    today = dt.date(2026, 3, 31)
    assert calendar_start(None, 2026, today) == today
    assert calendar_start(None, None, today) == today
    assert calendar_start(None, 2021, dt.date(2024, 2, 29)) == dt.date(2021, 2, 28)
    assert calendar_start(dt.date(2022, 6, 30), 2021, today) == dt.date(2022, 6, 30)


def test_alt_d_reaches_the_date_box_and_alt_down_opens_the_calendar(window, qtbot):
    window.go_item("T03")
    window.activateWindow()
    box = window.item_page.form.deadline
    box.edit.setFocus()
    qtbot.keyClick(box.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert box.popup is not None
    box.popup.close()
