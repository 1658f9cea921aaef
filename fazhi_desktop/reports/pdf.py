"""The formal 自查报告 (PDF): what a county office prints, stamps and sends with its package.

Order: cover (unit, period, plan, package id, key fingerprint); 一、总体情况 (progress); 二、工作任务落实情况
(each section, each task's 工作开展情况); 三、存在问题; 四、整改措施; 五、示范创建指标自评情况 (a table whose
header repeats on every page); 六、加分项和减分项; 七、佐证材料清单; then the signature block. Every font is
embedded (`initialFontName` keeps reportlab from putting Helvetica on the pages), and the output is
byte-for-byte the same for the same data (`invariant`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fazhi_desktop import __version__
from fazhi_desktop.catalogue.model import (
    ADJUSTMENT_KINDS,
    ADJUSTMENTS_GROUP,
    ADJUSTMENTS_SPELLED_OUT,
    ITEM_KIND_NAMES,
)
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports import formatting as fmt
from fazhi_desktop.reports.data import ItemReport, ReportData, groups
from fazhi_desktop.reports.fonts import clean_text, register_fonts
from fazhi_desktop.reports.pdf_layout import (
    ACCENT,
    FRAME_W,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    RULE,
    Furniture,
    boxed,
    numbered_canvas,
)
from fazhi_desktop.reports.pdf_tables import Ink, evidence_table, indicator_table, numeral, progress_table
from fazhi_desktop.sizes import format_size


def report_title(data: ReportData) -> str:
    """`燕店镇人民政府2021年度法治政府建设自查报告`."""
    return f"{data.unit.name}{data.period_label}法治政府建设自查报告"


class _Writer(Ink):
    """Builds the story, section by section."""

    # --- cover -----------------------------------------------------------------------------
    def cover(self) -> None:
        d = self.data
        self.add(Spacer(1, 28 * mm))
        self.add(self.p(d.unit.name, "title_unit", "单位名称"))
        self.add(self.p(f"{d.period_label}法治政府建设自查报告", "title"))
        self.add(self.p(f"依据《{d.plan.title}》（{d.plan.doc_number}）", "subtitle"))
        self.add(Spacer(1, 14 * mm))
        phone = f"　电话 {d.unit.phone}" if d.unit.phone else ""
        rows = [
            ("填报单位", d.unit.name),
            ("单位类别", d.unit.kind_name),
            ("自查期间", d.period_label),
            (
                "依据文件",
                f"{d.plan.issuer}《{d.plan.title}》（{d.plan.doc_number}）".strip()
                + ("（计划未签名）" if d.plan.unsigned else ""),
            ),
            (
                "计划版本",
                f"{d.plan.id} 版本 {d.plan.version}"
                + (f"（目录 SHA-256 {d.plan.sha256[:16]}…）" if d.plan.sha256 else ""),
            ),
            ("联系人", (d.unit.contact or "—") + phone),
            ("生成时间", fmt.chinese_datetime(d.generated)),
            ("上报包编号", fmt.package_line(d)),
        ]
        table = Table(
            [[self.p(k, "cover_label"), self.p(v, "cover_value", k)] for k, v in rows],
            colWidths=[32 * mm, FRAME_W - 44 * mm],
            hAlign="CENTER",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.primary),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        self.add(table, Spacer(1, 10 * mm))
        if d.fingerprint:
            box = [
                self.p("本单位签名密钥指纹", "label"),
                self.p(fmt.display_fingerprint(d.fingerprint), "fingerprint"),
                self.p("完整指纹：" + fmt.grouped_hex(d.fingerprint), "meta"),
                self.p(
                    "县司法局凭加盖公章的本页登记本单位的签名密钥，并据此核验上报包的电子签名。"
                    "请核对指纹与程序“本单位信息”中显示的一致后再盖章。",
                    "notice",
                ),
            ]
        else:
            box = [
                self.p("草稿预览", "label"),
                self.p(
                    "本文件尚未生成上报包，没有签名密钥指纹和上报包编号，仅供核对内容，不作为正式上报材料，"
                    "请勿盖章上报。正式报告随“生成上报包”一起生成。",
                    "notice",
                ),
            ]
        self.add(boxed(box, FRAME_W - 12 * mm, font=self.fonts.primary, border=ACCENT))
        self.add(PageBreak())

    # --- 一、总体情况 ---------------------------------------------------------------------------
    def summary(self) -> None:
        d = self.data
        self.add(self.p("一、总体情况", "h1"))
        answered = [i for i in d.items if i.answered]
        kinds = {k: sum(1 for i in answered if i.kind == k) for k in ("task", "indicator")}
        kinds["adjustment"] = sum(1 for i in answered if i.kind in ADJUSTMENT_KINDS)
        names = {
            "task": ITEM_KIND_NAMES["task"],
            "indicator": ITEM_KIND_NAMES["indicator"],
            "adjustment": ADJUSTMENTS_GROUP,
        }
        by_kind = "、".join(f"{names[k]} {n} 项" for k, n in kinds.items() if n)
        roles = "、".join(
            f"{r} {n} 项"
            for r in ("牵头", "责任", "配合", "参与")
            if (n := sum(1 for i in answered if i.role == r))
        )
        overall = d.overall
        adjustments = [i for i in d.items if i.kind in ("bonus", "deduction")]
        declined = [i for i in d.items if i.optional and i.opted_in is False and i.has_work_status]
        undecided = [i for i in d.items if i.optional and i.opted_in is None and i.has_work_status]
        text = (
            f"按照{d.plan.doc_number}要求，本单位对照工作计划和示范创建指标体系逐项开展自查。本期须填报事项 "
            f"{overall.total} 项"
            + (f"（{by_kind}），其中{roles}。" if by_kind else "。")
            + f"已填写完整 {overall.complete} 项，占 {overall.percent}%；工作状态为已完成 {overall.done} 项、"
            f"推进中 {overall.in_progress} 项、未开始 {overall.not_started} 项。"
        )
        if declined:
            text += f"可选事项中本单位未参与 {len(declined)} 项（{'、'.join(i.id for i in declined)}）。"
        if undecided:
            text += f"尚有 {len(undecided)} 项可选事项未选择是否参与。"
        if adjustments:
            text += "加分项和减分项：" + "、".join(f"{i.id}{fmt.result_text(i)}" for i in adjustments) + "。"
        self.add(self.p(text))
        results = self._result_counts(answered)
        if results:
            self.add(self.p("自评结果：" + "；".join(results) + "。"))
        if d.scores is not None:
            self.add(self.p(fmt.score_sentence(d.scores)))
        issues = d.issues()
        if issues:
            self.add(
                self.p(
                    f"自查发现存在问题的事项 {sum(1 for i in issues if i.problems.strip())} 项，"
                    f"已制定整改措施 {sum(1 for i in issues if i.measures.strip())} 项，详见第三、四部分。"
                )
            )
        self.add(Spacer(1, 3 * mm))
        self.add(progress_table(self))

    def _result_counts(self, answered: list[ItemReport]) -> list[str]:
        out = []
        for kind, name, values in (
            ("task", "任务", ("已完成", "部分完成", "未完成", "不适用")),
            ("indicator", "指标", ("达标", "基本达标", "未达标", "不适用")),
        ):
            mine = [i for i in answered if i.kind == kind]
            if not mine:
                continue
            counts = [f"{v} {sum(1 for i in mine if i.result == v)} 项" for v in values]
            pending = sum(1 for i in mine if not i.result)
            if pending:
                counts.append(f"尚未自评 {pending} 项")
            out.append(f"{name}{'、'.join(counts)}")
        return out

    # --- 二、工作任务 -----------------------------------------------------------------------------
    def tasks(self) -> None:
        self.add(CondPageBreak(60 * mm), self.p("二、工作任务落实情况", "h1"))
        tasks = self.data.tasks
        if not tasks:
            self.add(self.p("本单位本期没有须填报的工作计划任务。"))
        for number, title, items in groups(tasks):
            self.add(self.p(f"（{numeral(number)}）{title}", "h2"))
            for item in items:
                self.item_block(item)

    def item_block(self, item: ItemReport) -> None:
        """One task or adjustment item: the plan's text in a box, then what the unit did."""
        where = f"{item.id} "
        head = self.rich(
            [
                (f"{item.id}　", "#1F3A5F"),
                (f"{item.kind_name}{item.number if item.kind in ('task', 'indicator') else ''}", None),
            ],
            "item",
        )
        quote = boxed([self.p(item.text, "quote", where + "事项原文")], FRAME_W, font=self.fonts.primary)
        meta = [f"本单位角色：{item.role_label}"]
        if item.answered:
            if item.has_work_status:
                meta.append(f"工作状态：{item.work_status}")
            meta.append(f"{fmt.result_label(item)}：{fmt.result_text(item) or '尚未自评'}")
            if item.points is not None:
                got = "未评分" if item.self_score is None else f"{item.self_score:g}"
                meta.append(f"自评分：{got}/{item.points:g} 分")
            if item.responsible_person:
                meta.append(f"责任人：{item.responsible_person}")
            n_ev = len(self.data.evidence_for(item))
            meta.append(f"佐证材料：{n_ev} 份")
        else:
            meta.append(fmt.result_text(item))
        block: list[Any] = [
            head,
            quote,
            Spacer(1, 1.5 * mm),
            self.p("　|　".join(meta), "meta", where + "责任人"),
        ]
        self.add(KeepTogether(block))
        if not item.answered or (not item.has_work_status and item.result == "无"):
            return  # not answered, or an adjustment item's 无 / 未发生: nothing more to say
        if item.result == "不适用":
            self.add(self.rich([("不适用理由：", "#1F3A5F"), (item.na_reason or fmt.EMPTY, None)], "plain"))
        self.add(self.p(fmt.narrative_label(item), "label"))
        self.add(*self.paragraphs(item.narrative, where + "工作开展情况"))
        if item.score_note.strip():
            self.add(self.rich([("扣分说明：", "#1F3A5F"), (item.score_note, None)], "plain"))
        if item.missing:
            self.add(self.p("尚缺：" + "；".join(item.missing), "missing"))

    # --- 三、四：问题与整改 ---------------------------------------------------------------------
    def problems_and_measures(self) -> None:
        issues = self.data.issues()
        self.add(CondPageBreak(40 * mm), self.p("三、存在问题", "h1"))
        with_problems = [i for i in issues if i.problems.strip()]
        if not with_problems:
            self.add(self.p("自查未发现需要列出的问题。"))
        for n, item in enumerate(with_problems, 1):
            self.add(
                self.rich(
                    [(f"{n}. ", None), (f"{fmt.item_ref(item)}　", "#1F3A5F"), (item.short_title, "#5A5A5A")],
                    "plain",
                )
            )
            self.add(*self.paragraphs(item.problems, f"{item.id} 存在问题"))
        self.add(CondPageBreak(40 * mm), self.p("四、整改措施", "h1"))
        with_measures = [i for i in issues if i.measures.strip()]
        if not with_measures:
            self.add(self.p("暂无需要制定的整改措施。"))
        for n, item in enumerate(with_measures, 1):
            self.add(
                self.rich(
                    [(f"{n}. ", None), (f"{fmt.item_ref(item)}　", "#1F3A5F"), (item.short_title, "#5A5A5A")],
                    "plain",
                )
            )
            self.add(*self.paragraphs(item.measures, f"{item.id} 整改措施"))
            due = fmt.chinese_date(item.deadline) or "未定"
            self.add(
                self.p(
                    f"整改时限：{due}　|　责任人：{item.responsible_person or '未填写'}",
                    "meta",
                    f"{item.id} 责任人",
                )
            )

    # --- 五、指标表 -----------------------------------------------------------------------------
    def indicators(self) -> None:
        d = self.data
        self.add(CondPageBreak(60 * mm), self.p("五、示范创建指标自评情况", "h1"))
        indicators = d.indicators
        if not indicators:
            self.add(self.p("本单位本期没有须填报的示范创建指标。"))
            return
        self.add(
            self.p(
                f"依据{d.plan.indicator_system_title or '示范创建指标体系'}，本单位涉及的三级指标自评如下。"
            )
        )
        self.add(Spacer(1, 2 * mm), indicator_table(self, indicators))

    # --- 六、附加项 ------------------------------------------------------------------------------
    def adjustments(self) -> None:
        self.add(CondPageBreak(40 * mm), self.p(f"六、{ADJUSTMENTS_SPELLED_OUT}", "h1"))
        items = self.data.adjustments
        if not items:
            self.add(self.p("本期计划没有加分项或减分项。"))
        for item in items:
            self.item_block(item)

    # --- 七、佐证材料 ----------------------------------------------------------------------------
    def evidence(self) -> None:
        d = self.data
        self.add(CondPageBreak(50 * mm), self.p("七、佐证材料清单", "h1"))
        if not d.evidence:
            self.add(self.p("本期未附佐证材料。"))
            return
        total = sum(e.size for e in d.evidence)
        self.add(
            self.p(
                f"共 {len(d.evidence)} 份，合计 {format_size(total)}。每份材料的 SHA-256 校验值"
                "前 16 位列于表中，完整值见上报包内的清单（manifest-sha256.txt）和自评表。"
            )
        )
        self.add(Spacer(1, 2 * mm), evidence_table(self))

    # --- signature -------------------------------------------------------------------------
    def signature(self) -> None:
        d = self.data
        lines = [
            self.p("单位（盖章）：", "sign"),
            Spacer(1, 26 * mm),
            self.p("负责人（签字）：", "sign"),
            Spacer(1, 8 * mm),
            self.p("日期：　　　　年　　月　　日", "sign"),
            Spacer(1, 6 * mm),
        ]
        if d.fingerprint:
            lines.append(self.p("签名密钥指纹：" + fmt.display_fingerprint(d.fingerprint), "meta"))
        lines.append(self.p("上报包编号：" + fmt.package_line(d), "meta"))
        block = Table([["", lines]], colWidths=[FRAME_W * 0.42, FRAME_W * 0.58])
        block.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.primary),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        # "特此报告。" travels with the signature, so the stamped page never stands without text.
        self.add(Spacer(1, 6 * mm), KeepTogether([self.p("特此报告。"), Spacer(1, 10 * mm), block]))

    def build(self) -> list[Any]:
        self.cover()
        self.summary()
        self.tasks()
        self.problems_and_measures()
        self.indicators()
        self.adjustments()
        self.evidence()
        self.signature()
        return self.story


