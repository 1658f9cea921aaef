"""Exceptions the user can cause or meet, each carrying a plain Chinese message.

Domain code raises these; the command line prints `message` to stderr and the GUI shows it in a
dialog. Anything else reaching the edge is a bug: it is logged with its traceback, and the user is
told where the log is.
"""

from __future__ import annotations

import errno
import sqlite3

from fazhi_desktop.fsutil import FileTooLarge, NotRegularFile
from fazhi_desktop.sizes import format_size


class FazhiError(Exception):
    """Base for every expected failure; `str(err)` is the message for the user (Chinese)."""

    exit_code = 1

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail  # technical detail for the log, never shown alone


class UsageError(FazhiError):
    """The command was given something it cannot use (bad id, bad date, unknown option value)."""

    exit_code = 2


class BadDate(UsageError):
    """A date the user typed that is not a readable, real calendar date (see fazhi_desktop/dates.py)."""

    def __init__(self, message: str, *, unreadable: bool) -> None:
        super().__init__(message)
        self.unreadable = unreadable  # True: no date form recognised; False: a day the calendar lacks


class CatalogueError(FazhiError):
    """A plan catalogue file is malformed; the message names the file, the place and the problem."""


class UnknownUnit(FazhiError):
    """A unit name that neither the directory nor the township pattern knows."""

    def __init__(self, name: str, suggestions: list[str], *, message: str = "") -> None:
        hint = f"；您是不是要找：{'、'.join(suggestions)}" if suggestions else ""
        super().__init__(message or f"找不到单位“{name}”{hint}")
        self.name = name
        self.suggestions = suggestions


class UnknownItem(UsageError):
    """An item id that the plan does not have."""

    def __init__(self, item_id: str) -> None:
        super().__init__(f"计划中没有编号为“{item_id}”的事项（任务如 T07，指标如 I48，附加项如 B1、D1）")
        self.item_id = item_id


class StoreError(FazhiError):
    """The local database cannot be opened, migrated or written."""


class NotInitialised(FazhiError):
    """The data directory has no unit profile yet."""

    def __init__(self) -> None:
        super().__init__(
            "尚未设置本单位信息，请先运行 fazhi-desktop init --unit 单位名称（或在程序中完成首次设置）"
        )


class ItemNotAssigned(UsageError):
    """An item the plan has but this unit does not answer."""

    def __init__(self, item_id: str, unit_name: str) -> None:
        super().__init__(f"事项 {item_id} 不属于“{unit_name}”的填报范围")
        self.item_id = item_id


class HistoryTampered(FazhiError):
    """The change history no longer matches its hash chain: a row was edited, deleted or reordered."""

    def __init__(self, first_id: int, count: int, where: str = "", *, consequence: str = "") -> None:
        extra = f"（{where}）" if where else ""
        super().__init__(
            f"修改记录已被改动：第 {first_id} 条记录{extra}与哈希链不符，共 {count} 处不符。{consequence}"
            "请勿直接编辑数据库；可从备份恢复（fazhi-desktop backup restore）"
        )
        self.first_id = first_id
        self.count = count


# Reasons an OSError gives, in the clerk's words; the system's own text (often English) only goes to the log.
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有操作权限",
    errno.EROFS: "磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "已有同名的文件或文件夹",
    errno.EIO: "读写出错（磁盘或U盘可能有故障，或已被拔出）",
    errno.ENXIO: "设备不存在（U盘可能已被拔出）",
    errno.ENODEV: "设备不存在（U盘可能已被拔出）",
    errno.ENAMETOOLONG: "路径太长",
    errno.EBUSY: "文件正被占用",
    errno.EINVAL: "路径或文件名无效",
    errno.ELOOP: "路径中的快捷方式（链接）循环引用",
    errno.EMFILE: "同时打开的文件太多",
}
if hasattr(errno, "EDQUOT"):
    _OS_REASONS[errno.EDQUOT] = "磁盘配额已用完"


def describe_os_error(exc: OSError) -> str:
    """Why a file operation failed, in plain Chinese."""
    if isinstance(exc, NotRegularFile):
        return f"这是一个{exc.kind}，不是普通文件"
    if isinstance(exc, FileTooLarge):
        return f"文件太大（超过 {format_size(exc.limit)}），不像是这里应读取的文件"
    if getattr(exc, "winerror", None) in (32, 33):  # Windows sharing / lock violation
        return "文件正被其他程序占用"
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    return "系统错误" + (f"（错误码 {exc.errno}）" if exc.errno else "")


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """Why SQLite refused, in plain Chinese (its own English text goes to the log)."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "数据库正被另一个程序使用（是否同时打开了两个本程序？），请稍后再试"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "数据库文件已损坏，或不是本程序的数据库"
    if "readonly" in text or "read-only" in text:
        return "数据库是只读的（数据目录在只读磁盘上，或没有写入权限）"
    if "full" in text:
        return "磁盘空间不足"
    if "unable to open" in text:
        return "无法打开数据库文件（数据目录不可写、不存在，或与数据库同名的是一个文件夹）"
    if "disk i/o" in text:
        return "读写磁盘出错（磁盘或U盘可能有故障，或已被拔出）"
    return "数据库操作失败"
