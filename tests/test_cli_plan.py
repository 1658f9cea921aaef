"""`plan`, `units` and `assigned` on the command line, as a script would use them."""

from __future__ import annotations

import json

SOURCE_LEADS = {
    "T24": [
        "县行政审批局",
        "县发展和改革委员会",
        "县自然资源和规划局",
        "市生态环境局莘县分局",
        "县市场监管局",
    ]
}


def test_plan_list(cli):
    r = cli("plan", "list", "--json")
    assert r.code == 0
    assert [p["id"] for p in json.loads(r.out)] == ["shen-2021"]


def test_plan_show_json_has_every_item_with_headings_and_units(cli):
    r = cli("plan", "show", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["counts"] == {
        "sections": 7,
        "tasks": 30,
        "areas": 8,
        "headings": 32,
        "indicators": 94,
        "adjustments": 4,
    }
    items = {i["id"]: i for i in doc["items"]}
    assert len(items) == 128
    t24 = items["T24"]
    assert t24["section"] == {"number": 6, "title": "优化法治营商环境"}
    assert [u["as_written"] for u in t24["lead"]] == SOURCE_LEADS["T24"]
    assert t24["lead"][1]["canonical"] == "县发展和改革局"
    assert [u["canonical"] for u in t24["responsible"]] == ["县政府各部门", "各镇人民政府（街道办事处）"]
    i48 = items["I48"]
    assert i48["area"]["title"] == "行政执法严格规范公正文明"
    assert i48["heading"]["title"]
    assert all(i["text"] and ("section" in i or "area" in i or "group" in i) for i in doc["items"])
    assert all(u["kind"] != "unknown" for i in doc["items"] for u in i["lead"] + i["responsible"])


def test_plan_show_text(cli):
    r = cli("plan", "show")
    assert r.code == 0
    assert "莘政办发〔2021〕10号" in r.out and "I94" in r.out and "D2" in r.out


def test_unknown_plan_is_an_error_not_a_traceback(cli):
    r = cli("plan", "show", "nowhere-2030")
    assert r.code == 1
    assert r.err.startswith("错误：") and "nowhere-2030" in r.err and "Traceback" not in r.err


def test_units_json(cli):
    r = cli("units", "--json")
    units = {u["name"]: u for u in json.loads(r.out)}
    assert units["县发展和改革局"]["kind"] == "government_department"
    assert {"县发改局", "县发展和改革委员会"} <= set(units["县发展和改革局"]["aliases"])
    assert units["县人民法院"]["kind"] == "court_procuratorate"


def test_assigned_same_for_aliases(cli):
    a = json.loads(cli("assigned", "--unit", "县发改局", "--json").out)
    b = json.loads(cli("assigned", "--unit", "县发展和改革委员会", "--json").out)
    assert a["items"] == b["items"]
    assert a["unit"]["name"] == b["unit"]["name"] == "县发展和改革局"


def test_assigned_township(cli):
    doc = json.loads(cli("assigned", "--unit", "燕店镇人民政府", "--json").out)
    required = [i for i in doc["items"] if not i["optional"]]
    assert len(required) == 30 and {i["role"] for i in required} == {"责任"}
    assert doc["unit"]["kind"] == "township"


def test_assigned_unknown_unit_suggests(cli):
    r = cli("assigned", "--unit", "县司法厅")
    assert r.code == 1
    assert "找不到单位" in r.err and "县司法局" in r.err


def test_missing_argument_is_a_usage_error(cli):
    assert cli("assigned").code == 2
