"""Assignment resolution: aliases, collective names, townships by their own name, helpful errors."""

from __future__ import annotations

import pytest

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.assign import assigned_for, resolve_unit
from fazhi_desktop.errors import UnknownUnit

PLAN = registry.get_plan()


def _ids(name: str, *, optional: bool | None = None) -> list[str]:
    _, items = assigned_for(PLAN, name)
    return [a.item.id for a in items if optional is None or a.optional == optional]


def test_aliases_of_one_unit_get_the_same_items():
    reference = assigned_for(PLAN, "县发改局")[1]
    for alias in ("县发展和改革委员会", "县发展和改革局", "莘县发展和改革局"):
        unit, items = assigned_for(PLAN, alias)
        assert unit.name == "县发展和改革局"
        assert [(a.item.id, a.role, a.optional) for a in items] == [
            (a.item.id, a.role, a.optional) for a in reference
        ]


def test_development_bureau_leads_what_the_document_says():
    _, items = assigned_for(PLAN, "县发改局")
    lead = {a.item.id for a in items if a.role == "牵头"}
    # T10 and T22 name 县发展和改革局, T24 names 县发展和改革委员会, I13/I16-I18/I20/I22 name 县发改局.
    assert {"T10", "T22", "T24", "I13", "I16", "I17", "I18", "I20", "I22"} <= lead


@pytest.mark.parametrize("name", ["燕店镇人民政府", "燕店镇", "莘亭街道办事处", "莘亭街道", "某某乡"])
def test_a_township_by_its_own_name_gets_all_30_tasks_as_responsible(name):
    unit, items = assigned_for(PLAN, name)
    assert unit.kind == "township"
    required = [a for a in items if not a.optional]
    assert [a.item.id for a in required] == [f"T{n:02d}" for n in range(1, 31)]
    assert {a.role for a in required} == {"责任"}
    assert all(a.via == "各镇人民政府（街道办事处）" for a in required)


def test_township_formal_names():
    assert resolve_unit(PLAN, "燕店镇").name == "燕店镇人民政府"
    assert resolve_unit(PLAN, "莘亭街道").name == "莘亭街道办事处"


def test_court_gets_only_the_indicators_that_name_it():
    unit, items = assigned_for(PLAN, "县法院")
    assert unit.name == "县人民法院"
    assert unit.kind == "court_procuratorate"
    assert [a.item.id for a in items if not a.optional] == ["I47", "I67", "I68"]
    assert not any(a.item.kind == "task" for a in items)
    assert {a.role for a in items if not a.optional} == {"牵头"}


def test_government_department_gets_every_department_task_and_optional_ones():
    required = _ids("县教育和体育局", optional=False)
    optional = _ids("县教育和体育局", optional=True)
    assert {"T01", "T02", "T13", "T22", "T23", "T24", "I25", "I27"} <= set(required)
    assert {"T07", "T10", "T15", "I23", "I74", "B1", "D2"} <= set(optional)
    assert not set(required) & set(optional)


def test_party_organ_is_not_a_government_department():
    required = _ids("县委编办", optional=False)
    assert "T01" not in required  # 县政府各部门 does not reach a party organ
    assert {"T08", "T17", "I07", "I10", "I11", "I44", "I46", "I57", "I71"} <= set(required)


def test_lead_beats_a_collective_role():
    _, items = assigned_for(PLAN, "县司法局")
    roles = {a.item.id: a.role for a in items}
    assert roles["T01"] == "牵头"  # also reached through 县政府各部门
    assert roles["I25"] == "牵头"


@pytest.mark.parametrize("typed", ["县发改  局", "县市场监督管理局", "县市场监管局", "县政府办"])
def test_spacing_and_aliases_resolve(typed):
    assert resolve_unit(PLAN, typed).unit is not None


def test_unknown_name_suggests_close_known_names():
    with pytest.raises(UnknownUnit) as info:
        resolve_unit(PLAN, "县司法厅")
    assert "县司法局" in info.value.suggestions
    assert "您是不是要找" in info.value.message


def test_a_collective_name_is_not_a_unit():
    with pytest.raises(UnknownUnit):
        resolve_unit(PLAN, "县政府各部门")
