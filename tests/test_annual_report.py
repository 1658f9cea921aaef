"""The 法治政府建设年度报告 draft: five parts filled from the data, an editable .docx read back with
python-docx and opened by LibreOffice Writer, a PDF read back with poppler, and the `annual-report` verb."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt
from reportdata_sample import NEXT_STEPS_TEXT, OVERALL_TEXT, sample_report

from fazhi_desktop.reports.annual import PART_TITLES, build_annual_report, is_first_responsibility
from fazhi_desktop.reports.annual_docx import render_docx, write_docx
from fazhi_desktop.reports.annual_pdf import render_annual_pdf
from fazhi_desktop.reports.formatting import item_heading

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def data():
    return sample_report()


@pytest.fixture(scope="module")
def report(data):
    return build_annual_report(data)


@pytest.fixture(scope="module")
def document(report, data, tmp_path_factory):
    path = write_docx(report, data.generated, tmp_path_factory.mktemp("docx") / "年度报告.docx")
    return path, docx.Document(str(path))


def _text(part) -> str:
    return "\n".join(b.text for b in part.blocks)


def test_five_parts_filled_from_the_data(report, data):
    assert [p.title for p in report.parts] == list(PART_TITLES)
    assert report.title == "县司法局2021年法治政府建设年度报告"
    one, two, three, four, five = (_text(p) for p in report.parts)
    # 一: the unit's own words first, then the work by section.
    assert one.startswith(OVERALL_TEXT.split("\n")[0])
    firsts = [t for t in data.tasks if is_first_responsibility(t) and t.answered and t.narrative]
    others = [t for t in data.tasks if not is_first_responsibility(t) and t.answered and t.narrative]
    assert firsts and others
    for t in others:
        assert t.narrative.split("\n")[0] in one and item_heading(t) in one, t.id
    assert "深入学习贯彻习近平法治思想" in one
    # 三: the items of section 二 (压实第一责任人职责), and only there.
    for t in firsts:
        assert item_heading(t) in three and item_heading(t) not in one, t.id
    # 二: 存在问题; 四: 下一步工作打算 and the 整改措施 with their deadlines.
    issues = [i for i in data.issues() if i.problems]
    assert issues and all(item_heading(i) in two for i in issues)
    assert issues[0].problems in two
    assert four.startswith(NEXT_STEPS_TEXT.split("\n")[0])
    assert data.issues()[0].measures in four and "整改时限：2022年6月30日" in four
    assert "【" in five  # a hint for the clerk where the data says nothing
    assert report.date == "2022年1月15日"


def test_empty_narratives_leave_hints_not_blanks():
    report = build_annual_report(sample_report("燕店镇", narratives=False, evidence_count=0))
    one, four = _text(report.parts[0]), _text(report.parts[3])
    assert one.startswith("【请在此概述") and four.startswith("【请在此写明下一年度")


def test_docx_reads_back_with_headings_styles_fonts_and_page_setup(document, report, data):
    path, doc = document
    paragraphs = doc.paragraphs
    assert paragraphs[0].text == report.title and paragraphs[0].style.name == "Title"
    heads = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert heads == list(PART_TITLES)
    text = "\n".join(p.text for p in paragraphs)
    assert OVERALL_TEXT.split("\n")[1] in text and NEXT_STEPS_TEXT.split("\n")[2] in text
    assert data.issues()[0].problems in text
    assert [p.text for p in paragraphs[-2:]] == ["县司法局", "2022年1月15日"]
    # Fonts by name with the East-Asian slot set, sizes, black.
    fonts = {
        "Normal": ("仿宋", 16),
        "Title": ("方正小标宋简体", 22),
        "Heading 1": ("黑体", 16),
        "Heading 2": ("楷体", 16),
        "Heading 3": ("仿宋", 16),
    }
    for name, (face, size) in fonts.items():
        style = doc.styles[name]
        r_fonts = style.element.rPr.find(f"{W}rFonts")
        assert r_fonts.get(f"{W}eastAsia") == face and r_fonts.get(f"{W}ascii") == face, name
        # Word prefers a theme font to a named one: no theme attribute may be left.
        assert not [k for k in r_fonts.attrib if k.endswith(("Theme", "theme"))], (name, r_fonts.attrib)
        assert style.font.size == Pt(size) and not style.font.bold, name
        assert style.font.color.rgb in (None, docx.shared.RGBColor(0, 0, 0)), name
    defaults = doc.styles.element.find(f"{W}docDefaults").find(f"{W}rPrDefault").find(f"{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋"
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    assert doc.styles["Normal"].paragraph_format.first_line_indent == Pt(32)
    assert doc.styles["Normal"].paragraph_format.line_spacing == Pt(28.9)
    section = doc.sections[0]

    def close(a, b):
        return abs(a - b) < Mm(0.1)  # stored in twips

    assert close(section.page_width, Mm(210)) and close(section.page_height, Mm(297))
    assert close(section.top_margin, Mm(37)) and close(section.left_margin, Mm(28))
    assert abs(section.page_width - section.left_margin - section.right_margin - Mm(156)) < Mm(0.1)
    # Page numbers: a PAGE field between dashes, odd right, even left.
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, 2), (section.even_page_footer, 0)):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and footer.paragraphs[0].text.startswith("— ")
        assert int(footer.paragraphs[0].alignment) == align


def test_same_data_gives_the_same_docx_bytes(report, data):
    assert render_docx(report, data.generated) == render_docx(report, data.generated)


def test_pdf_draft_embedded_numbered_and_complete(report, tmp_path):
    path = tmp_path / "年度报告.pdf"
    path.write_bytes(render_annual_pdf(report))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows), fonts
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s", "", text)
    for title in PART_TITLES:
        assert title in flat
    pages = text.split("\f")[:-1]
    assert re.search(r"—\s*1\s*—", pages[0]) and re.search(r"—\s*2\s*—", pages[1])
    assert "县司法局2022年1月15日" in flat


@pytest.mark.slow
def test_libreoffice_writer_opens_the_docx(document, tmp_path):
    path, _ = document
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: apt-get install libreoffice-writer-nogui"
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = out / "年度报告.pdf"
    assert pdf.exists(), "LibreOffice Writer wrote no PDF"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s", "", text)
    for title in PART_TITLES:
        assert title in flat
    assert "—1—" in flat and "—2—" in flat  # the PAGE field is computed
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info, info


def test_annual_report_verb_from_the_store(cli, tmp_path: Path):
    assert cli("init", "--unit", "县司法局").code == 0
    r = cli("check", "T02", "--status", "推进中", "--text", "主要负责人主持召开专题会议3次。")
    assert r.code == 0, r.err
    r = cli("check", "T01", "--status", "已完成", "--text", "组织集中学法4次。")
    assert r.code == 0, r.err
    notes = tmp_path / "next.txt"
    notes.write_text("一是健全学法制度。", encoding="utf-8")
    assert cli("narrative", "--overall", "全年扎实推进。", "--next-steps", f"@{notes}").code == 0
    out = tmp_path / "年度报告（草稿）.docx"
    pdf = tmp_path / "年度报告（草稿）.pdf"
    r = cli("annual-report", "--out", str(out), "--pdf", str(pdf))
    assert r.code == 0, r.err
    assert "已起草县司法局2021年法治政府建设年度报告" in r.out and "【" in r.out
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "全年扎实推进。" in text and "一是健全学法制度。" in text and "组织集中学法4次。" in text
    three = text[text.index(PART_TITLES[2]) : text.index(PART_TITLES[3])]
    assert "主要负责人主持召开专题会议3次。" in three  # T02 is in section 二 压实第一责任人职责
    assert pdf.stat().st_size > 10_000


def test_annual_report_verb_bad_targets(cli, tmp_path: Path):
    assert cli("init", "--unit", "县司法局").code == 0
    r = cli("annual-report", "--out", str(tmp_path / "x.pdf"))
    assert r.code != 0 and "应以 .docx 结尾" in r.err
    r = cli("annual-report", "--out", str(tmp_path / "missing" / "x.docx"))
    assert r.code != 0 and "不存在" in r.err and "Traceback" not in r.err
    r = cli("annual-report", "--out", str(tmp_path / "x.docx"), "--pdf", str(tmp_path / "x.txt"))
    assert r.code != 0 and "应以 .pdf 结尾" in r.err
    assert not (tmp_path / "x.docx").exists()
