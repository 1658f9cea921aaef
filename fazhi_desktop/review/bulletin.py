"""The county 通报 (PDF) from the verified picture: basis with 文号, scope and method, the figures,
等次 lists per unit category, the units that did not report, the weakest items, what comes next.

Laid out as a 公文 (GB/T 9704: A4, top 37 mm, binding margin 28 mm, 22 pt title, 16 pt body, page numbers
`— 1 —` in 宋体 figures, right on odd pages and left on even ones) with the bundled report fonts
(reports/fonts.py): the title in 小标宋, `一、` headings and the 附件 label in 黑体, the `（一）` lead of a
paragraph in 楷体, the rest in 仿宋.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from fazhi_desktop import __version__
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports.fonts import BIAOSONG, FANGSONG, FIGURES, HEI, KAI, register_font_roles
from fazhi_desktop.reports.pdf_layout import document_info, grid_table
from fazhi_desktop.review.picture import Picture
from fazhi_desktop.review.store import Bureau

PAGE_W, PAGE_H = A4
TOP, LEFT, RIGHT, BOTTOM = 37 * mm, 28 * mm, 26 * mm, 35 * mm
BODY_PT, TITLE_PT, PAGE_NO_PT = 16, 22, 14
NUMERALS = "一二三四五六七八九十"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _styles() -> dict[str, ParagraphStyle]:
    """A 公文's faces (GB/T 9704): 3号仿宋 body, 2号小标宋 title, 黑体 `一、` headings and 附件 label."""
    body = ParagraphStyle(
        "body",
        fontName=FANGSONG,
        fontSize=BODY_PT,
        leading=28.9,
        wordWrap="CJK",
        alignment=TA_LEFT,
        firstLineIndent=32,
    )
    return {
        "body": body,
        "plain": ParagraphStyle("plain", parent=body, firstLineIndent=0),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=BIAOSONG,
            fontSize=TITLE_PT,
            leading=36,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=16,
        ),
        "docno": ParagraphStyle("docno", parent=body, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=12),
        "h1": ParagraphStyle("h1", parent=body, fontName=HEI),
        "attachment": ParagraphStyle("attachment", parent=body, fontName=HEI, firstLineIndent=0),
        "sign": ParagraphStyle("sign", parent=body, alignment=TA_RIGHT, firstLineIndent=0, rightIndent=32),
        "cell": ParagraphStyle("cell", parent=body, fontSize=11, leading=15, firstLineIndent=0),
        # Black on grid_table's light grey head row: a 公文 is printed in black (white was unreadable).
        "head": ParagraphStyle("head", parent=body, fontName=HEI, fontSize=11, leading=15, firstLineIndent=0),
    }


def _page_number() -> Any:
    """Page numbers in 宋体 figures, as in the unit's report (GB/T 9704 §7.5)."""

    def draw(canv: Any, doc: Any) -> None:
        canv.saveState()
        canv.setFont(FIGURES, PAGE_NO_PT)
        text = f"— {doc.page} —"
        y = BOTTOM - 7 * mm - PAGE_NO_PT
        if doc.page % 2:
            canv.drawRightString(PAGE_W - RIGHT - BODY_PT, y, text)
        else:
            canv.drawString(LEFT + BODY_PT, y, text)
        canv.restoreState()

    return draw


