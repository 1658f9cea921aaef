"""ReportData gathered from a real workspace (database, assessments, evidence files), and `report`."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.reports.data import build_report_data, with_bag_paths
from fazhi_desktop.reports.pdf import render_pdf
from fazhi_desktop.reports.results import render_results, validate_results
from fazhi_desktop.reports.xlsx import render_xlsx
from fazhi_desktop.selfcheck.assessments import save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.progress import check_progress
from fazhi_desktop.selfcheck.workspace import Workspace

NARRATIVE = "组织党委（党组）理论学习中心组集体学法4次；开展“八五”普法宣传活动12场（次），覆盖群众3000余人。"


@pytest.fixture
def workspace(data_dir: Path, tmp_path: Path):
    ws = Workspace.open(data_dir)
    set_up_unit(ws, "县司法局", contact="李𠀀华", phone="0635-5012345")
    save_assessment(
        ws,
        "T01",
        strict=True,
        work_status="已完成",
        result="已完成",
        narrative=NARRATIVE,
        responsible_person="王㭎",
    )
    save_assessment(
        ws,
        "T02",
        strict=True,
        work_status="推进中",
        result="部分完成",
        narrative="已制定年度计划。",
        problems="实施规划尚未印发。",
        measures="报县政府常务会审议后印发。",
        deadline="2022-06-30",
        responsible_person="赵建国",
    )
    optional = next(a for a in ws.assignments() if a.optional)
    set_opt_in(ws, optional.item.id, False)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "学法记录.txt").write_text("2021年学法记录", encoding="utf-8")
    (docs / "年度计划.txt").write_text("2021年法治政府建设年度计划", encoding="utf-8")
    add_evidence(ws, ["T01"], docs / "学法记录.txt", made_date="2021-05-01")
    add_evidence(ws, ["T01", "T02"], docs / "年度计划.txt", made_date="2021-03-10", description="正式印发")
    yield ws
    ws.close()


def test_build_report_data_reads_the_workspace(workspace):
    ws = workspace
    data = build_report_data(
        ws,
        package_id="pkg-1",
        sequence=1,
        fingerprint="AB" * 32,
        generated=dt.datetime(2022, 1, 15, 10, 30, tzinfo=dt.UTC),
    )
    assert [i.id for i in data.items] == [a.item.id for a in ws.assignments()]
    assert data.unit.name == "县司法局" and data.unit.contact == "李𠀀华"
    assert data.plan.id == ws.plan.meta.id and data.plan.sha256 == ws.plan.sha256
    assert data.period_label == ws.period.label
    t01 = next(i for i in data.items if i.id == "T01")
    assert (t01.narrative, t01.responsible_person, t01.result, t01.role) == (
        NARRATIVE,
        "王㭎",
        "已完成",
        "牵头",
    )
    assert [e.name for e in data.evidence_for(t01)] == ["学法记录.txt", "年度计划.txt"]
    t02 = next(i for i in data.items if i.id == "T02")
    assert t02.deadline == "2022-06-30" and data.issues() == [t02]
    declined = next(i for i in data.items if i.optional and i.opted_in is False)
    assert not declined.answered
    plan_doc = next(e for e in data.evidence if e.name == "年度计划.txt")
    assert plan_doc.item_ids == ("T01", "T02") and plan_doc.made_date == "2021-03-10"
    assert plan_doc.size == len("2021年法治政府建设年度计划".encode())
    # The figures agree with the completeness check (docs/status-semantics.md).
    check = check_progress(ws)
    assert (data.overall.complete, data.overall.total) == (check.overall.done, check.overall.total)
    for item in data.items:
        assert item.missing == check.item(item.id).missing
    assert data.overall.complete >= 2  # T01 and T02 are complete answers


def test_the_three_outputs_render_from_the_workspace(workspace, tmp_path):
    data = build_report_data(workspace, package_id="pkg-1", sequence=1, fingerprint="AB" * 32)
    data = with_bag_paths(data, {e.id: f"data/evidence/{e.name}" for e in data.evidence})
    results = json.loads(render_results(data))
    assert validate_results(results) == []
    assert results["evidence"][0]["path"] == "data/evidence/学法记录.txt"
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(data))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "县司法局" in text and "王㭎" in text and "学法记录.txt" in text
    assert "".join(NARRATIVE.split()) in "".join(text.split())
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(data)))
    assert book["问题整改清单"]["A2"].value == "T02"


def test_report_verb_writes_a_draft_preview(cli, tmp_path):
    assert cli("init", "--unit", "燕店镇").code == 0
    out = tmp_path / "预览"
    result = cli("report", "--out", str(out))
    assert result.code == 0, result.err
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "燕店镇人民政府_2021年度_results（草稿）.json",
        "燕店镇人民政府_2021年度_自查报告（草稿）.pdf",
        "燕店镇人民政府_2021年度_自评表（草稿）.xlsx",
    ]
    assert "草稿" in result.out and "填报进度" in result.out
    results = json.loads((out / names[0]).read_text(encoding="utf-8"))
    assert results["package"] is None and validate_results(results) == []

    only = tmp_path / "pdf-only"
    assert cli("report", "--out", str(only), "--pdf-only", "--json").code == 0
    assert [p.suffix for p in only.iterdir()] == [".pdf"]
    only = tmp_path / "xlsx-only"
    assert cli("report", "--out", str(only), "--xlsx-only").code == 0
    assert [p.suffix for p in only.iterdir()] == [".xlsx"]


def test_report_verb_needs_a_unit_and_a_folder(cli, tmp_path):
    result = cli("report", "--out", str(tmp_path))
    assert result.code == 1 and "尚未设置本单位信息" in result.err
    assert cli("init", "--unit", "燕店镇").code == 0
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    result = cli("report", "--out", str(not_a_folder))
    assert result.code == 2 and "不是文件夹" in result.err


def test_report_verb_on_a_read_only_folder_is_plain_chinese(cli, read_only_dir):
    assert cli("init", "--unit", "燕店镇").code == 0
    for out in (read_only_dir, read_only_dir / "sub"):
        result = cli("report", "--out", str(out))
        assert (
            result.code == 2
            and result.err.startswith("错误：")
            and ("只读" in result.err or "权限" in result.err)
        )
        assert "Read-only" not in result.err and "Traceback" not in result.err, result.err
    assert list(read_only_dir.iterdir()) == []


def test_report_verb_and_formats_are_documented():
    docs = Path(__file__).resolve().parent.parent / "docs"
    cli_doc = (docs / "cli.md").read_text(encoding="utf-8")
    assert "## `report`" in cli_doc
    for option in ("--out", "--pdf-only", "--xlsx-only", "--json"):
        assert option in cli_doc.split("## `report`", 1)[1], option
    assert (docs / "results-json.md").exists() and (docs / "report-fonts.md").exists()
