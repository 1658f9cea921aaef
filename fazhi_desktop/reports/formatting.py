"""Small text conventions shared by the PDF and the workbook, so both say things the same way."""

from __future__ import annotations

import datetime as dt
import re
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


def item_heading(item: ItemReport) -> str:
    """An item as a heading in its own words: the first sentence of the plan's text, never cut."""
    first = re.split(r"[。；]", item.text, maxsplit=1)[0].strip()
    return first or item.text.strip()


def item_number(item: ItemReport) -> str:
    """`计划任务5`, `指标48`, `加分项B1`: where the item stands in the plan, for cross-reference."""
    if item.kind == "task":
        return f"计划任务{item.number}"
    if item.kind == "indicator":
        return f"指标{item.number}"
    return f"{item.kind_name}{item.id}"


_FILE_KINDS = {
    "application/pdf": "PDF 文档",
    "application/ofd": "OFD 文档",
    "application/msword": "Word 文档",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word 文档",
    "application/vnd.ms-excel": "Excel 表格",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel 表格",
    "application/vnd.ms-powerpoint": "PowerPoint 演示文稿",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint 演示文稿",
    "application/vnd.oasis.opendocument.text": "ODF 文本文档",
    "application/vnd.oasis.opendocument.spreadsheet": "ODF 电子表格",
    "application/zip": "ZIP 压缩包",
    "application/x-rar-compressed": "RAR 压缩包",
    "application/vnd.rar": "RAR 压缩包",
    "application/x-7z-compressed": "7z 压缩包",
    "text/plain": "文本文件",
    "text/csv": "CSV 表格",
    "image/jpeg": "JPEG 图片",
    "image/png": "PNG 图片",
    "image/tiff": "TIFF 图片",
    "image/gif": "GIF 图片",
    "image/bmp": "BMP 图片",
    "video/mp4": "MP4 视频",
    "audio/mpeg": "MP3 音频",
}
_FILE_KIND_PREFIXES = {"image/": "图片", "video/": "视频", "audio/": "音频", "text/": "文本文件"}


def file_kind(mime_type: str, name: str = "") -> str:
    """What a clerk calls a file's type: `PDF 文档`, `JPEG 图片`, `WPS 文件` — never `application/pdf`."""
    kind = _FILE_KINDS.get((mime_type or "").split(";")[0].strip().lower())
    if kind:
        return kind
    suffix = name.rsplit(".", 1)[-1].upper() if "." in name else ""
    for prefix, word in _FILE_KIND_PREFIXES.items():
        if (mime_type or "").startswith(prefix):
            return f"{suffix} {word}" if suffix else word
    return f"{suffix} 文件" if suffix and len(suffix) <= 5 else "其他文件"


def short_hash(full: str) -> str:
    """The first 16 hex digits in groups of four, as printed in the report: `B8E0 8DBB 26FF 73E7`."""
    return grouped_hex(full[:16])


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
