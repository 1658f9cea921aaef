"""Text the clerk types or pastes, made safe to store; and any stored text, made safe to print.

Word's Shift+Enter pastes a vertical tab (U+000B), other programs leave form feeds, NULs or lone
surrogates in copied text. XML (the workbook), the PDF and JSON cannot all carry those, so input is
normalised once, here, before it is saved; and every output passes its strings through `printable`
so that whatever an older version let into the database can still be exported.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from fazhi_desktop.errors import UsageError

# Line and paragraph separators from other systems, all made a plain newline (line breaks are kept).
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Control characters other than tab and newline, lone surrogates (not UTF-8 encodable) and the two
# noncharacters XML refuses: none of these is visible text.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 (openpyxl's ILLEGAL_CHARACTERS_RE is a subset), reportlab and strict UTF-8 refuse.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Per-field limits, in characters. A report prints every answer in full and the bureau reads ~90 of
# them per unit: a few pages per item is plenty; longer material belongs in an attached document.
FIELD_LIMITS: dict[str, int] = {
    "narrative": 20_000,
    "problems": 10_000,
    "measures": 10_000,
    "na_reason": 2_000,
    "responsible_person": 100,
    "description": 2_000,
    "overall": 20_000,  # the period's 总体情况 and 下一步工作打算 (selfcheck/narratives.py)
    "next_steps": 20_000,
}
_WHY = {
    "responsible_person": "责任人只填姓名或岗位",
    "description": "说明只需写明材料是什么，详细内容请放在材料本身",
}
_DEFAULT_WHY = "自查报告逐项印出全文，每项写清要点即可，更详细的内容请作为佐证材料附上"


def clean_input(text: str | None, field: str, label: str) -> str:
    """`text` with line breaks normalised, invisible control characters removed and surrounding
    blanks stripped; UsageError naming `label` when longer than the field's limit."""
    cleaned = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text or "")).strip()
    limit = FIELD_LIMITS.get(field)
    if limit is not None and len(cleaned) > limit:
        why = _WHY.get(field, _DEFAULT_WHY)
        raise UsageError(f"{label}太长（{len(cleaned)} 字，上限 {limit} 字）：{why}")
    return cleaned


def refuse_nul(text: str, label: str, source: str) -> str:
    """`text` read from a file, refused when it holds NUL characters (a word-processor or UTF-16 file,
    not plain text): removing them would keep garbage."""
    if "\x00" in text:
        raise UsageError(
            f"{label}文件“{source}”含有空字符（NUL），不是纯文本文件："
            "Word 文档请另存为“纯文本（.txt）”后再读取"
        )
    return text


def decode_local(raw: bytes) -> str | None:
    """Text saved on a Chinese office PC: UTF-8 (with or without BOM), else GBK/GB18030 (what Notepad
    on older Windows and WPS save); None when it is neither (not a text file)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def printable(text: str) -> str:
    """`text` without the characters that a workbook, a PDF or UTF-8 JSON cannot carry."""
    return _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text)) if _UNPRINTABLE.search(text) else text


T = TypeVar("T")


def printable_value(value: T) -> T:
    """`value` with every string inside it (dataclasses, tuples, lists, dicts) made `printable`."""
    return _scrub(value)  # type: ignore[no-any-return]


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _scrub(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_scrub(v) for v in value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value
