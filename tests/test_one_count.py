"""One progress computation everywhere, and adjustment items reported as what they are.

The same data read through the command line (`progress --json`, `export --preflight`), the report data
the PDF is drawn from, the window's overview and the export dialog must give the same numbers; 加分项/
减分项 are reported as 有/无 and 已发生/未发生, never as 未参与 or with a work status."""

from __future__ import annotations

import json
import subprocess

from conftest import run_cli
from test_ui_support import set_up

from fazhi_desktop.reports.data import build_report_data
from fazhi_desktop.reports.formatting import result_text
from fazhi_desktop.reports.pdf import render_pdf
from fazhi_desktop.selfcheck.assessments import answer_adjustment, save_assessment
from fazhi_desktop.selfcheck.workspace import Workspace

pytest_plugins = ["test_ui_support"]


def _fill(ws: Workspace) -> None:
    """3 of 31 counted items done (9.7 %: where rounding used to differ), D1 未发生, the rest open."""
    for item_id in ("T02", "T03"):
        save_assessment(
            ws, item_id, strict=False, work_status="已完成", result="不适用", na_reason="镇级无此职责"
        )
    answer_adjustment(ws, "D1", False)
    save_assessment(ws, "T04", strict=False, narrative="正在开展")


def test_cli_report_overview_and_export_dialog_show_the_same_numbers(window, data_dir, qtbot):
    from fazhi_desktop.ui.export_dialog import ExportDialog

    _fill(window.ws)
    window.refresh()
    cli = json.loads(run_cli(data_dir, "progress", "--json").out)
    assert cli["overall"] == {"done": 3, "total": 31, "percent": 9}
    assert cli["states"]["尚未选择"] == 3 and cli["states"]["不参与"] == 0
    preflight = json.loads(run_cli(data_dir, "preflight", "--json").out)
    assert (preflight["done"], preflight["total"], preflight["percent"]) == (3, 31, 9)
    assert len(preflight["missing"]) == 31 - 3 and len(preflight["undecided"]) == 3

    report = build_report_data(window.ws).overall
    assert (report.complete, report.total, report.percent) == (3, 31, 9)

    assert window.overview.overall_bar.format() == "已填完 3 / 31 项（9%）"
    counts = window.overview.counts.text()
    assert "尚未选择 3" in counts and "不参与" not in counts.split("。")[0]
    assert window.overview.missing.rowCount() == 28 + 3  # open items and undecided ones, each once

    dialog = ExportDialog(window.ws, window.runner, window.ui_state, window)
    qtbot.addWidget(dialog)
    text = dialog._summary_text()
    assert "已填完 3 / 31 项（9%）" in text
    assert "还有 28 项未填完" in text and "另有 3 项可选事项尚未选择" in text


def test_adjustment_items_in_the_report(data_dir, tmp_path):
    set_up(data_dir)
    with Workspace.open(data_dir) as ws:
        answer_adjustment(ws, "D1", False)
        answer_adjustment(ws, "B1", True)
        save_assessment(ws, "B1", strict=False, narrative="获评省级法治宣传教育先进集体")
        data = build_report_data(ws)
    by_id = {i.id: i for i in data.items}
    assert result_text(by_id["D1"]) == "未发生" and result_text(by_id["B1"]) == "有"
    assert result_text(by_id["D2"]) == "尚未填写" and result_text(by_id["B2"]) == "尚未填写"
    # Adjustment items have no work status: 未开始 counts tasks only (all 30 untouched).
    assert data.overall.not_started == 30 and data.overall.total == 32
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(data))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    # The 公文 report states each adjustment item's answer beside its plan number (part 四).
    assert "减分项D1；是否发生：未发生" in flat and "加分项B1；有无加分情况：有" in flat
    assert "未参与" not in flat
    assert flat.count("工作状态：") == 30  # one per task, none for B1/D1


def test_cli_says_overdue_as_the_window_does(data_dir):
    set_up(data_dir)
    with Workspace.open(data_dir) as ws:
        save_assessment(ws, "T03", strict=False, measures="补学", deadline="2021-01-31")
    out = run_cli(data_dir, "progress").out
    assert "已逾期" in out and "已过期" not in out
