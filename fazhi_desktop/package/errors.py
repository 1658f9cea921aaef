"""What can go wrong with the unit key and the summary package, each with a plain Chinese message."""

from __future__ import annotations

from pathlib import Path

from fazhi_desktop.errors import FazhiError, HistoryTampered
from fazhi_desktop.sizes import format_mb


class UnitKeyError(FazhiError):
    """Base for unit-key failures."""


class WrongPassphrase(UnitKeyError):
    """The passphrase does not open the key file."""

    def __init__(self) -> None:
        super().__init__("口令不正确，无法解锁本单位签名密钥。请检查输入法（全角/半角、大小写）后重试。")


class KeyFileCorrupt(UnitKeyError):
    """The key file is not a readable unit-key file (damaged, truncated, or not ours)."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(f"密钥文件已损坏或格式不对：{path}（{why}）。请从备份恢复密钥文件。", detail=why)
        self.path = Path(path)


class KeyFileMissing(UnitKeyError):
    """No key file where one was expected."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(f"找不到本单位签名密钥文件：{path}。请先完成首次设置，或从备份恢复密钥。")
        self.path = Path(path)


class KeyExists(UnitKeyError):
    """Refusing to overwrite an existing key (that would orphan every package signed with it)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"已有签名密钥：{path}。为免已上报的包无法核验，不会覆盖；如确需更换，请先备份再恢复。"
        )
        self.path = Path(path)


class WeakPassphrase(UnitKeyError):
    """A new passphrase that is too short to protect the key."""

    exit_code = 2

    def __init__(self, minimum: int) -> None:
        super().__init__(f"口令太短：至少需要 {minimum} 个字符。")


class PackageError(FazhiError):
    """Base for failures while writing a summary package."""


class PackageSpecError(PackageError):
    """The package description itself is unusable (bad path, duplicate name, missing field)."""

    exit_code = 2


class PackageSourceChanged(PackageError):
    """An evidence file differs from what the store recorded (size or hash): the store needs attention."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(f"佐证材料“{name}”与登记时不一致（{why}），未生成上报包。请重新添加该材料。")
        self.name = name


class PackageCancelled(PackageError):
    """The user stopped the export; nothing was left behind."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("已取消生成上报包，未留下任何文件。")


class TargetExists(FazhiError):
    """The target file (package, backup, exported key) already exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"目标位置已有同名文件：{path}。请换一个位置，或先移走旧文件。")
        self.path = path


class NotEnoughSpace(PackageError):
    """The target has too little free space (found before writing, or by ENOSPC while writing)."""

    def __init__(self, folder: Path, needed: int | None = None, free: int | None = None) -> None:
        if needed is not None and free is not None:
            msg = (
                f"目标位置空间不足：需要约 {format_mb(needed)}，只剩 {format_mb(free)}（{folder}）。"
                "请换一个U盘或清理空间，未留下任何文件。"
            )
        else:
            msg = f"写入时目标位置空间已满（{folder}），未留下任何文件。请换一个U盘或清理空间后重试。"
        super().__init__(msg)
        self.folder = folder


class PackageWriteError(PackageError):
    """The operating system refused a write (stick pulled out, read-only, too large for FAT32 …)."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"写入上报包失败：{path}（{why}），未留下任何文件。", detail=why)
        self.path = path


class PackageSelfCheckFailed(PackageError):
    """The package just written did not pass its own verification; it was deleted."""

    def __init__(self, reasons: list[str]) -> None:
        shown = "；".join(reasons[:5]) + ("……" if len(reasons) > 5 else "")
        super().__init__(f"上报包写入后复核未通过，已删除：{shown}")
        self.reasons = reasons


# The one exception for a broken local chain, under the name the export's callers know it by.
HistoryChainBroken = HistoryTampered


class BadTrustValue(FazhiError):
    """`--trust` is neither a readable public-key PEM file nor a fingerprint."""

    exit_code = 2

    def __init__(self, value: str, why: str) -> None:
        super().__init__(f"无法识别信任的公钥或指纹“{value}”：{why}")
