"""A new period on a new plan: items mapped by id (new version) or by text, shown, applied with --yes."""

from __future__ import annotations

import json

from conftest import REPO

from fazhi_desktop.catalogue import registry
from fazhi_desktop.selfcheck.carry_map import map_items

SHEN = json.loads((REPO / "resources" / "plans" / "shen-2021.json").read_text(encoding="utf-8"))


def _next_year_plan(tmp_path):
    """A 2026 plan of another id: T01 reworded slightly, T02 kept, the rest new or gone."""
    doc = json.loads(json.dumps(SHEN))
    doc["format"] = "fazhi-plan/2"
    doc["plan"] |= {
        "id": "shen-2026",
        "title": "莘县2026年法治政府建设工作计划",
        "year": 2026,
        "doc_number": "莘政办发〔2026〕2号",
        "issue_date": "2026-03-01",
    }
    first = doc["sections"][0]["tasks"][0]
    first["text"] = first["text"].replace("结合庆祝建党100周年", "结合“八五”普法总结验收")
    second_section = doc["sections"][1]
    doc["sections"] = [doc["sections"][0], second_section]
    second_section["tasks"] = second_section["tasks"][:1] + [
        dict(second_section["tasks"][1], id="T03", number=3, text="全新的一项任务：建设法治政府数字化平台。")
    ]
    second_section["tasks"][0] = dict(second_section["tasks"][0], id="T02", number=2)
    path = tmp_path / "shen-2026.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_text_similarity_maps_a_reworded_item_and_leaves_the_new_one(tmp_path):
    old = registry.get_plan("shen-2021")
    new = registry.import_plan(tmp_path / "d", _next_year_plan(tmp_path))
    pairs = map_items(old, new, ["T01", "T02", "T13", "I04"], ["T01", "T02", "T03"])
    got = {(p.old_id, p.new_id): p for p in pairs}
    assert set(got) == {("T01", "T01"), ("T02", "T02")}
    assert got[("T02", "T02")].confidence == 1.0 and got[("T01", "T01")].how == "text"
    assert 0.6 < got[("T01", "T01")].confidence < 1.0


def test_period_add_with_a_new_plan_shows_the_mapping_then_applies_it(cli, tmp_path):
    assert cli("init", "--unit", "县司法局").code == 0
    assert cli("check", "T01", "--status", "已完成", "--result", "已完成", "--text", "学习 4 次").code == 0
    assert cli("check", "T13", "--status", "推进中", "--text", "制定决策目录").code == 0
    r = cli("plan", "import", str(_next_year_plan(tmp_path)), "--allow-unsigned")
    assert r.code == 0, r.err
    r = cli("period", "add", "2026", "--plan", "shen-2026", "--carry-from", "2021年度")
    assert r.code == 0, r.err
    assert "T01 → T01　文字相近，相似度" in r.out and "另有 1 项在新计划中没有对应事项" in r.out
    assert "未复制任何内容" in r.out
    assert "2026" not in cli("period", "list").out
    r = cli("period", "add", "2026", "--plan", "shen-2026", "--carry-from", "2021年度", "--yes")
    assert r.code == 0, r.err
    assert "带入 1 项" in r.out
    shown = cli("show", "T01", "--json")
    answer = json.loads(shown.out)["assessment"]
    assert answer["narrative"] == "学习 4 次" and answer["work_status"] == "推进中"


def test_a_new_version_of_the_same_plan_maps_by_id(tmp_path):
    old = registry.get_plan("shen-2021")
    doc = json.loads(json.dumps(SHEN))
    doc["plan"]["version"] = "1.0.1"
    doc["sections"][0]["tasks"][0]["text"] = "完全改写的任务文字。"
    path = tmp_path / "v101.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    new = registry.import_plan(tmp_path / "d", path)
    pairs = map_items(old, new, ["T01", "T02"], ["T01", "T02"])
    assert [(p.old_id, p.new_id, p.how) for p in pairs] == [("T01", "T01", "id"), ("T02", "T02", "id")]
    assert pairs[0].confidence < 0.5  # shown, so the clerk sees the text changed
