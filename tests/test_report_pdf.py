"""The PDF 自查报告, read back with poppler (pdftotext, pdffonts, pdfinfo from Debian's poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportdata_sample import (
    FINGERPRINT,
    NO_GLYPH_PERSON,
    PACKAGE_ID,
    RARE_PERSON,
    RARE_PERSON_B,
    sample_report,
)

from fazhi_desktop.reports import linebreak
from fazhi_desktop.reports.formatting import display_fingerprint, grouped_hex
from fazhi_desktop.reports.linebreak import CANNOT_END, CANNOT_START, break_lines
from fazhi_desktop.reports.pdf import render_pdf, report_title, write_pdf


def poppler(tool: str, *args: str) -> str:
    """Run a poppler tool; fail (never skip) with the package to install when it is missing."""
    assert shutil.which(tool), f"{tool} is missing: apt-get install poppler-utils"
    return subprocess.run([tool, *args], capture_output=True, text=True, encoding="utf-8", check=True).stdout


class Rendered:
    def __init__(self, path: Path, warnings: list[str]) -> None:
        self.path = path
        self.warnings = warnings
        self.text = poppler("pdftotext", str(path), "-")
        self.pages = self.text.split("\f")[:-1]  # pdftotext ends every page with a form feed
        self.info = dict(
            line.split(":", 1) for line in poppler("pdfinfo", str(path)).splitlines() if ":" in line
        )
        self.info = {k.strip(): v.strip() for k, v in self.info.items()}

    def body(self) -> str:
        """All text without the running head and footer, whitespace removed (lines rejoined)."""
        keep = []
        for line in self.text.replace("\f", "\n").splitlines():
            s = line.strip()
            if (
                re.fullmatch(r"第\s*\d+\s*页\s*共\s*\d+\s*页", s)
                or s.endswith("法治政府建设自查报告")
                or s.startswith("上报包 ")
            ):
                continue
            keep.append(s)
        # pdftotext sometimes sets the footer inside the page's last line of text: cut it out anywhere.
        return re.sub(r"第\d+页共\d+页", "", re.sub(r"\s+", "", "".join(keep)))


@pytest.fixture(scope="module")
def data():
    return sample_report()


@pytest.fixture(scope="module")
def rendered(data, tmp_path_factory) -> Rendered:
    warnings: list[str] = []
    path = write_pdf(data, tmp_path_factory.mktemp("pdf") / "report.pdf", warnings=warnings)
    return Rendered(path, warnings)


def fonts_table(path: Path) -> list[dict[str, str]]:
    """pdffonts' table as dicts: name, type, emb …; columns found from the dashed rule under the header."""
    lines = poppler("pdffonts", str(path)).splitlines()
    rule = lines[1]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    heads = ["name", "type", "encoding", "emb", "sub", "uni", "object"]
    rows = []
    for line in lines[2:]:
        cells = [line[a : b + 1].strip() for a, b in spans]
        rows.append(dict(zip(heads, cells, strict=False)))
    return rows


def test_text_names_unit_period_fingerprint_and_package(rendered, data):
    assert data.unit.name in rendered.pages[0]
    assert "2021年度法治政府建设自查报告" in rendered.pages[0]
    assert display_fingerprint(FINGERPRINT) in rendered.pages[0]
    body = rendered.body()
    assert re.sub(r"\s", "", grouped_hex(FINGERPRINT)) in body
    assert PACKAGE_ID in rendered.pages[0]
    assert display_fingerprint(FINGERPRINT) in rendered.pages[-1]  # signature block repeats it


def test_every_task_narrative_is_printed_whole(rendered, data):
    body = rendered.body()
    tasks = [t for t in data.tasks if t.answered and t.narrative]
    assert len(tasks) > 10
    for task in tasks:
        for paragraph in task.narrative.split("\n"):
            assert re.sub(r"\s", "", paragraph) in body, task.id


def test_sections_in_order_and_signature_block(rendered):
    body = rendered.body()
    heads = [
        "一、总体情况",
        "二、工作任务落实情况",
        "三、存在问题",
        "四、整改措施",
        "五、示范创建指标自评情况",
        "六、加分项和减分项",
        "七、佐证材料清单",
        "特此报告。",
        "单位（盖章）",
        "负责人（签字）",
        "日期：",
    ]
    positions = [body.find(h) for h in heads]
    assert all(p >= 0 for p in positions), dict(zip(heads, positions, strict=True))
    assert positions == sorted(positions)
    # The blanks of 年　月　日 survive (reportlab would collapse U+3000 runs to one space).
    layout = poppler("pdftotext", "-layout", "-f", str(len(rendered.pages)), str(rendered.path), "-")
    assert re.search(r"日期：\s{6,}年\s{3,}月\s{3,}日", layout)


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(rendered):
    lines = [ln.strip() for ln in rendered.text.splitlines() if ln.strip()]
    assert not [ln for ln in lines if ln[0] in CANNOT_START]
    assert not [ln for ln in lines if ln[-1] in CANNOT_END]