def render_bulletin(
    bureau: Bureau, pic: Picture, *, doc_number: str = "", issued: dt.date | None = None
) -> bytes:
    roles = register_font_roles()
    fonts = roles[FANGSONG]
    st = _styles()
    issued = issued or dt.date.today()
    meta = pic.plan.meta

    def p(text: str, style: str = "body", *, lead: str = "") -> Paragraph:
        """A paragraph in its style's face, each character falling back as the reports' do; `lead`, a
        heading run in at the start of a body paragraph (`（一）政府部门。`), is set in 楷体."""
        face = str(st[style].fontName)
        markup = roles[face].markup(text) if face in roles else fonts.markup(text)
        if lead:
            markup = f'<font name="{KAI}">{roles[KAI].markup(lead)}</font>' + markup
        return Paragraph(markup, st[style])

    counted = len(pic.units)
    title = f"{bureau.name}关于{bureau.period_label}法治政府建设工作自查情况的通报"
    story: list[Any] = [p(title, "title")]
    if doc_number:
        story.append(p(doc_number, "docno"))
    story.append(p("各镇人民政府（街道办事处），县政府各部门，县直有关单位：", "plain"))
    story.append(
        p(
            f"根据《{meta.title}》（{meta.doc_number}）要求，{bureau.name}组织对各单位{bureau.period_label}"
            "法治政府建设工作情况进行了自查审核。现将有关情况通报如下。"
        )
    )
    n = iter(NUMERALS)
    story.append(p(f"{next(n)}、范围和方法", "h1"))
    story.append(
        p(
            f"本次审核范围为计划确定的 {len(pic.expected)} 个责任单位及报送自查材料的镇（街道）。各单位通过"
            "“法治政府建设自查”程序逐项自查、上传佐证材料，生成带电子签名的上报包，经U盘报送。"
            f"{bureau.name}对每个上报包逐一核验签名和完整性，只采用核验通过、签名密钥已登记的上报包，"
            f"并对各事项逐项审核。{pic.basis}。"
        )
    )
    story.append(p(f"{next(n)}、总体情况", "h1"))
    stats = pic.stats()
    overall = sum(u.complete for u in pic.units)
    answered = sum(u.answered for u in pic.units)
    text = (
        f"应报送单位 {len(pic.expected)} 个，已报送并计入 {counted} 个，未报送 {len(pic.missing)} 个。"
        f"计入单位共应答事项 {answered} 项次，填报完整 {overall} 项次"
        + (f"（{overall * 100 // answered}%）" if answered else "")
        + "。"
    )
    if stats:
        label = "审核得分（百分制）" if pic.has_points else "“已完成/达标”占比"
        text += f"各单位{label}最高 {stats['max']:.1f}，最低 {stats['min']:.1f}，平均 {stats['mean']:.1f}。"
    if pic.unregistered:
        text += f"另有 {len(pic.unregistered)} 个上报包的签名密钥未经登记，未予计入。"
    story.append(p(text))
    story.append(p(f"{next(n)}、等次情况", "h1"))
    by_kind: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for u in pic.units:
        by_kind[u.kind_name][u.grade].append(u.unit_name)
    if not by_kind:
        story.append(p("本轮尚无计入的上报包。"))
    for k, (kind_name, grades) in enumerate(by_kind.items(), start=1):
        parts = [f"{grade}（{len(names)} 个）：{'、'.join(names)}" for grade, names in grades.items()]
        story.append(p("；".join(parts) + "。", lead=f"（{NUMERALS[k - 1]}）{kind_name}。"))
    story.append(p(f"{next(n)}、未按要求报送的单位", "h1"))
    if pic.missing:
        unreg = {u for u, _, _ in pic.unregistered}
        names = [name + ("（签名密钥未登记）" if name in unreg else "") for name, _ in pic.missing]
        story.append(
            p(
                f"以下 {len(names)} 个单位未按要求报送：{'、'.join(names)}。请于通报印发之日起五个工作日内补报。"
            )
        )
    else:
        story.append(p("各单位均已按要求报送。"))
    story.append(p(f"{next(n)}、存在的主要问题", "h1"))
    if pic.weak:
        for k, w in enumerate(pic.weak[:5], start=1):
            story.append(
                p(
                    f"{k}. {w.item_id} {w.title}：{w.answered} 个单位中，未完成/未达标 {w.bad} 个，"
                    f"部分完成/基本达标 {w.partial} 个。"
                )
            )
    else:
        story.append(p("各计入单位所报事项均已完成或达标。"))
    story.append(p(f"{next(n)}、下一步工作要求", "h1"))
    story.append(
        p(
            "各单位要对照本通报和退回修改意见，逐项制定整改措施，明确责任人和整改时限，"
            "整改情况纳入整改台账，经县司法局核实后销号；未销号事项转入下一轮继续跟踪。"
        )
    )
    story += [Spacer(1, 24), p(bureau.name, "sign"), p(chinese_date(issued), "sign")]
    if pic.units:
        story += [PageBreak(), p("附件", "attachment"), p("各单位自查审核情况一览表", "title")]
        rows: list[list[Any]] = [[p(h, "head") for h in ("排名", "单位", "类别", "版本", "完成率", "等次")]]
        for u in pic.units:
            rows.append(
                [
                    Paragraph(str(u.rank), st["cell"]),
                    Paragraph(fonts.markup(u.unit_name), st["cell"]),
                    Paragraph(u.kind_name, st["cell"]),
                    Paragraph(f"第{u.sequence}版", st["cell"]),
                    Paragraph(f"{u.percent}%", st["cell"]),
                    Paragraph(u.grade, st["cell"]),
                ]
            )
        width = PAGE_W - LEFT - RIGHT
        story.append(
            grid_table(rows, [w * width for w in (0.08, 0.4, 0.16, 0.1, 0.12, 0.14)], font=fonts.primary)
        )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        **document_info(
            fonts,
            title=title,
            author=bureau.name,
            subject=f"{meta.title}（{meta.doc_number}）",
            creator=f"fazhi-desktop {__version__}",
        ),
    )
    on_page = _page_number()
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def write_bulletin(
    bureau: Bureau, pic: Picture, out: Path, *, doc_number: str = "", issued: dt.date | None = None
) -> Path:
    atomic_write_bytes(Path(out), render_bulletin(bureau, pic, doc_number=doc_number, issued=issued))
    return Path(out)
