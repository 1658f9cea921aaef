"""plan draft: the workbook drafted from a plan document, in each shape real plans take."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, SOURCE_TEXT
from test_catalogue_ocr import LEAD_JUDGEMENTS, NOTES, TEXT_JUDGEMENTS

from fazhi_desktop.catalogue.doc_text import read_document
from fazhi_desktop.catalogue.draft import clean, draft_plan
from fazhi_desktop.catalogue.plan_workbook import (
    SHEET_COLLECTIVES,
    SHEET_INDICATORS,
    SHEET_TASKS,
    SHEET_UNITS,
)
from fazhi_desktop.errors import UsageError

SHEN = json.loads((REPO / "resources" / "plans" / "shen-2021.json").read_text(encoding="utf-8"))


def _rows(content, sheet):
    return (
        {r["id"]: r for r in content.rows[sheet]}
        if sheet in (SHEET_TASKS, SHEET_INDICATORS)
        else {r["name"]: r for r in content.rows[sheet]}
    )


def test_the_2021_source_gives_the_catalogues_tasks_and_units_except_recorded_judgements():
    content = draft_plan(read_document(SOURCE_TEXT))
    tasks, indicators = _rows(content, SHEET_TASKS), _rows(content, SHEET_INDICATORS)
    assert len(tasks) == 30 and len(indicators) == 94 and len(content.rows["加减分项"]) == 4
    for section in SHEN["sections"]:
        for t in section["tasks"]:
            got = tasks[t["id"]]
            text = got["text"]
            if t["id"] in TEXT_JUDGEMENTS:
                ocr, ours = TEXT_JUDGEMENTS[t["id"]]
                assert ocr in text and t["id"] in NOTES
                text = text.replace(ocr, ours)
            assert (text, got["lead"], got["responsible"]) == (
                t["text"],
                "、".join(t["lead"]),
                "、".join(t["responsible"]),
            ), t["id"]
            assert got["section_title"] == section["title"]
    for area in SHEN["areas"]:
        for h in area["headings"]:
            for i in h["indicators"]:
                got = indicators[i["id"]]
                text, lead = got["text"], got["lead"]
                if i["id"] in TEXT_JUDGEMENTS:
                    ocr, ours = TEXT_JUDGEMENTS[i["id"]]
                    assert ocr in text and i["id"] in NOTES
                    text = text.replace(ocr, ours)
                if i["id"] in LEAD_JUDGEMENTS:
                    assert lead == "" and "没有牵头单位" in got["check"]
                    lead = "、".join(LEAD_JUDGEMENTS[i["id"]][1])
                assert (text, lead) == (i["text"], "、".join(i["lead"])), i["id"]
    assert content.info["doc_number"] == "莘政办发〔2021〕10号"
    assert content.info["title"] == "莘县2021年法治政府建设工作计划"
    assert "删去了单位栏后的残片" in tasks["T19"]["check"]
    # The page-split area title is put together and marked for a person to check.
    assert "标题由跨页" in indicators["I24"]["check"]
    assert {"县政府各部门", "各镇人民政府（街道办事处）", "县直有关部门"} <= set(
        _rows(content, SHEET_COLLECTIVES)
    )


def test_clean_removes_extraction_artifacts():
    assert clean("建党 100 周年，«法治 政府»‹纲要›(2021)") == "建党100周年，《法治政府》〈纲要〉（2021）"
    assert (
        clean("措施,落实;责任:到人 12.4 日 1,000 元 Windows Server")
        == "措施，落实；责任：到人12.4日1,000元Windows Server"
    )


PAREN_PLAN = """乙县2026年法治政府建设工作要点

一、总体要求
坚持以习近平法治思想为指导，全面推进依法行政。

