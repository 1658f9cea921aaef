"""Exceptions the user can cause or meet, each carrying a plain Chinese message.

Domain code raises these; the command line prints `message` to stderr and the GUI shows it in a
dialog. Anything else reaching the edge is a bug: it is logged with its traceback, and the user is
told where the log is.
"""

from __future__ import annotations


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


class CatalogueError(FazhiError):
    """A plan catalogue file is malformed; the message names the file, the place and the problem."""


class UnknownUnit(FazhiError):
    """A unit name that neither the directory nor the township pattern knows."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"；您是不是要找：{'、'.join(suggestions)}" if suggestions else ""
        super().__init__(f"找不到单位“{name}”{hint}")
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
        super().__init__("尚未设置本单位信息，请先运行 fazhi-desktop init --unit 单位名称（或在程序中完成首次设置）")


class ItemNotAssigned(UsageError):
    """An item the plan has but this unit does not answer."""

    def __init__(self, item_id: str, unit_name: str) -> None:
        super().__init__(f"事项 {item_id} 不属于“{unit_name}”的填报范围")
        self.item_id = item_id


class HistoryTampered(FazhiError):
    """The change history no longer matches its hash chain: a row was edited, deleted or reordered."""

    def __init__(self, first_id: int, count: int, where: str = "") -> None:
        extra = f"（{where}）" if where else ""
        super().__init__(
            f"修改记录已被改动：第 {first_id} 条记录{extra}与哈希链不符，共 {count} 处不符。"
            "请勿直接编辑数据库；可从备份恢复（fazhi-desktop backup restore）"
        )
        self.first_id = first_id
        self.count = count
