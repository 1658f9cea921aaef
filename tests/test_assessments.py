"""Assessments: vocabularies per item kind, dates, the cross-field rules, opt-in, history per field."""

from __future__ import annotations

import pytest

from fazhi_desktop.errors import ItemNotAssigned, UnknownItem, UsageError
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.assessments import (
    RESULTS,
    Assessment,
    RuleViolation,
    get_assessment,
    list_assessments,
    parse_date,
    rule_problems,
    save_assessment,
    set_opt_in,
)
from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

# 县发展和改革局: T01 required task (责任), T07 optional task, I13 indicator (牵头), I23 optional indicator.


@pytest.fixture
def ws(data_dir):
    with Workspace.open(data_dir) as w:
        set_up_unit(w, "县发改局")
        yield w


def _history_count(ws) -> int:
    return ws.db.execute("SELECT COUNT(*) FROM history").fetchone()[0]


def test_an_item_never_saved_reads_as_an_unsaved_default(ws):
    a = get_assessment(ws, "t1")
    assert a == Assessment(item_id="T01", period_id=ws.period.id)
    assert not a.is_saved and not a.has_content and a.work_status == "未开始" and a.result is None
    assert list_assessments(ws) == {}


def test_unknown_and_unassigned_items_are_clear_errors(ws):
    with pytest.raises(UnknownItem, match="T99"):
        save_assessment(ws, "T99", strict=True, work_status="推进中")
    with pytest.raises(UnknownItem):
        get_assessment(ws, "X1")
    with pytest.raises(ItemNotAssigned, match="I01.*县发展和改革局"):
        save_assessment(ws, "I1", strict=False, narrative="不是我们的")
    assert _history_count(ws) == 3  # only the set-up rows


@pytest.mark.parametrize(
    ("item", "kind"), [("T01", "task"), ("I13", "indicator"), ("B1", "bonus"), ("D1", "deduction")]
)
def test_each_kind_accepts_exactly_its_own_results(ws, item, kind):
    if kind in ("bonus", "deduction"):
        set_opt_in(ws, item, True)
    every = {r for results in RESULTS.values() for r in results}
    for result in RESULTS[kind]:
        assert save_assessment(ws, item, strict=False, result=result).result == result
    for result in sorted(every - set(RESULTS[kind])):
        with pytest.raises(UsageError, match="自评结果.*无效"):
            save_assessment(ws, item, strict=False, result=result)
    with pytest.raises(UsageError, match="无效"):
        save_assessment(ws, item, strict=False, result="完成了")


def test_vocabularies_are_as_documented():
    assert RESULTS["task"] == ("已完成", "部分完成", "未完成", "不适用")
    assert RESULTS["indicator"] == ("达标", "基本达标", "未达标", "不适用")
    assert RESULTS["bonus"] == RESULTS["deduction"] == ("有", "无")


def test_work_status_vocabulary(ws):
    for status in ("未开始", "推进中", "已完成"):
        assert save_assessment(ws, "T01", strict=False, work_status=status).work_status == status
    with pytest.raises(UsageError, match="工作状态“完成”无效"):
        save_assessment(ws, "T01", strict=False, work_status="完成")


def test_result_can_be_cleared(ws):
    save_assessment(ws, "T01", strict=False, result="已完成")
    assert save_assessment(ws, "T01", strict=False, result="").result is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2021-09-30", "2021-09-30"),
        ("2021-9-30", "2021-09-30"),
        ("2021年9月30日", "2021-09-30"),
        ("2021/9/3", "2021-09-03"),
        ("2021.12.1", "2021-12-01"),
        (" 2021年 12月 31日 ", "2021-12-31"),
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_deadlines_are_normalised(ws, typed, stored):
    assert parse_date(typed) == stored
    assert save_assessment(ws, "T01", strict=False, deadline=typed).deadline == stored