def test_the_same_text_breaks_badly_with_reportlabs_own_rules(data, tmp_path):
    """Proof that the sample text does provoke the problem the rules fix."""
    with linebreak.reportlab_defaults():
        path = tmp_path / "default.pdf"
        path.write_bytes(render_pdf(data))
    lines = [ln.strip() for ln in poppler("pdftotext", str(path), "-").splitlines() if ln.strip()]
    assert len([ln for ln in lines if ln[0] in CANNOT_START]) > 10
    # and the rules come back afterwards
    from reportlab.platypus import paragraph

    assert paragraph.cjkFragSplit is linebreak._cjk_frag_split


def test_every_font_is_embedded_including_the_fallback(rendered):
    fonts = fonts_table(rendered.path)
    assert fonts, "pdffonts listed no font"
    assert all(f["emb"] == "yes" for f in fonts), fonts
    names = " ".join(f["name"] for f in fonts)
    assert "WenQuanYiMicroHei" in names
    assert "HanaMinA" in names  # the fallback carries 㭎 and 𠀀
    assert "Helvetica" not in names


def test_rare_characters_come_out_and_missing_ones_are_visible(rendered):
    assert RARE_PERSON in rendered.text  # U+3B4E, CJK Extension A
    assert RARE_PERSON_B in rendered.text  # U+20000, Extension B: needs the surrogate-pair ToUnicode fix
    assert "张[U+2A6D6]" in rendered.text
    assert NO_GLYPH_PERSON not in rendered.text
    assert any("U+2A6D6" in w for w in rendered.warnings)
    assert len(rendered.warnings) == 1


def test_page_numbers_name_page_and_total(rendered):
    total = int(rendered.info["Pages"])
    assert total == len(rendered.pages) > 20
    for number, page in enumerate(rendered.pages, 1):
        assert re.search(rf"第\s*{number}\s*页", page) and re.search(rf"共\s*{total}\s*页", page), number


