"""The completeness check: per-item state and what is missing, per-group and overall figures, deadlines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.selfcheck.assessments import get_assessment, save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import add_period, set_up_unit
from fazhi_desktop.selfcheck.progress import (
    MISSING_CHOICE,
    MISSING_EVIDENCE,
    MISSING_NARRATIVE,
    MISSING_RESULT,
    Figure,
    check_progress,
)
from fazhi_desktop.selfcheck.workspace import Workspace

TODAY = dt.date(2021, 10, 8)


def make_file(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def attach(ws, path: Path, items: list[str]) -> None:
    """Attach a real file through the evidence store."""
    add_evidence(ws, items, path)


@pytest.fixture
def ws(data_dir):
    with Workspace.open(data_dir) as w:
        set_up_unit(w, "燕店镇")
        yield w


def _fill_yandian(ws, docs):
    """A scripted 燕店镇: 30 tasks, 4 optional adjustment items; some done, some not."""
    save_assessment(
        ws, "T01", strict=True, work_status="已完成", result="已完成", narrative="党委理论学习中心组学法 4 次"
    )
    save_assessment(ws, "T02", strict=True, result="不适用", na_reason="镇级不单独制定规划")
    save_assessment(
        ws,
        "T03",
        strict=True,
        work_status="推进中",
        result="未完成",
        narrative="已起草",
        problems="尚未听取汇报",
        measures="四季度专题听取",
        deadline="2021-12-31",
        responsible_person="王镇长",
    )
    save_assessment(
        ws,
        "T04",
        strict=True,
        work_status="推进中",
        result="部分完成",
        narrative="部分落实",
        problems="述法未全覆盖",
        measures="年底前补齐",
        deadline="2021-10-01",
    )
    save_assessment(ws, "T05", strict=False, result="不适用")  # a GUI draft: no reason yet
    save_assessment(ws, "T06", strict=False, narrative="正在整理材料")
    set_opt_in(ws, "B1", True)
    save_assessment(ws, "B1", strict=True, result="有", narrative="获省级法治政府建设示范表彰")
    set_opt_in(ws, "B2", False)
    set_opt_in(ws, "D1", True)
    save_assessment(ws, "D1", strict=True, result="无")
    shared = make_file(docs, "学法记录.txt", "2021 年度学法记录")
    attach(ws, shared, ["T01", "T04"])  # one document supporting two items
    attach(ws, make_file(docs, "表彰文件.txt", "省级表彰"), ["B1"])


def test_a_fresh_unit_has_everything_missing(ws):
    report = check_progress(ws, today=TODAY)
    assert report.overall == Figure(0, 30) and report.overall.percent == 0
    # Undecided optional items are counted once, as 尚未选择, not also as 不参与.
    assert report.state_counts == {
        "未填写": 30,
        "填写中": 0,
        "已填完": 0,
        "不适用": 0,
        "不参与": 0,
        "尚未选择": 4,
    }
    t01 = report.item("T01")
    assert t01.missing == (MISSING_NARRATIVE, MISSING_RESULT, MISSING_EVIDENCE)
    assert report.item("B1").missing == ("尚未填写有无此项加分情况",) and not report.item("B1").counted
    assert MISSING_CHOICE == "尚未选择是否参与"  # the wording of the other (有关部门) optional items
    assert report.undecided == 4
    assert [g.key for g in report.groups] == [
        "S1",
        "S2",
        "S3",
        "S4",
        "S5",
        "S6",
        "S7",
    ]  # ADJ: nothing counted
    assert [g.figure.total for g in report.groups] == [1, 5, 6, 2, 7, 6, 3]


def test_scripted_township_figures_exactly(ws, tmp_path):
    _fill_yandian(ws, tmp_path / "docs")
    report = check_progress(ws, today=TODAY)
    # Counted: 30 tasks + B1 + D1 (opted in); B2 opted out, D2 not chosen.
    # Done: T01 (done + evidence), T02 (不适用 with reason), T03 (未完成, honestly answered),
    # T04 (部分完成 with problems, rectification and the shared document), B1, D1.
    assert report.overall == Figure(6, 32)
    assert report.overall.percent == 18
    groups = {g.key: (g.figure.done, g.figure.total, g.figure.percent) for g in report.groups}
    assert groups == {
        "S1": (1, 1, 100),
        "S2": (3, 5, 60),
        "S3": (0, 6, 0),
        "S4": (0, 2, 0),
        "S5": (0, 7, 0),
        "S6": (0, 6, 0),
        "S7": (0, 3, 0),
        "ADJ": (2, 2, 100),
    }
    assert report.state_counts == {
        "未填写": 24,
        "填写中": 2,
        "已填完": 5,
        "不适用": 1,
        "不参与": 1,
        "尚未选择": 1,
    }
    states = {i.item_id: (i.state, i.missing) for i in report.items}
    assert states["T01"] == ("已填完", ())
    assert states["T02"] == ("不适用", ())
    assert states["T03"] == ("已填完", ())  # 未完成 needs no evidence, only problems and rectification
    assert states["T04"] == ("已填完", ())
    assert states["T05"] == ("填写中", ("不适用未说明理由",))
    assert states["T06"] == ("填写中", (MISSING_RESULT, MISSING_EVIDENCE))
    assert states["T07"] == ("未填写", (MISSING_NARRATIVE, MISSING_RESULT, MISSING_EVIDENCE))
    assert states["B1"] == ("已填完", ())
    assert states["B2"] == ("不参与", ())
    assert states["D1"] == ("已填完", ())
    assert states["D2"] == ("尚未选择", ("尚未填写是否发生",))  # a 减分项 asks 是否发生, not 是否参与
    assert report.item("T01").evidence_count == report.item("T04").evidence_count == 1
    assert report.undecided == 1


def test_partial_result_with_everything_but_evidence(ws, tmp_path):
    save_assessment(
        ws,
        "T04",
        strict=True,
        work_status="推进中",
        result="部分完成",
        narrative="部分落实",
        problems="述法未全覆盖",
        measures="年底前补齐",
        deadline="2021-10-01",
    )
    assert check_progress(ws, today=TODAY).item("T04").missing == (MISSING_EVIDENCE,)
    attach(ws, make_file(tmp_path, "述法.txt", "述法"), ["T04"])
    item = check_progress(ws, today=TODAY).item("T04")
    assert (item.state, item.missing, item.done) == ("已填完", (), True)


def test_each_missing_message(ws):
    save_assessment(ws, "T10", strict=False, result="未完成", narrative="x")
    save_assessment(ws, "T11", strict=False, result="已完成", narrative="x", measures="改")
    report = check_progress(ws, today=TODAY)
    assert report.item("T10").missing == ("自评结果为未完成但未填写存在问题和整改措施",)
    assert report.item("T11").missing == (
        MISSING_EVIDENCE,
        "整改措施缺少整改时限",
        "自评结果为已完成，工作状态却是未开始，两者矛盾",
    )


def test_a_deduction_that_happened_needs_no_evidence_but_its_rectification(ws):
    set_opt_in(ws, "D2", True)
    save_assessment(ws, "D2", strict=False, result="有", narrative="一起行政诉讼败诉")
    assert check_progress(ws, today=TODAY).item("D2").missing == ("自评结果为有但未填写存在问题和整改措施",)
    save_assessment(ws, "D2", strict=True, problems="程序违法", measures="专项整改", deadline="2021-11-30")
    assert check_progress(ws, today=TODAY).item("D2").done


def test_opting_in_an_empty_item_counts_it_as_not_started(ws):
    set_opt_in(ws, "B2", True)
    report = check_progress(ws, today=TODAY)
    assert report.item("B2").state == "未填写" and report.overall.total == 31


def test_evidence_of_another_period_does_not_count(ws, tmp_path):
    save_assessment(ws, "T01", strict=True, work_status="已完成", result="已完成", narrative="学习")
    attach(ws, make_file(tmp_path, "a.txt", "a"), ["T01"])
    assert check_progress(ws, today=TODAY).item("T01").done
    add_period(ws, 2022, carry_from=1)
    item = check_progress(ws, today=TODAY).item("T01")
    assert (item.state, item.missing, item.work_status) == ("填写中", (MISSING_EVIDENCE,), "推进中")
    assert check_progress(ws, period_id=1, today=TODAY).item("T01").done


def test_deadlines_sorted_with_days_left(ws, tmp_path):
    _fill_yandian(ws, tmp_path / "docs")
    report = check_progress(ws, today=TODAY)
    assert [(d.item_id, d.deadline, d.days_left, d.overdue) for d in report.deadlines] == [
        ("T04", "2021-10-01", -7, True),
        ("T03", "2021-12-31", 84, False),
    ]
    assert report.deadlines[1].responsible_person == "王镇长"


def test_percent_rounds_down_so_100_means_all():
    assert Figure(31, 32).percent == 96
    assert Figure(1, 3).percent == 33
    assert Figure(32, 32).percent == 100
    assert Figure(0, 0).percent == 100


def test_json_shape(ws, tmp_path):
    _fill_yandian(ws, tmp_path / "docs")
    d = check_progress(ws, today=TODAY).to_dict()
    assert d["overall"] == {"done": 6, "total": 32, "percent": 18}
    assert d["period"]["label"] == "2021年度" and d["unit"] == "燕店镇人民政府" and d["today"] == "2021-10-08"
    assert d["results"]["不适用"] == 2 and d["results"]["未选择"] == 25
    assert d["undecided_optional"] == 1
    t01 = next(i for i in d["items"] if i["id"] == "T01")
    assert t01 == {
        "id": "T01",
        "kind": "task",
        "role": "责任",
        "optional": False,
        "opted_in": None,
        "group": "S1",
        "work_status": "已完成",
        "result": "已完成",
        "state": "已填完",
        "done": True,
        "counted": True,
        "missing": [],
        "evidence_count": 1,
        "deadline": None,
    }


def test_one_rounding_of_the_percentage_everywhere():
    from fazhi_desktop.reports.data import ProgressInfo
    from fazhi_desktop.selfcheck.progress import percent_of

    # 3/31 is 9.68 %: rounded down everywhere (a round() somewhere showed 10 % beside 9 %).
    assert percent_of(3, 31) == 9 == Figure(3, 31).percent
    assert ProgressInfo("overall", "总体", total=31, complete=3).percent == 9
    assert percent_of(30, 31) == 96 and percent_of(31, 31) == 100 and percent_of(0, 0) == 100


def test_adjustment_items_answered_in_one_step(ws):
    from fazhi_desktop.selfcheck.assessments import adjustment_answer, answer_adjustment, choice_of

    answer_adjustment(ws, "D1", False)  # 未发生: answered, done, nothing to write or prove
    answer_adjustment(ws, "B1", True)  # 有: what was achieved, with evidence
    report = check_progress(ws, today=TODAY)
    assert report.item("D1").state == "已填完" and report.item("D1").counted
    assert report.item("B1").missing == (MISSING_NARRATIVE, MISSING_EVIDENCE)
    a = get_assessment(ws, "D1")
    assert (a.opted_in, a.result) == (True, "无") and choice_of("deduction", a.opted_in, a.result) is False
    assert adjustment_answer("deduction", True, "无") == "未发生"
    assert adjustment_answer("deduction", True, "有") == "已发生"
    assert adjustment_answer("deduction", False, None) == "未发生"  # opted out on the command line
    assert adjustment_answer("bonus", None, None) == "尚未填写"
    # Adjustment items have no work status: D1 and B1 are counted but never as 未开始.
    with_status = [i for i in report.items if i.counted and i.kind in ("task", "indicator")]
    assert report.to_dict()["work_status"] == {"未开始": len(with_status)}
    assert len(with_status) == report.overall.total - 2
