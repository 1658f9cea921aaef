"""The catalogue loader refuses malformed files with the file, the place and the problem named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.loader import load_plan, parse_plan
from fazhi_desktop.catalogue.model import normalise_item_id
from fazhi_desktop.errors import CatalogueError, UnknownItem

BUILTIN = registry.builtin_plan_files()[0]


@pytest.fixture
def doc() -> dict:
    return json.loads(BUILTIN.read_text(encoding="utf-8"))


def _load(tmp_path: Path, doc: dict) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    load_plan(path)


def test_builtin_plan_loads_with_expected_shape():
    plan = load_plan(BUILTIN)
    assert plan.meta.id == "shen-2021"
    assert plan.meta.doc_number == "莘政办发〔2021〕10号"
    assert (len(plan.sections), len(plan.tasks)) == (7, 30)
    assert (len(plan.areas), len(plan.indicators)) == (8, 94)
    assert [a.id for a in plan.adjustments] == ["B1", "B2", "D1", "D2"]
    assert len(plan.sha256) == 64


@pytest.mark.parametrize(
    ("mutate", "where", "problem"),
    [
        (lambda d: d.update(format="fazhi-plan/9"), "$.format", "格式版本为 9"),
        (lambda d: d.update(format="something"), "$.format", "格式应为"),
        (lambda d: d["plan"].pop("doc_number"), "$.plan.doc_number", "缺少此项"),
        (lambda d: d["plan"].update(issue_date="2021-13-45"), "$.plan.issue_date", "日期"),
        (lambda d: d["units"][0].update(kind="ministry"), "$.units[0].kind", "单位类别"),
        (lambda d: d["sections"][0]["tasks"][0].update(text=""), "$.sections[0].tasks[0].text", "非空文字"),
        (lambda d: d["sections"][0]["tasks"][0].update(lead=["县不存在局"]), "T01.lead", "县不存在局"),
        (lambda d: d["sections"][1]["tasks"][1].update(id="T02"), "$.sections[1].tasks[1].id", "重复"),
        (lambda d: d["areas"][0]["headings"][0]["indicators"].pop(1), "I03", "不连续"),
        (lambda d: d["collectives"][0].update(mode="some"), "$.collectives[0].mode", "all 或 optional"),
        (lambda d: d["units"][1]["aliases"].append(d["units"][0]["name"]), "$.units[1]", "重复"),
    ],
)
def test_malformed_catalogue_names_file_place_and_problem(tmp_path, doc, mutate, where, problem):
    mutate(doc)
    with pytest.raises(CatalogueError) as info:
        _load(tmp_path, doc)
    message = str(info.value)
    assert "plan.json" in message
    assert where in message
    assert problem in message


def test_broken_json_reports_line_and_column():
    with pytest.raises(CatalogueError, match=r"第 2 行第 \d+ 列"):
        parse_plan(b'{"format": "fazhi-plan/1",\n "plan": }', source="x.json")


def test_not_utf8_is_refused():
    with pytest.raises(CatalogueError, match="UTF-8"):
        parse_plan('{"format": "计划"}'.encode("gbk"), source="gbk.json")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogueError, match="无法读取计划文件"):
        load_plan(tmp_path / "nope.json")


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("T7", "T07"),
        ("t07", "T07"),
        ("I048", "I48"),
        ("i5", "I05"),
        ("b1", "B1"),
        ("D02", "D2"),
        (" T30 ", "T30"),
    ],
)
def test_item_ids_accept_loose_input(raw, canonical):
    assert normalise_item_id(raw) == canonical
    assert load_plan(BUILTIN).item(raw).id == canonical


def test_unknown_item_id_is_a_clear_error():
    with pytest.raises(UnknownItem, match="T31"):
        load_plan(BUILTIN).item("T31")


def test_imported_plan_is_listed_and_preferred_by_version(tmp_path, doc):
    doc["plan"]["version"] = "1.1.0"
    source = tmp_path / "newer.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    data_dir = tmp_path / "data"
    registry.import_plan(data_dir, source)
    versions = sorted(p.meta.version for p in registry.available_plans(data_dir))
    assert versions == ["1.0.0", "1.1.0"]
    assert registry.get_plan("shen-2021", data_dir).meta.version == "1.1.0"
    assert registry.get_plan("shen-2021", data_dir, version="1.0.0").meta.version == "1.0.0"


def test_import_of_a_bad_plan_writes_nothing(tmp_path, doc):
    doc["sections"] = "oops"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    data_dir = tmp_path / "data"
    with pytest.raises(CatalogueError):
        registry.import_plan(data_dir, source)
    assert not (data_dir / "plans").exists() or not any((data_dir / "plans").iterdir())
