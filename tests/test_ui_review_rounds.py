"""The reviewer window's rounds: 开始新一轮… says what it did and why it refused in the window's language
(every string through tr(): checked with the English translation loaded), and 往轮审核… lists the rounds so
far, read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_review_new_round
import test_ui_review
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QAction

from fazhi_desktop.ui.i18n import compile_ts, ts_file
from fazhi_desktop.ui.review_rounds import RoundsDialog
from fazhi_desktop.ui.review_window import ReviewWindow
from fazhi_desktop.ui.tasks import TaskRunner

EN = "Start a new round"  # what show_error says it was doing, in English
county = test_review_new_round.county  # round 1 (2021年度) with three units imported
shown_errors = test_ui_review.shown_errors  # the error dialog's messages


@pytest.fixture
def english(qapp, tmp_path: Path):
    """The English translation installed for the test, removed after it."""
    qm = tmp_path / "en.qm"
    assert compile_ts(ts_file("en"), qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _said(shown: list[str], doing: str, sep: str = ": ") -> str:
    """The last error message without the `doing: ` (Chinese: `doing：`) that show_error puts before it,
    in the window's language's punctuation."""
    assert shown and shown[-1].startswith(doing + sep), shown
    return shown[-1][len(doing) + len(sep) :]


def _window(qtbot, data_dir: Path) -> ReviewWindow:
    window = ReviewWindow(data_dir, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    return window


def test_new_round_in_the_window_speaks_the_windows_language(qtbot, county, english, shown_errors) -> None:
    store, _units, _ = county
    window = _window(qtbot, store.data_dir)
    assert not window.start_new_round("shen-2021", "2021年度")
    assert _said(shown_errors, EN) == (
        "The current round already is shen-2021 2021年度: choose another period (or another plan) for the new round"
    )
    assert not window.start_new_round("shen-2021", " ")
    assert _said(shown_errors, EN).startswith("Give the period of the new round")
    assert not window.start_new_round("shen-2021", "2022")
    assert _said(shown_errors, EN).startswith('The period "2022" is not written the way')
    assert not window.start_new_round("shen-2099", "2022年度")
    assert _said(shown_errors, EN).startswith('There is no plan with the id "shen-2099"; known plans: ')
    assert "shen-2021" in _said(shown_errors, EN)
    assert window.bureau.period_label == "2021年度"

    assert window.start_new_round("shen-2021", "2022年度")
    text = window.status.text()
    assert text.startswith("New review round started: ") and "shen-2021" in text and "2022年度" in text
    assert "The 3 package(s) received before stay on record" in text and "1 open rectification" in text
    assert window.matrix.rowCount() == 0
    assert not window.start_new_round("shen-2021", "2021年度")
    assert _said(shown_errors, EN).startswith("shen-2021 2021年度 is an earlier round (started ")
    window.close()


def test_new_round_errors_in_chinese_by_default(qtbot, county, shown_errors) -> None:
    store, _units, _ = county
    window = _window(qtbot, store.data_dir)
    assert not window.start_new_round("shen-2021", "2021年度")
    assert (
        _said(shown_errors, "开始新一轮", "：")
        == "本轮审核的已经是 shen-2021 2021年度：新一轮请换一个期间（或另一份计划）"
    )
    assert window.start_new_round("shen-2021", "2022年上半年")
    assert (
        window.status.text().startswith("已开始新一轮审核：")
        and "此前收到的 3 个上报包" in window.status.text()
    )
    window.close()


def test_past_rounds_dialog_lists_every_round(qtbot, county, english) -> None:
    store, _units, _ = county
    window = _window(qtbot, store.data_dir)
    assert window.start_new_round("shen-2021", "2022年度")
    (action,) = [a for a in window.findChildren(QAction) if a.text() == "Past rounds…"]
    action.trigger()
    dialog = window.rounds_dialog
    qtbot.addWidget(dialog)
    assert isinstance(dialog, RoundsDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Past rounds"
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers == [
        "Period",
        "Plan",
        "Plan version",
        "Started",
        "Ended",
        "Units counted",
        "Packages received",
    ]
    assert dialog.table.rowCount() == 2
    first = [dialog.cell(0, c) for c in range(7)]
    second = [dialog.cell(1, c) for c in range(7)]
    assert first[:3] == ["2021年度", "shen-2021", "1.0.0"] and first[5:] == ["3", "3"]
    assert first[4] == second[3] and len(first[4]) == 16  # round 1 ended when round 2 began (minutes)
    assert second[0] == "2022年度" and second[4] == "(current round)" and second[5:] == ["0", "0"]
    assert not dialog.table.editTriggers()  # read-only
    dialog.close()
    window.close()
