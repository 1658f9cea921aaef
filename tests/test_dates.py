"""The one parser for typed dates and the one Chinese date formatter."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi_desktop.dates import format_cn_date, parse_user_date, split_user_date
from fazhi_desktop.errors import BadDate, FazhiError, UsageError


@pytest.mark.parametrize(
    "typed",
    [
        "2021-09-30",
        "2021-9-30",
        "2021.9.30",
        "2021/9/30",
        "20210930",
        "2021年9月30日",
        "2021年9月30号",
        " 2021年 9月 30日 ",
        "２０２１／９／３０",  # full-width, as a Chinese input method types it
    ],
)
def test_every_form_a_clerk_types_is_read(typed):
    assert parse_user_date(typed) == dt.date(2021, 9, 30)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("2026年13月1日", "月份只能是 1 到 12"),
        ("2021-02-29", "2021年2月只有 28 天"),
        ("2021/4/31", "2021年4月只有 30 天"),
        ("20210230", "2021年2月只有 28 天"),
        ("2021-00-10", "月份只能是 1 到 12"),
    ],
)
def test_days_the_calendar_lacks_are_refused_with_the_reason(typed, why):
    with pytest.raises(BadDate) as caught:
        parse_user_date(typed, "整改时限")
    err = caught.value
    assert isinstance(err, UsageError) and isinstance(err, FazhiError)
    assert err.message.startswith(f"整改时限“{typed}”不是有效日期")
    assert why in err.message and "不是一个真实存在的日期" in err.message
    assert not err.unreadable


@pytest.mark.parametrize(
    "typed", ["", "明天", "21-9-30", "9/30/2021", "2021-09-30x", "202109301", "2021年9月"]
)
def test_unreadable_text_is_refused_with_the_forms_to_use(typed):
    with pytest.raises(BadDate) as caught:
        parse_user_date(typed)
    assert caught.value.unreadable
    assert "看不懂" in caught.value.message and "2021年9月30日" in caught.value.message


def test_split_hands_back_what_follows_the_date():
    assert split_user_date("2021/9/3 14:05") == (dt.date(2021, 9, 3), " 14:05")
    assert split_user_date("20210903T08:00") == (dt.date(2021, 9, 3), "T08:00")


def test_chinese_format_has_no_leading_zeros():
    assert format_cn_date(dt.date(2021, 9, 3)) == "2021年9月3日"
    assert format_cn_date(dt.datetime(2022, 1, 15, 10, 30)) == "2022年1月15日"
    assert parse_user_date(format_cn_date(dt.date(2024, 2, 29))) == dt.date(2024, 2, 29)
