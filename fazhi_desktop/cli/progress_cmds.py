"""`progress`, `history`: where the self-check stands and what changed, from the command line."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from fazhi_desktop.catalogue.model import GROUP_KIND_NAMES
from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb
from fazhi_desktop.dates import local_moment
from fazhi_desktop.errors import HistoryTampered

if TYPE_CHECKING:
    from fazhi_desktop.selfcheck.progress import ScoreSummary
    from fazhi_desktop.selfcheck.workspace import Workspace


_ENTITY_LABELS = {
    "assessment": "自评",
    "evidence": "佐证材料",
    "profile": "单位信息",
    "period": "报告期",
    "package": "上报包",
    "setting": "设置",
}
_EVIDENCE_LABELS = {
    "added": "添加",
    "linked": "关联",
    "unlinked": "取消关联",
    "removed": "删除",
    "made_date": "形成日期",
    "description": "说明",
}
_PROFILE_LABELS = {
    "unit_name": "单位名称",
    "entered_name": "输入的单位名称",
    "unit_kind": "单位类别",
    "contact": "联系人",
    "phone": "联系电话",
    "key_fingerprint": "密钥指纹",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verb(
        sub,
        "progress",
        "填报进度：各部分和总体完成度、每项尚缺内容、整改时限",
        cmd_progress,
        json="以 JSON 输出（完整结果）",
    )

    p = sub.add_parser("history", help="修改记录：什么时候改了什么；--verify 检查记录是否被篡改")
    p.add_argument(
        "--since", metavar="TIME", help="只列出此后的修改，如 2021-09-30 或 '2021-09-30 14:00'（本地时间）"
    )
    p.add_argument("--item", metavar="ID", help="只列出某事项的修改")
    p.add_argument(
        "--period", metavar="PERIOD", help="只列出某报告期的修改（含不属于任何报告期的单位信息修改）"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument(
        "--verify", action="store_true", help="检查哈希链；被改动时退出码为 1 并指出第一条不符的记录"
    )
    p.set_defaults(func=cmd_history)


# --- progress ----------------------------------------------------------------------------------------
def score_lines(s: ScoreSummary) -> list[str]:
    """自评分 per area and the total, as the progress output prints them."""
    lines = ["自评分："]
    for g in s.groups:
        todo = f"，{g.unscored} 项未评分" if g.unscored else ""
        lines.append(f"  {g.title}　{g.score:g}/{g.points:g} 分{todo}")
    lines.append(
        f"  合计 {s.base.score:g}/{s.base.points:g} 分，加分 {s.bonus:g}，减分 {s.deduction:g}，"
        f"自评总分 {s.total:g} 分"
    )
    return lines


def cmd_progress(args: argparse.Namespace) -> int:
    from fazhi_desktop.selfcheck.progress import STATE_UNDECIDED, check_progress
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        report = check_progress(ws)
    if args.json:
        print_json(report.to_dict())
        return 0
    o = report.overall
    lines = [f"{report.unit_name}　{report.period_label}　填报进度：{o.done}/{o.total}（{o.percent}%）"]
    heading = GROUP_KIND_NAMES
    last_kind = None
    for g in report.groups:
        if g.kind != last_kind and g.number:
            lines.append(heading[g.kind])
            last_kind = g.kind
        label = f"{g.number}. {g.title}" if g.number else g.title
        lines.append(f"  {label}　{g.figure.done}/{g.figure.total}（{g.figure.percent}%）")
    if report.scores is not None:
        lines += score_lines(report.scores)
    pending = report.open_items
    if pending:
        lines.append("尚未填完：")
        lines += [f"  {i.item_id}　{i.state}：{'；'.join(i.missing)}" for i in pending]
    undecided = [i.item_id for i in report.items if i.state == STATE_UNDECIDED]
    if undecided:
        lines.append(f"可选事项尚未选择是否参与（{len(undecided)} 项，不计入进度）：{' '.join(undecided)}")
    if report.deadlines:
        lines.append("整改时限：")
        for d in report.deadlines:
            when = f"已逾期 {-d.days_left} 天" if d.overdue else f"还有 {d.days_left} 天"
            lines.append(f"  {d.deadline}　{d.item_id}（{when}）{d.responsible_person}")
    print_lines(lines)
    return 0


# --- history -------------------------------------------------------------------------------------------
def _field_label(entity: str, field: str) -> str:
    from fazhi_desktop.selfcheck.assessments import FIELD_LABELS

    if entity == "assessment":
        return FIELD_LABELS.get(field, {"carried_from": "带入自报告期"}.get(field, field))
    if entity == "profile":
        return _PROFILE_LABELS.get(field, field)
    if entity == "period":
        return {"created": "新建", "current": "设为当前"}.get(field, field)
    if entity == "evidence":
        # The evidence store records `<id>.made_date` for a change to one document's field.
        number, _, name = field.rpartition(".")
        label = _EVIDENCE_LABELS.get(name, name)
        return f"材料 {number} {label}" if number else label
    return field


def _shown(field: str, value: str | None) -> str:
    if field == "opted_in" and value in ("0", "1"):
        return "参与" if value == "1" else "不参与"
    if field in ("added", "removed") and value and value.startswith("{"):
        try:  # the evidence store keeps a JSON summary here; the clerk wants the file name
            summary = json.loads(value)
            return _short(f"{summary['name']}（编号 {summary['id']}）")
        except (ValueError, KeyError, TypeError):
            pass
    return _short(value)


def _short(value: str | None, width: int = 30) -> str:
    if value is None or value == "":
        return "（空）"
    one_line = value.replace("\n", " ")
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def cmd_history(args: argparse.Namespace) -> int:
    from fazhi_desktop.selfcheck import history
    from fazhi_desktop.selfcheck.profile import find_period
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        if args.verify:
            return _verify(ws)
        since = history.parse_since(args.since) if args.since else None
        item_id = ws.plan.item(args.item).id if args.item else None
        period_id = find_period(ws, args.period).id if args.period else None
        entries = history.changes_since(ws.db, since, period_id=period_id, item_id=item_id)
    if args.json:
        print_json(
            [
                {
                    "id": e.id,
                    "at": e.at,
                    "period_id": e.period_id,
                    "item": e.item_id,
                    "entity": e.entity,
                    "field": e.field,
                    "old": e.old_value,
                    "new": e.new_value,
                    "hash": e.hash,
                }
                for e in entries
            ]
        )
        return 0
    lines = [
        f"{local_moment(e.at, seconds=True)}　{e.item_id or '—'}　{_ENTITY_LABELS.get(e.entity, e.entity)}·"
        f"{_field_label(e.entity, e.field)}：{_shown(e.field, e.old_value)} → {_shown(e.field, e.new_value)}"
        for e in entries
    ]
    lines.append(f"共 {len(entries)} 条修改记录")
    print_lines(lines)
    return 0


def _verify(ws: Workspace) -> int:
    from fazhi_desktop.selfcheck import history

    broken = history.verify_chain(ws.db)
    total = history.count(ws.db)
    if broken:
        e = history.entry(ws.db, broken[0])
        where = (
            f"{local_moment(e.at, seconds=True)}，{e.item_id or '—'}，{_field_label(e.entity, e.field)}"
            if e
            else ""
        )
        raise HistoryTampered(broken[0], len(broken), where)
    print_lines([f"修改记录完整：共 {total} 条，哈希链无误（末条哈希 {history.head(ws.db)[:16]}…）"])
    return 0