def test_table_headers_repeat_on_every_page_of_a_long_table(rendered):
    start = next(n for n, p in enumerate(rendered.pages) if "五、示范创建指标自评情况" in p)
    end = next(n for n, p in enumerate(rendered.pages) if "六、加分项和减分项" in p)
    assert end - start >= 2, "the indicator table should run over several pages"
    for page in rendered.pages[start:end]:
        assert "三级指标" in page and "工作开展情况" in page
    # On the continuation pages the header stands once, at the top — never repeated mid-page.
    for number in range(start + 2, end + 1):
        bbox = poppler("pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(rendered.path), "-")
        tops = [float(m) for m in re.findall(r'yMin="([\d.]+)"[^>]*>三级指标<', bbox)]
        assert len(tops) == 1 and tops[0] < 120, (number, tops)
    ev_start = next(n for n, p in enumerate(rendered.pages) if "七、佐证材料清单" in p)
    last = max(n for n, p in enumerate(rendered.pages) if ".pdf" in p)
    ev_pages = rendered.pages[ev_start : last + 1]
    assert len(ev_pages) >= 2
    assert all("SHA-256（前16位）" in p for p in ev_pages)


def test_metadata_and_deterministic_output(rendered, data):
    assert rendered.info["Title"] == report_title(data)
    assert rendered.info["Author"] == data.unit.name
    assert PACKAGE_ID in rendered.info["Subject"]
    assert render_pdf(data) == rendered.path.read_bytes()


def test_evidence_list_shows_name_items_date_size_and_hash_prefix(rendered, data):
    body = rendered.body()
    e = data.evidence[3]
    assert re.sub(r"\s", "", e.name) in body
    assert e.sha256[:16].upper() in re.sub(r"\s", "", rendered.text)
    assert "2021-04-15" in rendered.text
    assert "共60份" in body


def test_draft_is_marked_and_carries_no_fingerprint(tmp_path):
    data = sample_report("燕店镇", draft=True, evidence_count=0)
    path = tmp_path / "draft.pdf"
    path.write_bytes(render_pdf(data))
    text = poppler("pdftotext", str(path), "-")
    assert "草稿预览" in text and "草稿" in text
    assert "本单位签名密钥指纹" not in text and "签名密钥指纹：" not in text
    assert "本期未附佐证材料" in text
    assert "本单位本期没有须填报的示范创建指标" in text  # a township answers no indicator
    assert all(f["emb"] == "yes" for f in fonts_table(path))


@pytest.mark.parametrize(
    ("text", "width", "forbidden_start"),
    [
        ("一二三四五”。六七八九", 5, "”。"),  # two closing marks: the break moves back
        ("一二三四（五六七八九", 5, ""),
        ("一二三四，五六七", 4, "，"),
    ],
)
def test_break_lines_keeps_closing_marks_off_the_line_start(text, width, forbidden_start):
    lines = break_lines(list(text), [1.0] * len(text), [float(width)])
    pieces = [text[s:e] for s, e, _, _ in lines]
    assert "".join(pieces) == text
    assert all(p[0] not in CANNOT_START for p in pieces)
    assert all(p[-1] not in CANNOT_END for p in pieces[:-1])
    assert all(len(p) <= width for p in pieces)


def test_break_lines_keeps_latin_words_and_numbers_whole():
    text = "审查合同协议2021份abc"
    lines = break_lines(list(text), [1.0] * len(text), [8.0])
    pieces = [text[s:e] for s, e, _, _ in lines]
    assert "".join(pieces) == text
    assert not any(p.startswith(("021", "21", "1份", "bc", "c")) for p in pieces), pieces


def test_fonts_ship_with_their_licences():
    from fazhi_desktop.reports.fonts import FONT_FILES, fonts_dir

    for spec in FONT_FILES:
        assert (fonts_dir() / spec.file).stat().st_size > 1_000_000
        licence = (fonts_dir() / spec.licence_file).read_text(encoding="utf-8")
        assert "Copyright" in licence
    assert "Apache License" in (fonts_dir() / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in (fonts_dir() / "LICENSE-hanazono.txt").read_text(encoding="utf-8")


def test_missing_characters_are_reported_before_export():
    from fazhi_desktop.reports.fonts import missing_characters

    warnings = missing_characters(
        [("T05 责任人", NO_GLYPH_PERSON), ("T06 责任人", RARE_PERSON + RARE_PERSON_B)]
    )
    assert len(warnings) == 1
    assert "T05 责任人" in warnings[0] and "[U+2A6D6]" in warnings[0]


def test_rare_characters_in_the_unit_name_reach_running_head_and_metadata(tmp_path):
    from dataclasses import replace

    data = sample_report("燕店镇", evidence_count=2, rare_names=False)
    data = replace(data, unit=replace(data.unit, name="㭎𠀀镇人民政府"))
    warnings: list[str] = []
    path = write_pdf(data, tmp_path / "rare.pdf", warnings=warnings)
    page2 = poppler("pdftotext", "-f", "2", "-l", "2", str(path), "-")
    assert page2.startswith("㭎𠀀镇人民政府2021年度法治政府建设自查报告")
    assert "Title:           㭎𠀀镇人民政府" in poppler("pdfinfo", str(path))
    assert warnings == []


def test_a_band_row_never_ends_a_page():
    """二级指标 headings (full-width band rows) move to the next page with their first indicator rather
    than stand alone at the foot of a page — even when that indicator is too tall to keep whole."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from fazhi_desktop.reports.fonts import register_fonts
    from fazhi_desktop.reports.pdf_layout import FRAME_H, FRAME_W, grid_table, make_styles

    fonts = register_fonts()
    style = make_styles(fonts.primary)["cell"]
    tall = Paragraph("县司法局组织开展行政执法案卷评查，" * 120, style)
    rows = [
        ["序号", "内容"],
        ["1", Paragraph("短的一行", style)],
        [Paragraph("二级指标 3.4　合法性审查", style), ""],
        ["2", tall],
    ]
    widths = [10 * mm, FRAME_W - 10 * mm]

    def table():
        return grid_table(rows, widths, font=fonts.primary, bands=[(2, False)])

    t = table()
    t.wrap(FRAME_W, FRAME_H)
    heights = t._rowHeights
    assert heights[3] > FRAME_H / 2  # the indicator is far too tall to move whole
    avail = sum(heights[:3]) + 30  # the band fits, and 30 pt under it: too little to start the tall row
    first, rest = t.split(FRAME_W, avail)
    assert len(first._cellvalues) == 2  # header and row 1: the band went over with its indicator
    assert text(rest._cellvalues[1][0]).startswith("二级指标")  # after the repeated header
    # With room for a real piece of the tall row, the band stays and the row is split under it.
    first, rest = table().split(FRAME_W, sum(heights[:3]) + 150)
    assert len(first._cellvalues) == 4 and text(first._cellvalues[2][0]).startswith("二级指标")


def text(cell) -> str:
    """The text of a table cell however reportlab stored it (a string, a flowable, or a list of them)."""
    if isinstance(cell, (list, tuple)):
        return "".join(text(c) for c in cell)
    return getattr(cell, "text", cell)


def test_no_page_ends_with_a_band_heading(rendered):
    for number, page in enumerate(rendered.pages, 1):
        lines = [
            ln.strip()
            for ln in page.splitlines()
            if ln.strip() and not re.fullmatch(r"第\s*\d+\s*页\s*共\s*\d+\s*页", ln.strip())
        ]
        assert not re.match(r"[一二]级指标 \d", lines[-1]), (number, lines[-1])


def test_document_dates_are_the_report_date(rendered, data):
    info = poppler("pdfinfo", "-isodates", str(rendered.path))
    created = re.search(r"CreationDate:\s+(\S+)", info).group(1)
    assert created.startswith(data.generated.strftime("%Y-%m-%dT%H:%M")), created
    assert not created.startswith("2000-01-01")


def test_evidence_hash_prefix_stays_on_one_line(rendered, data):
    layout = poppler("pdftotext", "-layout", str(rendered.path), "-")
    for e in data.evidence:
        assert grouped_hex(e.sha256[:16]) in layout, e.name
