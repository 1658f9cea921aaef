"""The reviewer window: a reviewer data directory opens it; import fills the matrix; outputs are written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
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
