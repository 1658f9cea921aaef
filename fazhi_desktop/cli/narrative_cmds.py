"""`narrative`: the unit's own words for the period — 总体情况 and 下一步工作打算 (shown, or set)."""

from __future__ import annotations

import argparse

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb
from fazhi_desktop.cli.safety_cmds import auto_backup
from fazhi_desktop.cli.selfcheck_cmds import read_text_arg
from fazhi_desktop.errors import UsageError

_SOURCE = "（- 从标准输入读取，@文件名 从文本文件读取，空字符串清空）"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `narrative` verb."""
    p = verb(
        sub,
        "narrative",
        "本期总体情况和下一步工作打算：不带选项时显示，带选项时修改（写入自查报告和年度报告）",
        cmd_narrative,
        json=True,
    )
    p.add_argument("--overall", metavar="TEXT", help="总体情况" + _SOURCE)
    p.add_argument("--next-steps", metavar="TEXT", help="下一步工作打算" + _SOURCE)


def cmd_narrative(args: argparse.Namespace) -> int:
    """Show the two texts, or set the ones given."""
    from fazhi_desktop.selfcheck.narratives import NARRATIVE_LABELS, load_narratives, save_narratives
    from fazhi_desktop.selfcheck.workspace import Workspace

    if args.overall == "-" and args.next_steps == "-":
        raise UsageError("只能有一项内容从标准输入（-）读取")
    overall = read_text_arg(args.overall, NARRATIVE_LABELS["overall"])
    next_steps = read_text_arg(args.next_steps, NARRATIVE_LABELS["next_steps"])
    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        period = ws.period
        if overall is None and next_steps is None:
            saved = load_narratives(ws)
            changed: list[str] = []
        else:
            auto_backup(ws)
            before = load_narratives(ws)
            saved = save_narratives(ws, overall=overall, next_steps=next_steps)
            changed = [f for f in NARRATIVE_LABELS if getattr(before, f) != getattr(saved, f)]
    if args.json:
        print_json(
            {
                "period": period.label,
                "overall": saved.overall,
                "next_steps": saved.next_steps,
                "updated_at": saved.updated_at,
                "changed": changed,
            }
        )
        return 0
    lines: list[str] = []
    if overall is not None or next_steps is not None:
        lines.append(
            f"已保存{period.label}的" + "、".join(NARRATIVE_LABELS[f] for f in changed)
            if changed
            else "内容与已保存的相同，未作修改"
        )
    for field, label in NARRATIVE_LABELS.items():
        text = getattr(saved, field)
        lines += [f"【{label}】", text if text else "（未填写）"]
    print_lines(lines)
    return 0
