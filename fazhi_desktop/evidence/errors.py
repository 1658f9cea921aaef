"""What can go wrong when attaching evidence, each with a plain Chinese message that names the file."""

from __future__ import annotations

from typing import ClassVar

from fazhi_desktop.errors import FazhiError, UsageError
from fazhi_desktop.sizes import format_size


class EvidenceError(FazhiError):
    """Base for evidence failures."""


class _NamedFileError(EvidenceError):
    """A failure that needs nothing but the file's name: `message_template` says what happened to `{name}`."""

    message_template: ClassVar[str]

    def __init__(self, name: str) -> None:
        super().__init__(self.message_template.format(name=name))


class SourceMissing(_NamedFileError):
    """The file to attach does not exist."""

    message_template = "找不到文件“{name}”，请确认路径是否正确、U盘是否已插好"


class EmptyFile(_NamedFileError):
    """A zero-byte file: almost always a failed scan or an interrupted copy."""

    message_template = "文件“{name}”是空文件（0 字节），可能扫描或复制没有完成，请检查原文件后重新添加"


class SourceVanished(_NamedFileError):
    """The file disappeared while it was being copied (USB stick pulled, file moved)."""

    message_template = "复制过程中文件“{name}”不见了（U盘被拔出或文件被移动？），未添加任何内容，请重新添加"


class SourceChanged(_NamedFileError):
    """The file changed while it was being copied: the copy would not match what the clerk sees."""

    message_template = (
        "复制过程中文件“{name}”被修改了（可能仍在扫描或保存），未添加任何内容。请等文件保存完毕后重新添加"
    )


class CopyCancelled(_NamedFileError):
    """The clerk pressed stop; nothing was added."""

    message_template = "已取消添加“{name}”，未添加任何内容"


class _SystemReasonError(EvidenceError):
    """A failure the system gave a reason for: `{why}` is in the message and kept as the log's detail."""

    message_template: ClassVar[str]

    def __init__(self, name: str, why: str) -> None:
        super().__init__(self.message_template.format(name=name, why=why), detail=why)


class Unreadable(_SystemReasonError):
    """The file exists but cannot be read (permissions, locked by another program, a failing disk)."""

    message_template = "无法读取文件“{name}”（{why}）。请确认该文件没有被其他程序占用、本程序有权限读取它"


class WriteFailed(_SystemReasonError):
    """Writing into the data directory failed for a reason other than a full disk."""

    message_template = "无法写入数据目录 {name}（{why}），未添加任何内容"


class NotAFile(EvidenceError):
    """A folder, device or pipe was given where a document was expected."""

    def __init__(self, name: str, is_dir: bool) -> None:
        what = "是一个文件夹" if is_dir else "不是普通文件"
        hint = "，请打开文件夹后选择其中的文件" if is_dir else ""
        super().__init__(f"“{name}”{what}，不能作为佐证材料{hint}")


class FileTooLarge(EvidenceError):
    """Over the per-file limit (setting evidence.max_file_bytes)."""

    def __init__(self, name: str, size: int, limit: int) -> None:
        super().__init__(
            f"文件“{name}”有 {format_size(size)}，超过单个文件上限 {format_size(limit)}。"
            "请降低扫描分辨率或拆分文件后再添加（上限可在设置 evidence.max_file_bytes 中调整）"
        )


class BudgetExceeded(EvidenceError):
    """The period's package would grow past its budget (setting evidence.max_period_bytes)."""

    def __init__(self, name: str, size: int, used: int, limit: int) -> None:
        super().__init__(
            f"添加“{name}”（{format_size(size)}）后，本期上报包将达到 {format_size(used + size)}，"
            f"超过上限 {format_size(limit)}（目前已用 {format_size(used)}）。"
            "请压缩或删除部分佐证材料（上限可在设置 evidence.max_period_bytes 中调整，但不能超过U盘单个文件的限制）"
        )


class DiskFull(EvidenceError):
    """The data directory's disk is (or would be) full; nothing half-written is left behind."""

    def __init__(self, where: str, needed: int | None = None, free: int | None = None) -> None:
        amounts = (
            f"（需要约 {format_size(needed)}，剩余 {format_size(free)}）"
            if needed is not None and free is not None
            else ""
        )
        super().__init__(f"磁盘空间不足{amounts}，无法保存到 {where}。未添加任何内容，请清理磁盘后重试")


class EvidenceNotFound(UsageError):
    """An evidence id that does not exist (in this period)."""

    def __init__(self, evidence_id: int) -> None:
        super().__init__(f"没有编号为 {evidence_id} 的佐证材料（可用 fazhi-desktop evidence list 查看编号）")


class WrongPeriod(UsageError):
    """Evidence of another period cannot be changed from the current one."""

    def __init__(self, evidence_id: int, label: str) -> None:
        super().__init__(f"佐证材料 {evidence_id} 属于报告期“{label}”，请先切换到该报告期再修改")