二、重点任务
（一）健全依法决策机制。落实重大行政决策程序规定,严格合法性审查。（牵头单位：县司法局，配合单位：县财政局、县发展和改革局）
（二）深化行政执法体制改革。推进综合行政执法
- 2 -
向乡镇延伸，规范 执法 行为。（牵头单位：县司法局、县公安局、县民政局；配合单位：各乡镇人民政府）
（三）加强«法治政府建设实施纲要»宣传。（责任分工：县委宣传部；完成时限：长期坚持）
"""


def test_parenthesised_items_with_cooperating_units_and_a_narrative_section(tmp_path):
    src = tmp_path / "乙县.txt"
    src.write_bytes(PAREN_PLAN.encode("gb18030"))  # what Notepad calls ANSI on a Chinese Windows
    content = draft_plan(read_document(src))
    tasks = content.rows[SHEET_TASKS]
    assert [t["label"] for t in tasks] == ["（一）", "（二）", "（三）"]
    assert tasks[0]["text"] == "健全依法决策机制。落实重大行政决策程序规定，严格合法性审查。"
    assert (tasks[0]["lead"], tasks[0]["cooperating"]) == ("县司法局", "县财政局、县发展和改革局")
    assert tasks[1]["text"] == "深化行政执法体制改革。推进综合行政执法向乡镇延伸，规范执法行为。"
    assert tasks[1]["lead"] == "县司法局、县公安局、县民政局"
    assert tasks[2]["text"] == "加强《法治政府建设实施纲要》宣传。"
    assert (tasks[2]["responsible"], tasks[2]["deadline"]) == ("县委宣传部", "长期坚持")
    assert all(t["section_title"] == "重点任务" for t in tasks)
    assert any("叙述性文字" in n["note"] for n in content.rows["备注"])
    units = _rows(content, SHEET_UNITS)
    assert units["县委宣传部"]["kind"] == "党委机关" and units["县财政局"]["kind"] == "政府部门"
    assert "各乡镇人民政府" in _rows(content, SHEET_COLLECTIVES)
    assert content.info["year"] == 2026 and content.info["county"] == "乙县"


def _docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    d.save(path)
    return path


def test_docx_with_own_line_units_free_text_and_a_scored_indicator_table(tmp_path):
    src = _docx(
        tmp_path / "丙县.docx",
        [
            "丙县2026年法治政府建设工作计划",
            "丙政办发〔2026〕8号",
            "一、加强党的领导",
            "1. 落实第一责任人职责，开展年终述法。",
            "牵头单位：县委组织部",
            "配合单位：县司法局",
            "2. 加强基层法治建设，推进法治乡村建设。",
            "责任单位：各乡镇人民政府按职责分工分别负责",
            "3. 全县各单位认真贯彻本计划。",
            "附件：丙县法治政府建设考核细则",
        ],
        [
            ["一级指标", "二级指标", "序号", "三级指标", "分值", "评分标准", "牵头单位"],
            [
                "一、依法履职（6分）",
                "1. 权责清单（6分）",
                "1",
                "公布权责清单并动态调整。",
                "4",
                "未公布扣2分",
                "县委编办",
            ],
            ["", "", "2", "落实证明事项告知承诺制。", "2", "每发现一处扣0.5分", "县司法局、县公安局"],
        ],
    )
    content = draft_plan(read_document(src))
    tasks = content.rows[SHEET_TASKS]
    assert (tasks[0]["lead"], tasks[0]["cooperating"]) == ("县委组织部", "县司法局")
    assert tasks[1]["responsible"] == "各乡镇人民政府" and "说明文字" in tasks[1]["check"]
    assert tasks[2]["lead"] == "" and "没有找到牵头或责任单位" in tasks[2]["check"]
    ind = content.rows[SHEET_INDICATORS]
    assert [(i["area_title"], i["area_points"], i["heading_points"], i["points"]) for i in ind] == [
        ("依法履职", 6, 6, 4),
        ("依法履职", 6, 6, 2),
    ]
    assert ind[1]["criteria"] == "每发现一处扣0.5分" and ind[1]["lead"] == "县司法局、县公安局"
    assert content.info["doc_number"] == "丙政办发〔2026〕8号"
    assert content.info["indicator_system_title"] == "丙县法治政府建设考核细则"


def _pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("ZhuqueTest", str(REPO / "resources" / "fonts" / "HanaMinA.ttf")))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("ZhuqueTest", 12)
    y = 800
    for line in lines:
        c.drawString(60, y, line)
        y -= 24
    c.save()
    return path


def test_pdf_with_a_text_layer(tmp_path):
    src = _pdf(
        tmp_path / "丁县.pdf",
        [
            "丁县2026年法治政府建设工作计划",
            "一、依法全面履行政府职能",
            "1. 深化“放管服”改革。〔牵头单位：县行政审批服务局；责任单位：县政府各部门〕",
            "2. 推进政务公开。〔牵头单位：县政府办公室；责任单位：县直有关部门〕",
        ],
    )
    tasks = draft_plan(read_document(src)).rows[SHEET_TASKS]
    assert [t["text"] for t in tasks] == ["深化“放管服”改革。", "推进政务公开。"]
    assert [t["responsible"] for t in tasks] == ["县政府各部门", "县直有关部门"]


def test_a_scanned_pdf_needs_ocr_first(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)  # a page with marks but no text, as a scanner makes it
    c.save()
    with pytest.raises(UsageError, match="没有文字层（是扫描件）.*OCR"):
        read_document(path)


def test_a_docx_that_is_really_a_doc_says_what_to_save_as(tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is needed to make a real .doc file")
    src = _docx(tmp_path / "old.docx", ["一、总体要求", "1. 任务。〔牵头单位：县司法局〕"])
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path / "out"), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    fake = tmp_path / "计划.docx"
    fake.write_bytes((tmp_path / "out" / "old.doc").read_bytes())
    with pytest.raises(UsageError, match=r"实际是旧版 Word 97-2003 文档（\.doc）.*\*\.docx"):
        read_document(fake)


def test_cli_draft_writes_a_workbook_that_import_refuses_until_checked(cli, tmp_path):
    src = tmp_path / "乙县.txt"
    src.write_text(PAREN_PLAN, encoding="utf-8")
    r = cli("plan", "draft", str(src), "--out", str(tmp_path / "草稿.xlsx"))
    assert r.code == 0, r.err
    assert "起草了 3 项任务" in r.out
    r = cli("plan", "import", str(tmp_path / "草稿.xlsx"))
    assert r.code != 0 and "计划信息" in r.err and "未导入任何内容" in r.err


def test_a_password_protected_docx_is_named_as_such(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    src = _docx(tmp_path / "plain.docx", ["一、总体要求"])
    locked = tmp_path / "计划.docx"
    with src.open("rb") as f, locked.open("wb") as out:
        OOXMLFile(f).encrypt("secret", out)
    with pytest.raises(UsageError, match="设置了打开密码"):
        read_document(locked)
