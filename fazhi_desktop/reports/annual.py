"""The 法治政府建设年度报告, drafted from the self-check: what goes in which of its five parts.

Every department and township reports each year in five parts (《法治政府建设与责任落实督察工作规定》,
see ../shared/DOMAIN.md §2). The draft fills them from the period's answers — the unit's 总体情况 and
the 工作开展情况 of each task and indicator, grouped by section, under 主要举措和成效 (the tasks of the
section 压实第一责任人职责 go to the third part instead); 存在问题 (and 减分项 that happened) under
存在的不足和原因; 下一步工作打算 and the 整改措施 with their deadlines under 下一年度工作安排; 加分项 achieved
under 其他. A part with nothing to say carries a bracketed hint 【…】 for the clerk to replace. The same
value is rendered as an editable .docx (annual_docx.py) and as a PDF (annual_pdf.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from fazhi_desktop.dates import format_cn_date
from fazhi_desktop.reports import formatting as fmt
from fazhi_desktop.reports.data import ItemReport, ReportData, groups
from fazhi_desktop.reports.pdf_tables import numeral
from fazhi_desktop.selfcheck.assessments import adjustment_value

PART_TITLES = (
    "一、主要举措和成效",
    "二、存在的不足和原因",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "四、下一年度工作安排",
    "五、其他",
)

BlockKind = Literal["h2", "h3", "p", "hint"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind  # h2 （一） heading, h3 1. heading, p a paragraph, hint 【…】 for the clerk
    text: str


@dataclass
class Part:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: BlockKind, text: str) -> None:
        self.blocks.append(Block(kind, text))

    def paragraphs(self, text: str) -> None:
        for chunk in (c.strip() for c in text.replace("\r\n", "\n").split("\n")):
            if chunk:
                self.add("p", chunk)


@dataclass(frozen=True)
class AnnualReport:
    title: str
    unit: str
    date: str  # 2022年1月15日
    parts: tuple[Part, ...]


def report_year(data: ReportData) -> str:
    """`2021` from the period label (`2021年度`, `2021年上半年`), else the plan's year."""
    m = re.match(r"(\d{4})", data.period_label)
    return m.group(1) if m else str(data.plan.year)


def annual_title(data: ReportData) -> str:
    """`县司法局2021年法治政府建设年度报告`."""
    return f"{data.unit.name}{report_year(data)}年法治政府建设年度报告"


def is_first_responsibility(item: ItemReport) -> bool:
    """Tasks of the plan's section 压实（法治建设）第一责任人职责 — part three of the annual report."""
    return item.kind == "task" and "第一责任人" in item.group_title


def _is_so(item: ItemReport) -> bool:
    """A 加分项 achieved or a 减分项 that happened (the answer is the fact: 有 / 已发生)."""
    return adjustment_value(item.opted_in, item.result) is True


def _with_text(items: list[ItemReport]) -> list[ItemReport]:
    return [i for i in items if i.answered and i.narrative.strip()]


def _item_paragraphs(part: Part, item: ItemReport, n: int) -> None:
    part.add("h3", f"{n}. {fmt.item_heading(item)}")
    part.paragraphs(item.narrative)


def build_annual_report(data: ReportData) -> AnnualReport:
    """The five parts filled from `data`."""
    one, two, three, four, five = (Part(t) for t in PART_TITLES)

    # 一、主要举措和成效
    if data.overall_text.strip():
        one.paragraphs(data.overall_text)
    else:
        one.add("hint", "【请在此概述本年度推进法治政府建设的总体情况，可在程序“总体情况”中填写。】")
    number = 0
    tasks = [i for i in data.tasks if not is_first_responsibility(i)]
    for _, title, items in [*groups(tasks), *groups(list(data.indicators))]:
        mine = _with_text(items)
        if not mine:
            continue
        number += 1
        one.add("h2", f"（{numeral(number)}）{title}")
        for n, item in enumerate(mine, 1):
            _item_paragraphs(one, item, n)

    # 二、存在的不足和原因
    problems = [i for i in data.issues() if i.problems.strip()]
    happened = [i for i in data.adjustments if i.kind == "deduction" and _is_so(i)]
    for n, item in enumerate(problems, 1):
        two.add("h3", f"{n}. {fmt.item_heading(item)}")
        two.paragraphs(item.problems)
    for n, item in enumerate((i for i in happened if i not in problems), len(problems) + 1):
        two.add("h3", f"{n}. {fmt.item_heading(item)}")
        two.paragraphs(item.narrative or "本年度发生此类情形。")
    two.add("hint", "【请结合上述问题分析原因（主观、客观），并删除本提示。】")

    # 三、党政主要负责人履行推进法治建设第一责任人职责情况
    firsts = _with_text([i for i in data.tasks if is_first_responsibility(i)])
    for n, item in enumerate(firsts, 1):
        _item_paragraphs(three, item, n)
    if not firsts:
        three.add(
            "hint",
            "【请写明党政主要负责人履行推进法治建设第一责任人职责的情况：研究部署、学法述法、督促检查等。】",
        )

    # 四、下一年度工作安排
    if data.next_steps_text.strip():
        four.paragraphs(data.next_steps_text)
    else:
        four.add("hint", "【请在此写明下一年度推进法治政府建设的主要安排，可在程序“下一步工作打算”中填写。】")
    measures = [i for i in data.issues() if i.measures.strip()]
    if measures:
        four.add("p", "针对自查发现的问题，重点抓好以下整改：")
        for n, item in enumerate(measures, 1):
            four.add("h3", f"{n}. {fmt.item_heading(item)}")
            four.paragraphs(item.measures)
            due = fmt.chinese_date(item.deadline)
            who = item.responsible_person
            tail = "；".join(
                x for x in (f"整改时限：{due}" if due else "", f"责任人：{who}" if who else "") if x
            )
            if tail:
                four.add("p", tail + "。")

    # 五、其他
    achieved = [i for i in data.adjustments if i.kind == "bonus" and _is_so(i)]
    for n, item in enumerate(achieved, 1):
        five.add("h3", f"{n}. {fmt.item_heading(item)}")
        five.paragraphs(item.narrative or "本年度取得此项成绩。")
    five.add("hint", "【如有其他需要报告的事项请在此补充，无则写“无”。】")

    return AnnualReport(
        title=annual_title(data),
        unit=data.unit.name,
        date=format_cn_date(data.generated),
        parts=(one, two, three, four, five),
    )
