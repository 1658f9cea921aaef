"""The unit profile and reporting periods: set-up, contact details, periods, carrying answers forward."""

from __future__ import annotations

import pytest

from fazhi_desktop.errors import NotInitialised, UnknownUnit, UsageError
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.assessments import get_assessment, list_assessments, save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import (
    add_period,
    carry_forward,
    find_period,
    set_key_fingerprint,
    set_up_unit,
    switch_period,
    update_contact,
)
from fazhi_desktop.selfcheck.workspace import Workspace


@pytest.fixture
def ws(data_dir):
    with Workspace.open(data_dir) as w:
        yield w


def test_before_set_up_the_workspace_asks_for_it(ws):
    assert ws.profile is None
    with pytest.raises(NotInitialised, match="fazhi-desktop init"):
        ws.require_profile()
    with pytest.raises(NotInitialised):
        ws.period  # noqa: B018


def test_township_by_its_own_name_gets_a_current_annual_period(ws):
    profile = set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
    assert (profile.unit_name, profile.unit_kind, profile.entered_name) == (
        "燕店镇人民政府",
        "township",
        "燕店镇",
    )
    assert (profile.contact, profile.phone) == ("张三", "0635-1234567")
    assert ws.period.label == "2021年度" and ws.period.kind == "annual" and ws.period.is_current
    assert len([a for a in ws.assignments() if not a.optional]) == 30
    stored = ws.db.execute("SELECT plan_id, version FROM plans").fetchall()
    assert stored == [("shen-2021", ws.plan.meta.version)]


def test_department_by_alias_resolves_to_the_canonical_name(ws):
    assert set_up_unit(ws, "县发展和改革委员会").unit_name == "县发展和改革局"


def test_unknown_unit_is_refused_with_suggestions(ws):
    with pytest.raises(UnknownUnit) as err:
        set_up_unit(ws, "县发改委x")
    assert "县发展和改革局" in err.value.suggestions
    assert ws.profile is None


def test_bad_phone_is_refused(ws):
    with pytest.raises(UsageError, match="联系电话"):
        set_up_unit(ws, "燕店镇", phone="打我电话")


def test_running_set_up_again_keeps_contact_and_records_the_change(ws):
    set_up_unit(ws, "燕店镇", contact="张三", phone="123")
    profile = set_up_unit(ws, "县发改局")
    assert profile.unit_name == "县发展和改革局"
    assert (profile.contact, profile.phone) == ("张三", "123")
    fields = [(e.entity, e.field, e.old_value, e.new_value) for e in history.changes_since(ws.db)]
    assert ("profile", "unit_name", "燕店镇人民政府", "县发展和改革局") in fields
    assert not [f for f in fields if f[1] in ("contact", "phone") and f[2] is not None]
    assert len(ws.periods()) == 1  # same year and kind: no second period


def test_update_contact_and_fingerprint_are_recorded(ws):
    set_up_unit(ws, "燕店镇", contact="张三")
    update_contact(ws, contact="李四", phone="0635-7654321")
    set_key_fingerprint(ws, "SHA256:abcd")
    p = ws.require_profile()
    assert (p.contact, p.phone, p.key_fingerprint) == ("李四", "0635-7654321", "SHA256:abcd")
    changes = [
        (e.field, e.old_value, e.new_value) for e in history.changes_since(ws.db) if e.entity == "profile"
    ]
    assert ("contact", "张三", "李四") in changes
    assert ("phone", "", "0635-7654321") in changes
    assert ("key_fingerprint", None, "SHA256:abcd") in changes


def test_half_year_periods_and_switching(ws):
    set_up_unit(ws, "燕店镇", year=2021, period_kind="first_half")
    assert ws.period.label == "2021年上半年"
    second = add_period(ws, 2021, "second_half")
    assert ws.period.id == second.id and second.label == "2021年下半年"
    switch_period(ws, find_period(ws, "2021年上半年").id)
    assert ws.period.label == "2021年上半年"
    assert [p.label for p in ws.periods()] == ["2021年上半年", "2021年下半年"]
    assert sum(p.is_current for p in ws.periods()) == 1


