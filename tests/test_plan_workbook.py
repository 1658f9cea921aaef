"""The plan workbook both ways: template, export, import with every problem listed at once."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan2_sample import write_sample

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.loader import load_plan
from fazhi_desktop.catalogue.plan_import import PlanImportError, plan_from_workbook
from fazhi_desktop.catalogue.plan_workbook import (
    COLUMNS,
    REQUIRED_SHEETS,
    SHEET_HELP,
    SHEET_TASKS,
    empty_sheets,
    plan_sheets,
    render_workbook,
    write_workbook,
)
from fazhi_desktop.errors import CatalogueError


def _bare(plan):
    return dataclasses.replace(plan, sha256="", format_version=0, warnings=())


def test_the_2021_plan_round_trips_to_the_identical_catalogue():
    plan = registry.get_plan("shen-2021")
    again, raw = plan_from_workbook(render_workbook(plan_sheets(plan)), "shen-2021.xlsx")
    assert _bare(again) == _bare(plan)
    assert raw.startswith(b"{") and again.format_version == 2


def test_a_format2_plan_round_trips_with_points_labels_and_former_names(tmp_path):
    plan = load_plan(write_sample(tmp_path / "p.json"))
    again, _ = plan_from_workbook(render_workbook(plan_sheets(plan)), "p.xlsx")
    assert _bare(again) == _bare(plan)
    assert again.item("I01").evidence_required == ("权责清单", "调整文件")


def test_template_has_every_sheet_dropdowns_frozen_headers_and_widths(tmp_path):
    path = write_workbook(tmp_path / "计划模板.xlsx", empty_sheets())
    wb = load_workbook(path)
    assert wb.sheetnames[0] == SHEET_HELP and set(REQUIRED_SHEETS) <= set(wb.sheetnames)
    units = wb["单位名录"]
    assert units.freeze_panes == "A2"
    assert [c.value for c in units[1]][:2] == ["单位名称", "类别"]
    assert units.column_dimensions["A"].width > 20
    formulas = [dv.formula1 for dv in units.data_validations.dataValidation]
    assert any("政府部门" in f and "镇、街道" in f for f in formulas)
    modes = [dv.formula1 for dv in wb["集合名称"].data_validations.dataValidation]
    assert any("全部须作答" in f for f in modes)
    help_text = " ".join(str(c.value) for row in wb[SHEET_HELP].iter_rows() for c in row if c.value)
    for sheet in ("工作任务", "指标体系", "加减分项", "单位名录", "集合名称"):
        assert f"示例：{sheet}" in help_text


def test_cli_template_export_import_and_list(cli, tmp_path):
    assert cli("plan", "template", "--out", str(tmp_path / "t.xlsx")).code == 0
    r = cli("plan", "export", "shen-2021", "--out", str(tmp_path / "s.xlsx"))
    assert r.code == 0, r.err
    sample = load_plan(write_sample(tmp_path / "p.json"))
    write_workbook(tmp_path / "p.xlsx", plan_sheets(sample))
    r = cli("plan", "import", str(tmp_path / "p.xlsx"))
    assert r.code != 0 and "没有县司法局的签名，未导入" in r.err and "--allow-unsigned" in r.err
    assert "test-2026" not in cli("plan", "list").out
    r = cli("plan", "import", str(tmp_path / "p.xlsx"), "--allow-unsigned")
    assert r.code == 0, r.err
    assert "工作任务 3 项" in r.out and "含分值：总分 10 分" in r.out and "T01" in r.out and "未签名" in r.out
    listed = [line for line in cli("plan", "list").out.splitlines() if line.startswith("test-2026")]
    assert listed and listed[0].endswith("未签名")
    r = cli("plan", "import", str(tmp_path / "s.xlsx"))  # the same catalogue as the built-in: nothing to do
    assert r.code == 0, r.err


def _sample_book(tmp_path) -> Path:
    plan = load_plan(write_sample(tmp_path / "p.json"))
    return write_workbook(tmp_path / "p.xlsx", plan_sheets(plan))


def _problems(path: Path) -> str:
    with pytest.raises(PlanImportError) as info:
        plan_from_workbook(path.read_bytes(), str(path))
    return info.value.message


def _col(sheet: str, key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS[sheet], start=1) if c.key == key)


def test_every_problem_is_listed_at_once_in_the_users_terms(tmp_path):
    path = _sample_book(tmp_path)
    wb = load_workbook(path)
    tasks = wb[SHEET_TASKS]
    tasks.cell(row=3, column=_col(SHEET_TASKS, "lead")).value = "县司法局、县发展和改革局x"
    tasks.cell(row=4, column=_col(SHEET_TASKS, "id")).value = "T02"
    tasks.cell(row=3, column=_col(SHEET_TASKS, "deadline")).value = "2026年13月1日"
    ind = wb["指标体系"]
    ind.cell(row=2, column=_col("指标体系", "points")).value = 3
    ind.cell(row=3, column=_col("指标体系", "text")).value = "=A1&B1"
    wb.save(path)
    msg = _problems(path)
    assert (
        "工作任务 第3行 牵头单位：“县发展和改革局x”不在单位名录中，也不是集合名称；您是不是要找：县发展和改革局"
        in msg
    )
    assert "工作任务 第4行 编号：T02 与第3行重复" in msg
    assert "工作任务 第3行：完成时限“2026年13月1日”不是有效日期：月份只能是 1 到 12" in msg
    assert "指标体系 第3行 三级指标：是公式" in msg
    assert msg.count("\n") >= 4  # all of them, not just the first


def test_points_that_do_not_add_up_are_named(tmp_path):
    path = _sample_book(tmp_path)
    wb = load_workbook(path)
    wb["指标体系"].cell(row=2, column=_col("指标体系", "points")).value = 3
    wb.save(path)
    assert "二级指标“（一）深化行政审批制度改革”分值为 6 分，其下各项合计 5.5 分" in _problems(path)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda wb: wb.remove(wb["单位名录"]), "单位名录：缺少此工作表"),
        (lambda wb: wb[SHEET_TASKS].merge_cells("C2:C3"), "工作任务：C2:C3 是合并单元格"),
        (
            lambda wb: wb[SHEET_TASKS].cell(row=1, column=20, value="备用"),
            "工作任务 第1行 第20列：“备用”不是模板中的列",
        ),
        (lambda wb: wb[SHEET_TASKS].cell(row=3, column=25, value="x"), "工作任务 第3行 第25列：此列没有列名"),
        (lambda wb: wb[SHEET_TASKS].insert_rows(3), "工作任务：第3行是空行，其后还有内容"),
        (
            lambda wb: wb["单位名录"].cell(row=2, column=2, value="政府机关"),
            "单位名录 第2行 类别：“政府机关”不是单位类别",
        ),
        (
            lambda wb: wb[SHEET_TASKS].cell(row=2, column=_col(SHEET_TASKS, "check"), value="单位列表不完整"),
            "工作任务 第2行 待核对：尚待核对（单位列表不完整）",
        ),
        (
            lambda wb: wb["计划信息"].cell(row=7, column=2, value="2026年2月30日"),
            "计划信息 第7行：印发日期“2026年2月30日”不是有效日期",
        ),
    ],
)
def test_bad_workbooks_are_refused_with_the_place_named(tmp_path, mutate, expected):
    path = _sample_book(tmp_path)
    wb = load_workbook(path)
    mutate(wb)
    wb.save(path)
    assert expected in _problems(path)


def test_nothing_is_stored_when_the_workbook_is_unsound(tmp_path):
    path = _sample_book(tmp_path)
    wb = load_workbook(path)
    wb[SHEET_TASKS].cell(row=2, column=_col(SHEET_TASKS, "lead"), value="县不存在局")
    wb.save(path)
    data = tmp_path / "data"
    with pytest.raises(CatalogueError):
        registry.import_plan(data, path)
    assert not (data / "plans").exists() or not list((data / "plans").iterdir())


def test_a_changed_plan_with_the_same_version_is_refused(tmp_path):
    data = tmp_path / "data"
    path = _sample_book(tmp_path)
    registry.import_plan(data, path)
    wb = load_workbook(path)
    wb[SHEET_TASKS].cell(row=2, column=_col(SHEET_TASKS, "text"), value="改过的任务。")
    wb.save(path)
    with pytest.raises(CatalogueError, match="增大版本号"):
        registry.import_plan(data, path)


def test_a_30_mb_workbook_is_refused_for_its_size(tmp_path):
    path = _sample_book(tmp_path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/media/image1.png", bytes(range(256)) * (30 * 4096))  # 30 MB a picture would take
    assert path.stat().st_size > 30 * 1024 * 1024
    msg = _problems(path)
    assert "文件过大" in msg and "超过计划工作簿的上限 20 MB" in msg


def test_a_password_protected_workbook_is_named_as_such(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    path = _sample_book(tmp_path)
    locked = tmp_path / "locked.xlsx"
    with path.open("rb") as src, locked.open("wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    assert "设置了打开密码" in _problems(locked)


@pytest.fixture(scope="module")
def xls_file(tmp_path_factory):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is needed to make a real .xls file")
    folder = tmp_path_factory.mktemp("xls")
    src = folder / "plan.xlsx"
    src.write_bytes(render_workbook(plan_sheets(registry.get_plan("shen-2021"))))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(folder), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder / "plan.xls"


def test_xls_and_et_files_say_which_format_to_save_as(xls_file, tmp_path):
    assert "Excel 97-2003" in _problems(xls_file) and "另存为" in _problems(xls_file)
    et = tmp_path / "plan.et"
    et.write_bytes(xls_file.read_bytes())
    assert "WPS 表格（.et）" in _problems(et) and "*.xlsx" in _problems(et)


def test_a_docx_or_text_is_not_a_workbook(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("计划")
    d.save(tmp_path / "plan.xlsx")
    assert "这是Word 文档，不是 Excel 工作簿" in _problems(tmp_path / "plan.xlsx")
    bad = tmp_path / "plan2.xlsx"
    bad.write_bytes(b"not a workbook at all")
    assert "不是 Excel 工作簿" in _problems(bad)


def test_unknown_major_version_of_a_json_plan_is_refused(tmp_path):
    import json

    p = write_sample(tmp_path / "p.json")
    doc = json.loads(p.read_text(encoding="utf-8"))
    doc["format"] = "fazhi-plan/7"
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogueError, match="格式版本为 7"):
        registry.import_plan(tmp_path / "data", p)


def test_round_trip_bytes_are_a_real_workbook():
    raw = render_workbook(plan_sheets(registry.get_plan("shen-2021")))
    wb = load_workbook(io.BytesIO(raw))
    assert wb[SHEET_TASKS].max_row == 31
