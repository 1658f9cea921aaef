"""`import-return FILE` and `import-receipt FILE`: what the county justice bureau sends back to a unit."""

from __future__ import annotations

import argparse
from pathlib import Path

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = verb(
        sub,
        "import-return",
        "导入县司法局的退回包：重新打开被退回的事项并显示审核意见",
        cmd_import_return,
        json=True,
    )
    p.add_argument("file", type=Path, metavar="FILE", help="县司法局发来的退回包（.json）")
    p.add_argument("--bureau-key", metavar="指纹", help="县司法局密钥指纹（首次导入时与书面通知核对后输入）")
    p = verb(sub, "import-receipt", "导入县司法局的回执（上报包已送达的凭证）", cmd_import_receipt, json=True)
    p.add_argument("file", type=Path, metavar="FILE", help="县司法局发来的回执（.json）")
    p.add_argument("--bureau-key", metavar="指纹", help="县司法局密钥指纹（首次导入时与书面通知核对后输入）")


def cmd_import_return(args: argparse.Namespace) -> int:
    from fazhi_desktop.app.returns import import_return
    from fazhi_desktop.package.fingerprint import display_fingerprint
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        done = import_return(ws, args.file, bureau_key=args.bureau_key)
        titles = {i: ws.assignment(i).item.short_title for i, _ in done.record.items}
    if args.json:
        print_json({**done.record.to_dict(), "reopened": list(done.reopened), "already": done.already})
        return 0
    r = done.record
    head = (
        "这个退回包已经导入过，未做改动。"
        if done.already
        else f"已导入退回包，重新打开 {len(done.reopened)} 个事项："
    )
    lines = [head, f"签发：{r.bureau}（密钥指纹 {display_fingerprint(r.bureau_fingerprint)}）"]
    lines += [f"  {i} {titles[i]}\n    审核意见：{c}" for i, c in r.items]
    lines.append("请逐项修改后重新生成上报包（新上报包会注明答复的是这份退回包）")
    print_lines(lines)
    return 0


def cmd_import_receipt(args: argparse.Namespace) -> int:
    from fazhi_desktop.app.returns import import_receipt
    from fazhi_desktop.selfcheck.workspace import Workspace

    with Workspace.open(args.data_dir) as ws:
        record, new = import_receipt(ws, args.file, bureau_key=args.bureau_key)
    if args.json:
        print_json({**record.to_dict(), "new": new})
        return 0
    print_lines(
        [
            ("已导入回执：" if new else "这份回执已经导入过：")
            + f"{record.bureau} 于 {record.received_at[:19]} 收到上报包 {record.package_id}，{record.verification}"
        ]
    )
    return 0