def test_period_mistakes_are_clear_errors(ws):
    set_up_unit(ws, "燕店镇")
    with pytest.raises(UsageError, match="已经存在"):
        add_period(ws, 2021, "annual")
    with pytest.raises(UsageError, match="报告期类型"):
        add_period(ws, 2022, "quarterly")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="年份"):
        add_period(ws, 1990)
    with pytest.raises(UsageError, match="没有编号为 99 的报告期"):
        add_period(ws, 2022, carry_from=99)
    assert [p.label for p in ws.periods()] == ["2021年度"]  # nothing half-created
    with pytest.raises(UsageError, match="没有编号为 42 的报告期"):
        switch_period(ws, 42)
    assert ws.period.label == "2021年度"  # still a current period


def test_find_period_by_label_year_or_id(ws):
    set_up_unit(ws, "燕店镇")
    p22 = add_period(ws, 2022)
    assert find_period(ws, "2022年度").id == p22.id
    assert find_period(ws, "2022").id == p22.id
    assert find_period(ws, str(p22.id)).id == p22.id
    add_period(ws, 2022, "first_half")
    with pytest.raises(UsageError, match="多个报告期"):
        find_period(ws, "2022")
    with pytest.raises(UsageError, match="找不到报告期"):
        find_period(ws, "2030年度")


def test_carry_forward_copies_answers_as_a_draft(ws, tmp_path):
    set_up_unit(ws, "县发改局")
    first = ws.period.id
    save_assessment(ws, "T01", strict=True, work_status="已完成", result="已完成", narrative="组织学习 12 次")
    save_assessment(
        ws,
        "T02",
        strict=True,
        work_status="推进中",
        result="未完成",
        problems="计划未印发",
        measures="年底前印发",
        deadline="2021-12-31",
        responsible_person="王五",
    )
    set_opt_in(ws, "T07", False)
    ws.db.execute(
        "INSERT INTO assessments (period_id, item_id, narrative, updated_at) VALUES (?, 'X01', 'gone', 'x')",
        [first],
    )  # an answer to an item the new period's plan does not have
    ws.db.execute("INSERT INTO blobs VALUES (?, 1, 'x')", ["a" * 64])
    ws.db.execute(
        "INSERT INTO evidence (period_id, sha256, original_name, added_at) VALUES (?, ?, 'a.pdf', 'x')",
        [first, "a" * 64],
    )

    new = add_period(ws, 2022, carry_from=first)
    assert ws.period.id == new.id and new.carried_from == first
    carried = list_assessments(ws)
    assert set(carried) == {"T01", "T02", "T07"}
    t01 = carried["T01"]
    assert (t01.work_status, t01.result, t01.narrative) == ("推进中", "已完成", "组织学习 12 次")
    t02 = carried["T02"]
    assert (t02.problems, t02.measures, t02.deadline, t02.responsible_person) == (
        "计划未印发",
        "年底前印发",
        "2021-12-31",
        "王五",
    )
    assert carried["T07"].opted_in is False
    assert ws.db.execute("SELECT COUNT(*) FROM evidence WHERE period_id = ?", [new.id]).fetchone()[0] == 0
    assert get_assessment(ws, "T01", period_id=first).work_status == "已完成"  # the old period is untouched

    rows = [
        (e.item_id, e.field, e.new_value)
        for e in history.changes_since(ws.db, period_id=new.id)
        if e.entity == "assessment"
    ]
    assert ("T01", "carried_from", str(first)) in rows
    assert ("T01", "narrative", "组织学习 12 次") in rows
    assert ("T01", "work_status", "推进中") in rows
    assert ("T02", "deadline", "2021-12-31") in rows
    assert ("T07", "opted_in", "0") in rows
    assert history.verify_chain(ws.db) == []


def test_carry_forward_never_overwrites_the_new_period(ws):
    set_up_unit(ws, "燕店镇")
    first = ws.period.id
    save_assessment(ws, "T01", strict=False, narrative="去年")
    new = add_period(ws, 2022)
    save_assessment(ws, "T01", strict=False, narrative="今年")
    assert carry_forward(ws, first, new.id) == 0
    assert get_assessment(ws, "T01").narrative == "今年"
