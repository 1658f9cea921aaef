"""The rounds so far (read-only): app/review.py `past_rounds`, `review rounds [--json]` — plan and version,
period, when each began and ended, the units counted and the packages received in each."""

from __future__ import annotations

import json

import test_review_new_round
from test_review_new_round import NEW, OLD, _next_period

from fazhi_desktop.app.review import new_round, past_rounds
from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.store import round_started

county = test_review_new_round.county  # round 1 with three units imported, as fixture `county`


def test_rounds_list_their_units_and_packages(county) -> None:
    store, (a, b, _c), tmp_path = county
    b.export(tmp_path / "again")  # b's 第2版 supersedes its 第1版: two packages, one unit counted
    assert import_packages(store, [tmp_path / "again"]).count("stored") == 1
    (only,) = past_rounds(store)
    assert (only.plan_id, only.plan_version, only.period_label) == ("shen-2021", "1.0.0", "2021年度")
    assert only.current and only.ended_at is None
    assert (only.units_counted, only.packages_received) == (3, 4)

    new_round(store, "shen-2021", "2022年度")
    first, second = past_rounds(store)
    assert not first.current and first.ended_at == second.started_at == round_started(store.db, NEW)
    assert first.started_at == round_started(store.db, OLD)
    assert (first.units_counted, first.packages_received) == (3, 4)  # kept on record, still listed
    assert second.current and (second.period_label, second.units_counted, second.packages_received) == (
        "2022年度",
        0,
        0,
    )
    _next_period(a)
    a.answer()
    a.export(tmp_path / "round2")
    assert import_packages(store, [tmp_path / "round2"]).count("stored") == 1
    assert [(r.period_label, r.units_counted, r.packages_received) for r in past_rounds(store)] == [
        ("2021年度", 3, 4),
        ("2022年度", 1, 1),
    ]


def test_review_rounds_on_the_command_line(county, cli_at) -> None:
    store, _, _ = county
    new_round(store, "shen-2021", "2022年度")
    expected = [r.to_dict() for r in past_rounds(store)]
    data_dir = store.data_dir
    store.close()
    r = cli_at(data_dir, "review", "rounds", "--json")
    assert r.code == 0, r.err
    got = json.loads(r.out)
    assert got == expected
    assert [(g["period"], g["current"], g["units_counted"], g["packages_received"]) for g in got] == [
        ("2021年度", False, 3, 3),
        ("2022年度", True, 0, 0),
    ]
    assert got[0]["ended_at"] == got[1]["started_at"] and got[1]["ended_at"] is None
    r = cli_at(data_dir, "review", "rounds")
    assert r.code == 0, r.err
    old, new = r.out.strip().splitlines()
    assert old.startswith("2021年度  shen-2021 1.0.0  ") and "计入 3 个单位，收到 3 个上报包" in old
    assert new.startswith("2022年度") and "本轮" in new and "本轮" not in old
