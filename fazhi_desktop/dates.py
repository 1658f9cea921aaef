"""Dates as clerks type and read them: the one parser for typed dates and the one Chinese formatter.

Every date field (整改时限, 形成日期, the history's --since, the window's date boxes) goes through
`parse_user_date`, so a date typed one way in one place is accepted the same way everywhere.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from fazhi_desktop.errors import BadDate

# 2021-09-30, 2021.9.30, 2021/9/30, 2021年9月30日 (blanks between the parts allowed) or 20210930.
# The compact form must not run on into more digits, so `202109301` is not 2021-09-30 plus a `1`.
_DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?:\s*[日号])?"
    r"|(?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2})(?!\d)"
)
FORMS = "2021-09-30、2021.9.30、2021/9/30、20210930 或 2021年9月30日"


def _normalised(text: str) -> str:
    # Full-width digits and punctuation (２０２１／９／３０) come from Chinese input methods.
    return unicodedata.normalize("NFKC", text or "").strip()


def _real_date(year: int, month: int, day: int, what: str, text: str) -> dt.date:
    if not 1 <= month <= 12:
        why = f"月份只能是 1 到 12，没有{month}月"
    elif not 1 <= day <= calendar.monthrange(year, month)[1]:
        why = f"{year}年{month}月只有 {calendar.monthrange(year, month)[1]} 天，没有{day}日"
    else:
        return dt.date(year, month, day)
    raise BadDate(f"{what}“{text}”不是有效日期：{why}，这不是一个真实存在的日期", unreadable=False)


def split_user_date(text: str, what: str = "日期") -> tuple[dt.date, str]:
    """The date a text starts with and the rest (a time, say), or BadDate when it starts with none."""
    cleaned = _normalised(text)
    m = _DATE.match(cleaned)
    if not m:
        raise BadDate(f"{what}“{text.strip()}”不是有效日期：看不懂这种写法，请写成 {FORMS}", unreadable=True)
    if m.group("y"):
        parts = (m.group("y"), m.group("m"), m.group("d"))
    else:
        parts = (m.group("cy"), m.group("cm"), m.group("cd"))
    year, month, day = (int(p) for p in parts)
    if year < 1:
        raise BadDate(f"{what}“{text.strip()}”不是有效日期：没有公元 0 年", unreadable=False)
    return _real_date(year, month, day, what, text.strip()), cleaned[m.end() :]


def parse_user_date(text: str, what: str = "日期") -> dt.date:
    """A date typed as 2021-09-30, 2021.9.30, 2021/9/30, 20210930 or 2021年9月30日.

    Raises BadDate (a UsageError) with a Chinese message that starts with `what`“text” and says
    whether the text could not be read at all or names a day the calendar does not have.
    """
    day, rest = split_user_date(text, what)
    if rest.strip():
        raise BadDate(f"{what}“{text.strip()}”不是有效日期：看不懂这种写法，请写成 {FORMS}", unreadable=True)
    return day


def format_cn_date(day: dt.date) -> str:
    """`2021年9月30日`, the way dates are written in 公文 and shown to clerks."""
    return f"{day.year}年{day.month}月{day.day}日"


def local_moment(stamp: str, *, seconds: bool = False) -> str:
    """A stored moment (ISO 8601: the stores keep UTC, packages their own offset) as this PC's clock shows
    it, `2026-12-02 18:05` (`:SS` with `seconds`); a stamp that is not ISO is shown as it is (a tampered
    history row may hold anything). The one place a time is turned for the clerk: slicing the stored
    text showed UTC, eight hours off in China."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    # (one written without an offset is taken as this PC's time already)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
