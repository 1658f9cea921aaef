"""The whole path of issue 9: a 2026 plan document → draft workbook → checked in a spreadsheet →
signed by the bureau → imported by a unit, whose 2026 period starts from its 2021 answers where items match."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from fazhi_desktop.catalogue.plan_workbook import COLUMNS, SHEET_INFO
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import generate_key_file

PLAN_2026 = """莘县人民政府办公室文件
莘政办发〔2026〕4号
莘县2026年法治政府建设工作计划

一、深入学习贯彻习近平法治思想
1. 加强对习近平法治思想的学习宣传和贯彻落实。将习近平法治思想纳入党委（党组）理论学习中心组学习内容，纳入法治队伍教育培训内容。结合“八五”普法总结组织开展系列法治宣传教育活动。〔牵头单位：县政府办公室、县司法局；责任单位：县政府各部门，各镇人民政府（街道办事处）〕
二、提升行政执法质效
2. 全面推行行政执法“三项制度”，开展行政执法质量评查。
- 2 -
（牵头单位：县司法局，配合单位：县财政局、县市场监管局）
3. 推进基层综合执法规范化建设。
责任单位：各镇人民政府按职责分工负责

莘县人民政府办公室
2026年3月2日
"""

PASS = "司法局口令 2026"


def test_from_the_document_to_a_units_2026_period(cli_at, tmp_path):
    bureau, unit = tmp_path / "bureau", tmp_path / "unit"
    # The unit answered 2021 before the new plan arrived.
    assert cli_at(unit, "init", "--unit", "县司法局").code == 0
    r = cli_at(
        unit, "check", "T01", "--status", "已完成", "--result", "已完成", "--text", "组织专题学习 4 次"
    )
    assert r.code == 0, r.err

    # 1. The bureau drafts the workbook from the document.
    doc = tmp_path / "莘县2026年法治政府建设工作计划.txt"
    doc.write_text(PLAN_2026, encoding="utf-8")
    draft = tmp_path / "草稿.xlsx"
    r = cli_at(bureau, "plan", "draft", str(doc), "--out", str(draft))
    assert r.code == 0, r.err
    # 2. Import refuses it until the 待核对 rows are checked.
    r = cli_at(bureau, "plan", "import", str(draft), "--check")
    assert r.code != 0 and "待核对" in r.err and "省" in r.err

    # 3. A person checks the rows in WPS/Excel (here: openpyxl) and fills what the drafter could not know.
    wb = load_workbook(draft)
    info = wb[SHEET_INFO]
    for row in info.iter_rows(min_row=2):
        if row[0].value == "省":
            row[1].value = "山东省"
        if row[0].value == "市":
            row[1].value = "聊城市"
        if row[0].value == "计划编号":
            assert row[1].value == "plan-2026"
            row[1].value = "shen-2026"
    checked = 0
    for name, cols in COLUMNS.items():
        keys = [c.key for c in cols]
        if "check" not in keys or name not in wb.sheetnames:
            continue
        ws = wb[name]
        col = keys.index("check") + 1
        for r_ in range(2, ws.max_row + 1):
            if ws.cell(row=r_, column=col).value:
                reason = ws.cell(row=r_, column=col).value
                assert isinstance(reason, str) and reason
                ws.cell(row=r_, column=col).value = None
                checked += 1
    assert checked >= 1
    wb.save(draft)

    # 4. The bureau signs it with its key.
    key = generate_key_file(tmp_path / "bureau-key.json", PASS, kdf=KdfParams(n=2**12))
    (tmp_path / "pass.txt").write_text(PASS, encoding="utf-8")
    signed = tmp_path / "shen-2026.signed"
    r = cli_at(
        bureau,
        "plan",
        "sign",
        str(draft),
        "--key",
        str(key.path),
        "--passphrase-file",
        str(tmp_path / "pass.txt"),
        "--out",
        str(signed),
    )
    assert r.code == 0, r.err

    # 5. The unit imports it, seeing who signed it, and starts 2026 from its 2021 answers.
    r = cli_at(unit, "plan", "import", str(signed))
    assert r.code == 0, r.err
    assert key.fingerprint_display in r.out and "莘政办发〔2026〕4号" in r.out and "工作任务 3 项" in r.out
    r = cli_at(unit, "period", "add", "2026", "--plan", "shen-2026", "--carry-from", "2021年度")
    assert "T01 → T01　文字相近" in r.out and "未复制任何内容" in r.out
    r = cli_at(unit, "period", "add", "2026", "--plan", "shen-2026", "--carry-from", "2021年度", "--yes")
    assert r.code == 0 and "带入 1 项" in r.out, r.out + r.err
    shown = json.loads(cli_at(unit, "show", "T01", "--json").out)
    assert shown["assessment"]["narrative"] == "组织专题学习 4 次"
    assert shown["period"] == "2026年度"
    t02 = json.loads(cli_at(unit, "show", "T02", "--json").out)
    assert t02["assignment"]["role"] == "牵头" and t02["assessment"]["narrative"] == ""
    assert "县司法局" in cli_at(unit, "assigned", "--unit", "县司法局", "--plan", "shen-2026").out
    assert f"已签名（{key.fingerprint_display}）" in cli_at(unit, "plan", "list").out


def test_the_period_keeps_how_its_plan_arrived(cli_at, tmp_path):
    import sqlite3

    from plan2_sample import write_sample

    key = generate_key_file(tmp_path / "bureau-key.json", PASS, kdf=KdfParams(n=2**12))
    (tmp_path / "pass.txt").write_text(PASS, encoding="utf-8")
    signed = tmp_path / "t.signed"
    r = cli_at(
        tmp_path / "b",
        "plan",
        "sign",
        str(write_sample(tmp_path / "p.json")),
        "--key",
        str(key.path),
        "--passphrase-file",
        str(tmp_path / "pass.txt"),
        "--out",
        str(signed),
    )
    assert r.code == 0, r.err
    unit = tmp_path / "unit"
    assert cli_at(unit, "plan", "import", str(signed)).code == 0
    assert cli_at(unit, "init", "--unit", "县司法局", "--plan", "test-2026").code == 0
    rows = dict(
        (r[0], r[1:])
        for r in sqlite3.connect(unit / "fazhi.db").execute(
            "SELECT plan_id, signed, signer_fingerprint FROM plans"
        )
    )
    assert rows["test-2026"] == (1, key.fingerprint)
