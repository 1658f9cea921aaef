"""Entry point: `fazhi-desktop [--data-dir DIR] <verb> …`; with no verb it starts the desktop program."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from fazhi_desktop import __version__
from fazhi_desktop.errors import FazhiError
from fazhi_desktop.paths import DATA_DIR_ENV, resolve_data_dir

log = logging.getLogger("fazhi_desktop")

# Each module contributes its verbs through `register(subparsers)`; order is the order in --help.
_VERB_MODULES = ("fazhi_desktop.cli.plan_cmds", "fazhi_desktop.cli.selfcheck_cmds", "fazhi_desktop.cli.package_cmds",
                "fazhi_desktop.cli.evidence_cmds", "fazhi_desktop.cli.safety_cmds", "fazhi_desktop.cli.report_cmds",
                "fazhi_desktop.cli.export_cmds")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi-desktop",
        description="法治政府建设自查：对照年度工作计划和示范创建指标体系逐项自查，生成签名上报包。"
        "不带子命令时启动图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"fazhi-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"数据目录（默认为当前用户的数据目录，也可用环境变量 {DATA_DIR_ENV} 指定）")  # fmt: skip
    parser.add_argument("--screenshot", metavar="FILE.png", help="图形界面：载入后把窗口保存为图片并退出")
    parser.add_argument("--page", default="overview", help="与 --screenshot 同用：overview、item:ID 或 wizard")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="图形界面的语言：zh_CN（中文，默认）或 en（English）")
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


if __name__ == "__main__":
    sys.exit(main())
