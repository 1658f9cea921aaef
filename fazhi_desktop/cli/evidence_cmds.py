"""`evidence add|list|link|unlink|remove|edit`: 佐证材料 from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb, verb_group
from fazhi_desktop.cli.safety_cmds import auto_backup
from fazhi_desktop.errors import UsageError
from fazhi_desktop.sizes import format_size

if TYPE_CHECKING:
    from fazhi_desktop.evidence import attachments
    from fazhi_desktop.selfcheck.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ev_sub = verb_group(
        sub, "evidence", "添加、查看、关联或删除佐证材料", "{add,list,link,unlink,remove,edit}"
    )

    p = verb(ev_sub, "add", "把文件添加为某些事项的佐证材料（复制到数据目录）", cmd_add)
    p.add_argument("items", metavar="ITEM[,ITEM…]", help="事项编号，多个用逗号分隔，如 T01,I48")
    p.add_argument("files", metavar="FILE", nargs="+", type=Path, help="要添加的文件（可多个）")
    p.add_argument("--date", help="形成日期（文件印发、签署的日子），如 2021-03-05")
    p.add_argument("--note", default="", help="说明")

    p = verb(ev_sub, "list", "列出本期的佐证材料及上报包大小", cmd_list, json=True)
    p.add_argument("item", nargs="?", help="只列出支撑该事项的材料")

    p = verb(ev_sub, "link", "让已添加的材料同时支撑另一事项", cmd_link)
    p.add_argument("id", type=int, help="佐证材料编号（见 evidence list）")
    p.add_argument("item", help="事项编号")

    p = verb(ev_sub, "unlink", "取消材料与某事项的关联（最后一个关联取消后材料被删除）", cmd_unlink)
    p.add_argument("id", type=int, help="佐证材料编号（见 evidence list）")
    p.add_argument("item", help="事项编号")

    p = verb(ev_sub, "remove", "删除一条佐证材料（从所有事项中移除）", cmd_remove)
    p.add_argument("id", type=int, help="佐证材料编号（见 evidence list）")

    p = verb(ev_sub, "edit", "修改形成日期或说明（传空字符串清空）", cmd_edit)
    p.add_argument("id", type=int, help="佐证材料编号（见 evidence list）")
    p.add_argument("--date", help="形成日期，如 2021-03-05")
    p.add_argument("--note", help="说明")


def _line(r: attachments.EvidenceRecord) -> str:
    date = r.made_date or "—"
    desc = f"\t{r.description}" if r.description else ""
    return f"{r.id}\t{r.original_name}\t{format_size(r.size)}\t{date}\t{'、'.join(r.item_ids)}{desc}"


class _Progress:
    """A percentage on stderr for big files, only when a person is watching."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shown = -1
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if self.enabled and total > 8 << 20 and percent != self.shown:
            self.shown = percent
            sys.stderr.write(f"\r正在复制 {self.name} {percent}%")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def cmd_add(args: argparse.Namespace) -> int:
    from fazhi_desktop.evidence import attachments
    from fazhi_desktop.evidence.budget import size_budget
    from fazhi_desktop.evidence.fields import parse_made_date
    from fazhi_desktop.evidence.sniff import display_name
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        items = attachments.resolve_items(ws, args.items)  # unknown ids stop everything before any copy
        made = parse_made_date(args.date)
        auto_backup(ws)

        def said(outcome: attachments.Attached) -> None:  # each file, once it is recorded
            r = outcome.record
            if outcome.error is not None or r is None:
                print(f"错误：{outcome.error}", file=sys.stderr)
            elif r.note:
                print_lines([r.note])
            else:
                print_lines(
                    [
                        f"已添加 {r.id}：{r.original_name}（{format_size(r.size)}，{r.mime_type}）→ "
                        f"{'、'.join(r.item_ids)}"
                    ]
                )

        outcomes = attachments.add_evidence_files(
            ws,
            items,
            args.files,
            made_date=made,
            description=args.note,
            progress_for=lambda i: _Progress(display_name(args.files[i])),
            on_recorded=said,
        )
        failed = sum(o.error is not None for o in outcomes)
        print_lines([size_budget(ws).summary()])
        if failed:
            if failed == len(args.files) > 1:
                print(f"错误：{failed} 个文件都未能添加", file=sys.stderr)
            elif failed < len(args.files):
                print(f"错误：{failed} 个文件未能添加，其余已添加", file=sys.stderr)
            return 1
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from fazhi_desktop.evidence import attachments
    from fazhi_desktop.evidence.budget import size_budget
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        records = attachments.list_evidence(ws, args.item)
        budget = size_budget(ws)
        if args.json:
            print_json(
                {
                    "period": ws.period.label,
                    "evidence": [r.to_dict() for r in records],
                    "budget": {
                        "used_bytes": budget.used_bytes,
                        "limit_bytes": budget.limit_bytes,
                        "file_count": budget.file_count,
                        "evidence_bytes": budget.evidence_bytes,
                        "reports_estimate_bytes": budget.reports_estimate_bytes,
                    },
                }
            )
            return 0
        lines = [f"{ws.period.label}佐证材料（编号、文件名、大小、形成日期、事项、说明）："]
        lines += [_line(r) for r in records] or ["（无）"]
        lines.append(budget.summary())
        if budget.over:
            lines.append("注意：已超过上报包上限，请压缩或删除部分佐证材料")
        print_lines(lines)
    return 0


@contextmanager
def _changing(args: argparse.Namespace) -> Iterator[Workspace]:
    """The workspace for a command that changes evidence: the unit is set up, and a backup comes first."""
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        ws.require_profile()
        auto_backup(ws)
        yield ws


def cmd_link(args: argparse.Namespace) -> int:
    from fazhi_desktop.evidence import attachments

    with _changing(args) as ws:
        r = attachments.link_evidence(ws, args.id, args.item)
        print_lines([f"{r.note}：{_line(r)}"])
    return 0


def cmd_unlink(args: argparse.Namespace) -> int:
    from fazhi_desktop.evidence import attachments

    with _changing(args) as ws:
        r = attachments.unlink_evidence(ws, args.id, args.item)
        if r is None:
            print_lines([f"已取消关联；佐证材料 {args.id} 不再支撑任何事项，已删除"])
        else:
            print_lines([f"已取消关联：{_line(r)}"])
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from fazhi_desktop.evidence import attachments

    with _changing(args) as ws:
        r = attachments.remove_evidence(ws, args.id)
        print_lines([f"已删除佐证材料 {r.id}：{r.original_name}（原关联 {'、'.join(r.item_ids)}）"])
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from fazhi_desktop.evidence import attachments

    changes = {}
    if args.date is not None:
        changes["made_date"] = args.date
    if args.note is not None:
        changes["description"] = args.note
    if not changes:
        raise UsageError("请用 --date 或 --note 指定要修改的内容")
    with _changing(args) as ws:
        r = attachments.update_evidence(ws, args.id, **changes)
        print_lines([f"已修改：{_line(r)}"])
    return 0
