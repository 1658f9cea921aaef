"""dates.local_moment: a stored moment as the clerk's clock shows it (the stores keep UTC)."""

from __future__ import annotations

import os
import time

import pytest

from fazhi_desktop.dates import local_moment


@pytest.fixture
def beijing(monkeypatch):
    """China Standard Time (a POSIX zone string: no time-zone database needed), undone afterwards."""
    if not hasattr(time, "tzset"):
        pytest.fail("time.tzset is needed to change the zone of the test process")
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_utc_stamp_is_shown_in_the_pcs_own_time(beijing) -> None:
    assert local_moment("2026-12-02T18:05:09.123456+00:00") == "2026-12-03 02:05"  # the next day there
    assert local_moment("2026-12-02T18:05:09+00:00", seconds=True) == "2026-12-03 02:05:09"
    assert local_moment("2026-12-02T10:00:00+08:00") == "2026-12-02 10:00"  # a package's own offset


def test_a_stamp_without_an_offset_or_not_iso_is_shown_as_it_is(beijing) -> None:
    assert local_moment("2026-12-02T10:00:00") == "2026-12-02 10:00"
    assert local_moment("被改过的内容") == "被改过的内容"
    assert os.environ["TZ"] == "CST-8"
