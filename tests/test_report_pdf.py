"""The PDF 自查报告, read back with poppler (pdftotext, pdffonts, pdfinfo from Debian's poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportdata_sample import (
    FINGERPRINT,
    NEXT_STEPS_TEXT,
    NO_GLYPH_PERSON,
    OVERALL_TEXT,
    PACKAGE_ID,
    RARE_PERSON,
    RARE_PERSON_B,
    sample_report,
)

from fazhi_desktop.reports import linebreak
from fazhi_desktop.reports.formatting import display_fingerprint, grouped_hex, item_heading
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
        """All text without the page numbers, whitespace removed (lines rejoined)."""
        keep = []
        for line in self.text.replace("\f", "\n").splitlines():
            s = line.strip()
            if re.fullmatch(r"—\s*\d+\s*—", s):
                continue
            keep.append(s)
        # pdftotext sometimes sets the page number inside the page's last line of text: cut it out anywhere.
        return re.sub(r"—\d+—", "", re.sub(r"\s+", "", "".join(keep)))


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


def test_cover_carries_the_fingerprint_line_and_no_technical_identifiers(rendered, data):
    cover = rendered.pages[0]
    assert data.unit.name in cover
    assert "2021年度法治政府建设自查报告" in cover
    assert "本单位签名密钥指纹" in cover and display_fingerprint(FINGERPRINT) in cover
    assert "2022年1月15日" in cover
    # No package id, no plan hash, no full 64-digit fingerprint, nothing that looks like a UUID or a hash.
    assert PACKAGE_ID not in cover
    flat = re.sub(r"\s", "", cover)
    assert data.plan.sha256[:16].upper() not in flat.upper() and "SHA-256" not in cover
    assert FINGERPRINT not in flat
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", cover, re.I)
    # They are all on the last page, 电子签名信息.
    last = rendered.pages[-1]
    assert "电子签名信息" in last
    assert PACKAGE_ID in last and "pkg-2022-0110-11aa22bb" in last
    tail = re.sub(r"\s", "", last)
    assert FINGERPRINT in tail and data.plan.sha256.upper() in tail
    assert all(PACKAGE_ID not in p for p in rendered.pages[:-1])


def test_every_task_narrative_is_printed_whole(rendered, data):
    body = rendered.body()
    tasks = [t for t in data.tasks if t.answered and t.narrative]
    assert len(tasks) > 10
    for task in tasks:
        for paragraph in task.narrative.split("\n"):
            assert re.sub(r"\s", "", paragraph) in body, task.id


def test_sections_in_order_and_signature_block(rendered, data):
    body = rendered.body()
    heads = [
        "县司法局2021年度法治政府建设自查报告一、总体情况",
        "一、总体情况",
        "二、工作任务落实情况",
        "三、示范创建指标自评情况",
        "四、加分项和减分项",
        "五、存在问题",
        "六、整改措施",
        "七、下一步工作打算",
        "特此报告。县司法局2022年1月15日",
        "附件佐证材料清单",
        "电子签名信息",
    ]
    positions = [body.find(h) for h in heads]
    assert all(p >= 0 for p in positions), dict(zip(heads, positions, strict=True))
    assert positions == sorted(positions)


def test_signature_block_shares_its_page_with_the_text(rendered, data):
    """特此报告。, the unit name and the date printed, never alone on a page."""
    page = next(p for p in rendered.pages if "特此报告" in p)
    flat = re.sub(r"\s", "", page)
    assert "特此报告。县司法局2022年1月15日" in flat
    before = flat[: flat.index("特此报告")]
    last_paragraph = NEXT_STEPS_TEXT.split("\n")[-1]
    assert len(before) > 20 and last_paragraph[-20:] in before
    # The layout: unit name and date right-aligned, the date right of the text's middle.
    number = str(rendered.pages.index(page) + 1)
    bbox = poppler("pdftotext", "-bbox", "-f", number, "-l", number, str(rendered.path), "-")
    x_min, x_max = (
        float(v) for v in re.search(r'xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>2022年1月15日<', bbox).groups()
    )
    assert x_min > 595.28 / 2 and x_max < 595.28 - 26 * 2.835 - 3 * 16, (
        x_min,
        x_max,
    )  # right, 4 characters in


def test_the_units_own_words_lead_part_one_and_close_the_report(rendered):
    body = rendered.body()
    one = body.index("一、总体情况")
    for paragraph in OVERALL_TEXT.split("\n"):
        at = body.find(re.sub(r"\s", "", paragraph))
        assert one < at < body.index("各板块填报进度"), paragraph  # before the generated figures
    seven = body.index("七、下一步工作打算")
    for paragraph in NEXT_STEPS_TEXT.split("\n"):
        at = body.find(re.sub(r"\s", "", paragraph))
        assert seven < at < body.index("特此报告"), paragraph


def test_items_are_headed_by_their_own_words_never_cut(rendered, data):
    body = rendered.body()
    assert "T01任务1" not in body and "T01 任务1" not in rendered.text
    for item in data.tasks:
        assert re.sub(r"\s", "", item_heading(item)) in body, item.id
    # 存在问题 and 整改措施 are headed by the item's whole first sentence, never cut with "…".
    problems = body[body.index("五、存在问题") : body.index("七、下一步工作打算")]
    assert "…" not in problems
    for item in data.issues():
        assert re.sub(r"\s", "", item_heading(item)) in problems, item.id


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
    for face in ("ZhuqueFangsong", "FazhiHei", "FazhiKai", "FazhiBiaosong", "FazhiSongFigures"):
        assert face in names, names
    assert "HanaMinA" in names  # the fallback carries 㭎 and 𠀀
    assert all(f["type"] == "TrueType" for f in fonts)
    assert "Helvetica" not in names


def test_rare_characters_come_out_and_missing_ones_are_visible(rendered):
    assert RARE_PERSON in rendered.text  # U+3B4E, CJK Extension A
    assert RARE_PERSON_B in rendered.text  # U+20000, Extension B: needs the surrogate-pair ToUnicode fix
    assert "张[U+2A6D6]" in rendered.body()
    assert NO_GLYPH_PERSON not in rendered.text
    assert any("U+2A6D6" in w for w in rendered.warnings)
    assert len(rendered.warnings) == 1


def test_page_numbers_dashed_odd_right_even_left_cover_unnumbered(rendered):
    total = int(rendered.info["Pages"])
    assert total == len(rendered.pages) > 20
    assert not re.search(r"—\s*\d+\s*—", rendered.pages[0])
    page_width = 595.28
    for physical in range(2, total + 1):
        number = physical - 1
        bbox = poppler(
            "pdftotext", "-bbox", "-f", str(physical), "-l", str(physical), str(rendered.path), "-"
        )
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', bbox
        )
        hits = [
            (float(x0), float(y0), float(x1))
            for i, (x0, y0, x1, w) in enumerate(words)
            if w == str(number) and i and words[i - 1][3] == "—"
        ]
        assert len(hits) == 1, (physical, hits)
        x0, y0, x1 = hits[0]
        assert y0 > 297 * 2.835 - 35 * 2.835, physical  # below the text block
        if number % 2:
            assert x1 > page_width - 26 * 2.835 - 40, (physical, x1)  # right, one character in
        else:
            assert x0 < 28 * 2.835 + 40, (physical, x0)


def test_body_headings_and_title_use_the_gongwen_faces(rendered, data):
    """Read back with pypdf: which font each piece of text is drawn in."""
    from pypdf import PdfReader

    reader = PdfReader(str(rendered.path))
    runs: list[tuple[str, str, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and font_dict:
            runs.append((font_dict.get("/BaseFont", ""), text.strip(), font_size))

    for page in reader.pages[1:8]:
        page.extract_text(visitor_text=visit)

    # reportlab splits a face into subsets of 256 glyphs (AAAAAA+, AAAAAB+ …), so a line comes in many
    # runs: join them and name the faces under each character of the fragment.
    joined = "".join(t for _, t, _ in runs)
    faces = [str(f).split("+")[-1] for f, t, _ in runs for _ in t]

    def face_of(fragment: str) -> set[str]:
        at = joined.find(fragment)
        assert at >= 0, fragment
        return set(faces[at : at + len(fragment)])

    assert face_of("一、总体情况") == {"FazhiHei-Regular"}
    assert face_of("（一）深入学习贯彻习近平法治思想") == {"FazhiKai-Regular"}
    assert face_of("法治政府建设自查报告") == {"FazhiBiaosong-Bold"}
    sentence = "明确公众参与"  # from the tasks' 工作开展情况
    assert face_of(sentence) == {"ZhuqueFangsong-Regular"}
    assert face_of("主要负责人亲自部署") == {"ZhuqueFangsong-Regular"}  # the unit's own words


def test_printed_in_black_no_coloured_headings(rendered):
    """No blue: every fill colour set in the content streams of a final report is a grey."""
    from pypdf import PdfReader

    reader = PdfReader(str(rendered.path))
    for page in reader.pages[:8]:
        stream = page.get_contents().get_data().decode("latin-1")
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", stream):
            assert r == g == b, (r, g, b)


def test_table_headers_repeat_on_every_page_of_a_long_table(rendered):
    start = next(n for n, p in enumerate(rendered.pages) if "三、示范创建指标自评情况" in p)
    end = next(n for n, p in enumerate(rendered.pages) if "四、加分项和减分项" in p)
    assert end - start >= 2, "the indicator table should run over several pages"
    for page in rendered.pages[start:end]:
        assert "三级指标" in page and "工作开展情况" in page
    # On the continuation pages the header stands once, at the top — never repeated mid-page.
    for number in range(start + 2, end + 1):
        bbox = poppler("pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(rendered.path), "-")
        tops = [float(m) for m in re.findall(r'yMin="([\d.]+)"[^>]*>三级指标<', bbox)]
        assert len(tops) == 1 and tops[0] < 37 * 2.835 + 30, (number, tops)
    ev_start = next(n for n, p in enumerate(rendered.pages) if "佐证材料清单" in p and "附件" in p)
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
    # The name wraps inside its column: read that column alone (x from 37 to 77 mm, in points).
    page = next(n for n, p in enumerate(rendered.pages, 1) if "关于印发《县司法局" in p)
    column = poppler(
        "pdftotext",
        "-f",
        str(page),
        "-l",
        str(page),
        "-x",
        "105",
        "-y",
        "0",
        "-W",
        "113",
        "-H",
        "842",
        str(rendered.path),
        "-",
    )
    assert re.sub(r"\s", "", e.name) in re.sub(r"\s", "", column)
    assert e.sha256[:16].upper() in re.sub(r"\s", "", rendered.text)
    assert "2021年4月15日" in body and "2021-04-15" not in rendered.text
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
        # All whole faces or large subsets but the page-number figures (14 characters).
        assert (fonts_dir() / spec.file).stat().st_size > (2_000 if "Figures" in spec.file else 1_000_000)
        licence = (fonts_dir() / spec.licence_file).read_text(encoding="utf-8")
        assert "Copyright" in licence
    assert "Apache License" in (fonts_dir() / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in (fonts_dir() / "LICENSE-hanazono.txt").read_text(encoding="utf-8")
    assert (
        "SIL OPEN FONT LICENSE"
        in (fonts_dir() / "ZhuqueFangsong-OFL.txt").read_text(encoding="utf-8").upper()
    )
    zenhei = (fonts_dir() / "LICENSE-wqy-zenhei.txt").read_text(encoding="utf-8")
    assert "Font embedding exception" in zenhei and "GNU GENERAL PUBLIC LICENSE" in zenhei
    assert "Reserved Font Names" in (fonts_dir() / "LICENSE-lxgw-wenkai.txt").read_text(encoding="utf-8")
    assert "SIL" in (fonts_dir() / "LICENSE-noto-cjk.txt").read_text(encoding="utf-8")
    # The subsets are TrueType (reportlab refuses CFF), renamed where the licence reserves the name.
    from fontTools.ttLib import TTFont

    figures = TTFont(str(fonts_dir() / "FazhiSongFigures-Regular.ttf"))
    assert "glyf" in figures and figures["name"].getDebugName(1) == "Fazhi Song Figures"
    assert set("0123456789— ") <= {chr(c) for c in figures.getBestCmap()}
    for file, family in (
        ("FazhiBiaosong-Bold.ttf", "Fazhi Biaosong"),
        ("FazhiKai-Regular.ttf", "Fazhi Kai"),
        ("FazhiHei-Regular.ttf", "Fazhi Hei"),
    ):
        face = TTFont(str(fonts_dir() / file))
        assert "glyf" in face and "CFF " not in face, file
        assert face["name"].getDebugName(1) == family and "LXGW" not in face["name"].getDebugName(4)
        assert len(face.getBestCmap()) > 7400, file


_PLAIN_REPORT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from reportdata_sample import sample_report
from reportlab.pdfbase import pdfmetrics
from fazhi_desktop.reports.pdf import write_pdf
warnings = []
write_pdf(sample_report("燕店镇", evidence_count=3, common_only=True), Path(sys.argv[1]), warnings=warnings)
print(" ".join(sorted(name for name in pdfmetrics.getRegisteredFontNames() if name.startswith("Fazhi"))))
"""


