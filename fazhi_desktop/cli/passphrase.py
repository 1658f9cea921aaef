"""Passphrases for the unit key: from `--passphrase-file`, the environment, or a hidden prompt.

Never from the command line itself (it would sit in the shell history and the process list).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from fazhi_desktop.errors import UsageError

PASSPHRASE_ENV = "FAZHI_PASSPHRASE"
NEW_PASSPHRASE_ENV = "FAZHI_NEW_PASSPHRASE"


def read_passphrase(
    args: argparse.Namespace,
    prompt: str,
    confirm: bool = False,
    *,
    file_attr: str = "passphrase_file",
    env: str = PASSPHRASE_ENV,
) -> str:
    """The passphrase from the file option, else the environment, else a hidden prompt on a terminal."""
    path = getattr(args, file_attr, None)
    if path is not None:
        try:
            # Only the line ending is dropped: spaces may be part of the passphrase.
            return Path(path).read_text(encoding="utf-8-sig").rstrip("\r\n")
        except FileNotFoundError:
            raise UsageError(f"找不到口令文件 {path}") from None
        except IsADirectoryError:
            raise UsageError(f"口令文件 {path} 是一个文件夹，请指定文件") from None
        except PermissionError:
            raise UsageError(f"没有权限读取口令文件 {path}") from None
        except UnicodeDecodeError:
            raise UsageError(f"口令文件 {path} 不是 UTF-8 文本（请用记事本另存为 UTF-8）") from None
        except OSError as exc:
            raise UsageError(f"无法读取口令文件 {path}（系统错误 {exc.errno}）") from None
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        option = "--" + file_attr.replace("_", "-")
        raise UsageError(f"需要口令：请用 {option} 指定口令文件，或设置环境变量 {env}")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("请再输入一次：") != first:
        raise UsageError("两次输入的口令不一致")
    return first
