"""`plan list|show|import|template|export`, `units`, `assigned`: the catalogue from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.assign import assigned_for
from fazhi_desktop.catalogue.export import assignments_dict, plan_dict, units_list
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.cli.output import print_json, print_lines


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    plan = sub.add_parser("plan", help="查看或导入计划（工作计划与指标体系）")
    plan_sub = plan.add_subparsers(
        dest="plan_verb", required=True, metavar="{list,show,import,template,export}"
    )
    p = plan_sub.add_parser("list", help="列出可用的计划")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_plan_list)
    p = plan_sub.add_parser("show", help="显示一个计划的全部内容")
    p.add_argument("plan", nargs="?", help="计划编号，默认为内置计划 shen-2021")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（完整目录）")
    p.set_defaults(func=cmd_plan_show)
    p = plan_sub.add_parser("import", help="导入计划：计划工作簿（.xlsx）或计划文件（.json）")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_plan_import)
    p = plan_sub.add_parser("template", help="生成空白的计划模板工作簿（含填写说明和示例）")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="保存为，如 计划模板.xlsx")
    p.set_defaults(func=cmd_plan_template)
    p = plan_sub.add_parser("export", help="把已有的计划导出为计划工作簿（.xlsx），可修改后再导入")
    p.add_argument("plan", help="计划编号，如 shen-2021")
    p.add_argument("--version", help="计划版本，默认为最新版本")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="保存为")
    p.set_defaults(func=cmd_plan_export)

    p = sub.add_parser("units", help="列出单位名录（规范名称、类别、别名）")
    p.add_argument("--plan", help="计划编号")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_units)

    p = sub.add_parser("assigned", help="列出某单位需要填报的事项及其角色")
    p.add_argument("--unit", required=True, help="单位名称（任一别名均可；镇、街道可直接输入其名称）")
    p.add_argument("--plan", help="计划编号")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_assigned)


def cmd_plan_list(args: argparse.Namespace) -> int:
    plans = registry.available_plans(args.data_dir)
    if args.json:
        print_json(
            [
                {
                    "id": p.meta.id,
                    "version": p.meta.version,
                    "title": p.meta.title,
                    "doc_number": p.meta.doc_number,
                    "year": p.meta.year,
                    "county": p.meta.county,
                }
                for p in plans
            ]
        )
        return 0
    print_lines([f"{p.meta.id}\t{p.meta.version}\t{p.meta.doc_number}\t{p.meta.title}" for p in plans])
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    plan = registry.get_plan(args.plan, args.data_dir)
    if args.json:
        print_json(plan_dict(plan))
        return 0
    lines = [f"{plan.meta.title}（{plan.meta.doc_number}），版本 {plan.meta.version}", ""]
    for s in plan.sections:
        lines.append(f"{s.number}. {s.title}")
        for t in s.tasks:
            lines.append(f"  {t.id}  {t.short_title}  〔牵头：{'、'.join(t.lead)}〕")
    lines.append("")
    lines.append(plan.meta.indicator_system_title)
    for a in plan.areas:
        lines.append(f"{a.number}. {a.title}")
        for h in a.headings:
            lines.append(f"  {h.number}. {h.title}")
            for i in h.indicators:
                lines.append(f"    {i.id}  {i.short_title}  〔牵头：{'、'.join(i.lead) or '—'}〕")
    lines.append("附加项")
    for adj in plan.adjustments:
        lines.append(f"  {adj.id}  {adj.group_title}：{adj.text}")
    print_lines(lines)
    return 0


def cmd_plan_import(args: argparse.Namespace) -> int:
    plan = registry.import_plan(args.data_dir, args.file)
    lines = [
        f"已导入计划 {plan.meta.id} 版本 {plan.meta.version}：{plan.meta.title}（{plan.meta.doc_number}）"
    ]
    lines += plan_summary(plan)
    print_lines(lines)
    return 0


def plan_summary(plan: Plan) -> list[str]:
    """What a plan holds, in a few lines (shown before and after an import)."""
    lines = [
        f"  工作任务 {len(plan.tasks)} 项（{len(plan.sections)} 个部分）；指标 {len(plan.indicators)} 项"
        f"（一级 {len(plan.areas)} 个，二级 {sum(len(a.headings) for a in plan.areas)} 个）；"
        f"加减分项 {len(plan.adjustments)} 项",
        f"  单位名录 {len(plan.units)} 个单位，集合名称 {len(plan.collectives)} 个",
    ]
    if plan.scored:
        total = f"{plan.total_points:g}" if plan.total_points is not None else "未定"
        lines.append(f"  含分值：总分 {total} 分")
    lines += [f"  提示：{w}" for w in plan.warnings]
    return lines


def cmd_plan_template(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import plan_workbook

    out = plan_workbook.write_workbook(args.out, plan_workbook.empty_sheets())
    print_lines(
        [f"已生成计划模板：{out}（先看“说明”工作表；填好后用 fazhi-desktop plan import {out.name} 导入）"]
    )
    return 0


def cmd_plan_export(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import plan_workbook

    plan = registry.get_plan(args.plan, args.data_dir, version=args.version)
    out = plan_workbook.write_workbook(args.out, plan_workbook.plan_sheets(plan))
    print_lines([f"已导出计划 {plan.meta.id} 版本 {plan.meta.version} 到 {out}"])
    return 0


def cmd_units(args: argparse.Namespace) -> int:
    plan = registry.get_plan(args.plan, args.data_dir)
    if args.json:
        print_json(units_list(plan))
        return 0
    print_lines([f"{u.name}\t{u.kind_name}\t{'、'.join(u.aliases)}" for u in plan.units])
    return 0


def cmd_assigned(args: argparse.Namespace) -> int:
    plan = registry.get_plan(args.plan, args.data_dir)
    unit, items = assigned_for(plan, args.unit)
    if args.json:
        print_json(assignments_dict(plan, unit, items))
        return 0
    lines = [
        f"{unit.name}（{unit.kind}）须填报 {sum(not a.optional for a in items)} 项，"
        f"可选 {sum(a.optional for a in items)} 项"
    ]
    for a in items:
        mark = "（可选）" if a.optional else ""
        lines.append(f"{a.item.id}\t{a.role}{mark}\t{a.item.short_title}")
    print_lines(lines)
    return 0
