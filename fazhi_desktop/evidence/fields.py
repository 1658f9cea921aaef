"""The clerk-entered fields of an attachment: 形成日期 and the description."""

from __future__ import annotations

import datetime as dt
import re

from fazhi_desktop.errors import UsageError
from fazhi_desktop.textclean import clean_input

_DATE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*")
_COMPACT = re.compile(r"\s*(\d{4})(\d{2})(\d{2})\s*")


def parse_made_date(value: str | dt.date | None) -> str | None:
    """形成日期 as YYYY-MM-DD from `2021-03-05`, `2021/3/5`, `2021.3.5`, `2021年3月5日` or `20210305`;
    None or an empty string means unknown. Dates in the future are refused."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value)
        if not text.strip():
            return None
        m = _DATE.fullmatch(text) or _COMPACT.fullmatch(text)
        if not m:
            raise UsageError(f"形成日期“{text}”看不懂，请写成 2021-03-05 这样的格式")
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise UsageError(f"形成日期“{text}”不是一个真实存在的日期") from None
    if day > dt.date.today():
        raise UsageError(f"形成日期 {day.isoformat()} 晚于今天：形成日期是文件形成（印发、签署）的日子")
    if day.year < 1949:
        raise UsageError(f"形成日期 {day.isoformat()} 太早，请检查年份")
    return day.isoformat()


def clean_description(text: str | None) -> str:
    """The description with control characters and surrounding blanks removed; refused when
    unreasonably long."""
    return clean_input(text, "description", "说明")
