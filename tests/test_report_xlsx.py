"""The Excel workbook, reopened with openpyxl and printed by LibreOffice (Debian: libreoffice-calc-nogui)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from reportdata_sample import RARE_PERSON_B, sample_report

from fazhi_desktop.reports.formatting import item_heading
from fazhi_desktop.reports.xlsx import (
    DATE_FORMAT,
    LINE_HEIGHT,
    PRINTABLE_MM,
    SHEET_NAMES,
    line_count,
    printed_width_mm,
    render_xlsx,
    text_width,
    write_xlsx,
)

_FACTS = ["本单位角色", "是否参与", "工作状态", "自评结果", "责任人", "整改时限", "佐证材料", "尚缺"]
HEADERS = {
    "任务台账": ["编号", "所属部分", "任务内容", *_FACTS],
    "自评表": ["编号", "一级指标", "二级指标", "三级指标", *_FACTS],
    "附加项": ["编号", "类别", "内容", "有无或是否发生", "具体情况", "责任人", "佐证材料"],
    "工作开展情况": ["编号", "事项", "工作开展情况", "不适用理由", "佐证材料"],
    "佐证材料清单": [
        "序号",
        "文件名称",
        "所属事项",
        "形成日期",
        "大小",
        "文件类型",
        "说明",
        "SHA-256（前16位）",
        "SHA-256",
        "大小（字节）",
    ],
    "问题整改清单": [
        "编号",
        "事项类别",
        "事项名称",
        "自评结果",
        "存在问题",
        "整改措施",
        "整改时限",
        "责任人",
    ],
}


@pytest.fixture(scope="module")
def data():
    return sample_report()


@pytest.fixture(scope="module")
def workbook(data):
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(data)))


def column(ws, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def test_five_sheets_with_chinese_headers(workbook):
    assert tuple(workbook.sheetnames) == SHEET_NAMES
    for name, headers in HEADERS.items():
        assert [c.value for c in workbook[name][1]] == headers, name


def test_rows_hold_every_item_and_document(workbook, data):
    assert workbook["任务台账"].max_row == len(data.tasks) + 1
    assert workbook["自评表"].max_row == len(data.indicators) + 1
    assert workbook["附加项"].max_row == len(data.adjustments) + 1
    answered = [i for i in data.items if i.answered]
    assert workbook["工作开展情况"].max_row == len(answered) + 1
    assert workbook["佐证材料清单"].max_row == len(data.evidence) + 1
    assert workbook["问题整改清单"].max_row == len(data.issues()) + 1 > 2
    tasks = workbook["任务台账"]
    first = data.tasks[0]
    assert tasks.cell(2, 1).value == first.id
    assert tasks.cell(2, column(tasks, "任务内容")).value == first.text
    persons = {tasks.cell(r, column(tasks, "责任人")).value for r in range(2, tasks.max_row + 1)}
    assert RARE_PERSON_B in persons
    # Every answer's full text, on the sheet of its own.
    texts = workbook["工作开展情况"]
    by_id = {texts.cell(r, 1).value: r for r in range(2, texts.max_row + 1)}
    for item in answered:
        r = by_id[item.id]
        assert (texts.cell(r, column(texts, "工作开展情况")).value or "") == item.narrative
        assert texts.cell(r, column(texts, "事项")).value == item_heading(item)
    issues = workbook["问题整改清单"]
    for r, item in enumerate(data.issues(), 2):
        assert issues.cell(r, column(issues, "存在问题")).value == (item.problems or None)
        assert issues.cell(r, column(issues, "整改措施")).value == (item.measures or None)
        assert "…" not in issues.cell(r, column(issues, "事项名称")).value
    ev = workbook["佐证材料清单"]
    e = data.evidence[0]
    assert ev.cell(2, column(ev, "SHA-256（前16位）")).value == " ".join(
        e.sha256[i : i + 4].upper() for i in range(0, 16, 4)
    )
    assert ev.cell(2, column(ev, "SHA-256")).value == e.sha256  # full, in a hidden column
    assert ev.cell(2, column(ev, "大小（字节）")).value == e.size
    assert ev.cell(2, column(ev, "大小")).value == "183 KB"  # the shared size formatter (sizes.py)
    assert ev.cell(2, column(ev, "文件类型")).value == "PDF 文档"
    for name in ("SHA-256", "大小（字节）"):
        assert ev.column_dimensions[openpyxl.utils.get_column_letter(column(ev, name))].hidden, name
    assert ev.cell(2, column(ev, "形成日期")).value == dt.datetime(2021, 1, 15)  # a real date, sortable
    assert ev.cell(2, column(ev, "形成日期")).number_format == DATE_FORMAT
    assert issues.cell(2, column(issues, "整改时限")).number_format == DATE_FORMAT


def test_no_mime_strings_or_iso_dates_anywhere(data):
    """What a clerk reads: 文件类型 in Chinese, dates as 2021年12月31日 (formats), no application/pdf."""
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(data)))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert "application/" not in cell.value and "image/" not in cell.value, cell.coordinate
                    assert not re.search(r"\d{4}-\d{2}-\d{2}", cell.value), (ws.title, cell.coordinate)
                if isinstance(cell.value, dt.datetime):
                    assert cell.number_format == DATE_FORMAT, (ws.title, cell.coordinate)


def test_frozen_filtered_header_and_print_setup(workbook):
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "B2", ws.title
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
        # The running title needs its own band above the table (LibreOffice printed it under the
        # header row with top=0.6, header=0.3).
        margins = ws.page_margins
        assert margins.top - margins.header >= 0.5 and margins.bottom - margins.footer >= 0.5
        assert ws.oddHeader.center.text.endswith(ws.title) and "&P" in ws.oddFooter.center.text
        assert all(ws.cell(1, c).alignment.wrap_text for c in range(1, ws.max_column + 1))


def test_every_sheet_prints_legibly_at_its_own_size(workbook):
    """≥ 10 pt on paper: every font is ≥ 10 pt and the visible columns fit landscape A4 at 100 %, so
    fitToWidth never has to shrink the print."""
    for ws in workbook.worksheets:
        letters = [openpyxl.utils.get_column_letter(c) for c in range(1, ws.max_column + 1)]
        visible = [ws.column_dimensions[x].width for x in letters if not ws.column_dimensions[x].hidden]
        assert printed_width_mm(visible) <= PRINTABLE_MM, (ws.title, printed_width_mm(visible))
        assert ws.page_margins.left + ws.page_margins.right <= 0.8 + 1e-9
        for row in ws.iter_rows():
            for cell in row:
                assert cell.font.sz >= 10, (ws.title, cell.coordinate, cell.font.sz)
        assert float(ws.oddHeader.center.size) >= 10 and float(ws.oddFooter.center.size) >= 10
        # No coloured header band: black on light grey.
        head = ws.cell(1, 1)
        assert head.font.color is None or head.font.color.rgb in ("FF000000", "00000000")


def test_row_heights_follow_the_text(workbook, data):
    ws = workbook["工作开展情况"]
    col = column(ws, "工作开展情况")
    width = ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width
    heights = {}
    for r in range(2, ws.max_row + 1):
        text = ws.cell(r, col).value or ""
        height = ws.row_dimensions[r].height
        assert height >= line_count(text, width) * LINE_HEIGHT or height == 409, r
        assert ws.cell(r, col).alignment.wrap_text
        heights[r] = height
    assert max(heights.values()) > 15 * 10  # long narratives get tall rows, far above the default 15
    assert min(heights.values()) < max(heights.values()) / 2  # and short ones stay short


def test_text_width_counts_cjk_double():
    assert text_width("abc") == 3
    assert text_width("法治") == 4
    assert text_width("（，）") == 6
    assert line_count("法" * 30, 31.5) == 2
    assert line_count("一\n二\n三", 40) == 3


def test_write_xlsx_is_atomic_and_complete(tmp_path, data):
    target = write_xlsx(data, tmp_path / "自评表.xlsx")
    assert openpyxl.load_workbook(target).sheetnames == list(SHEET_NAMES)
    assert [p.name for p in tmp_path.iterdir()] == ["自评表.xlsx"]  # no temporary file left behind


def _libreoffice_pdf_text(tmp_path: Path, *books: Path) -> dict[str, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: apt-get install libreoffice-calc-nogui"
    assert shutil.which("pdftotext"), "pdftotext is missing: apt-get install poppler-utils"
    out = tmp_path / "lo"
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: parallel runs do not collide
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, books),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    texts = {}
    for book in books:
        pdf = out / (book.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice wrote no PDF for {book.name}"
        texts[book.stem] = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    return texts


@pytest.mark.slow
def test_libreoffice_prints_whole_cells(tmp_path, data):
    """LibreOffice does not grow rows: with our heights the end of the longest narrative is printed;
    with the row squeezed to one line (a control), it is cut off."""
    longest = max(data.tasks, key=lambda t: len(t.narrative))
    marker = "本条记录结束甲乙丙丁。"  # unique in the workbook, at the very end of the tallest cell
    items = tuple(replace(i, narrative=i.narrative + marker) if i.id == longest.id else i for i in data.items)
    good = write_xlsx(replace(data, items=items), tmp_path / "good.xlsx")
    wb = openpyxl.load_workbook(good)
    ws = wb["工作开展情况"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == longest.id)
    ws.row_dimensions[row].height = 15
    squeezed = tmp_path / "squeezed.xlsx"
    wb.save(squeezed)
    texts = _libreoffice_pdf_text(tmp_path, good, squeezed)
    flat = {k: re.sub(r"\s", "", v) for k, v in texts.items()}
    assert data.unit.name in texts["good"]
    assert "工作开展情况" in texts["good"] and "SHA-256（前16位）" in texts["good"]
    assert data.evidence[0].sha256 not in flat["good"]  # the hidden full hash does not print
    assert "PDF文档" in flat["good"] and "2021年1月15日" in flat["good"]
    assert "第1页" in flat["good"]  # the printed footer
    assert marker in flat["good"]
    assert marker not in flat["squeezed"]
    # On paper: landscape A4, and the text at its own size (a CJK word box is about the font size tall).
    pdf = tmp_path / "lo" / "good.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    w, h = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(w), round(h)) == (842, 595)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    heights = [
        float(b) - float(a)
        for a, b, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', bbox)
        if re.fullmatch(r"[\u4e00-\u9fff]{2,}", word)
    ]
    assert heights and min(heights) >= 10, sorted(heights)[:5]


def test_same_data_gives_the_same_bytes(data, monkeypatch):
    """The package manifest hashes the workbook: saving at another moment must not change it."""
    first = render_xlsx(data)
    import time as time_module

    real = time_module.time
    monkeypatch.setattr(time_module, "time", lambda: real() + 3600)
    monkeypatch.setattr(time_module, "localtime", lambda *a: time_module.gmtime(real() + 3600))
    assert render_xlsx(data) == first
    props = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert props.modified == props.created == dt.datetime(2022, 1, 15, 2, 30)


def test_sheets_with_score_columns_still_fit_the_paper(data):
    """A plan with points adds 分值 and 自评分: the item's own text gives way, the sheet still fits."""
    from fazhi_desktop.reports import xlsx

    scored = replace(data, scores={"groups": [], "base": {"score": 0, "points": 0}})
    for build in (xlsx._task_columns, xlsx._indicator_columns, xlsx._narrative_columns):
        plain, with_scores = build(data), build(scored)
        assert len(with_scores) > len(plain)
        assert xlsx.fits_on_paper(with_scores), build.__name__
    headers = [c.header for c in xlsx._narrative_columns(scored)]
    assert "扣分说明" in headers
