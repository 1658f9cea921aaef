"""`init`, `period`, `check`, `show`: the self-check from the command line (`progress` and `history` are in
progress_cmds.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_desktop.catalogue.model import UNIT_KINDS
from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb
from fazhi_desktop.cli.passphrase import PASSPHRASE_ENV, read_passphrase
from fazhi_desktop.cli.safety_cmds import auto_backup
from fazhi_desktop.errors import UsageError, describe_os_error
from fazhi_desktop.fsutil import read_regular
from fazhi_desktop.selfcheck.model import PERIOD_KIND_NAMES
from fazhi_desktop.sizes import format_size
from fazhi_desktop.textclean import decode_local, refuse_nul

if TYPE_CHECKING:
    from fazhi_desktop.selfcheck.workspace import Workspace


_PERIOD_KINDS = {
    "annual": "annual",
    "first_half": "first_half",
    "second_half": "second_half",
    **{v: k for k, v in PERIOD_KIND_NAMES.items()},
    "全年": "annual",
}


def _period_kind(text: str) -> str:
    try:
        return _PERIOD_KINDS[text.strip()]
    except KeyError:
        raise argparse.ArgumentTypeError(
            "可选 annual（年度）、first_half（上半年）、second_half（下半年）"
        ) from None


def _period_kind_option(p: argparse.ArgumentParser, flag: str, lead: str) -> None:
    p.add_argument(
        flag,
        type=_period_kind,
        default="annual",
        metavar="{annual,first_half,second_half}",
        help=f"{lead}annual 年度（默认）、first_half 上半年、second_half 下半年",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="首次设置：本单位、联系人、计划和报告期（可重复运行以修改）")
    p.add_argument("--unit", required=True, help="单位名称（任一别名均可；镇、街道可直接输入其名称）")
    p.add_argument("--contact", help="联系人")
    p.add_argument("--phone", help="联系电话")
    p.add_argument("--year", type=int, help="报告年度，默认为计划的年度")
    _period_kind_option(p, "--period", "报告期：")
    p.add_argument("--plan", help="计划编号，默认为内置计划 shen-2021")
    p.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help=f"创建本单位签名密钥所用的口令文件（也可用环境变量 {PASSPHRASE_ENV}；有终端时会提示输入）",
    )
    p.add_argument(
        "--no-key", action="store_true", help="暂不创建签名密钥（以后在程序中或再次运行 init 时创建）"
    )
    p.set_defaults(func=cmd_init)

    period = sub.add_parser("period", help="报告期：列出、新增、切换")
    period_sub = period.add_subparsers(dest="period_verb", required=True, metavar="{list,add,switch}")
    verb(period_sub, "list", "列出报告期（* 为当前）", cmd_period_list, json=True)
    p = period_sub.add_parser("add", help="新增报告期并设为当前")
    p.add_argument("year", type=int, help="年度，如 2022")
    _period_kind_option(p, "--kind", "")
    p.add_argument(
        "--carry-from", metavar="PERIOD", help="把该报告期的填报内容带入新报告期作为草稿（如 2021年度）"
    )
    p.add_argument("--no-switch", action="store_true", help="只新增，不切换为当前报告期")
    p.add_argument(
        "--plan", metavar="ID", help="新报告期对照的计划编号（默认与当前报告期相同），如 plan-2026"
    )
    p.add_argument(
        "--yes",
        action="store_true",
        help="与 --carry-from 同用：确认显示的事项对应关系并带入（不加则只显示）",
    )
    p.set_defaults(func=cmd_period_add)
    p = verb(period_sub, "switch", "切换当前报告期", cmd_period_switch)
    p.add_argument("period", metavar="PERIOD", help="报告期名称（如 2021年度、2022年上半年）、年度或编号")

    p = sub.add_parser("check", help="填写或修改一个事项的自评（工作状态、自评结果、工作开展情况……）")
    p.add_argument("item", metavar="ITEM", help="事项编号，如 T07、I48、B1")
    p.add_argument("--status", help="工作状态：未开始、推进中、已完成")
    p.add_argument(
        "--result",
        help="自评结果：任务 已完成/部分完成/未完成/不适用；指标 达标/基本达标/未达标/不适用；"
        "加分项、减分项 有/无（空字符串清除）",
    )
    p.add_argument("--text", help="工作开展情况（- 从标准输入读取，@文件名 从文本文件读取）")
    p.add_argument("--problems", help="存在问题（同样支持 - 和 @文件名）")
    p.add_argument("--measures", help="整改措施（同样支持 - 和 @文件名）")
    p.add_argument("--deadline", help="整改时限，如 2021-12-31 或 2021年12月31日（空字符串清除）")
    p.add_argument("--person", help="责任人")
    p.add_argument("--na-reason", help="不适用的理由")
    p.add_argument("--score", help="自评分（计划给出分值的事项：0 至分值，可到半分；空字符串清除）")
    p.add_argument("--score-note", help="扣分说明（自评分低于分值时必填；同样支持 - 和 @文件名）")
    opt = p.add_mutually_exclusive_group()
    opt.add_argument("--opt-in", action="store_true", help="参与此可选事项（“有关部门”事项、加分项、减分项）")
    opt.add_argument("--opt-out", action="store_true", help="不参与此可选事项")
    p.set_defaults(func=cmd_check)

    p = verb(sub, "show", "显示一个事项：原文、角色、自评内容、佐证材料和尚缺内容", cmd_show, json=True)
    p.add_argument("item", metavar="ITEM", help="事项编号，如 T05")


# --- init and periods ----------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from fazhi_desktop.app import unit  # the key needs `cryptography`: only `init` pays for it
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        auto_backup(ws)  # re-running init can change the unit: keep what was there
        profile = unit.set_up(
            ws,
            args.unit,
            contact=args.contact,
            phone=args.phone,
            year=args.year,
            period_kind=args.period,
            plan_id=args.plan,
        )
        items = ws.assignments()
        required = sum(not a.optional for a in items)
        lines = [
            f"本单位：{profile.unit_name}（{UNIT_KINDS.get(profile.unit_kind, profile.unit_kind)}）",
            f"联系人：{profile.contact or '（未填）'}　联系电话：{profile.phone or '（未填）'}",
            f"报告期：{ws.period.label}（计划 {ws.plan.meta.id} 版本 {ws.plan.meta.version}，{ws.plan.meta.doc_number}）",
            f"须填报 {required} 项，可选 {len(items) - required} 项",
        ]
        lines += _key_lines(args, ws)
    print_lines(lines)
    return 0


def _key_lines(args: argparse.Namespace, ws: Workspace) -> list[str]:
    """Create the unit key when none exists yet and a passphrase is at hand; report the fingerprint."""
    from fazhi_desktop.app import unit
    from fazhi_desktop.package.fingerprint import display_fingerprint

    existing = unit.adopt_key(ws)
    if existing:
        return [f"签名密钥：已存在，指纹 {display_fingerprint(existing)}"]
    have_passphrase = args.passphrase_file is not None or os.environ.get(PASSPHRASE_ENV) or sys.stdin.isatty()
    if args.no_key or not have_passphrase:
        return ["签名密钥：尚未创建（生成上报包前需要创建；用 --passphrase-file 指定口令文件再运行 init）"]
    passphrase = read_passphrase(args, "为本单位签名密钥设置口令：", confirm=True)
    fingerprint = unit.create_key(ws.data_dir, passphrase)
    unit.record_key(ws, fingerprint)
    return [
        f"签名密钥：已创建，指纹 {display_fingerprint(fingerprint)}",
        "请牢记口令：忘记口令将无法再用此密钥签名上报包。",
    ]


def _period_dict(ws: Workspace, p: Any) -> dict[str, Any]:
    from fazhi_desktop.selfcheck.assessments import count_saved

    count = count_saved(ws.db, p.id)
    return {
        "id": p.id,
        "label": p.label,
        "year": p.year,
        "kind": p.kind,
        "current": p.is_current,
        "plan_id": p.plan_id,
        "plan_version": p.plan_version,
        "carried_from": p.carried_from,
        "assessments": count,
        "created_at": p.created_at,
    }


def cmd_period_list(args: argparse.Namespace) -> int:
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        rows = [_period_dict(ws, p) for p in ws.periods()]
    if args.json:
        print_json(rows)
        return 0
    print_lines(
        [
            f"{'*' if r['current'] else ' '} {r['id']}\t{r['label']}\t{r['plan_id']} {r['plan_version']}"
            f"\t已填 {r['assessments']} 项"
            for r in rows
        ]
    )
    return 0


def cmd_period_add(args: argparse.Namespace) -> int:
    from fazhi_desktop.app import plans
    from fazhi_desktop.catalogue import registry
    from fazhi_desktop.selfcheck.assessments import count_saved
    from fazhi_desktop.selfcheck.profile import find_period
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        carry = find_period(ws, args.carry_from).id if args.carry_from else None
        plan = registry.get_plan(args.plan, args.data_dir) if args.plan else ws.plan
        lines: list[str] = []
        matches = None
        source = ws.period_by_id(carry) if carry is not None else None
        if source is not None and (source.plan_id, source.plan_version) != (plan.meta.id, plan.meta.version):
            # Another plan (or another version of it): the clerk confirms the item mapping first.
            answered = count_saved(ws.db, source.id)
            matches = plans.carry_mapping(ws, source.id, plan)
            lines += plans.mapping_lines(matches, answered)
            if not args.yes:
                lines.append("尚未新增报告期、未复制任何内容：核对上面的对应关系后，加 --yes 重新运行以确认")
                print_lines(lines)
                return 0
        auto_backup(ws)
        period = plans.start_period(
            ws, args.year, args.kind, plan, carry_from=carry, matches=matches, make_current=not args.no_switch
        )
        copied = count_saved(ws.db, period.id)
        lines.append(
            f"已新增报告期：{period.label}"
            + (f"（计划 {plan.meta.id} 版本 {plan.meta.version}）" if args.plan else "")
            + ("（已设为当前报告期）" if not args.no_switch else "")
        )
        if carry is not None:
            lines.append(
                f"已从 {ws.period_by_id(carry).label} 带入 {copied} 项填报内容作为草稿"
                "（“已完成”的工作状态改为“推进中”，佐证材料不带入）"
            )
    print_lines(lines)
    return 0


def cmd_period_switch(args: argparse.Namespace) -> int:
    from fazhi_desktop.selfcheck.profile import find_period, switch_period
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        period = find_period(ws, args.period)
        auto_backup(ws)
        switch_period(ws, period.id)
    print_lines([f"当前报告期：{period.label}"])
    return 0


# --- check and show --------------------------------------------------------------------------------
# The longest field holds 20,000 characters (textclean.FIELD_LIMITS): 4 bytes each in the worst case
# of GB18030, with room for blanks that are stripped. Anything larger is not an answer to one item.
MAX_TEXT_FILE = 1 << 20


def read_text_arg(value: str | None, what: str) -> str | None:
    """`-` reads standard input, `@file` reads a text file (UTF-8 or GBK), `@@x` is the literal `@x`.

    Only a regular file is read (a pipe or a device could block or never end), and at most
    MAX_TEXT_FILE bytes of it or of standard input."""
    if value is None:
        return None
    if value == "-":
        stream = getattr(sys.stdin, "buffer", None)  # a test's StringIO has none
        raw = stream.read(MAX_TEXT_FILE + 1) if stream is not None else sys.stdin.read(MAX_TEXT_FILE + 1)
        if len(raw) > MAX_TEXT_FILE:
            raise UsageError(f"从标准输入读取的{what}超过 {format_size(MAX_TEXT_FILE)}，不像是一项的填报内容")
        text = raw if isinstance(raw, str) else _decode(raw, what, "标准输入")
        return refuse_nul(text, what, "标准输入")
    if value.startswith("@@"):
        return value[1:]
    if value.startswith("@"):
        path = Path(value[1:]).expanduser()
        try:
            data = read_regular(path, MAX_TEXT_FILE)
        except OSError as exc:
            raise UsageError(
                f"无法读取{what}文件“{path}”：{describe_os_error(exc)}", detail=str(exc)
            ) from None
        return refuse_nul(_decode(data, what, str(path)), what, str(path))
    return value


def _decode(data: bytes, what: str, source: str) -> str:
    text = decode_local(data)
    if text is not None:
        return text
    raise UsageError(f"{what}文件“{source}”不是文本文件（无法按 UTF-8 或 GBK 读取）")


_CHECK_OPTIONS = (
    ("status", "work_status"),
    ("result", "result"),
    ("text", "narrative"),
    ("problems", "problems"),
    ("measures", "measures"),
    ("deadline", "deadline"),
    ("person", "responsible_person"),
    ("na_reason", "na_reason"),
    ("score", "self_score"),
    ("score_note", "score_note"),
)


def cmd_check(args: argparse.Namespace) -> int:
    from fazhi_desktop.selfcheck.assessments import FIELD_LABELS, get_assessment, save_assessment, set_opt_in
    from fazhi_desktop.selfcheck.progress import assess_item, evidence_counts
    from fazhi_desktop.selfcheck.workspace import Workspace
    from fazhi_desktop.store.db import write_transaction

    if sum(getattr(args, o) == "-" for o in ("text", "problems", "measures", "score_note")) > 1:
        raise UsageError("只能有一项内容从标准输入（-）读取")
    changes: dict[str, Any] = {}
    for option, field in _CHECK_OPTIONS:
        value = getattr(args, option)
        if field in ("narrative", "problems", "measures", "na_reason", "score_note"):
            value = read_text_arg(value, FIELD_LABELS[field])
        if value is not None:
            changes[field] = value
    if not changes and not (args.opt_in or args.opt_out):
        raise UsageError("没有要修改的内容：请至少指定一项，例如 --status 推进中 或 --text 工作开展情况")
    if args.opt_out and changes:
        raise UsageError("--opt-out（不参与）不能与其他修改同时使用")
    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        assignment = ws.assignment(args.item)
        item_id = assignment.item.id
        auto_backup(ws)
        before = get_assessment(ws, item_id)
        with write_transaction(ws.db):  # the opt-in and the answer are saved together or not at all
            if args.opt_in or args.opt_out:
                set_opt_in(ws, item_id, bool(args.opt_in))
            after = (
                save_assessment(ws, item_id, strict=True, **changes)
                if changes
                else get_assessment(ws, item_id)
            )
        changed = [FIELD_LABELS[f] for f in FIELD_LABELS if getattr(before, f) != getattr(after, f)]
        state, missing = assess_item(after, assignment, evidence_counts(ws, ws.period.id).get(item_id, 0))
    lines = [f"已保存 {item_id}：修改了{'、'.join(changed)}" if changed else f"{item_id} 没有变化"]
    lines.append(f"填报状态：{state}" + (f"；尚缺：{'；'.join(missing)}" if missing else ""))
    print_lines(lines)
    return 0


def _evidence_rows(ws: Workspace, period_id: int, item_id: str) -> list[dict[str, Any]]:
    from fazhi_desktop.evidence.attachments import list_evidence

    return [
        {
            "id": r.id,
            "name": r.original_name,
            "size": r.size,
            "mime_type": r.mime_type,
            "made_date": r.made_date,
            "description": r.description,
            "sha256": r.sha256,
        }
        for r in list_evidence(ws, item_id, period_id)
    ]


def cmd_show(args: argparse.Namespace) -> int:
    from fazhi_desktop.selfcheck.assessments import ANSWER_FIELDS, FIELD_LABELS, SCORE_FIELDS, get_assessment
    from fazhi_desktop.selfcheck.progress import assess_item
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        assignment = ws.assignment(args.item)
        item = assignment.item
        a = get_assessment(ws, item.id)
        evidence = _evidence_rows(ws, ws.period.id, item.id)
        state, missing = assess_item(a, assignment, len(evidence))
        period_label = ws.period.label
    if args.json:
        print_json(
            {
                "period": period_label,
                "item": {
                    "id": item.id,
                    "kind": item.kind,
                    "number": item.number,
                    "text": item.text,
                    "group": item.group_title,
                    "heading": item.heading_title,
                },
                "assignment": {
                    "role": assignment.role,
                    "optional": assignment.optional,
                    "via": assignment.via,
                },
                "assessment": {k: v for k, v in a.to_dict().items() if k not in ("item_id", "period_id")},
                "state": state,
                "missing": list(missing),
                "evidence": evidence,
            }
        )
        return 0
    role = assignment.role + ("（可选）" if assignment.optional else "")
    lines = [
        f"{item.id} {item.kind_name} · {item.group_title}"
        + (f" · {item.heading_title}" if item.heading_title else ""),
        item.text,
        f"本单位角色：{role}（依据：{assignment.via}）　报告期：{period_label}",
        "",
    ]
    if assignment.optional:
        lines.append(f"是否参与：{ {True: '参与', False: '不参与', None: '未选择'}[a.opted_in] }")
    shown = [f for f in ANSWER_FIELDS if f != "opted_in"]  # 是否参与 is shown above, for optional items
    for field in (*shown, *(SCORE_FIELDS if item.points is not None else ())):
        value = getattr(a, field)
        lines.append(f"{FIELD_LABELS[field]}：{value if value not in (None, '') else '—'}")
    if item.points is not None:
        lines.append(f"分值：{item.points:g} 分" + (f"（{item.criteria}）" if item.criteria else ""))
    lines.append(f"佐证材料：{len(evidence)} 份")
    lines += [f"  {e['name']}（{e['size'] or 0} 字节，形成日期 {e['made_date'] or '—'}）" for e in evidence]
    lines.append(f"填报状态：{state}" + (f"；尚缺：{'；'.join(missing)}" if missing else ""))
    print_lines(lines)
    return 0
