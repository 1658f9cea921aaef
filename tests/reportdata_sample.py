"""A realistic ReportData built from the shipped plan, for the report tests (no database involved).

Narratives are long and dense with the punctuation that reportlab's default wrapping puts at the start
of a line (”。 ）； ：“ …), people's names use rare characters (㭎 from Extension A, 𠀀 from Extension B),
one name uses a character no bundled font has (𪛖 U+2A6D6), some fields are empty, and the evidence list
is long enough to run over several pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.assign import assigned_for
from fazhi_desktop.reports.data import (
    EvidenceInfo,
    ItemReport,
    PlanInfo,
    ReportData,
    UnitInfo,
    progress_table,
)

RARE_PERSON = "王㭎"  # Extension A
RARE_PERSON_B = "李𠀀华"  # Extension B
NO_GLYPH_PERSON = "张𪛖"  # U+2A6D6: in neither bundled font
FINGERPRINT = "3F2A9C01B7D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E"
PACKAGE_ID = "pkg-2022-0115-8f3a6c1d"
# The unit's own words for the period (selfcheck/narratives.py).
OVERALL_TEXT = (
    "2021年，县司法局坚持以习近平法治思想为指导，认真落实《莘县2021年法治政府建设工作计划》，"
    "把法治政府建设摆在全局工作的突出位置，主要负责人亲自部署、亲自推动。\n"
    "全年召开专题会议4次，研究解决法治建设重大问题9项；完善行政执法“三项制度”，"
    "开展“八五”普法启动工作，法治政府建设各项任务总体按计划推进。"
)
NEXT_STEPS_TEXT = (
    "一是持续深化习近平法治思想学习宣传，把学法纳入党组理论学习中心组年度计划。\n"
    "二是强化行政执法监督，2022年6月底前完成全县行政执法案卷集中评查。\n"
    "三是推进公共法律服务体系建设，实现村（社区）法律顾问全覆盖。"
)

_SENTENCES = (
    "围绕“八五”普法规划，组织开展“美好生活·民法典相伴”主题宣传活动{n}场（次），覆盖群众约{m}人。",
    "制定《重大行政决策程序实施细则》（试行），明确公众参与、专家论证、风险评估、合法性审查和集体讨论决定五个环节；",
    "对照指标要求逐项梳理：已完成“双随机、一公开”抽查{n}次，抽查结果全部通过“信用中国（山东）”网站公示。",
    "聘请法律顾问{n}名，审查合同、协议{m}份（件），提出修改意见{n}条，均已采纳。",
    "行政复议、行政诉讼案件{n}件，其中纠错{m}件（含撤销、确认违法），败诉率较上年下降。",
    "建立“首违不罚”“轻微免罚”清单，涉及事项{n}项；",
    "落实行政执法“三项制度”，执法全过程记录设备配备率达到100%（执法记录仪{m}台）。",
    "开展领导干部学法活动，党委（党组）理论学习中心组集体学法{n}次：内容包括宪法、民法典、行政处罚法等。",
)


def narrative(seed: int, sentences: int = 9) -> str:
    """A long, realistic 工作开展情况 in two paragraphs."""
    parts = []
    for k in range(sentences):
        s = _SENTENCES[(seed + k) % len(_SENTENCES)]
        parts.append(s.format(n=(seed * 7 + k) % 23 + 2, m=(seed * 131 + k * 17) % 5000 + 100))
    half = len(parts) // 2
    return "".join(parts[:half]) + "\n" + "".join(parts[half:])


def sample_report(
    unit_name: str = "县司法局",
    *,
    draft: bool = False,
    evidence_count: int = 60,
    rare_names: bool = True,
    narratives: bool = True,
    common_only: bool = False,
) -> ReportData:
    """A filled-in report for `unit_name` from the built-in plan; `common_only`: every person's name in
    GB 2312 characters (no 㭎, no 𠀀)."""
    plan = registry.get_plan(None, None)
    unit, assignments = assigned_for(plan, unit_name)
    items = []
    evidence = []
    for idx, a in enumerate(assignments):
        it = a.item
        opted = None
        if a.optional:
            opted = [True, False, None][idx % 3] if it.kind != "task" or idx % 5 else True
        answered = not a.optional or opted is True
        result_sets = {
            "task": ("已完成", "部分完成", "未完成", "不适用"),
            "indicator": ("达标", "基本达标", "未达标", "不适用"),
            "bonus": ("有", "无"),
            "deduction": ("无", "有"),
        }
        results = result_sets[it.kind]
        result = results[idx % len(results)] if answered and idx % 11 != 5 else None
        person = ("赵建国", RARE_PERSON, RARE_PERSON_B, "", "孙丽")[idx % 5]
        if common_only and person in (RARE_PERSON, RARE_PERSON_B):
            person = "钱伟"
        elif rare_names and idx == 7:
            person = NO_GLYPH_PERSON
        shortfall = result in ("部分完成", "未完成", "基本达标", "未达标", "有") and it.kind != "bonus"
        missing = []
        narr = narrative(idx, 9 if idx % 4 else 16) if answered and idx % 9 != 4 else ""
        if answered and not narr:
            missing.append("未填写工作开展情况")
        if answered and result is None:
            missing.append("未填写自评结果")
        if a.optional and opted is None:
            missing.append("尚未选择是否参与")
        items.append(
            ItemReport(
                id=it.id,
                kind=it.kind,
                number=it.number,
                text=it.text,
                short_title=it.short_title,
                group_number=it.group_number,
                group_title=it.group_title,
                heading_number=it.heading_number,
                heading_title=it.heading_title,
                role=a.role,
                optional=a.optional,
                opted_in=opted,
                work_status=("已完成", "推进中", "未开始")[idx % 3] if answered else "未开始",
                result=result,
                narrative=narr,
                problems=(
                    "部分执法人员对新修订的《行政处罚法》掌握不够（尤其是“首违不罚”的适用条件），"
                    "案卷评查中发现文书制作不规范、证据目录不完整等问题。"
                )
                if shortfall
                else "",
                measures=(
                    "组织执法人员集中轮训；每季度开展一次案卷评查，评查结果纳入年度考核（占比10%）；"
                    "建立问题台账，逐项销号。"
                )
                if shortfall
                else "",
                deadline="2022-06-30" if shortfall else None,
                responsible_person=person if answered else "",
                na_reason="本单位不承担该项职能（由县综合行政执法局负责），故不适用。"
                if result == "不适用"
                else "",
                updated_at="2022-01-10T08:00:00+00:00" if answered else None,
                missing=tuple(missing),
            )
        )
    for n in range(evidence_count):
        linked = tuple(i.id for i in items[n % len(items) : n % len(items) + 1 + n % 3] if i.answered) or (
            items[0].id,
        )
        name = (
            f"{2021}年第{n + 1}批行政执法案卷评查情况通报（{['扫描件', '正式文件', '会议纪要'][n % 3]}）.pdf"
        )
        if n == 3:
            name = "关于印发《县司法局2021年度法治政府建设工作要点》的通知（莘司发〔2021〕3号）附件一至附件五合订本.pdf"
        evidence.append(
            EvidenceInfo(
                id=str(n + 1),
                name=name,
                item_ids=linked,
                made_date=None if n % 13 == 7 else f"2021-{n % 12 + 1:02d}-15",
                size=(n + 1) * 187_331 + 512,
                sha256=hashlib.sha256(f"evidence {n}".encode()).hexdigest(),
                mime_type="application/pdf",
                description="经主要负责人签批" if n % 4 == 0 else "",
            )
        )
    items = [
        ItemReport(**{**i.__dict__, "evidence_ids": tuple(e.id for e in evidence if i.id in e.item_ids)})
        for i in items
    ]
    meta = plan.meta
    return ReportData(
        plan=PlanInfo(
            id=meta.id,
            version=meta.version,
            title=meta.title,
            doc_number=meta.doc_number,
            issuer=meta.issuer,
            issue_date=meta.issue_date,
            year=meta.year,
            county=meta.county,
            indicator_system_title=meta.indicator_system_title,
            sha256=plan.sha256,
        ),
        unit=UnitInfo(
            name=unit.name,
            kind=unit.kind,
            kind_name="政府部门",
            contact="钱伟" if common_only else RARE_PERSON_B,
            phone="0635-5012345",
        ),
        period_label="2021年度",
        generated=dt.datetime(2022, 1, 15, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        items=tuple(items),
        evidence=tuple(evidence),
        progress=progress_table(items),
        package_id=None if draft else PACKAGE_ID,
        sequence=None if draft else 2,
        supersedes=None if draft else "pkg-2022-0110-11aa22bb",
        fingerprint=None if draft else FINGERPRINT,
        program_version="0.1.0",
        overall_text=OVERALL_TEXT if narratives else "",
        next_steps_text=NEXT_STEPS_TEXT if narratives else "",
    )
