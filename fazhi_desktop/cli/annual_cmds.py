"""`annual-report`: the 法治政府建设年度报告 drafted from the self-check, as .docx (and PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.errors import UsageError, describe_os_error
from fazhi_desktop.sizes import format_size


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `annual-report` verb."""
    p = sub.add_parser(
        "annual-report",
        help="根据自查内容起草法治政府建设年度报告（可编辑的 Word 文档，另可生成 PDF）",
    )
    p.add_argument(
        "--out", metavar="FILE.docx", type=Path, required=True, help="Word 文档（.docx）的保存位置"
    )
    p.add_argument("--pdf", metavar="FILE.pdf", type=Path, help="同时生成 PDF 的保存位置")
    p.add_argument("--json", action="store_true", help="以 JSON 输出写出的文件和提示")
    p.set_defaults(func=cmd_annual_report)


def _check_target(path: Path, suffix: str, what: str) -> None:
    if path.suffix.lower() != suffix:
        raise UsageError(f"{what}的文件名应以 {suffix} 结尾，收到“{path.name}”")
    if path.exists() and path.is_dir():
        raise UsageError(f"“{path}”是文件夹，请给出{what}的文件名")
    if not path.parent.is_dir():
        raise UsageError(f"保存{what}的文件夹“{path.parent}”不存在")


def cmd_annual_report(args: argparse.Namespace) -> int:
    """Write the draft and say where it is."""
    from fazhi_desktop.reports.annual_files import write_annual_files
    from fazhi_desktop.selfcheck.workspace import Workspace

    out: Path = args.out
    _check_target(out, ".docx", "年度报告")
    if args.pdf is not None:
        _check_target(args.pdf, ".pdf", "年度报告 PDF")
    with Workspace.open(args.data_dir) as ws:
        try:
            written = write_annual_files(ws, out, args.pdf)
        except OSError as exc:
            raise UsageError(f"无法写入年度报告：{describe_os_error(exc)}", detail=str(exc)) from exc
    if args.json:
        print_json(
            {"files": [str(p) for p in written.files], "hints": written.hints, "warnings": written.warnings}
        )
        return 0
    lines = [f"已起草{written.report.title}（草稿）："]
    lines += [f"  {p}（{format_size(p.stat().st_size)}）" for p in written.files]
    lines.append(f"文中有 {written.hints} 处【……】提示需要补充或删除，请在 WPS 或 Word 中修改完善后使用。")
    lines += [f"注意：{w}" for w in written.warnings]
    print_lines(lines)
    return 0
