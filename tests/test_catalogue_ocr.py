"""Every item of resources/plans/shen-2021.json against the OCR text of 莘政办发〔2021〕10号 itself.

tests/data/shen-2021-plan.txt is a verbatim copy of the OCR source (the document is public: 此件公开发布).
Each item's text, lead and responsible units are read back out of the OCR, the OCR artifacts that the
catalogue's notes say were removed (half-width punctuation, spaces, page breaks, bracket debris) are
normalised away, and the result must equal the catalogue — except for the few judgement calls listed
below, each of which must be recorded in the catalogue's notes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
OCR = (HERE / "data" / "shen-2021-plan.txt").read_text(encoding="utf-8")
DOC = json.loads((HERE.parent / "resources" / "plans" / "shen-2021.json").read_text(encoding="utf-8"))
TASKS = {t["id"]: t for s in DOC["sections"] for t in s["tasks"]}
INDICATORS = {i["id"]: i for a in DOC["areas"] for h in a["headings"] for i in h["indicators"]}
NOTES: dict[str, str] = {}
for _n in DOC["notes"]:
    NOTES[_n["where"]] = NOTES.get(_n["where"], "") + _n["note"]

# Judgement calls: the catalogue reads differently from the OCR on purpose (see the notes).
TEXT_JUDGEMENTS = {
    "T03": ("听取法治政府，建设工作汇报", "听取法治政府建设工作汇报"),  # stray OCR comma
    "I11": ("一事情原则上", "一件事情原则上"),  # a character the OCR lost
    "I15": ("方针政策and法律法规", "方针政策和法律法规"),  # an OCR misreading
    "I30": ("并行根据实际情况", "并根据实际情况"),  # an OCR extra character
}
LEAD_JUDGEMENTS = {"I87": ([], ["县委组织部"])}  # the OCR row has no lead cell


def norm(text: str) -> str:
    """The OCR artifacts the notes describe, removed: half-width punctuation and every space."""
    for half, full in (("(", "（"), (")", "）"), (",", "，"), (";", "；"), (":", "：")):
        text = text.replace(half, full)
    return re.sub(r"\s+", "", text)


def _ocr_tasks() -> dict[str, tuple[str, list[str], list[str]]]:
    body = OCR[OCR.index("一、深入学习贯彻") : OCR.index("附件：")]
    chunks: dict[int, str] = {}
    current = None
    for line in body.splitlines():
        m = re.match(r"^(\d{1,2})\.(?!\d)\s*(.*)$", line)
        if m:
            current = int(m.group(1))
            chunks[current] = m.group(2)
        elif re.match(r"^[一二三四五六七]、", line):
            current = None
        elif current and line.strip():
            chunks[current] += line  # a page break inside a task: joined without punctuation
    out = {}
    for number, raw in chunks.items():
        m = re.fullmatch(r"(.*)〔牵头单位：(.*?)；责任单位：(.*)", norm(raw))
        assert m, raw
        responsible = m.group(3).split("〕")[0].rstrip("]")  # OCR debris after the closing bracket
        while responsible.count("）") > responsible.count("（"):  # "(街道办事处))" and the like
            responsible = responsible[:-1].rstrip("]")
        out[f"T{number:02d}"] = (m.group(1), m.group(2).split("、"), responsible.split("，"))
    return out


def _ocr_rows() -> dict[int, tuple[str, list[str]]]:
    table = OCR[OCR.index("一级指标\t二级指标") : OCR.index("九、附加项")]
    rows: dict[int, tuple[str, list[str]]] = {}
    for line in table.splitlines():
        cells = line.split("\t")
        for i, cell in enumerate(cells):
            if re.fullmatch(r"\d{1,2}", cell.strip()):
                rest = [c for c in cells[i + 1 :] if c.strip()]
                if rest and len(rest[0]) > 15:
                    lead = rest[1] if len(rest) > 1 else ""
                    rows[int(cell)] = (rest[0], [u for u in re.split(r"[\s、]+", lead) if u])
                break
    return rows


OCR_TASKS = _ocr_tasks()
OCR_ROWS = _ocr_rows()


def test_the_ocr_yields_every_item():
    assert sorted(OCR_TASKS) == sorted(TASKS) and len(TASKS) == 30
    assert sorted(OCR_ROWS) == list(range(1, 95)) and len(INDICATORS) == 94


@pytest.mark.parametrize("item_id", sorted(TASKS))
def test_task_matches_the_document(item_id):
    text, lead, responsible = OCR_TASKS[item_id]
    task = TASKS[item_id]
    if item_id in TEXT_JUDGEMENTS:
        ocr, ours = TEXT_JUDGEMENTS[item_id]
        assert ocr in text and item_id in NOTES
        text = text.replace(ocr, ours)
    assert task["text"] == text
    assert task["lead"] == lead
    assert task["responsible"] == responsible


@pytest.mark.parametrize("item_id", sorted(INDICATORS))
def test_indicator_matches_the_document(item_id):
    text, lead = OCR_ROWS[INDICATORS[item_id]["number"]]
    text = norm(text)
    if item_id in TEXT_JUDGEMENTS:
        ocr, ours = TEXT_JUDGEMENTS[item_id]
        assert ocr in text and item_id in NOTES
        text = text.replace(ocr, ours)
    if item_id in LEAD_JUDGEMENTS:
        ocr_lead, ours_lead = LEAD_JUDGEMENTS[item_id]
        assert lead == ocr_lead and item_id in NOTES
        lead = ours_lead
    assert INDICATORS[item_id]["text"] == text
    assert INDICATORS[item_id]["lead"] == lead


def test_section_titles_match_the_document():
    found = re.findall(r"^([一二三四五六七])、(.+)$", OCR[OCR.index("一、深入") : OCR.index("附件：")], re.M)
    assert [norm(t) for _, t in found] == [s["title"] for s in DOC["sections"]]


def test_area_titles_match_the_document_once_page_breaks_are_joined():
    ocr = norm(OCR[OCR.index("一级指标\t二级指标") : OCR.index("抄送")])
    for area in DOC["areas"]:
        title = area["title"]
        # A title split by a page break (二、依法行 / 政制度体系完善) shows up as its two halves.
        assert title in ocr or any(title[:k] in ocr and title[k:] in ocr for k in range(2, len(title) - 1)), (
            title
        )


def test_headings_exist_in_the_document():
    ocr = norm(OCR[OCR.index("一级指标\t二级指标") : OCR.index("九、附加项")])
    for area in DOC["areas"]:
        for h in area["headings"]:
            t = h["title"]
            assert t in ocr or any(t[:k] in ocr and t[k:] in ocr for k in range(2, len(t) - 1)), t


def test_adjustment_items_match_the_document():
    rows = [line.split("\t") for line in OCR[OCR.index("九、附加项") : OCR.index("抄送")].splitlines()]
    texts = [next(c for c in r if len(c) > 10) for r in rows if any(len(c) > 10 for c in r)]
    assert texts == [a["text"] for a in DOC["adjustments"]]
    assert [a["id"] for a in DOC["adjustments"]] == ["B1", "B2", "D1", "D2"]
