"""The formal 自查报告 (PDF): what a county office prints, stamps and sends with its package.

Laid out as a 公文 (GB/T 9704-2012 where it applies: A4, 37/28 mm margins, a 156 × 225 mm text block,
2号标宋 title, 3号仿宋 body, 黑体 `一、` and 楷体 `（一）` headings, `— 1 —` page numbers alternating
right and left). Order: a cover (unit, period, plan, contact, the key fingerprint line the bureau
checks); then the report — 一、总体情况 (the unit's own words, then the generated figures and their
table); 二、工作任务落实情况 (each section, each task headed by its own words); 三、示范创建指标自评情况 (a table
whose header repeats on every page); 四、加分项和减分项; 五、存在问题; 六、整改措施; 七、下一步工作打算 (the
unit's own words); "特此报告。" and the signature block (unit name, date) on a page with text; 附件
佐证材料清单; and a last page 电子签名信息 with the technical identifiers (package id, hashes, the full
fingerprint). Every font is embedded (`initialFontName` keeps reportlab from putting Helvetica on the
pages), and the output is byte-for-byte the same for the same data (`invariant`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
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
from fazhi_desktop.dates import format_cn_date
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.reports import formatting as fmt
from fazhi_desktop.reports.data import ItemReport, ReportData, groups
from fazhi_desktop.reports.fonts import FONT_FILES, KAI, register_fonts
from fazhi_desktop.reports.pdf_layout import (
    BODY_LEADING,
    FRAME_W,
    RULE,
    Furniture,
    render_document,
)
from fazhi_desktop.reports.pdf_tables import Ink, evidence_table, indicator_table, numeral, progress_table
from fazhi_desktop.sizes import format_size

PARTS = (
    "一、总体情况",
    "二、工作任务落实情况",
    "三、示范创建指标自评情况",
    f"四、{ADJUSTMENTS_SPELLED_OUT}",
    "五、存在问题",
    "六、整改措施",
    "七、下一步工作打算",
)


def report_title(data: ReportData) -> str:
    """`燕店镇人民政府2021年度法治政府建设自查报告`."""
    return f"{data.unit.name}{data.period_label}法治政府建设自查报告"


class _Writer(Ink):
    """Builds the story, part by part."""

    # --- cover -----------------------------------------------------------------------------
    def cover(self) -> None:
        d = self.data
        self.add(Spacer(1, 18 * mm))
        self.add(self.p(d.unit.name, "cover_unit", "单位名称"))
        self.add(Spacer(1, 4 * mm))
        self.add(self.p(f"{d.period_label}法治政府建设自查报告", "cover_title"))
        self.add(Spacer(1, 6 * mm))
        self.add(
            self.p(
                f"依据《{d.plan.title}》（{d.plan.doc_number}）"
                + ("（计划未签名）" if d.plan.unsigned else ""),
                "subtitle",
            )
        )
        self.add(Spacer(1, 16 * mm))
        phone = f"　{d.unit.phone}" if d.unit.phone else ""
        rows = [
            ("填报单位", d.unit.name),
            ("自查期间", d.period_label),
            ("联 系 人", (d.unit.contact or "（未填写）") + phone),
            ("报告日期", format_cn_date(d.generated)),
        ]
        table = Table(
            [[self.p(k + "：", "cover_label"), self.p(v, "cover_value", k)] for k, v in rows],
            colWidths=[36 * mm, FRAME_W - 52 * mm],
            hAlign="CENTER",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.primary),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        self.add(table, Spacer(1, 16 * mm))
        if d.fingerprint:
            box = [
                self.p("本单位签名密钥指纹", "fingerprint"),
                self.p(fmt.display_fingerprint(d.fingerprint), "fingerprint"),
                Spacer(1, 2 * mm),
                self.p(
                    "县司法局凭加盖公章的本页登记本单位的签名密钥，并据此核验上报包的电子签名。"
                    "请核对指纹与程序“本单位信息”中显示的一致后再盖章。",
                    "notice",
                ),
            ]
        else:
            box = [
                self.p("草稿预览", "fingerprint"),
                self.p(
                    "本文件尚未生成上报包，没有签名密钥指纹，仅供核对内容，不作为正式上报材料，"
                    "请勿盖章上报。正式报告随“生成上报包”一起生成。",
                    "notice",
                ),
            ]
        framed = Table([[box]], colWidths=[FRAME_W - 16 * mm], hAlign="CENTER")
        framed.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.primary),
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ]
            )
        )
        self.add(framed, PageBreak())

    # --- 一、总体情况 ---------------------------------------------------------------------------
    def summary(self) -> None:
        d = self.data
        title = report_title(d)
        style = self.styles["title"]
        if (
            sum(
                stringWidth(t, f or style.fontName, style.fontSize)
                for f, t in self.chain("title").runs(title)
            )
            > FRAME_W
        ):
            # Two lines broken where a reader pauses, never with one or two characters left over.
            title = f"{d.unit.name}\n{d.period_label}法治政府建设自查报告"
        self.add(self.p(title, "title", "标题"))
        self.add(self.p(PARTS[0], "h1"))
        own = self.paragraphs(d.overall_text, "总体情况") if d.overall_text.strip() else []
        self.add(*own)
        answered = [i for i in d.items if i.answered]
        kinds = {k: sum(1 for i in answered if i.kind == k) for k in ("task", "indicator")}
        kinds["adjustment"] = sum(1 for i in answered if i.kind in ADJUSTMENT_KINDS)
        names = {
            "task": ITEM_KIND_NAMES["task"],
            "indicator": ITEM_KIND_NAMES["indicator"],
            "adjustment": ADJUSTMENTS_GROUP,
        }
        by_kind = "、".join(f"{names[k]}{n}项" for k, n in kinds.items() if n)
        roles = "、".join(
            f"{r}{n}项"
            for r in ("牵头", "责任", "配合", "参与")
            if (n := sum(1 for i in answered if i.role == r))
        )
        overall = d.overall
        adjustments = [i for i in d.items if i.kind in ("bonus", "deduction")]
        declined = [i for i in d.items if i.optional and i.opted_in is False and i.has_work_status]
        undecided = [i for i in d.items if i.optional and i.opted_in is None and i.has_work_status]
        lead = (
            "根据自查填报情况，"
            if own
            else f"按照《{d.plan.title}》要求，本单位对照工作计划和示范创建指标体系逐项开展自查。"
        )
        text = (
            lead
            + f"本期须填报事项{overall.total}项"
            + (f"（{by_kind}），其中{roles}。" if by_kind else "。")
            + f"已填写完整{overall.complete}项，占{overall.percent}%；工作状态为已完成{overall.done}项、"
            f"推进中{overall.in_progress}项、未开始{overall.not_started}项。"
        )
        if declined:
            text += f"可选事项中本单位未参与{len(declined)}项。"
        if undecided:
            text += f"尚有{len(undecided)}项可选事项未选择是否参与。"
        if adjustments:
            # Counted in words; each item's answer stands in part 四.
            answers = [fmt.result_text(i) for i in adjustments]
            bonus = [a for i, a in zip(adjustments, answers, strict=True) if i.kind == "bonus"]
            deduction = [a for i, a in zip(adjustments, answers, strict=True) if i.kind == "deduction"]
            said = []
            if bonus:
                said.append(f"加分项{len(bonus)}项中有加分情况{bonus.count('有')}项")
            if deduction:
                said.append(f"减分项{len(deduction)}项中已发生{deduction.count('已发生')}项")
            open_ = answers.count("尚未填写")
            text += "；".join(said) + (f"，尚未填写{open_}项" if open_ else "") + "（详见第四部分）。"
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
                    f"自查发现存在问题的事项{sum(1 for i in issues if i.problems.strip())}项，"
                    f"已制定整改措施{sum(1 for i in issues if i.measures.strip())}项，详见第五、六部分。"
                )
            )
        self.add(Spacer(1, 2 * mm), self.p("各板块填报进度", "table_title"), progress_table(self))

    def _result_counts(self, answered: list[ItemReport]) -> list[str]:
        out = []
        for kind, name, values in (
            ("task", "任务", ("已完成", "部分完成", "未完成", "不适用")),
            ("indicator", "指标", ("达标", "基本达标", "未达标", "不适用")),
        ):
            mine = [i for i in answered if i.kind == kind]
            if not mine:
                continue
            counts = [f"{v}{n}项" for v in values if (n := sum(1 for i in mine if i.result == v))]
            pending = sum(1 for i in mine if not i.result)
            if pending:
                counts.append(f"尚未自评{pending}项")
            out.append(f"{name}{'、'.join(counts)}")
        return out

    # --- 二、工作任务 -----------------------------------------------------------------------------
    def tasks(self) -> None:
        self.add(self.p(PARTS[1], "h1"))
        tasks = self.data.tasks
        if not tasks:
            self.add(self.p("本单位本期没有须填报的工作计划任务。"))
        for number, title, items in groups(tasks):
            self.add(self.p(f"（{numeral(number)}）{title}", "h2"))
            for n, item in enumerate(items, 1):
                self.item_block(item, n)

    def item_block(self, item: ItemReport, n: int) -> None:
        """One task or adjustment item, headed by its own words; the plan's full text when it says more."""
        where = f"{item.id} "
        heading = fmt.item_heading(item)
        block: list[Any] = [self.p(f"{n}. {heading}", "h3", where + "事项")]
        if item.text.strip().rstrip("。；") != heading:
            block.append(self.rich([("计划要求：", KAI), (item.text, None)], "quote"))
        # 加分项/减分项 concern every unit alike: no role, and the answer is the fact itself.
        facts = [fmt.item_number(item)] + ([f"本单位{item.role_label}"] if item.has_work_status else [])
        if not item.has_work_status:  # 加分项/减分项: 有无加分情况 / 是否发生, never a work status
            facts.append(f"{fmt.result_label(item)}：{fmt.result_text(item)}")
        elif item.answered:
            facts += [f"工作状态：{item.work_status}", f"自评结果：{fmt.result_text(item) or '尚未自评'}"]
        else:
            facts.append(fmt.result_text(item))
        if item.answered and item.points is not None:
            got = "未评分" if item.self_score is None else f"{item.self_score:g}"
            facts.append(f"自评分：{got}/{item.points:g}分")
        if item.answered:
            if item.responsible_person:
                facts.append(f"责任人：{item.responsible_person}")
            facts.append(f"佐证材料{len(self.data.evidence_for(item))}份")
        block.append(self.p("；".join(facts) + "。", "quote", where + "责任人"))
        self.add(KeepTogether(block))
        if not item.answered or (not item.has_work_status and item.result == "无"):
            return  # not answered, or an adjustment item's 无 / 未发生: nothing more to say
        if item.result == "不适用":
            self.add(
                self.p("本项不适用，理由：" + (item.na_reason or fmt.EMPTY), "body", where + "不适用理由")
            )
        if not item.has_work_status:
            self.add(self.p(fmt.narrative_label(item) + "：", "label"))
        self.add(*self.paragraphs(item.narrative, where + "工作开展情况"))
        if item.score_note.strip():
            self.add(self.rich([("扣分说明：", KAI), (item.score_note, None)], "body"))
        if item.missing:
            self.add(self.p("尚缺：" + "；".join(item.missing) + "。", "missing"))

    # --- 三、指标表 -----------------------------------------------------------------------------
    def indicators(self) -> None:
        d = self.data
        self.add(self.p(PARTS[2], "h1"))
        indicators = d.indicators
        if not indicators:
            self.add(self.p("本单位本期没有须填报的示范创建指标。"))
            return
        self.add(
            self.p(
                f"依据{d.plan.indicator_system_title or '示范创建指标体系'}，本单位涉及的三级指标"
                f"{len(indicators)}项，自评情况如下表。"
            )
        )
        self.add(Spacer(1, 2 * mm), indicator_table(self, indicators))

    # --- 四、附加项 ------------------------------------------------------------------------------
    def adjustments(self) -> None:
        self.add(self.p(PARTS[3], "h1"))
        items = self.data.adjustments
        if not items:
            self.add(self.p("本期计划没有加分项或减分项。"))
        for number, (kind, title) in enumerate((("bonus", "加分项"), ("deduction", "减分项")), 1):
            mine = [i for i in items if i.kind == kind]
            if not mine:
                continue
            self.add(self.p(f"（{numeral(number)}）{title}", "h2"))
            for n, item in enumerate(mine, 1):
                self.item_block(item, n)

    # --- 五、六：问题与整改 ---------------------------------------------------------------------
    def numbered_items(self, part: str, items: list[ItemReport], none: str) -> Iterator[ItemReport]:
        """The part's heading (and `none` when `items` is empty), then a numbered heading before each
        item it yields, so the caller adds that item's text."""
        self.add(self.p(part, "h1"))
        if not items:
            self.add(self.p(none))
        for n, item in enumerate(items, 1):
            self.add(self.p(f"{n}. {fmt.item_heading(item)}", "h3", f"{item.id} 事项"))
            yield item

    def problems_and_measures(self) -> None:
        issues = self.data.issues()
        with_problems = [i for i in issues if i.problems.strip()]
        for item in self.numbered_items(PARTS[4], with_problems, "自查未发现需要列出的问题。"):
            self.add(*self.paragraphs(item.problems, f"{item.id} 存在问题"))
        with_measures = [i for i in issues if i.measures.strip()]
        for item in self.numbered_items(PARTS[5], with_measures, "暂无需要制定的整改措施。"):
            self.add(*self.paragraphs(item.measures, f"{item.id} 整改措施"))
            due = fmt.chinese_date(item.deadline) or "未定"
            self.add(
                self.p(
                    f"整改时限：{due}；责任人：{item.responsible_person or '未填写'}。",
                    "body",
                    f"{item.id} 责任人",
                )
            )

    # --- 七、下一步 ----------------------------------------------------------------------------
    def next_steps(self) -> None:
        self.add(self.p(PARTS[6], "h1"))
        text = self.data.next_steps_text
        if text.strip():
            self.add(*self.paragraphs(text, "下一步工作打算"))
        else:
            self.add(self.p("（未填写下一步工作打算。）", "body"))

    # --- signature -------------------------------------------------------------------------
    def signature(self) -> None:
        d = self.data
        # The last paragraph of text travels with "特此报告。" and the signature, so the page that gets
        # the stamp never stands without text.
        last = self.story.pop()
        block = [
            last,
            self.p("特此报告。"),
            Spacer(1, 2 * BODY_LEADING),
            self.p(d.unit.name, "sign", "单位名称"),
            self.p(format_cn_date(d.generated), "sign"),
        ]
        self.add(KeepTogether(block))

    # --- 附件：佐证材料 -------------------------------------------------------------------------
    def evidence(self) -> None:
        d = self.data
        self.add(PageBreak(), self.p("附件", "attachment"), self.p("佐证材料清单", "title"))
        if not d.evidence:
            self.add(self.p("本期未附佐证材料。"))
            return
        total = sum(e.size for e in d.evidence)
        self.add(
            self.p(
                f"共{len(d.evidence)}份，合计{format_size(total)}。每份材料的SHA-256校验值"
                "前16位列于表中，完整值见上报包内的清单和自评表。"
            )
        )
        self.add(Spacer(1, 2 * mm), evidence_table(self))

    # --- 电子签名信息 -----------------------------------------------------------------------------
    def technical(self) -> None:
        d = self.data
        self.add(PageBreak(), self.p("电子签名信息", "title"))
        self.add(
            self.p(
                "以下信息供县司法局核验电子上报包时使用，与上报包内的签名文件和清单一一对应，无须人工填写。",
                "body",
            )
        )
        rows: list[tuple[str, str]] = [
            ("上报包编号", d.package_id or "草稿预览（尚未生成上报包）"),
        ]
        if not d.is_draft:
            rows.append(("版次", f"第{d.sequence}版" + (f"，替代 {d.supersedes}" if d.supersedes else "")))
        rows += [
            ("签名密钥指纹", fmt.grouped_hex(d.fingerprint) if d.fingerprint else "（草稿无签名）"),
            ("依据计划", f"{d.plan.issuer}《{d.plan.title}》（{d.plan.doc_number}）".strip()),
            ("计划编号及版本", f"{d.plan.id}　版本 {d.plan.version}"),
            ("计划目录SHA-256", fmt.grouped_hex(d.plan.sha256) if d.plan.sha256 else "—"),
            ("生成时间", fmt.chinese_datetime(d.generated)),
            ("生成程序", f"fazhi-desktop {d.program_version or __version__}"),
            ("报告字体", "、".join(f.title for f in FONT_FILES)),
        ]
        table = Table(
            [[self.p(k, "tech_label"), self.p(v, "tech", k)] for k, v in rows],
            colWidths=[40 * mm, FRAME_W - 40 * mm],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.primary),
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        self.add(Spacer(1, 3 * mm), table)

    def build(self) -> list[Any]:
        self.cover()
        self.summary()
        self.tasks()
        self.indicators()
        self.adjustments()
        self.problems_and_measures()
        self.next_steps()
        self.signature()
        self.evidence()
        self.technical()
        return self.story


def render_pdf(data: ReportData, *, warnings: list[str] | None = None) -> bytes:
    """The report as PDF bytes; characters no font has are appended to `warnings` (Chinese)."""
    fonts = register_fonts()
    collected: list[str] = []
    title = report_title(data)
    furniture = Furniture(fonts, draft=data.is_draft, warnings=collected, created=data.generated)
    story = _Writer(data, fonts, collected).build()
    pdf = render_document(
        story,
        furniture,
        title=title,
        author=data.unit.name,
        subject=f"{data.plan.title}（{data.plan.doc_number}）自查报告；{fmt.package_line(data)}",
        creator=f"fazhi-desktop {data.program_version or __version__}",
        keywords=["法治政府建设", "自查报告"],
        frame_id="body",
    )
    if warnings is not None:
        warnings.extend(w for w in collected if w not in warnings)
    return pdf


def write_pdf(data: ReportData, target: Path, *, warnings: list[str] | None = None) -> Path:
    """Render the report and write it to `target` atomically."""
    atomic_write_bytes(Path(target), render_pdf(data, warnings=warnings))
    return Path(target)
