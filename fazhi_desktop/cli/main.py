"""Entry point: `fazhi-desktop [--data-dir DIR] <verb> …`; with no verb it starts the desktop program."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import logging
import os
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from fazhi_desktop import __version__
from fazhi_desktop.cli import (
    annual_cmds,
    evidence_cmds,
    export_cmds,
    narrative_cmds,
    package_cmds,
    plan_cmds,
    progress_cmds,
    report_cmds,
    returns_cmds,
    review_cmds,
    safety_cmds,
    selfcheck_cmds,
)
from fazhi_desktop.cli.parser import ChineseArgumentParser
from fazhi_desktop.errors import FazhiError, describe_os_error, describe_sqlite_error
from fazhi_desktop.paths import DATA_DIR_ENV, resolve_data_dir

log = logging.getLogger("fazhi_desktop")

# Each group of verbs is a module with `register(subparsers)`; the order here is the order in --help.
# A new group: import it above and add it here (ruff flags either half alone). Building the parser
# imports every group, so a group's module imports only what registering needs at the top; anything
# heavy (reportlab, openpyxl, cryptography, Qt) and the store layer (sqlite-utils, the self-check) are
# imported inside its handlers, so `--version`, `--help` and `verify` pay for neither
# (tests/test_cli_imports.py).
VERB_GROUPS = (
    plan_cmds,
    selfcheck_cmds,
    narrative_cmds,
    progress_cmds,
    package_cmds,
    evidence_cmds,
    safety_cmds,
    report_cmds,
    annual_cmds,
    export_cmds,
    review_cmds,
    returns_cmds,
)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="fazhi-desktop",
        description="法治政府建设自查：对照年度工作计划和示范创建指标体系逐项自查，生成签名上报包。"
        "不带子命令时启动图形界面。",
    )
    parser.add_argument(
        "--version", action="version", version=f"fazhi-desktop {__version__}", help="显示程序版本并退出"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"数据目录（默认为当前用户的数据目录，也可用环境变量 {DATA_DIR_ENV} 指定）",
    )
    parser.add_argument("--screenshot", metavar="FILE.png", help="图形界面：载入后把窗口保存为图片并退出")
    parser.add_argument(
        "--page",
        default="overview",
        help="启动时打开的页面：overview 或 item:ID；与 --screenshot 同用时还可为 wizard",
    )
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), help="图形界面的语言：zh_CN（中文，默认）或 en（English）"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="自检：在临时目录里走一遍全部功能，检查安装是否完好"
    )
    sub = parser.add_subparsers(dest="verb", metavar="<子命令>")
    for group in VERB_GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from fazhi_desktop.cli.open_package import opened_package, show_verification

    if package := opened_package(sys.argv[1:] if argv is None else argv):  # a double-clicked package file
        return show_verification(package)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.data_dir = resolve_data_dir(args.data_dir)
    except FazhiError as err:
        print(f"错误：{err.message}", file=sys.stderr)
        return err.exit_code
    if args.self_test:
        from fazhi_desktop.selftest import run_self_test

        return run_self_test()
    if args.verb is None:
        from fazhi_desktop.ui.app import run_gui

        return int(run_gui(args))
    try:
        code = int(args.func(args) or 0)
        if args.verb in ("init", "export", "key", "doctor"):  # verbs that touch the signing key
            from fazhi_desktop.safety.key_exposure import exposed_key_warning

            if warning := exposed_key_warning(args.data_dir):
                print(warning, file=sys.stderr)
        return code
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
    except (sqlite3.Error, OSError) as exc:
        if not _disk_full(exc):
            if os.environ.get(DEBUG_ENV):
                raise
            return _unexpected(args.data_dir, exc, read_only=_is_read_only(args))
        # Not a defect: the clerk can act on it, and a traceback in a log (on the full disk) helps no one.
        saved = "" if _is_read_only(args) else "这次的修改没有保存，此前已保存的内容不受影响。"
        print(f"错误：磁盘空间不足（数据目录 {args.data_dir}）。{saved}请清理磁盘后重试", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for the clerk: a plain message, the details in a log
        if os.environ.get(DEBUG_ENV):
            raise
        return _unexpected(args.data_dir, exc, read_only=_is_read_only(args))


DEBUG_ENV = "FAZHI_DEBUG"  # set to 1 to see the traceback of an unexpected error (development)
EXIT_INTERNAL = 70  # EX_SOFTWARE


# Verbs that change nothing: after an unexpected error there is no "change not saved" to report, and
# their log goes to the temp folder (`verify` runs at the bureau, whose data directory it never uses).
_READ_ONLY_VERBS = frozenset(
    {
        "verify",
        "show",
        "progress",
        "history",
        "packages",
        "preflight",
        "units",
        "assigned",
        "plan list",
        "plan show",
        "period list",
        "evidence list",
        "key show",
        "backup list",
        "settings list",
        "settings get",
    }
)


def _disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return isinstance(exc, sqlite3.Error) and "full" in str(exc).lower()


def _is_read_only(args: argparse.Namespace) -> bool:
    sub = getattr(args, f"{args.verb}_verb", None)
    return args.verb in _READ_ONLY_VERBS or f"{args.verb} {sub}" in _READ_ONLY_VERBS


def _unexpected(data_dir: Path, exc: Exception, *, read_only: bool = False) -> int:
    """Report an error no domain code anticipated: in plain Chinese on stderr, the traceback in a log."""
    where = _write_crash_log(None if read_only else data_dir, exc)
    saved = "" if read_only else "这次的修改没有保存，此前已保存的内容不受影响。"
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


def _write_crash_log(data_dir: Path | None, exc: Exception) -> Path | None:
    """Append the traceback to `<data dir>/logs/fazhi.log` (or a file in the temp folder); None if neither works."""
    text = (
        f"{dt.datetime.now().isoformat(timespec='seconds')} 命令行未预料的错误 "
        f"fazhi-desktop {__version__}: {' '.join(sys.argv[1:])}\n" + "".join(traceback.format_exception(exc))
    )
    targets = [Path(tempfile.gettempdir()) / "fazhi-desktop-error.log"]
    if data_dir is not None and Path(data_dir).is_dir():  # never create a data directory just to log into it
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
