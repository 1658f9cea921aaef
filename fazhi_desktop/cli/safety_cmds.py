"""`doctor`, `backup list|now|restore`, `settings list|get|set|reset`: keeping the data safe."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb, verb_group
from fazhi_desktop.errors import FazhiError
from fazhi_desktop.sizes import format_size

if TYPE_CHECKING:
    from sqlite_utils import Database

    from fazhi_desktop.selfcheck.workspace import Workspace


log = logging.getLogger(__name__)


def auto_backup(ws: Workspace) -> None:
    """Called at the start of every writing command: back up if the last backup is old enough.

    A failed backup must not stop the clerk's work; it is reported as a warning.
    """
    from fazhi_desktop.safety import backup

    try:
        backup.maybe_backup(ws)
    except FazhiError as err:
        print(f"警告：自动备份失败：{err.message}", file=sys.stderr)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = verb(sub, "doctor", "检查数据库、修改记录和全部佐证材料文件是否完好", cmd_doctor, json=True)
    p.add_argument("--fix-orphans", action="store_true", help="删除无用文件（中断复制留下的临时文件等）")

    b_sub = verb_group(sub, "backup", "数据库备份：列出、立即备份、从备份恢复", "{list,now,restore}")
    verb(b_sub, "list", "列出全部备份（最新的在前）", cmd_backup_list, json=True)
    verb(b_sub, "now", "立即备份数据库", cmd_backup_now)
    p = verb(b_sub, "restore", "从备份恢复数据库（须先关闭本程序的所有窗口）", cmd_backup_restore)
    p.add_argument("file", help="备份文件（路径，或 backup list 中的文件名）")

    s_sub = verb_group(sub, "settings", "查看或修改设置（文件大小上限、备份个数等）", "{list,get,set,reset}")
    verb(s_sub, "list", "列出全部设置项及当前值", cmd_settings_list, json=True)
    p = verb(s_sub, "get", "显示一个设置项的值", cmd_settings_get)
    p.add_argument("key", help="设置项名称（见 settings list）")
    p = verb(s_sub, "set", "修改一个设置项（大小可写 200MB、1.5GB）", cmd_settings_set)
    p.add_argument("key", help="设置项名称（见 settings list）")
    p.add_argument("value", help="新的值")
    p = verb(s_sub, "reset", "把一个设置项恢复为默认值", cmd_settings_reset)
    p.add_argument("key", help="设置项名称（见 settings list）")


def cmd_doctor(args: argparse.Namespace) -> int:
    from fazhi_desktop.safety.doctor import run_doctor
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        if args.fix_orphans:
            auto_backup(ws)
        report = run_doctor(ws, fix_orphans=args.fix_orphans)
    if args.json:
        print_json(report.to_dict())
    else:
        lines = [report.summary()]
        lines += [f"已删除：{f}" for f in report.fixed]
        lines += [f"正在复制中（不是问题）：evidence/{f}" for f in report.in_progress]
        lines += ["一切正常。"] if report.ok else [f"问题：{p}" for p in report.problems()]
        print_lines(lines)
    return 0 if report.ok else 1


def cmd_backup_list(args: argparse.Namespace) -> int:
    from fazhi_desktop.safety import backup

    infos = backup.list_backups(args.data_dir)
    if args.json:
        print_json([i.to_dict() for i in infos])
        return 0
    lines = [
        f"{i.created_at.astimezone().strftime('%Y-%m-%d %H:%M:%S')}\t{i.reason_name}\t"
        f"{format_size(i.size)}\t{i.path.name}"
        for i in infos
    ]
    print_lines(lines or ["（还没有备份）"])
    return 0


def cmd_backup_now(args: argparse.Namespace) -> int:
    from fazhi_desktop.safety import backup
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        path = backup.backup_now(ws, "manual")
    print_lines([f"已备份到 {path}"])
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    # No Workspace here: the database must not be open while it is replaced.
    from fazhi_desktop.safety import backup

    result = backup.restore_backup(args.data_dir, args.file)
    lines = [f"已从 {result.restored_from.name} 恢复数据库。"]
    if result.saved_current:
        lines.append(f"恢复前的数据已另存为 {result.saved_current.name}（如需撤销，可再从它恢复）")
    print_lines(lines)
    return 0


def cmd_settings_list(args: argparse.Namespace) -> int:
    from fazhi_desktop import settings
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        values = settings.all(ws.db)
    if args.json:
        print_json(
            {
                key: {
                    "value": value,
                    "default": settings.setting(key).default,
                    "title": settings.setting(key).title,
                }
                for key, value in values.items()
            }
        )
        return 0
    lines = []
    for spec in settings.definitions():
        value = values[spec.key]
        mark = "" if value == spec.default else f"（默认 {settings.display(spec, spec.default)}）"
        lines.append(f"{spec.key}\t{settings.display(spec, value)}{mark}\t{spec.title}")
    print_lines(lines)
    return 0


def cmd_settings_get(args: argparse.Namespace) -> int:
    from fazhi_desktop import settings
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        value = settings.get(ws.db, args.key)
    print_lines([str(value)])
    return 0


def _change_setting(args: argparse.Namespace, change: Callable[[Database], Any], done: str) -> int:
    """Back up, apply `change`, print `done` with {key}, {title} and {value} filled in."""
    from fazhi_desktop import settings
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        settings.setting(args.key)  # an unknown key fails before the backup
        auto_backup(ws)
        value = change(ws.db)
    spec = settings.setting(args.key)
    print_lines([done.format(key=spec.key, title=spec.title, value=settings.display(spec, value))])
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    from fazhi_desktop import settings

    return _change_setting(
        args, lambda db: settings.set(db, args.key, args.value), "{key}（{title}）= {value}"
    )


def cmd_settings_reset(args: argparse.Namespace) -> int:
    from fazhi_desktop import settings

    return _change_setting(
        args, lambda db: settings.reset(db, args.key), "{key}（{title}）已恢复为默认值 {value}"
    )
