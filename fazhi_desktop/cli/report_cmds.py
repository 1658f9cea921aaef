"""`report`: a draft preview of the report outputs (PDF, workbook, results.json) without a package."""

from __future__ import annotations

import argparse
from pathlib import Path

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.errors import UsageError, describe_os_error
from fazhi_desktop.sizes import format_size


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `report` verb."""
    p = sub.add_parser("report", help="生成自查报告预览（PDF、Excel 自评表、results.json），不生成上报包")
    p.add_argument(
        "--out", metavar="DIR", type=Path, default=Path("."), help="输出文件夹（默认为当前文件夹）"
    )
    only = p.add_mutually_exclusive_group()
    only.add_argument("--pdf-only", action="store_true", help="只生成 PDF 自查报告")
    only.add_argument("--xlsx-only", action="store_true", help="只生成 Excel 自评表")
    p.add_argument("--json", action="store_true", help="以 JSON 输出写出的文件和提示")
    p.set_defaults(func=cmd_report)


def output_names(unit: str, period: str) -> dict[str, str]:
    """File names of the preview: `县司法局_2021年度_自查报告（草稿）.pdf` …"""
    base = f"{unit}_{period}"
    return {
        "pdf": f"{base}_自查报告（草稿）.pdf",
        "xlsx": f"{base}_自评表（草稿）.xlsx",
        "json": f"{base}_results（草稿）.json",
    }


def cmd_report(args: argparse.Namespace) -> int:
    """Write the draft preview files and say where they are."""
    from fazhi_desktop.reports.data import build_report_data
    from fazhi_desktop.reports.pdf import write_pdf
    from fazhi_desktop.reports.results import write_results
    from fazhi_desktop.reports.xlsx import write_xlsx
    from fazhi_desktop.selfcheck.workspace import Workspace

    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise UsageError(f"输出位置“{out}”不是文件夹")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"无法创建输出文件夹“{out}”：{describe_os_error(exc)}") from exc
    with Workspace.open(args.data_dir) as ws:
        data = build_report_data(ws)
    names = output_names(data.unit.name, data.period_label)
    warnings: list[str] = []
    written: list[Path] = []
    try:
        if not args.xlsx_only:
            written.append(write_pdf(data, out / names["pdf"], warnings=warnings))
        if not args.pdf_only:
            written.append(write_xlsx(data, out / names["xlsx"]))
        if not (args.pdf_only or args.xlsx_only):
            written.append(write_results(data, out / names["json"]))
    except OSError as exc:
        for done in written:  # a preview with a file missing is no preview: take back what was written
            done.unlink(missing_ok=True)
        raise UsageError(f"无法写入“{out}”：{describe_os_error(exc)}，未生成预览") from exc
    overall = data.overall
    if args.json:
        print_json(
            {
                "files": [str(p) for p in written],
                "warnings": warnings,
                "progress": {
                    "complete": overall.complete,
                    "total": overall.total,
                    "percent": overall.percent,
                },
            }
        )
        return 0
    lines = [f"已生成{data.unit.name}{data.period_label}自查报告预览（草稿，未签名，不能代替上报包）："]
    lines += [f"  {p}（{format_size(p.stat().st_size)}）" for p in written]
    lines.append(f"填报进度：{overall.complete}/{overall.total} 项已填完（{overall.percent}%）")
    lines += [f"注意：{w}" for w in warnings]
    print_lines(lines)
    return 0
