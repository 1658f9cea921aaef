"""`preflight`, `export`, `packages`: the unit's signed summary package.

The handlers import the export layer themselves: it brings reportlab, openpyxl and cryptography, which
building the parser (for every verb) must not pay for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb
from fazhi_desktop.cli.passphrase import PASSPHRASE_ENV, read_passphrase
from fazhi_desktop.errors import UsageError
from fazhi_desktop.sizes import format_mb

if TYPE_CHECKING:
    from fazhi_desktop.app.export import Preflight
    from fazhi_desktop.progress import Step
    from fazhi_desktop.selfcheck.returns import ReceiptRecord


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verb(sub, "preflight", "生成上报包前的检查：缺项、大小、版本号", cmd_preflight, json=True)

    p = sub.add_parser("export", help="生成签名上报包（写入后会完整校验一遍）")
    p.add_argument(
        "--out",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="保存到的文件夹（如 U 盘），默认为当前文件夹",
    )
    p.add_argument(
        "--passphrase-file", type=Path, metavar="F", help=f"签名密钥的口令文件（或环境变量 {PASSPHRASE_ENV}）"
    )
    p.add_argument("--yes", action="store_true", help="仍有缺项时不再询问，直接生成")
    p.add_argument("--json", action="store_true", help="以 JSON 输出写出的文件和提示")
    p.set_defaults(func=cmd_export)

    verb(sub, "packages", "列出本报告期已生成的上报包", cmd_packages, json=True)


def _preflight_dict(pf: Preflight) -> dict[str, Any]:
    return {
        "unit": pf.unit_name,
        "period": pf.period_label,
        "done": pf.done,
        "total": pf.total,
        "percent": pf.percent,
        "complete": pf.complete,
        "evidence_count": pf.evidence_count,
        "estimated_bytes": pf.estimated_bytes,
        "limit_bytes": pf.limit_bytes,
        "sequence": pf.sequence,
        "supersedes": pf.supersedes,
        "blockers": list(pf.blockers),
        "missing": [{"item_id": m.item_id, "title": m.title, "missing": list(m.missing)} for m in pf.missing],
        "undecided": [
            {"item_id": m.item_id, "title": m.title, "missing": list(m.missing)} for m in pf.undecided
        ],
    }


def _preflight_lines(pf: Preflight) -> list[str]:
    lines = [
        f"{pf.unit_name} · {pf.period_label}：已填完 {pf.done}/{pf.total} 项（{pf.percent}%）",
        f"佐证材料 {pf.evidence_count} 个，上报包约 {format_mb(pf.estimated_bytes)}（上限 {format_mb(pf.limit_bytes)}）",
        f"将生成第 {pf.sequence} 版" + (f"，替代上一版 {pf.supersedes}" if pf.supersedes else ""),
    ]
    if pf.missing:
        lines.append(f"尚有 {len(pf.missing)} 项不完整：")
        lines += [f"  {m.item_id} {m.title}：{'；'.join(m.missing)}" for m in pf.missing]
    if pf.undecided:
        lines.append(f"另有 {len(pf.undecided)} 项可选事项尚未选择（不计入进度）：")
        lines += [f"  {m.item_id} {m.title}：{'；'.join(m.missing)}" for m in pf.undecided]
    lines += [f"无法生成：{b}" for b in pf.blockers]
    return lines


def cmd_preflight(args: argparse.Namespace) -> int:
    from fazhi_desktop.app.export import preflight
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        pf = preflight(ws)
    if args.json:
        print_json(_preflight_dict(pf))
    else:
        print_lines(_preflight_lines(pf))
    return 0 if pf.complete and not pf.blockers else 1


def cmd_export(args: argparse.Namespace) -> int:
    from fazhi_desktop.app.export import export_package, preflight, unlock_key
    from fazhi_desktop.package.fingerprint import display_fingerprint
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        pf = preflight(ws)
        if pf.blockers:
            raise UsageError("；".join(pf.blockers))
        if not pf.complete and not args.yes:
            for line in _preflight_lines(pf):
                print(line, file=sys.stderr)
            if not sys.stdin.isatty():
                raise UsageError("还有未完成的事项；确认仍要生成时请加 --yes")
            if input("仍要生成上报包吗？(y/N) ").strip().lower() not in ("y", "yes", "是"):
                print("已取消。", file=sys.stderr)
                return 1
        if not args.out.is_dir():
            what = "不是文件夹" if args.out.exists() else "不存在（U 盘是否已插好？）"
            raise UsageError(f"保存位置 {args.out} {what}")
        key = unlock_key(ws.data_dir, read_passphrase(args, "签名密钥口令："))
        shown = _TerminalProgress() if not args.json and sys.stderr.isatty() else None
        try:
            done = export_package(ws, args.out, key, detail=shown)
        finally:
            if shown:
                shown.finish()
    pkg = done.package
    if args.json:
        print_json(
            {
                "path": str(pkg.path),
                "size": pkg.size,
                "sha256": pkg.sha256,
                "package_id": pkg.package_id,
                "sequence": done.sequence,
                "supersedes": done.supersedes,
                "fingerprint": pkg.fingerprint,
                "files": pkg.file_count,
                "payload_bytes": pkg.payload_bytes,
                "report": str(done.report_path) if done.report_path else None,
                "workbook": str(done.workbook_path) if done.workbook_path else None,
                "warnings": list(done.warnings),
            }
        )
        return 0
    print_lines(
        [
            f"上报包已生成并校验通过：{pkg.path}",
            f"大小 {format_mb(pkg.size)}，{pkg.file_count} 个文件；第 {done.sequence} 版，编号 {pkg.package_id}",
            f"SHA-256 {pkg.sha256}",
            f"签名密钥指纹 {display_fingerprint(pkg.fingerprint)}（与报告封面一致）",
            *([f"打印盖章用的自查报告：{done.report_path}"] if done.report_path else []),
            *([f"自查表：{done.workbook_path}"] if done.workbook_path else []),
            *[f"注意：{w}" for w in done.warnings],
        ]
    )
    return 0


class _TerminalProgress:
    """One status line on stderr, rewritten in place: phase, files and megabytes done."""

    def __init__(self) -> None:
        self.last = ""

    def __call__(self, step: Step) -> None:
        files = f"{step.files_done}/{step.files_total} 个文件，" if step.files_total else ""
        line = f"{step.phase}：{files}{format_mb(step.bytes_done)} / {format_mb(step.bytes_total)}"
        if line != self.last:  # at most one write per 0.1 MB or file: no flicker, no flood
            self.last = line
            sys.stderr.write("\r" + line + " " * 8)
            sys.stderr.flush()

    def finish(self) -> None:
        if self.last:
            sys.stderr.write("\n")


def _receipt(receipt: ReceiptRecord) -> str:
    return f"{receipt.received_at[:19]} 收到，{receipt.verification}"


def cmd_packages(args: argparse.Namespace) -> int:
    from fazhi_desktop.app.export import package_records
    from fazhi_desktop.app.returns import receipts_by_package
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        rows = package_records(ws)
        receipts = receipts_by_package(ws)
    if args.json:
        print_json(
            [
                {
                    **r.to_dict(),
                    "receipt": receipts[r.package_id].to_dict() if r.package_id in receipts else None,
                }
                for r in rows
            ]
        )
        return 0
    print_lines(
        [
            f"第 {r.sequence} 版\t{r.created_at[:19]}\t{format_mb(r.size)}\t{r.file_name}"
            + (
                f"\t已送达（县司法局回执：{_receipt(receipts[r.package_id])}）"
                if r.package_id in receipts
                else ""
            )
            for r in rows
        ]
        or ["本报告期尚未生成上报包"]
    )
    return 0