@pytest.mark.parametrize(
    "typed",
    [
        "2021-02-30",
        "2021-13-01",
        "2023-02-29",
        "21-9-30",
        "明年年底",
        "0221-09-30",
        "2021-09-30x",
        "9/30/2021",
    ],
)
def test_impossible_dates_are_refused(ws, typed):
    with pytest.raises(UsageError, match="不是有效日期"):
        save_assessment(ws, "T01", strict=False, deadline=typed)
    assert get_assessment(ws, "T01").deadline is None


def test_unknown_field_is_refused(ws):
    with pytest.raises(UsageError, match="未知的字段"):
        save_assessment(ws, "T01", strict=False, colour="red")


# --- the cross-field rules --------------------------------------------------------------------------
RULE_CASES = [
    ("T01", {"result": "不适用"}, "不适用未说明理由"),
    ("I13", {"result": "不适用", "na_reason": ""}, "不适用未说明理由"),
    ("T01", {"work_status": "推进中", "result": "未完成"}, "自评结果为未完成但未填写存在问题和整改措施"),
    (
        "T01",
        {"work_status": "推进中", "result": "未完成", "problems": "缺"},
        "自评结果为未完成但未填写整改措施",
    ),
    (
        "I13",
        {"work_status": "推进中", "result": "未达标", "measures": "改", "deadline": "2021-12-31"},
        "自评结果为未达标但未填写存在问题",
    ),
    ("T01", {"work_status": "推进中", "result": "部分完成"}, "自评结果为部分完成但未填写存在问题和整改措施"),
    ("I13", {"work_status": "推进中", "result": "基本达标"}, "自评结果为基本达标但未填写存在问题和整改措施"),
    ("T01", {"measures": "下月整改"}, "整改措施缺少整改时限"),
    ("T01", {"result": "已完成"}, "自评结果为已完成，工作状态却是未开始，两者矛盾"),
    ("I13", {"result": "达标", "work_status": "未开始"}, "自评结果为达标，工作状态却是未开始，两者矛盾"),
]


@pytest.mark.parametrize(("item", "changes", "problem"), RULE_CASES)
def test_strict_save_refuses_a_broken_rule_and_writes_nothing(ws, item, changes, problem):
    before = _history_count(ws)
    with pytest.raises(RuleViolation) as err:
        save_assessment(ws, item, strict=True, **changes)
    assert problem in err.value.problems
    assert problem in str(err.value) and "未保存" in str(err.value)
    assert not get_assessment(ws, item).is_saved
    assert _history_count(ws) == before


@pytest.mark.parametrize(("item", "changes", "problem"), RULE_CASES)
def test_a_draft_keeps_what_was_typed_and_the_rule_reports_it(ws, item, changes, problem):
    saved = save_assessment(ws, item, strict=False, **changes)
    assert saved.is_saved
    for field, value in changes.items():
        assert getattr(get_assessment(ws, item), field) == value
    assert problem in rule_problems(saved, ws.assignment(item).item.kind)


def test_deduction_with_a_violation_needs_problems_and_measures(ws):
    set_opt_in(ws, "D1", True)
    with pytest.raises(RuleViolation, match="自评结果为有但未填写存在问题和整改措施"):
        save_assessment(ws, "D1", strict=True, result="有")
    set_opt_in(ws, "B1", True)
    assert save_assessment(ws, "B1", strict=True, result="有").result == "有"  # a bonus is no shortfall


def test_rules_that_hold_let_a_strict_save_through(ws):
    a = save_assessment(
        ws,
        "T01",
        strict=True,
        work_status="推进中",
        result="未完成",
        problems="制度未建立",
        measures="制定制度",
        deadline="2021年12月31日",
        responsible_person="王五",
    )
    assert (a.result, a.deadline, a.responsible_person) == ("未完成", "2021-12-31", "王五")
    a = save_assessment(ws, "I13", strict=True, result="不适用", na_reason="本县无此项工作")
    assert a.na_reason == "本县无此项工作"
    # 已完成 with work still 推进中 is allowed: ongoing work can already meet the target.
    assert save_assessment(ws, "T03", strict=True, work_status="推进中", result="已完成").result == "已完成"


