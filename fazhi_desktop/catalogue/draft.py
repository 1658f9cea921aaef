"""Drafting the plan workbook from the plan document itself, for a person to check.

The drafter knows the shapes real plans take (docs/plans.md lists them): `一、` sections with `1.` or
`（一）` tasks, the unit list after each task in its common forms (`〔牵头单位：…；责任单位：…〕`,
`（牵头单位：X，配合单位：Y）`, `牵头单位：` / `配合单位：` / `责任单位：` on lines of their own, free text such
as `各乡镇按职责分工负责`), collective names, and an indicator table with 一级 / 二级 / 序号 / 三级 / 牵头单位
(and 分值 / 评分标准 where the table has them). It cleans what PDF extraction and OCR leave behind:
page-number lines, tasks split by page breaks, spaces inside words, half-width punctuation, «‹›», stray
brackets. Whatever it is not sure of goes into the 待核对 column with the reason; `plan import` refuses the
workbook until a person has cleared each one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from fazhi_desktop.catalogue.doc_text import DocText, Line
from fazhi_desktop.catalogue.model import UNIT_KINDS, UnitKind
from fazhi_desktop.catalogue.plan_import import split_outside_brackets
from fazhi_desktop.catalogue.plan_workbook import (
    MODE_NAMES,
    NO,
    SHEET_ADJUSTMENTS,
    SHEET_COLLECTIVES,
    SHEET_INDICATORS,
    SHEET_NOTES,
    SHEET_TASKS,
    SHEET_UNITS,
    YES,
    PlanSheets,
)
from fazhi_desktop.dates import split_user_date
from fazhi_desktop.errors import BadDate

CN_NUM = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{CN_NUM}]{{1,3}})\s*[、，.．]\s*(.+)$")
_ARABIC_TASK = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$")
_PAREN_CN_TASK = re.compile(rf"^[（(]\s*([{CN_NUM}]{{1,3}})\s*[）)]\s*(.*)$")
_PAGE_NUMBER = re.compile(r"^[-—–－~\s]*\d{1,3}[-—–－~\s]*$|^第\s*\d+\s*页(\s*[，,]?\s*共\s*\d+\s*页)?$")
_ROLE = re.compile(
    r"(牵头单位|牵头部门|主办单位|责任单位|责任部门|责任分工|配合单位|配合部门|协办单位|参与单位|完成时限|完成时间)\s*[:：]"
)
_ROLE_COLUMN = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "主办单位": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "责任分工": "responsible",
    "配合单位": "cooperating",
    "配合部门": "cooperating",
    "协办单位": "cooperating",
    "参与单位": "cooperating",
    "完成时限": "deadline",
    "完成时间": "deadline",
}
_OPEN = "〔[【（(［"
_CLOSE = "〕]】）)］"
_FREE_TEXT = re.compile(r"^(.+?)(按照?职责分工)?(分别|各自)?(负责|落实|实施)(落实)?$")
_OPEN_LIST = re.compile(r"^(.+?)等(有关|相关)?(部门|单位)$")
_COLLECTIVE_HINTS = ("各", "有关部门", "相关部门", "有关单位", "相关单位", "各部门", "直属机构", "等部门")
_UNITISH = re.compile(
    r"(局|办|委|部|院|政府|分局|中心|部门|办公室|委员会|管委会|站|所|队|处|公司|镇|街道|乡)$"
)
_ANGLE = str.maketrans({"«": "《", "»": "》", "‹": "〈", "›": "〉"})
_CJK = r"\u3400-\u9fff\u3000-\u303f\uff00-\uffef《》〈〉“”‘’"

# Collective names whose reach is not in doubt (the rest are guessed and marked for checking).
_KNOWN_COLLECTIVES: dict[str, tuple[str, tuple[UnitKind, ...]]] = {
    "县政府各部门": ("all", ("government_department",)),
    "县政府各部门（单位）": ("all", ("government_department",)),
    "各镇人民政府（街道办事处）": ("all", ("township",)),
    "各镇人民政府、街道办事处": ("all", ("township",)),
    "各镇（街道）": ("all", ("township",)),
    "各乡镇": ("all", ("township",)),
    "各乡镇人民政府": ("all", ("township",)),
    "各镇人民政府": ("all", ("township",)),
    "各街道办事处": ("all", ("township",)),
    "县直有关部门": ("optional", ("government_department", "party_organ", "vertical_branch")),
    "县直各部门": ("all", ("government_department", "party_organ", "vertical_branch")),
    "县政府有关部门": ("optional", ("government_department", "vertical_branch")),
    "县政府相关部门": ("optional", ("government_department", "vertical_branch")),
    "各相关部门": ("optional", ("government_department", "party_organ", "vertical_branch")),
    "各有关部门": ("optional", ("government_department", "party_organ", "vertical_branch")),
}


def clean(text: str) -> str:
    """OCR and PDF artifacts out: «‹›», spaces inside words, half-width punctuation beside Chinese."""
    text = text.translate(_ANGLE).replace("\u3000", " ")
    # A space survives only between two Latin letters ("Windows Server"); elsewhere it is extraction noise.
    text = re.sub(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])", "", text)
    text = text.replace("(", "（").replace(")", "）")
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    text = text.replace(";", "；")
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    return text.strip()


def _strip_debris(value: str) -> str:
    """Unbalanced closing brackets and separators at the end of a unit list (`(街道办事处))]`)."""
    value = value.strip().rstrip("；;，,。.、 ")
    while value and value[-1] in _CLOSE:
        opens = sum(value.count(c) for c in _OPEN)
        closes = sum(value.count(c) for c in _CLOSE)
        if closes <= opens:
            break
        value = value[:-1].rstrip("；;，,。.、 ")
    return value


@dataclass
class _Task:
    number: int
    label: str
    section: int
    parts: list[str] = field(default_factory=list)  # text lines joined without punctuation
    unit_lines: list[str] = field(default_factory=list)  # 牵头单位：… on lines of their own


@dataclass
class Drafter:
    source: str
    tasks: list[dict[str, Any]] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (label, title)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    adjustments: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, list[str]] = field(default_factory=dict)  # name → where it was seen
    checks: dict[str, list[str]] = field(default_factory=dict)  # name → reasons (units sheet)
    notes: list[dict[str, str]] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    info_checks: list[str] = field(default_factory=list)

    # --- unit lists ------------------------------------------------------------------------------
    def unit_block(self, text: str) -> tuple[str, str, str]:
        """(task text, unit block, debris after it): the block starts at the bracket before a role word."""
        m = None
        for found in _ROLE.finditer(text):
            before = text[: found.start()].rstrip()
            if before and before[-1] in _OPEN:
                m = (len(before) - 1, found.start())
                break
        if m is None:
            return text, "", ""
        start, inner = m
        depth, end = 0, len(text)
        for i in range(start, len(text)):
            if text[i] in _OPEN:
                depth += 1
            elif text[i] in _CLOSE:
                depth -= 1
                if depth == 0:
                    end = i
                    break
        return text[:start].rstrip(), text[inner:end], text[end + 1 :]

    def split_roles(self, block: str, where: str, checks: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        marks = list(_ROLE.finditer(block))
        for i, m in enumerate(marks):
            value = block[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(block)]
            column = _ROLE_COLUMN[m.group(1)]
            value = _strip_debris(value)
            if column == "deadline":
                out.setdefault("deadline", []).append(value)
                continue
            out.setdefault(column, []).extend(self.names_in(value, where, checks))
        return out

    def names_in(self, value: str, where: str, checks: list[str]) -> list[str]:
        names = []
        for piece in split_outside_brackets(value, "、，,；; \t"):
            piece = _strip_debris(clean(piece))
            if not piece:
                continue
            free = _FREE_TEXT.match(piece)
            if free and not _UNITISH.search(piece) and free.group(1) != piece:
                name = free.group(1)
                checks.append(f"原文“{piece}”是说明文字，已把其中的“{name}”作为集合名称")
                piece = name
            open_list = _OPEN_LIST.match(piece)
            if open_list:
                checks.append(f"原文“{piece}”是开放列举（…等部门），只列入了点名的单位")
                piece = open_list.group(1)
            names.append(piece)
            self.names.setdefault(piece, []).append(where)
        return names

    # --- the body: sections and tasks --------------------------------------------------------------
    def read_body(self, lines: list[str]) -> None:
        arabic = any(_ARABIC_TASK.match(x) for x in lines)
        task_re = _ARABIC_TASK if arabic else _PAREN_CN_TASK
        current: _Task | None = None
        raw_tasks: list[_Task] = []
        narrative: dict[int, list[str]] = {}
        for line in lines:
            sec = _SECTION.match(line)
            if sec and not task_re.match(line) and len(line) <= 40 and "。" not in line[:-1]:
                self.sections.append((f"{sec.group(1)}、", clean(sec.group(2)).rstrip("。")))
                current = None
                continue
            t = task_re.match(line)
            if t and self.sections:
                label = f"{t.group(1)}." if arabic else f"（{t.group(1)}）"
                current = _Task(len(raw_tasks) + 1, label, len(self.sections), [t.group(2)])
                raw_tasks.append(current)
                continue
            if current is not None and _ROLE.match(clean(line)):
                current.unit_lines.append(clean(line))
            elif current is not None:
                current.parts.append(line)  # a page break inside a task: joined as it stands
            elif self.sections:
                narrative.setdefault(len(self.sections), []).append(line)
        for number in narrative:
            if not any(t.section == number for t in raw_tasks):
                label, title = self.sections[number - 1]
                self.notes.append(
                    {"where": f"{label}{title}", "note": "这一部分是叙述性文字，没有编号的任务，未列为任务"}
                )
        for task in raw_tasks:
            self.add_task(task)

    def add_task(self, t: _Task) -> None:
        checks: list[str] = []
        where = f"T{t.number:02d}"
        text, block, debris = self.unit_block(clean("".join(t.parts)))
        debris = debris.strip()
        if debris:
            if len(debris) <= 6:
                checks.append(f"删去了单位栏后的残片“{debris}”")
            else:
                text += debris
                checks.append("单位栏之后还有文字，已接在任务内容后")
        roles: dict[str, list[str]] = {}
        for piece in ([block] if block else []) + t.unit_lines:
            for k, v in self.split_roles(piece, where, checks).items():
                roles.setdefault(k, []).extend(v)
        if not any(roles.get(k) for k in ("lead", "responsible", "cooperating")):
            checks.append("没有找到牵头或责任单位")
        if re.search(r"[，、；]{2}|^[，。；]|\S[，]\S{1,3}工作", text) and "，，" in text:
            checks.append("文字中有连续的标点，请核对")
        label, title = self.sections[t.section - 1]
        row: dict[str, Any] = {
            "id": where,
            "section_label": label,
            "section_title": title,
            "label": t.label,
            "text": text,
            "lead": "、".join(roles.get("lead", [])),
            "responsible": "、".join(roles.get("responsible", [])),
            "cooperating": "、".join(roles.get("cooperating", [])),
            "deadline": "；".join(roles.get("deadline", [])),
        }
        if checks:
            row["check"] = "；".join(checks)
        self.tasks.append(row)

    # --- the indicator table -----------------------------------------------------------------------
    def read_table(self, rows: list[Line]) -> None:
        area: dict[str, Any] | None = None
        heading: dict[str, Any] | None = None
        adjust_kind: str | None = None
        n = 0
        for line in rows:
            cells = [c for c in line.cells] if line.is_row else [line.text]
            if not any(c.strip() for c in cells):
                continue
            anchor = next(
                (i for i, c in enumerate(cells) if re.fullmatch(r"\s*\d{1,3}\s*", c)),
                None,
            )
            if anchor is None:
                continue
            before = [clean(c) for c in cells[:anchor]]
            rest = [c for c in cells[anchor + 1 :] if c.strip()]
            for pos, cell in enumerate(before):
                if not cell:
                    continue
                a = re.match(rf"^([{CN_NUM}]{{1,3}})、(.*)$", cell)
                h = re.match(r"^(\d{1,2})[.．、](.*)$", cell)
                if a:
                    title, points = _points_in(a.group(2))
                    area = {"label": f"{a.group(1)}、", "title": title, "points": points, "checks": []}
                    heading = None
                    adjust_kind = "adjust" if re.search("附加|加分|减分|加减分", title) else None
                elif h:
                    title, points = _points_in(h.group(2))
                    heading = {"label": f"{h.group(1)}.", "title": title, "points": points, "checks": []}
                    if adjust_kind is not None:
                        adjust_kind = "deduction" if "减" in title else "bonus"
                else:
                    # An unmarked cell continues the title above it (a page break or a merged cell):
                    # in the first column the 一级指标, further right the 二级指标.
                    target = area if pos == 0 else heading
                    if target is not None:
                        target["title"] += cell
                        target["checks"].append(f"标题由跨页或跨行的“{cell}”接续而成，请核对是否有重复或缺字")
            if not rest:
                continue
            text = clean(rest[0])
            tail = rest[1:]
            if adjust_kind in ("bonus", "deduction"):
                kind = adjust_kind
                count = sum(1 for a in self.adjustments if a["kind_code"] == kind) + 1
                points = next((_number(c) for c in tail if _number(c) is not None), None)
                self.adjustments.append(
                    {
                        "id": f"{'B' if kind == 'bonus' else 'D'}{count}",
                        "kind": "加分项" if kind == "bonus" else "减分项",
                        "kind_code": kind,
                        "text": text,
                        "points": points,
                    }
                )
                continue
            if area is None or heading is None:
                continue
            n += 1
            where = f"I{n:02d}"
            checks: list[str] = []
            lead_cells, points, criteria = [], None, []
            for c in tail:
                if _number(c) is not None and points is None:
                    points = _number(c)
                elif re.search(r"扣|得分|分值|不得分", c):
                    criteria.append(clean(c))
                else:
                    lead_cells.append(c)
            leads: list[str] = []
            for c in lead_cells:
                leads += self.names_in(c, where, checks)
            if not leads:
                checks.append("表格中这一行没有牵头单位")
            row = {
                "id": where,
                "area_label": area["label"],
                "area_title": area["title"],
                "area_points": area["points"],
                "heading_label": heading["label"],
                "heading_title": heading["title"],
                "heading_points": heading["points"],
                "label": str(int(cells[anchor])),
                "text": text,
                "lead": "、".join(leads),
                "points": points,
                "criteria": "；".join(criteria),
                "_area": area,
                "_heading": heading,
                "_checks": checks,
            }
            self.indicators.append(row)
        for row in self.indicators:  # titles may have grown after the row was read
            row["area_title"], row["heading_title"] = row["_area"]["title"], row["_heading"]["title"]
            checks = row.pop("_checks") + row.pop("_area")["checks"] + row.pop("_heading")["checks"]
            if checks:
                row["check"] = "；".join(dict.fromkeys(checks))

    # --- metadata and the directory ----------------------------------------------------------------
    def read_head(self, lines: list[str]) -> None:
        text = "\n".join(lines)
        title = next(
            (clean(x) for x in lines if re.search(r"\d{4}\s*\S.*(工作计划|工作要点|实施方案|工作安排)$", x)),
            "",
        )
        self.info["title"] = title
        if title:
            self.info_checks.append("标题取自正文标题")
        doc = re.search(r"[\u4e00-\u9fa5]{1,12}〔\s*\d{4}\s*〕\s*\d+\s*号", text)
        self.info["doc_number"] = clean(doc.group(0)) if doc else ""
        year = re.search(r"(?<!\d)(\d{4})(?!\d)", title)
        self.info["year"] = int(year.group(1)) if year else ""
        county = re.match(r"^(.{1,10}?[县市区旗])(?=\d{4})", title)
        self.info["county"] = county.group(1) if county else ""
        date = next((d for d in (_date_line(clean(x)) for x in lines) if d is not None), None)
        self.info["issue_date"] = date.isoformat() if date else ""
        issuer = next((clean(x) for x in lines if _ISSUER.match(clean(x))), "")
        self.info["issuer"] = issuer
        annex = next(
            (clean(x) for x in lines if re.search(r"指标体系|考核细则|评分细则", x) and len(x) < 40), ""
        )
        self.info["indicator_system_title"] = annex.removeprefix("附件：").removeprefix("附件")
        self.info["id"] = f"plan-{self.info['year']}" if self.info["year"] else ""
        self.info["version"] = "1.0.0"
        self.info["source"] = self.source

    def directory(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        units, collectives = [], []
        all_names = list(self.names)
        for name in all_names:
            reasons = list(self.checks.get(name, []))
            if _is_collective(name):
                mode, kinds = _KNOWN_COLLECTIVES.get(name, (None, ()))
                if mode is None:
                    mode, kinds = _guess_collective(name)
                    reasons.append("集合名称的方式和涵盖的单位类别是程序推测的")
                collectives.append(
                    {
                        "name": name,
                        "mode": MODE_NAMES[mode],
                        "kinds": "；".join(UNIT_KINDS[k] for k in kinds),
                        "check": "；".join(reasons),
                    }
                )
                continue
            kind, sure = _guess_kind(name)
            if not sure:
                reasons.append(f"单位类别“{UNIT_KINDS[kind]}”是程序推测的")
            longer = [o for o in all_names if o != name and o.startswith(name) and not _is_collective(o)]
            similar = [
                o
                for o in all_names
                if o != name
                and not _is_collective(o)
                and difflib.SequenceMatcher(None, name, o).ratio() > 0.8
            ]
            for other in dict.fromkeys(longer + similar):
                reasons.append(f"可能与“{other}”是同一单位；如是，请把其中一个写入另一个的“别名”并删除此行")
            units.append(
                {"name": name, "kind": UNIT_KINDS[kind], "in_document": YES, "check": "；".join(reasons)}
            )
        return units, collectives

    def sheets(self) -> PlanSheets:
        units, collectives = self.directory()
        for a in self.adjustments:
            a.pop("kind_code", None)
        info = dict(self.info)
        notes = self.notes + [{"where": "起草", "note": f"由 fazhi-desktop plan draft 从 {self.source} 起草"}]
        return PlanSheets(
            info,
            {
                SHEET_TASKS: self.tasks,
                SHEET_INDICATORS: self.indicators,
                SHEET_ADJUSTMENTS: self.adjustments,
                SHEET_UNITS: units,
                SHEET_COLLECTIVES: collectives,
                SHEET_NOTES: notes,
            },
        )


def _date_line(text: str) -> dt.date | None:
    """The date of a line that is only a date (the sign-off `2021年6月23日`, `…印发`), else None."""
    try:
        day, rest = split_user_date(text)
    except BadDate:
        return None
    return day if rest.strip() in ("", "印发") else None


class _SignOff:
    @staticmethod
    def match(text: str) -> bool:
        return text.startswith(("抄送：", "抄送:")) or _date_line(text) is not None


_SIGN_OFF = _SignOff()
_ISSUER = re.compile(r"^[\u4e00-\u9fa5]{2,20}(人民政府办公室|人民政府|办公室|司法局|委员会)$")


def _number(cell: str) -> float | None:
    m = re.fullmatch(r"\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?\s*", cell)
    return float(m.group(1)) if m else None


def _points_in(title: str) -> tuple[str, float | None]:
    """`政府职能依法全面履行（10分）` → the title and 10."""
    m = re.search(r"[（(]\s*(\d{1,3}(?:\.\d)?)\s*分\s*[）)]$", title)
    if m:
        return title[: m.start()], float(m.group(1))
    return title, None


def _is_collective(name: str) -> bool:
    return (
        name in _KNOWN_COLLECTIVES
        or any(h in name for h in _COLLECTIVE_HINTS)
        and name.startswith(("各", "县直", "县政府", "市直", "市属", "县属", "有关", "相关", "其他"))
    )


def _guess_collective(name: str) -> tuple[str, tuple[UnitKind, ...]]:
    mode = "optional" if re.search("有关|相关|其他", name) else "all"
    if re.search("镇|乡|街道", name):
        return mode, ("township",)
    if "县政府" in name:
        return mode, ("government_department",)
    if re.search(r"县\(|县（|区、|县级市", name):
        return mode, ("other",)
    return mode, ("government_department", "party_organ", "vertical_branch")


def _guess_kind(name: str) -> tuple[UnitKind, bool]:
    """A unit's kind from its name, and whether the guess is safe."""
    if re.search(r"(镇人民政府|乡人民政府|街道办事处|镇|乡|街道)$", name):
        return "township", True
    if re.search(r"^(县|市|区)?(委|纪委|中共)|县委|纪委监委|^县纪委", name):
        return "party_organ", True
    if re.search(r"法院|检察院", name):
        return "court_procuratorate", True
    if re.search(r"^[\u4e00-\u9fa5]{1,6}市.+分局$|税务局$|气象局$|供电|海关|国家|烟草|邮政", name):
        return "vertical_branch", False
    if re.search(r"^(县|区|市)[\u4e00-\u9fa5]{1,16}(局|办|办公室|委员会|委)$", name):
        return "government_department", True
    return "other", False


