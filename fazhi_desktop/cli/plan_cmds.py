"""`plan list|show|import|sign|template|export|draft`, `units`, `assigned`: the catalogue from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from fazhi_desktop.catalogue.model import Item
from fazhi_desktop.cli.output import print_json, print_lines, print_result
from fazhi_desktop.cli.parser import verb
from fazhi_desktop.dates import local_moment


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    plan = sub.add_parser("plan", help="查看或导入计划（工作计划与指标体系）")
    plan_sub = plan.add_subparsers(
        dest="plan_verb", required=True, metavar="{list,show,import,sign,bureau-key,template,export,draft}"
    )
    verb(plan_sub, "list", "列出可用的计划", cmd_plan_list, json=True)
    p = verb(plan_sub, "show", "显示一个计划的全部内容", cmd_plan_show, json="以 JSON 输出（完整目录）")
    p.add_argument("plan", nargs="?", help="计划编号，默认为内置计划 shen-2021")
    p = verb(
        plan_sub,
        "import",
        "导入计划：司法局签名的计划（.signed）、计划工作簿（.xlsx）或计划文件（.json）",
        cmd_plan_import,
    )
    p.add_argument("file", type=Path, help="计划文件：.signed、.xlsx 或 .json")
    p.add_argument("--check", action="store_true", help="只检查并显示计划内容和签名，不导入")
    p.add_argument("--allow-unsigned", action="store_true", help="确认导入没有签名的计划（标为“未签名”）")
    p = plan_sub.add_parser("sign", help="（县司法局）用司法局密钥为计划签名，生成下发用的 .signed 文件")
    p.add_argument("file", type=Path, help="计划工作簿（.xlsx）或计划文件（.json）")
    p.add_argument(
        "--key",
        type=Path,
        metavar="KEYFILE",
        help="司法局签名密钥文件（默认为审核模式数据目录中的 keys/bureau-key.json）",
    )
    p.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="从文件读取密钥口令（也可用环境变量 FAZHI_PASSPHRASE）",
    )
    p.add_argument(
        "--out", type=Path, metavar="FILE.signed", help="保存为（默认与原文件同名，扩展名 .signed）"
    )
    p.set_defaults(func=cmd_plan_sign)
    p = verb(
        plan_sub,
        "bureau-key",
        "显示本单位记住的县司法局签名密钥，或在司法局更换密钥后改为信任新密钥",
        cmd_plan_bureau_key,
    )
    p.add_argument("--trust", type=Path, metavar="FILE.signed", help="改为信任签署此计划文件的密钥")
    p.add_argument("--yes", action="store_true", help="与 --trust 同用：确认更换（不加则只显示两个指纹）")
    p = verb(plan_sub, "template", "生成空白的计划模板工作簿（含填写说明和示例）", cmd_plan_template)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="保存为，如 计划模板.xlsx")
    p = verb(plan_sub, "export", "把已有的计划导出为计划工作簿（.xlsx），可修改后再导入", cmd_plan_export)
    p.add_argument("plan", help="计划编号，如 shen-2021")
    p.add_argument("--version", help="计划版本，默认为最新版本")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="保存为")
    p = verb(
        plan_sub,
        "draft",
        "从计划文件（.txt、.docx 或带文字的 .pdf）起草计划工作簿，供人工核对",
        cmd_plan_draft,
    )
    p.add_argument("document", type=Path, help="计划文件")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="草稿保存为，如 草稿.xlsx")

    p = verb(sub, "units", "列出单位名录（规范名称、类别、别名）", cmd_units, json=True)
    p.add_argument("--plan", help="计划编号")

    p = verb(sub, "assigned", "列出某单位需要填报的事项及其角色", cmd_assigned, json=True)
    p.add_argument("--unit", required=True, help="单位名称（任一别名均可；镇、街道可直接输入其名称）")
    p.add_argument("--plan", help="计划编号")


def cmd_plan_list(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import registry

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
                    "origin": registry.plan_origin(args.data_dir, p)[0],
                    "signer_fingerprint": registry.plan_origin(args.data_dir, p)[1],
                }
                for p in plans
            ]
        )
        return 0
    print_lines(
        [
            f"{p.meta.id}\t{p.meta.version}\t{p.meta.doc_number}\t{p.meta.title}\t{registry.origin_label(args.data_dir, p)}"
            for p in plans
        ]
    )
    return 0


def cmd_plan_show(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import registry
    from fazhi_desktop.catalogue.export import plan_dict

    plan = registry.get_plan(args.plan, args.data_dir)
    if args.json:
        print_json(plan_dict(plan))
        return 0
    lines = [f"{plan.meta.title}（{plan.meta.doc_number}），版本 {plan.meta.version}", ""]
    for s in plan.sections:
        lines.append(f"{s.number}. {s.title}")
        for t in s.tasks:
            lines.append(f"  {t.id}  {t.short_title}  〔{_units_text(t)}〕")
    lines.append("")
    lines.append(plan.meta.indicator_system_title)
    for a in plan.areas:
        lines.append(f"{a.number}. {a.title}")
        for h in a.headings:
            lines.append(f"  {h.number}. {h.title}")
            for i in h.indicators:
                points = f"  {i.points:g}分" if i.points is not None else ""
                lines.append(f"    {i.id}  {i.short_title}  〔{_units_text(i)}〕{points}")
    lines.append("附加项")
    for adj in plan.adjustments:
        lines.append(f"  {adj.id}  {adj.group_title}：{adj.text}")
    print_lines(lines)
    return 0


def _units_text(item: Item) -> str:
    """`牵头：…` and, in format-2 plans, `；配合：…` where the item has cooperating units."""
    text = f"牵头：{'、'.join(item.lead) or '—'}"
    return text + (f"；配合：{'、'.join(item.cooperating)}" if item.cooperating else "")


def cmd_plan_import(args: argparse.Namespace) -> int:
    from fazhi_desktop.app import plans
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        preview = plans.preview_import(args.data_dir, ws.db, args.file)
        lines = [*preview.lines()]
        if args.check:
            print_lines([*lines, "（只检查，未导入）"])
            return 0
        plan = plans.accept_import(args.data_dir, ws.db, preview, allow_unsigned=args.allow_unsigned)
    mark = "（未签名）" if preview.trust == "unsigned" else ""
    print_lines([*lines, f"已导入计划 {plan.meta.id} 版本 {plan.meta.version}{mark}"])
    return 0


def cmd_plan_sign(args: argparse.Namespace) -> int:
    from fazhi_desktop.app import plans
    from fazhi_desktop.cli.passphrase import read_passphrase
    from fazhi_desktop.errors import UsageError
    from fazhi_desktop.review.bureau import bureau_key_path

    key_file = args.key or bureau_key_path(args.data_dir)  # the reviewer mode's bureau key by default
    if not Path(key_file).is_file():
        raise UsageError(
            f"找不到司法局签名密钥 {key_file}：请用 --key 指定密钥文件，或在审核模式的数据目录中运行"
            "（先用 review init 创建司法局密钥）"
        )
    out = args.out or args.file.with_suffix(".signed")
    passphrase = read_passphrase(args, "司法局签名密钥的口令：")
    plan, fingerprint = plans.sign(args.file, key_file, passphrase, out)
    print_lines(
        [
            f"已签名：{out}",
            f"  计划 {plan.meta.id} 版本 {plan.meta.version}：{plan.meta.title}（{plan.meta.doc_number}）",
            f"  签名密钥指纹 {fingerprint}（请印在下发通知上，供各单位核对）",
        ]
    )
    return 0


def cmd_plan_bureau_key(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue.signed_plan import open_signed_plan
    from fazhi_desktop.package.fingerprint import display_fingerprint
    from fazhi_desktop.selfcheck import bureau_trust
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        known = bureau_trust.remembered(ws.db)
        lines = [
            f"记住的县司法局密钥：{known.fingerprint_display}（{local_moment(known.first_seen_at)[:10]} 随 {known.first_seen_in} 收到）"
            if known
            else "还没有记住县司法局的密钥（导入第一份签名计划时记住）"
        ]
        if args.trust is None:
            print_lines(lines)
            return 0
        got = open_signed_plan(args.trust.read_bytes(), str(args.trust))
        assert got.signer_public is not None
        lines.append(f"{args.trust.name} 的签名密钥：{display_fingerprint(got.signer_fingerprint or '')}")
        if not args.yes:
            print_lines([*lines, "未更换：核对新指纹与司法局的书面通知一致后，加 --yes 确认"])
            return 0
        m = got.plan.meta
        bureau_trust.replace(ws.db, got.signer_public, f"{m.title}（{m.doc_number}）{args.trust.name}")
    print_lines([*lines, "已改为信任新的县司法局密钥（更换已记入修改记录）"])
    return 0


def cmd_plan_template(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import plan_workbook

    out = plan_workbook.write_workbook(args.out, plan_workbook.empty_sheets())
    print_lines(
        [f"已生成计划模板：{out}（先看“说明”工作表；填好后用 fazhi-desktop plan import {out.name} 导入）"]
    )
    return 0


def cmd_plan_export(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import plan_workbook, registry

    plan = registry.get_plan(args.plan, args.data_dir, version=args.version)
    out = plan_workbook.write_workbook(args.out, plan_workbook.plan_sheets(plan))
    print_lines([f"已导出计划 {plan.meta.id} 版本 {plan.meta.version} 到 {out}"])
    return 0


def cmd_plan_draft(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import plan_workbook
    from fazhi_desktop.catalogue.doc_text import read_document
    from fazhi_desktop.catalogue.draft import draft_plan, draft_summary

    content = draft_plan(read_document(args.document))
    out = plan_workbook.write_workbook(args.out, content)
    print_lines([f"已起草 {out}：", *(f"  {line}" for line in draft_summary(content))])
    return 0


def cmd_units(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import registry
    from fazhi_desktop.catalogue.export import units_list

    plan = registry.get_plan(args.plan, args.data_dir)
    return print_result(
        args.json, units_list(plan), [f"{u.name}\t{u.kind_name}\t{'、'.join(u.aliases)}" for u in plan.units]
    )


def cmd_assigned(args: argparse.Namespace) -> int:
    from fazhi_desktop.catalogue import registry
    from fazhi_desktop.catalogue.assign import assigned_for
    from fazhi_desktop.catalogue.export import assignments_dict

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