def test_strict_checks_the_answer_as_a_whole(ws):
    save_assessment(ws, "T01", strict=False, result="不适用")  # a draft without a reason
    with pytest.raises(RuleViolation, match="不适用未说明理由"):
        save_assessment(ws, "T01", strict=True, narrative="补充说明")
    assert save_assessment(ws, "T01", strict=True, narrative="补充说明", na_reason="职能已划转").na_reason


# --- optional items -----------------------------------------------------------------------------------------
def test_opting_in_and_out_of_optional_items(ws):
    assert get_assessment(ws, "T07").opted_in is None
    assert set_opt_in(ws, "T07", True).opted_in is True
    assert set_opt_in(ws, "I23", False).opted_in is False
    rows = [(e.item_id, e.field, e.old_value, e.new_value) for e in history.changes_since(ws.db)]
    assert ("T07", "opted_in", None, "1") in rows and ("I23", "opted_in", None, "0") in rows


def test_required_items_cannot_be_opted_in_or_out(ws):
    with pytest.raises(UsageError, match="T01 是本单位必须填报的事项"):
        set_opt_in(ws, "T01", False)
    with pytest.raises(UsageError, match="必须填报"):
        save_assessment(ws, "T01", strict=False, opted_in=False)


def test_strict_save_of_an_optional_item_needs_the_opt_in(ws):
    with pytest.raises(RuleViolation, match="尚未选择参与"):
        save_assessment(ws, "T07", strict=True, narrative="参与了")
    set_opt_in(ws, "T07", False)
    with pytest.raises(RuleViolation, match="已选择不参与"):
        save_assessment(ws, "T07", strict=True, narrative="参与了")
    save_assessment(ws, "T07", strict=False, narrative="草稿")  # a draft is kept anyway
    set_opt_in(ws, "T07", True)
    assert save_assessment(ws, "T07", strict=True, work_status="推进中").narrative == "草稿"


# --- history and storage ------------------------------------------------------------------------------------
def test_one_history_row_per_changed_field(ws):
    start = _history_count(ws)
    a = save_assessment(ws, "T01", strict=True, work_status="推进中", narrative="开展学习")
    rows = history.changes_since(ws.db, item_id="T01")
    assert [(e.field, e.old_value, e.new_value) for e in rows] == [
        ("work_status", "未开始", "推进中"),
        ("narrative", "", "开展学习"),
    ]
    assert all(e.at == a.updated_at and e.period_id == ws.period.id for e in rows)
    # Same values again: nothing recorded, nothing touched.
    again = save_assessment(ws, "T01", strict=True, work_status="推进中", narrative="开展学习")
    assert again.updated_at == a.updated_at
    assert _history_count(ws) == start + 2
    save_assessment(ws, "T01", strict=True, narrative="开展学习 3 次", work_status="推进中")
    last = history.changes_since(ws.db, item_id="T01")[-1]
    assert (last.field, last.old_value, last.new_value) == ("narrative", "开展学习", "开展学习 3 次")
    assert _history_count(ws) == start + 3
    assert history.verify_chain(ws.db) == []


def test_text_is_trimmed_and_line_endings_normalised(ws):
    a = save_assessment(ws, "T01", strict=False, narrative="  第一段\r\n第二段\r第三段\n\n")
    assert a.narrative == "第一段\n第二段\n第三段"


def test_list_assessments_reads_back_every_saved_field(ws):
    save_assessment(
        ws,
        "T02",
        strict=True,
        work_status="推进中",
        result="部分完成",
        narrative="n",
        problems="p",
        measures="m",
        deadline="2021-10-1",
        responsible_person="r",
    )
    set_opt_in(ws, "T07", True)
    saved = list_assessments(ws)
    assert set(saved) == {"T02", "T07"}
    t02 = saved["T02"]
    assert (
        t02.work_status,
        t02.result,
        t02.narrative,
        t02.problems,
        t02.measures,
        t02.deadline,
        t02.responsible_person,
        t02.opted_in,
    ) == ("推进中", "部分完成", "n", "p", "m", "2021-10-01", "r", None)
    assert saved["T07"].opted_in is True