def test_a_report_in_common_characters_never_parses_the_wide_fallbacks(tmp_path):
    """Micro Hei and Hanazono (62 MB in memory once parsed) are parsed only when a character needs
    them; a fresh process, since the faces stay registered for the rest of a process."""
    import sys

    out = tmp_path / "plain.pdf"
    tests_dir = str(Path(__file__).resolve().parent)
    run = subprocess.run(
        [sys.executable, "-c", _PLAIN_REPORT, str(out), tests_dir],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(tests_dir).parent,
    )
    registered = run.stdout.split()
    assert "FazhiFangsong" in registered and "FazhiSongFigures" in registered
    assert "FazhiHanaMinA" not in registered and "FazhiWqyMicroHei" not in registered
    names = " ".join(f["name"] for f in fonts_table(out))
    assert "FazhiSongFigures" in names and "HanaMinA" not in names
    assert re.search(r"—\s*1\s*—", poppler("pdftotext", "-f", "2", "-l", "2", str(out), "-"))


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
    assert re.sub(r"\s", "", page2).startswith("㭎𠀀镇人民政府2021年度法治政府建设自查报告")  # the title
    assert "㭎𠀀镇人民政府" in poppler("pdftotext", "-f", "1", "-l", "1", str(path), "-")
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
            if ln.strip() and not re.fullmatch(r"—\s*\d+\s*—", ln.strip())
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


def test_every_face_falls_back_for_rare_characters_never_a_box():
    """㭎 (Extension A) and 𠀀 (Extension B) in a heading, the title or the body: each role's chain
    hands them to a face that has them."""
    from fazhi_desktop.reports.fonts import FALLBACK, ROLE_FACES, register_font_roles

    roles = register_font_roles()
    assert set(roles) == set(ROLE_FACES)
    for role, chain in roles.items():
        assert chain.primary == role
        runs = chain.runs(f"王{RARE_PERSON[-1]}李{RARE_PERSON_B[1]}华")
        assert runs[0][0] == role and runs[0][1].startswith("王")
        assert all(font is not None for font, _ in runs)
        assert chain.font_for(RARE_PERSON_B[1]) == FALLBACK  # 𠀀: only Hanazono has it
        assert chain.missing(RARE_PERSON + RARE_PERSON_B) == []
        # A common character outside GB 2312 that the subset faces lack still finds a face.
        assert chain.font_for("韡") is not None
