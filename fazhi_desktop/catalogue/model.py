"""Plain, immutable data for one plan catalogue (formats `fazhi-plan/1` and `/2`, see docs/catalogue-format.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from fazhi_desktop.errors import UnknownItem

UnitKind = Literal[
    "government_department", "party_organ", "court_procuratorate", "township", "vertical_branch", "other"
]
UNIT_KINDS: dict[str, str] = {
    "government_department": "政府部门",
    "party_organ": "党委机关",
    "court_procuratorate": "法院、检察院",
    "township": "镇、街道",
    "vertical_branch": "垂直管理部门",
    "other": "其他单位",
}
ItemKind = Literal["task", "indicator", "bonus", "deduction"]
ITEM_KIND_NAMES: dict[str, str] = {
    "task": "任务",
    "indicator": "指标",
    "bonus": "加分项",
    "deduction": "减分项",
}
ADJUSTMENT_KINDS: frozenset[str] = frozenset({"bonus", "deduction"})
# The three groups items are listed and counted in. 附加项 is the plan's own heading (九、附加项) for its
# 加分项 and 减分项 together: the one name of that group in progress figures, the workbook and the command
# line; the report's chapter spells it out as ADJUSTMENTS_SPELLED_OUT.
GroupKind = Literal["section", "area", "adjustments"]
GROUP_KIND_NAMES: dict[str, str] = {"section": "工作计划", "area": "示范创建指标", "adjustments": "附加项"}
ADJUSTMENTS_GROUP = GROUP_KIND_NAMES["adjustments"]
ADJUSTMENTS_SPELLED_OUT = f"{ITEM_KIND_NAMES['bonus']}和{ITEM_KIND_NAMES['deduction']}"


@dataclass(frozen=True)
class PlanMeta:
    id: str
    version: str
    title: str
    doc_number: str
    issuer: str
    issue_date: str
    year: int
    province: str
    city: str
    county: str
    indicator_system_title: str
    source: str = ""


@dataclass(frozen=True)
class Unit:
    name: str
    kind: UnitKind
    aliases: tuple[str, ...] = ()
    in_document: bool = True
    note: str = ""
    # Names the unit had before a 机构改革 rename: found again by them, but never written by them.
    former_names: tuple[str, ...] = ()

    @property
    def kind_name(self) -> str:
        return UNIT_KINDS[self.kind]


@dataclass(frozen=True)
class Collective:
    name: str
    mode: Literal["all", "optional"]
    kinds: tuple[UnitKind, ...]
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Item:
    """Anything a unit answers: a task, an indicator or an adjustment item."""

    id: str
    kind: ItemKind
    number: int
    text: str
    lead: tuple[str, ...] = ()  # names as the document writes them
    responsible: tuple[str, ...] = ()
    group_number: int = 0  # section number, or area number, or 0
    group_title: str = ""  # section title, area title, 加分项/减分项
    heading_number: int = 0  # indicators only
    heading_title: str = ""
    # Format 2 (all optional; format-1 plans leave them empty):
    cooperating: tuple[str, ...] = ()  # 配合单位
    label: str = ""  # numbering as the document writes it: 1. （一） （1）
    deadline: str = ""  # 完成时限: YYYY-MM-DD, or a text such as 长期坚持 / 年底前
    points: float | None = None  # 分值
    criteria: str = ""  # 评分标准
    method: str = ""  # 考核方式
    evidence_required: tuple[str, ...] = ()  # 佐证材料要求
    cap: float | None = None  # adjustment items: 累计不超过 N 分

    @property
    def display_number(self) -> str:
        """The numbering the document uses, or the stable id where it has none."""
        return self.label or self.id

    @property
    def kind_name(self) -> str:
        return ITEM_KIND_NAMES[self.kind]

    @property
    def is_adjustment(self) -> bool:
        return self.kind in ADJUSTMENT_KINDS

    @property
    def short_title(self) -> str:
        """The first sentence of the text, cut to a list-friendly length."""
        first = re.split(r"[。；]", self.text, maxsplit=1)[0]
        return first if len(first) <= 28 else first[:27] + "…"


# Tasks, indicators and adjustments are all `Item`s; the aliases make call sites read naturally.
Task = Item
Indicator = Item
Adjustment = Item


@dataclass(frozen=True)
class _Group:
    """What a section of the plan, an area (一级指标) and a heading (二级指标) have alike."""

    number: int
    title: str
    label: str = ""  # numbering as the document writes it: 一、 （一）


@dataclass(frozen=True, kw_only=True)
class Heading(_Group):
    indicators: tuple[Item, ...]
    points: float | None = None


@dataclass(frozen=True, kw_only=True)
class Area(_Group):
    headings: tuple[Heading, ...]
    points: float | None = None

    @property
    def indicators(self) -> tuple[Item, ...]:
        return tuple(i for h in self.headings for i in h.indicators)


@dataclass(frozen=True, kw_only=True)
class Section(_Group):
    tasks: tuple[Item, ...]


@dataclass(frozen=True)
class Plan:
    meta: PlanMeta
    sections: tuple[Section, ...]
    areas: tuple[Area, ...]
    adjustments: tuple[Item, ...]
    units: tuple[Unit, ...]
    collectives: tuple[Collective, ...]
    notes: tuple[dict[str, str], ...] = ()
    sha256: str = ""  # of the file's bytes, set by the loader
    format_version: int = 1
    total_points: float | None = None  # format 2: the whole system's 分值 where the plan states it
    warnings: tuple[str, ...] = ()  # what the loader accepts but a person should know (items reaching nobody)
    _items: dict[str, Item] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for item in self.all_items():
            self._items[item.id] = item

    @property
    def tasks(self) -> tuple[Item, ...]:
        return tuple(t for s in self.sections for t in s.tasks)

    @property
    def indicators(self) -> tuple[Item, ...]:
        return tuple(i for a in self.areas for i in a.indicators)

    def all_items(self) -> tuple[Item, ...]:
        """Every item in document order: tasks, indicators, adjustment items."""
        return self.tasks + self.indicators + self.adjustments

    def item(self, item_id: str) -> Item:
        """The item with this id; accepts `T7`, `t07`, `I048` and the like."""
        canonical = normalise_item_id(item_id)
        try:
            return self._items[canonical]
        except KeyError:
            raise UnknownItem(item_id) from None

    @property
    def scored(self) -> bool:
        """Whether the plan gives points anywhere; a plan without them shows no scores at all."""
        return any(i.points is not None for i in self.all_items())

    def has_item(self, item_id: str) -> bool:
        try:
            self.item(item_id)
        except UnknownItem:
            return False
        return True


_ITEM_ID = re.compile(r"^\s*([TtIiBbDd])\s*0*(\d{1,3})\s*$")


def normalise_item_id(raw: str) -> str:
    """`t7` → `T07`, `I048` → `I48`, `b1` → `B1`; unrecognisable input is returned stripped."""
    m = _ITEM_ID.match(raw)
    if not m:
        return raw.strip()
    letter, number = m.group(1).upper(), int(m.group(2))
    return f"{letter}{number:02d}" if letter in "TI" else f"{letter}{number}"
