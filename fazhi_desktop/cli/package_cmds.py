"""`verify PKG` and `key show|export-public|change-passphrase|backup|restore`: packages and the unit key.

Passphrases come from `--passphrase-file`, FAZHI_PASSPHRASE or a hidden prompt (see passphrase.py); a
new passphrase from `--new-passphrase-file`, FAZHI_NEW_PASSPHRASE, or a prompt asked twice.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb
from fazhi_desktop.cli.passphrase import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV, read_passphrase
from fazhi_desktop.sizes import format_size

if TYPE_CHECKING:
    from fazhi_desktop.package.verify import VerificationReport

# The handlers import the key and verifier modules themselves: they need `cryptography`, which building
# the parser (for every verb) must not pay for.


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("verify", help="核验上报包：ZIP 是否完好、清单是否齐全、哈希与签名是否正确")
    p.add_argument("package", type=Path, metavar="PKG", help="上报包文件（.zip）")
    p.add_argument(
        "--trust",
        metavar="公钥或指纹",
        help="只有签名者是此单位时才算通过：公钥 PEM 文件，或密钥指纹（32 或 64 位十六进制）",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出核验报告")
    p.set_defaults(func=cmd_verify)

    key = sub.add_parser("key", help="本单位签名密钥：查看、导出公钥、修改口令、备份与恢复")
    ks = key.add_subparsers(
        dest="key_verb", required=True, metavar="{show,export-public,change-passphrase,backup,restore}"
    )
    verb(ks, "show", "显示密钥指纹、创建时间和加密参数（无需口令）", cmd_key_show, json=True)
    p = verb(ks, "export-public", "把公钥导出为 PEM 文件（交给县司法局登记）", cmd_key_export_public)
    p.add_argument("out", type=Path, metavar="OUT", help="公钥文件的保存位置（文件或文件夹）")
    p.add_argument("--force", action="store_true", help="覆盖已有的同名文件")
    p = ks.add_parser("change-passphrase", help="修改密钥口令（同时把加密强度升到当前默认值）")
    _passphrase_args(p, new=True)
    p.set_defaults(func=cmd_key_change_passphrase)
    p = verb(ks, "backup", "把加密的密钥文件复制到 OUT（文件或文件夹）", cmd_key_backup)
    p.add_argument("out", type=Path, metavar="OUT", help="备份的保存位置（文件或文件夹，如 U 盘）")
    p = ks.add_parser("restore", help="从备份恢复密钥文件（需输入该备份的口令）")
    p.add_argument("file", type=Path, metavar="FILE", help="密钥备份文件")
    p.add_argument(
        "--replace", action="store_true", help="本机已有另一把密钥时替换它（旧密钥会另存，不删除）"
    )
    _passphrase_args(p, new=False)
    p.set_defaults(func=cmd_key_restore)


def _passphrase_args(p: argparse.ArgumentParser, *, new: bool) -> None:
    p.add_argument(
        "--passphrase-file", type=Path, metavar="F", help=f"从文件读取口令（也可用环境变量 {PASSPHRASE_ENV}）"
    )
    if new:
        p.add_argument(
            "--new-passphrase-file",
            type=Path,
            metavar="F",
            help=f"从文件读取新口令（也可用环境变量 {NEW_PASSPHRASE_ENV}）",
        )


def cmd_verify(args: argparse.Namespace) -> int:
    from fazhi_desktop.package.verify import verify_package

    report = verify_package(args.package, trust=args.trust)
    if args.json:
        print_json(report.to_dict())
    elif report.ok:
        print_lines(_ok_lines(report))
    else:
        print(f"核验未通过：{report.path}", file=sys.stderr)
        for p in report.problems:
            where = f"{p.file}：" if p.file else ""
            print(f"  [{p.code}] {where}{p.message}", file=sys.stderr)
    if not args.json:
        for w in report.warnings:
            print(f"  提示 [{w.code}] {w.message}", file=sys.stderr)
    return 0 if report.ok else 1


def _ok_lines(r: VerificationReport) -> list[str]:
    from fazhi_desktop.package.fingerprint import display_fingerprint

    info = r.bag_info
    lines = [
        f"核验通过：{r.path}",
        f"单位：{info.get('Fazhi-Unit', '')}　期间：{info.get('Fazhi-Period', '')}",
        f"上报包编号：{info.get('Fazhi-Package-Id', '')}　第 {info.get('Fazhi-Sequence', '?')} 版"
        + (f"（取代 {info['Fazhi-Supersedes']}）" if info.get("Fazhi-Supersedes") else ""),
        f"签名密钥指纹：{display_fingerprint(r.signer_fingerprint or '')}"
        + ("（与所信任的公钥一致）" if r.trusted else "（未指定 --trust，请与盖章封面上的指纹核对）"),
        f"载荷文件 {r.file_count} 个，共 {format_size(r.payload_bytes)}；ZIP SHA-256 {r.zip_sha256}",
        "ZIP 封签完好：文件与单位写出时逐字节一致"
        if r.sealed
        else "ZIP 没有封签（被重新压缩过）：包内文件已逐一核验无误",
    ]
    if r.history_rows is not None:
        lines.append(f"修改记录 {r.history_rows} 条，哈希链完整（末条 {(r.history_head or '')[:16]}…）")
    return lines


def cmd_key_show(args: argparse.Namespace) -> int:
    from fazhi_desktop.package.keyfile import DEFAULT_KDF
    from fazhi_desktop.package.keys import key_path, read_key_info

    info = read_key_info(key_path(args.data_dir))
    kdf = {"name": "scrypt", "n": info.kdf.n, "r": info.kdf.r, "p": info.kdf.p}
    if args.json:
        print_json(
            {
                "path": str(info.path),
                "fingerprint": info.fingerprint,
                "fingerprint_display": info.fingerprint_display,
                "created": info.created,
                "kdf": kdf,
                "kdf_outdated": not info.kdf.at_least(DEFAULT_KDF),
            }
        )
        return 0
    lines = [
        f"密钥文件：{info.path}",
        f"指纹：{info.fingerprint_display}",
        f"完整指纹：{info.fingerprint}",
        f"创建时间：{info.created}",
        f"加密：scrypt n={info.kdf.n} r={info.kdf.r} p={info.kdf.p} + AES-256-GCM",
    ]
    if not info.kdf.at_least(DEFAULT_KDF):
        lines.append("提示：加密强度低于当前默认值，修改一次口令即可升级。")
    print_lines(lines)
    return 0


def cmd_key_export_public(args: argparse.Namespace) -> int:
    from fazhi_desktop.package.keys import export_public_key, key_path, read_key_info

    out = export_public_key(key_path(args.data_dir), args.out, overwrite=args.force)
    info = read_key_info(key_path(args.data_dir))
    print_lines([f"已导出公钥：{out}", f"指纹：{info.fingerprint_display}"])
    return 0


def cmd_key_change_passphrase(args: argparse.Namespace) -> int:
    from fazhi_desktop.package.keys import change_passphrase, key_path, read_key_info

    path = key_path(args.data_dir)
    read_key_info(path)  # a missing or damaged key is reported before asking for anything
    old = read_passphrase(args, "当前口令：")
    new = read_passphrase(
        args, "新口令：", confirm=True, file_attr="new_passphrase_file", env=NEW_PASSPHRASE_ENV
    )
    key = change_passphrase(path, old, new)
    print_lines(
        [f"口令已修改（scrypt n={key.kdf.n}）。请另行备份密钥文件：fazhi-desktop key backup 目标位置"]
    )
    return 0


def cmd_key_backup(args: argparse.Namespace) -> int:
    from fazhi_desktop.package.keys import backup_key_file, key_path

    out = backup_key_file(key_path(args.data_dir), args.out)
    print_lines([f"已备份密钥文件：{out}", "备份仍由口令保护；请把它和口令分开保管。"])
    return 0


def cmd_key_restore(args: argparse.Namespace) -> int:
    from fazhi_desktop.package.keys import key_path, restore_key_file

    passphrase = read_passphrase(args, "备份的口令：")
    key = restore_key_file(args.file, key_path(args.data_dir), passphrase, replace=args.replace)
    print_lines([f"已恢复密钥：{key.path}", f"指纹：{key.fingerprint_display}"])
    return 0
