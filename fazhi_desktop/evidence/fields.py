"""The clerk-entered fields of an attachment: 形成日期 and the description."""

from __future__ import annotations

import datetime as dt

from fazhi_desktop.dates import parse_user_date
from fazhi_desktop.errors import UsageError
from fazhi_desktop.textclean import clean_input


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
        day = parse_user_date(text, "形成日期")
    if day > dt.date.today():
        raise UsageError(f"形成日期 {day.isoformat()} 晚于今天：形成日期是文件形成（印发、签署）的日子")
    if day.year < 1949:
        raise UsageError(f"形成日期 {day.isoformat()} 太早，请检查年份")
    return day.isoformat()


def clean_description(text: str | None) -> str:
    """The description with control characters and surrounding blanks removed; refused when
    unreasonably long."""
    return clean_input(text, "description", "说明")
