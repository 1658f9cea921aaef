"""Small text conventions shared by the PDF and the workbook, so both say things the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi_desktop.catalogue.model import ADJUSTMENT_KINDS
from fazhi_desktop.dates import format_cn_date
from fazhi_desktop.reports.data import ItemReport, ReportData

EMPTY = "（未填写）"


def chinese_datetime(moment: dt.datetime) -> str:
    """`2022年1月15日 10:30`."""
    return f"{format_cn_date(moment)} {moment:%H:%M}"


def chinese_date(iso: str | None) -> str:
    """`2022-06-30` → `2022年6月30日`; empty for None; anything unparsable is returned as it is."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return format_cn_date(day)


def display_fingerprint(full: str) -> str:
    """The printed form of a key fingerprint: first 32 hex digits in groups of four."""
    short = full.replace(" ", "")[:32].upper()
    return " ".join(short[i : i + 4] for i in range(0, len(short), 4))


def grouped_hex(full: str, group: int = 4) -> str:
    """A long hex value in groups, so it can be read aloud and compared on paper."""
    bare = full.replace(" ", "").upper()
    return " ".join(bare[i : i + group] for i in range(0, len(bare), group))


def result_text(item: ItemReport) -> str:
    """The result as printed: `不适用（理由）`, `已完成`, or empty when not yet judged."""
    if item.kind in ("bonus", "deduction"):
        # Asked as 有无 / 是否发生, never as taking part; the opt-in is the answer.
        from fazhi_desktop.selfcheck.assessments import adjustment_answer

        return adjustment_answer(item.kind, item.opted_in, item.result)
    if not item.answered:
        return "未参与" if item.opted_in is False else "未选择是否参与"
    return item.result or ""


def result_label(item: ItemReport) -> str:
    """`自评结果`, or the question an adjustment item asks (有无加分情况 / 是否发生)."""
    return {"bonus": "有无加分情况", "deduction": "是否发生"}.get(item.kind, "自评结果")


def narrative_label(item: ItemReport) -> str:
    """`工作开展情况`, or what an adjustment item's text holds (取得的成绩 / 发生的情况)."""
    from fazhi_desktop.selfcheck.assessments import ADJUSTMENT_NARRATIVE

    return ADJUSTMENT_NARRATIVE.get(item.kind, "工作开展情况")


def package_line(data: ReportData) -> str:
    """`上报包 8F3A…（第 2 版，替代 …）` or the draft notice."""
    if data.is_draft:
        return "草稿预览（尚未生成上报包）"
    extra = f"，替代 {data.supersedes}" if data.supersedes else ""
    return f"{data.package_id}（第 {data.sequence} 版{extra}）"


def item_ref(item: ItemReport) -> str:
    """`T05 任务5`, `I48 指标48`, `B1 加分项`."""
    if item.kind in ADJUSTMENT_KINDS:
        return f"{item.id} {item.kind_name}"
    return f"{item.id} {item.kind_name}{item.number}"


def score_sentence(scores: dict[str, Any]) -> str:
    """The self-scores in one sentence: per area, the base total, 加分, 减分 and the 自评总分."""
    parts = [f"{g['title']} {g['score']:g}/{g['points']:g} 分" for g in scores["groups"]]
    base = scores["base"]
    unscored = sum(g["unscored"] for g in scores["groups"])
    tail = f"（尚有 {unscored} 项未评分）" if unscored else ""
    return (
        "自评得分："
        + ("；".join(parts) + "；" if parts else "")
        + f"合计 {base['score']:g}/{base['points']:g} 分，加分 {scores['bonus']:g} 分，"
        f"减分 {scores['deduction']:g} 分，自评总分 {scores['total']:g} 分{tail}。"
    )