def _table_start(lines: tuple[Line, ...]) -> int | None:
    for i, line in enumerate(lines):
        cells = [clean(c) for c in (line.cells or (line.text,))]
        if any("三级指标" in c for c in cells) or (
            any(c in ("序号", "编号") for c in cells) and any("指标" in c for c in cells)
        ):
            return i
    return None


def draft_plan(doc: DocText) -> PlanSheets:
    """The workbook content drafted from a document's text."""
    d = Drafter(doc.source)
    lines = [ln for ln in doc.lines if not _PAGE_NUMBER.match(ln.text.strip()) or not ln.text.strip()]
    table_at = _table_start(tuple(lines))
    body_lines = lines[:table_at] if table_at is not None else lines
    texts = [ln.text.strip() for ln in body_lines if ln.text.strip() and not ln.is_row]
    first_section = next((i for i, x in enumerate(texts) if _SECTION.match(x) and len(x) <= 40), len(texts))
    end = next(
        (
            i
            for i, x in enumerate(texts)
            if i > first_section and (re.match(r"^附件[:：]?", x) or _SIGN_OFF.match(x))
        ),
        len(texts),
    )
    if (
        end < len(texts)
        and _SIGN_OFF.match(texts[end])
        and _ISSUER.match(texts[end - 1])
        and end - 1 > first_section
    ):
        end -= 1  # the issuer's name above the date closes the document too
    d.read_head(texts[:first_section] + texts[end:] + [ln.text for ln in lines[table_at or len(lines) :][:3]])
    d.read_body(texts[first_section:end])
    if table_at is not None:
        d.read_table(list(lines[table_at + 1 :]))
        if not d.info.get("indicator_system_title"):
            d.info["indicator_system_title"] = "指标体系"
    elif not d.info.get("indicator_system_title"):
        d.info["indicator_system_title"] = "（本计划无指标体系）"
    return d.sheets()


def draft_summary(content: PlanSheets) -> list[str]:
    rows = content.rows
    checks = sum(1 for name in rows for r in rows[name] if r.get("check"))
    return [
        f"起草了 {len(rows[SHEET_TASKS])} 项任务、{len(rows[SHEET_INDICATORS])} 项指标、"
        f"{len(rows[SHEET_ADJUSTMENTS])} 项加减分项；单位 {len(rows[SHEET_UNITS])} 个，"
        f"集合名称 {len(rows[SHEET_COLLECTIVES])} 个",
        f"待核对 {checks} 行（黄色底色）：核对改正后清空“待核对”格，再用 plan import 导入",
        *(f"计划信息“{k}”未能识别，请填写" for k in ("province", "city") if not content.info.get(k)),
    ]


__all__ = ["NO", "draft_plan", "draft_summary", "clean"]