def render_pdf(data: ReportData, *, warnings: list[str] | None = None) -> bytes:
    """The report as PDF bytes; characters no font has are appended to `warnings` (Chinese)."""
    fonts = register_fonts()
    collected: list[str] = []
    title = report_title(data)
    furniture = Furniture(
        fonts,
        running_head=title,
        draft=data.is_draft,
        warnings=collected,
        created=data.generated,
        head_right="草稿预览　未上报" if data.is_draft else f"上报包 {data.package_id}",
    )
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=clean_text(title),
        author=clean_text(data.unit.name),
        subject=clean_text(f"{data.plan.title}（{data.plan.doc_number}）自查报告；{fmt.package_line(data)}"),
        creator=f"fazhi-desktop {data.program_version or __version__}",
        keywords=["法治政府建设", "自查报告"],
        invariant=1,
        initialFontName=fonts.primary,
        initialFontSize=10.5,
        lang="zh-CN",
        displayDocTitle=1,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_W,
        PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=furniture.on_page)])
    story = _Writer(data, fonts, collected).build()
    doc.build(story, canvasmaker=numbered_canvas(furniture))
    if warnings is not None:
        warnings.extend(w for w in collected if w not in warnings)
    return buffer.getvalue()


def write_pdf(data: ReportData, target: Path, *, warnings: list[str] | None = None) -> Path:
    """Render the report and write it to `target` atomically."""
    atomic_write_bytes(Path(target), render_pdf(data, warnings=warnings))
    return Path(target)
