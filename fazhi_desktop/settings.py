"""One typed registry of settings with defaults, stored in the `settings` table; unknown keys are refused.

Only values that differ from the default are stored: a key missing from the table means its default, so a
newer program version can change a default for everyone who never touched it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fazhi_desktop.errors import UsageError
from fazhi_desktop.selfcheck import history
from fazhi_desktop.sizes import GIB, KIB, MIB, format_size
from fazhi_desktop.store.db import write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


log = logging.getLogger(__name__)

# FAT32 (what most USB sticks in offices are formatted with) cannot hold a file of 4 GiB or more. The
# package also carries manifests, ZIP headers and whatever the reports estimate misses, so a package
# (evidence plus the reports estimate) stays this margin below: the one FAT32 margin of the program.
FAT32_FILE_LIMIT = 4 * GIB
PACKAGE_MARGIN = 512 * MIB
MAX_PACKAGE_BUDGET = FAT32_FILE_LIMIT - PACKAGE_MARGIN  # 3.5 GB


class SettingError(UsageError):
    """An unknown setting, or a value the setting cannot take."""


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    title: str  # Chinese, shown in `settings list` and the GUI
    minimum: int | None = None
    maximum: int | None = None
    is_size: bool = False  # bytes: accepts 200MB, 1.5GB …; shown as a size


_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "evidence.max_file_bytes",
        int,
        200 * MIB,
        "单个佐证材料文件的大小上限",
        1 * MIB,
        MAX_PACKAGE_BUDGET,
        is_size=True,
    ),
    Setting(
        "evidence.max_period_bytes",
        int,
        2 * GIB,
        "本期上报包大小上限（佐证材料合计）",
        10 * MIB,
        MAX_PACKAGE_BUDGET,
        is_size=True,
    ),
    Setting("backup.keep", int, 10, "保留的自动备份个数", 1, 1000),
    Setting("backup.interval_minutes", int, 60, "编辑期间自动备份的间隔（分钟）", 5, 7 * 24 * 60),
)
REGISTRY: dict[str, Setting] = {s.key: s for s in _SETTINGS}


def setting(key: str) -> Setting:
    """The definition of `key`; `SettingError` naming the known keys otherwise."""
    try:
        return REGISTRY[key.strip()]
    except KeyError:
        raise SettingError(f"没有名为“{key}”的设置项。可用的设置项：{'、'.join(REGISTRY)}") from None


def get(db: Database, key: str) -> Any:
    """The value of `key` (its default when unset, or when the stored value is unusable)."""
    spec = setting(key)
    row = db.execute("SELECT value FROM settings WHERE key = ?", [spec.key]).fetchone()
    if row is None:
        return spec.default
    try:
        return _validate(spec, _convert(spec, row[0]))
    except SettingError as err:
        # A hand-edited or older value must not stop the program: fall back, and say so in the log.
        log.warning("setting %s has unusable value %r (%s); using the default", spec.key, row[0], err)
        return spec.default


def set(db: Database, key: str, value: Any) -> Any:  # shadows the builtin on purpose: settings.set(…)
    """Validate and store `value` for `key` (a string is parsed as the CLI would); returns the typed value."""
    spec = setting(key)
    typed = _validate(spec, _convert(spec, value))
    with write_transaction(db):
        _check_together(db, spec, typed)
        old = get(db, spec.key)
        if typed == spec.default:
            db.execute("DELETE FROM settings WHERE key = ?", [spec.key])
        else:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [spec.key, str(typed)])
        if old != typed:
            history.record(db, entity="setting", field=spec.key, old=old, new=typed)
    return typed


def reset(db: Database, key: str) -> Any:
    """Return `key` to its default; returns the default."""
    return set(db, key, setting(key).default)


def all(db: Database) -> dict[str, Any]:  # shadows the builtin on purpose: settings.all(…)
    """Every setting with its current value, in registry order."""
    return {s.key: get(db, s.key) for s in _SETTINGS}


def definitions() -> tuple[Setting, ...]:
    """Every setting's definition, in registry order."""
    return _SETTINGS


def display(spec: Setting, value: Any) -> str:
    """A value as a person reads it (sizes as 200 MB)."""
    return format_size(value) if spec.is_size else str(value)


def _convert(spec: Setting, value: Any) -> Any:
    if spec.kind is int:
        if isinstance(value, bool):
            raise SettingError(f"设置项 {spec.key} 需要一个整数")
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if spec.is_size:
            return parse_size(text, what=spec.key)
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise SettingError(f"设置项 {spec.key} 需要一个整数，收到“{value}”")
    return spec.kind(value)


def _validate(spec: Setting, value: Any) -> Any:
    show: Callable[[Any], str] = format_size if spec.is_size else str
    if spec.minimum is not None and value < spec.minimum:
        raise SettingError(
            f"设置项 {spec.key}（{spec.title}）不能小于 {show(spec.minimum)}，收到 {show(value)}"
        )
    if spec.maximum is not None and value > spec.maximum:
        why = (
            "：FAT32 格式的U盘无法写入 4 GB 及以上的单个文件，上报包还须留出报告和清单的空间"
            if spec.is_size
            else ""
        )
        raise SettingError(
            f"设置项 {spec.key}（{spec.title}）不能大于 {show(spec.maximum)}，收到 {show(value)}{why}"
        )
    return value


def _check_together(db: Database, spec: Setting, value: Any) -> None:
    """Rules between settings: one file can never be larger than the whole package."""
    if spec.key == "evidence.max_file_bytes" and value > get(db, "evidence.max_period_bytes"):
        raise SettingError(
            f"单个文件上限（{format_size(value)}）不能大于上报包上限（{format_size(get(db, 'evidence.max_period_bytes'))}）"
        )
    if spec.key == "evidence.max_period_bytes" and value < get(db, "evidence.max_file_bytes"):
        raise SettingError(
            f"上报包上限（{format_size(value)}）不能小于单个文件上限（{format_size(get(db, 'evidence.max_file_bytes'))}），"
            "请先调小 evidence.max_file_bytes"
        )


_SIZE_UNITS = {
    "": 1,
    "B": 1,
    "K": KIB,
    "KB": KIB,
    "KIB": KIB,
    "M": MIB,
    "MB": MIB,
    "MIB": MIB,
    "G": GIB,
    "GB": GIB,
    "GIB": GIB,
}


def parse_size(text: str, *, what: str = "大小") -> int:
    """Bytes from `123`, `200MB`, `1.5 GB`, `512k` (units are binary: 1 MB = 1024×1024 bytes, as Windows shows)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", str(text))
    unit = m.group(2).upper() if m else ""
    if not m or unit not in _SIZE_UNITS:
        raise SettingError(f"{what} 需要一个大小，例如 200MB、1.5GB 或字节数，收到“{text}”")
    return int(float(m.group(1)) * _SIZE_UNITS[unit])
