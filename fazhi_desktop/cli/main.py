"""Entry point: `fazhi-desktop [--data-dir DIR] <verb> …`; with no verb it starts the desktop program."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from fazhi_desktop import __version__
from fazhi_desktop.cli.parser import ChineseArgumentParser
from fazhi_desktop.errors import FazhiError, describe_os_error, describe_sqlite_error
from fazhi_desktop.paths import DATA_DIR_ENV, resolve_data_dir

log = logging.getLogger("fazhi_desktop")

# Each module contributes its verbs through `register(subparsers)`; order is the order in --help.
_VERB_MODULES = (
    "fazhi_desktop.cli.plan_cmds",
    "fazhi_desktop.cli.selfcheck_cmds",
    "fazhi_desktop.cli.narrative_cmds",
    "fazhi_desktop.cli.progress_cmds",
    "fazhi_desktop.cli.package_cmds",
    "fazhi_desktop.cli.evidence_cmds",
    "fazhi_desktop.cli.safety_cmds",
    "fazhi_desktop.cli.report_cmds",
    "fazhi_desktop.cli.annual_cmds",
    "fazhi_desktop.cli.export_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="fazhi-desktop",
        description="法治政府建设自查：对照年度工作计划和示范创建指标体系逐项自查，生成签名上报包。"
        "不带子命令时启动图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"fazhi-desktop {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"数据目录（默认为当前用户的数据目录，也可用环境变量 {DATA_DIR_ENV} 指定）",
    )
    parser.add_argument("--screenshot", metavar="FILE.png", help="图形界面：载入后把窗口保存为图片并退出")
    parser.add_argument(
        "--page", default="overview", help="与 --screenshot 同用：overview、item:ID 或 wizard"
    )
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), help="图形界面的语言：zh_CN（中文，默认）或 en（English）"
    )
    sub = parser.add_subparsers(dest="verb", metavar="<子命令>")
    import importlib

    for name in _VERB_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = resolve_data_dir(args.data_dir)
    if args.verb is None:
        from fazhi_desktop.ui.app import run_gui

        return run_gui(args)
    try:
        return int(args.func(args) or 0)
    except FazhiError as err:
        print(f"错误：{err.message}", file=sys.stderr)
        if err.detail:
            log.debug(err.detail)
        return err.exit_code
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for the clerk: a plain message, the details in a log
        if os.environ.get(DEBUG_ENV):
            raise
        return _unexpected(args.data_dir, exc)


DEBUG_ENV = "FAZHI_DEBUG"  # set to 1 to see the traceback of an unexpected error (development)
EXIT_INTERNAL = 70  # EX_SOFTWARE


def _unexpected(data_dir: Path, exc: Exception) -> int:
    """Report an error no domain code anticipated: in plain Chinese on stderr, the traceback in a log."""
    where = _write_crash_log(data_dir, exc)
    saved = "这次的修改没有保存，此前已保存的内容不受影响。"
    if isinstance(exc, sqlite3.Error):
        message = f"{describe_sqlite_error(exc)}。{saved}"
    elif isinstance(exc, OSError):
        name = f"（{exc.filename}）" if exc.filename else ""
        message = f"文件操作失败：{describe_os_error(exc)}{name}。{saved}"
    else:
        message = f"程序内部出错（这是程序的缺陷，不是您的操作造成的）。{saved}"
    hint = f"详细信息已记录在 {where}，如需帮助请把该文件发给技术支持" if where else "详细信息无法写入日志"
    print(f"错误：{message}{hint}", file=sys.stderr)
    return 1 if isinstance(exc, (sqlite3.Error, OSError)) else EXIT_INTERNAL


def _write_crash_log(data_dir: Path, exc: Exception) -> Path | None:
    """Append the traceback to `<data dir>/logs/fazhi.log` (or a file in the temp folder); None if neither works."""
    text = (
        f"{dt.datetime.now().isoformat(timespec='seconds')} 命令行未预料的错误 "
        f"fazhi-desktop {__version__}: {' '.join(sys.argv[1:])}\n" + "".join(traceback.format_exception(exc))
    )
    targets = [Path(tempfile.gettempdir()) / "fazhi-desktop-error.log"]
    if Path(data_dir).is_dir():  # never create a data directory just to log into it
        targets.insert(0, Path(data_dir) / "logs" / "fazhi.log")
    for target in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "a", encoding="utf-8") as f:
                f.write(text)
            return target
        except OSError:
            continue
    return None


if __name__ == "__main__":
    sys.exit(main())
