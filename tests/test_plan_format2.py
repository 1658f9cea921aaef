"""Plan format `fazhi-plan/2`: roles 牵头/责任/配合/参与, labels, deadlines, points that add up, former names."""

from __future__ import annotations

import pytest
from plan2_sample import sample_doc, write_sample

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.assign import assigned_for, resolve_unit
from fazhi_desktop.catalogue.loader import load_plan
from fazhi_desktop.errors import CatalogueError


def test_format2_loads_every_new_field(tmp_path):
    plan = load_plan(write_sample(tmp_path / "p.json"))
    assert plan.format_version == 2 and plan.scored and plan.total_points == 10
    t02 = plan.item("T02")
    assert t02.lead == ("县司法局", "县发改局") and t02.cooperating == ("县财政局", "各镇")
    assert (t02.label, t02.deadline, t02.display_number) == ("（二）", "2026-12-31", "（二）")
    assert plan.item("T03").deadline == "长期坚持"
    i01 = plan.item("I01")
    assert (i01.points, i01.method, i01.evidence_required) == (3.5, "查阅资料", ("权责清单", "调整文件"))
    assert plan.item("I02").evidence_required == ("决策目录",)
    assert plan.areas[0].points == 6 and plan.areas[0].label == "一、"
    assert (plan.item("B1").points, plan.item("B1").cap) == (1, 2)
    assert plan.sections[0].label == "一、"


def test_format1_plan_still_loads_and_has_no_scores():
    plan = load_plan(registry.builtin_plan_files()[0])
    assert plan.format_version == 1 and not plan.scored
    assert all(i.label == "" and i.cooperating == () for i in plan.all_items())


def test_item_with_no_units_is_reported_as_reaching_nobody(tmp_path):
    plan = load_plan(write_sample(tmp_path / "p.json"))
    assert any(w.startswith("T01") and "没有单位" in w for w in plan.warnings)
    assert not any(w.startswith("T02") for w in plan.warnings)


@pytest.mark.parametrize(
    ("unit", "item", "role", "optional"),
    [
        ("县司法局", "T02", "牵头", False),
        ("县发改局", "T02", "牵头", False),  # the second of two lead units
        ("县财政局", "T02", "配合", False),
        ("甲镇", "T02", "配合", False),  # reached by a collective in the cooperating column
        ("县财政局", "T03", "责任", False),
        ("县财政局", "I02", "参与", True),
        ("县委组织部", "I03", "牵头", False),
    ],
)
def test_roles(tmp_path, unit, item, role, optional):
    plan = load_plan(write_sample(tmp_path / "p.json"))
    _, items = assigned_for(plan, unit)
    got = {a.item.id: (a.role, a.optional) for a in items}
    assert got[item] == (role, optional)


def test_lead_outranks_cooperating_when_a_unit_is_in_both(tmp_path):
    doc = sample_doc()
    doc["sections"][0]["tasks"][1]["cooperating"].append("县司法局")
    plan = load_plan(write_sample(tmp_path / "p.json", doc))
    _, items = assigned_for(plan, "县司法局")
    assert {a.item.id: a.role for a in items}["T02"] == "牵头"


def test_former_name_finds_the_unit(tmp_path):
    plan = load_plan(write_sample(tmp_path / "p.json"))
    assert resolve_unit(plan, "县发展计划局").name == "县发展和改革局"


def test_points_that_do_not_add_up_are_named(tmp_path):
    doc = sample_doc()
    doc["areas"][0]["headings"][0]["indicators"][0]["points"] = 3
    doc["areas"][1]["points"] = 5
    with pytest.raises(CatalogueError) as info:
        load_plan(write_sample(tmp_path / "p.json", doc))
    msg = str(info.value)
    assert "二级指标“（一）深化行政审批制度改革”分值为 6 分，其下各项合计 5.5 分" in msg
    assert "一级指标“二、组织保障”分值为 5 分，其下各项合计 4 分" in msg
    assert "指标体系总分值为 10 分，其下各项合计 11 分" in msg


def test_plan_without_points_is_valid(tmp_path):
    doc = sample_doc()
    doc.pop("total_points")
    for a in doc["areas"]:
        a.pop("points")
        for h in a["headings"]:
            h.pop("points")
            for i in h["indicators"]:
                i.pop("points")
    for a in doc["adjustments"]:
        a.pop("points")
        a.pop("cap")
    plan = load_plan(write_sample(tmp_path / "p.json", doc))
    assert not plan.scored


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda d: d.update(format="fazhi-plan/3"), "格式版本为 3"),
        (lambda d: d["sections"][0]["tasks"][1].update(deadline="2026-13-01"), "不是有效日期"),
        (lambda d: d["areas"][0].update(points=-1), "分值应为不小于 0 的数"),
        (lambda d: d["sections"][0]["tasks"][1].update(cooperating=["县不存在局"]), "T02.cooperating"),
        (lambda d: d["units"][0].update(former_names=["县发改局"]), "重复"),
    ],
)
def test_bad_format2_input(tmp_path, mutate, problem):
    doc = sample_doc()
    mutate(doc)
    with pytest.raises(CatalogueError, match=problem):
        load_plan(write_sample(tmp_path / "p.json", doc))


def test_minor_version_reads_as_its_major(tmp_path):
    doc = sample_doc()
    doc["format"] = "fazhi-plan/2.1"
    assert load_plan(write_sample(tmp_path / "p.json", doc)).format_version == 2
