"""results.json: its documented shape, its values, and the validator the bureau's import uses."""

from __future__ import annotations

import copy
import json
import re

import pytest
from reportdata_sample import FINGERPRINT, PACKAGE_ID, RARE_PERSON_B, sample_report

from fazhi_desktop.catalogue import registry
from fazhi_desktop.paths import resources_dir
from fazhi_desktop.reports.results import (
    FORMAT,
    render_results,
    results_dict,
    validate_results,
    write_results,
)

DOC = resources_dir().parent / "docs" / "results-json.md"


@pytest.fixture(scope="module")
def data():
    return sample_report()


@pytest.fixture(scope="module")
def results(data):
    return json.loads(render_results(data).decode("utf-8"))


def test_valid_and_names_the_exact_plan(results, data):
    assert validate_results(results) == []
    plan = registry.get_plan(None, None)
    assert results["format"] == FORMAT
    assert results["plan"] == {
        "id": plan.meta.id,
        "version": plan.meta.version,
        "title": plan.meta.title,
        "doc_number": plan.meta.doc_number,
        "sha256": plan.sha256,
    }
    assert re.fullmatch(r"[0-9a-f]{64}", results["plan"]["sha256"])
    assert results["unit"]["name"] == data.unit.name
    assert results["period"] == {"label": "2021年度"}
    assert results["package"] == {
        "id": PACKAGE_ID,
        "sequence": 2,
        "supersedes": "pkg-2022-0110-11aa22bb",
        "key_fingerprint": FINGERPRINT,
    }
    assert results["generated"] == "2022-01-15T10:30:00+08:00"


def test_items_and_evidence_carry_every_answer(results, data):
    assert [i["id"] for i in results["items"]] == [i.id for i in data.items]
    by_id = {i["id"]: i for i in results["items"]}
    for item in data.items:
        got = by_id[item.id]
        assert got["narrative"] == item.narrative
        assert got["result"] == item.result
        assert got["opted_in"] == item.opted_in
        assert got["missing"] == list(item.missing)
        assert got["evidence"] == list(item.evidence_ids)
    assert any(i["responsible_person"] == RARE_PERSON_B for i in results["items"])
    assert len(results["evidence"]) == len(data.evidence)
    assert results["evidence"][0]["sha256"] == data.evidence[0].sha256
    assert results["progress"][0]["key"] == "overall"
    assert results["progress"][0]["total"] == sum(1 for i in data.items if i.answered)


def test_draft_has_no_package_and_output_is_stable(tmp_path):
    draft = sample_report("燕店镇", draft=True, evidence_count=3)
    raw = render_results(draft)
    assert raw == render_results(draft)
    assert raw.endswith(b"}\n") and not raw.startswith(b"\xef\xbb\xbf")
    parsed = json.loads(raw)
    assert parsed["package"] is None
    assert validate_results(parsed) == []
    path = write_results(draft, tmp_path / "results.json")
    assert path.read_bytes() == raw


def _mutations():
    def drop(key):
        return lambda r: r["items"][0].pop(key)

    return {
        "missing field": (drop("work_status"), "缺少字段 work_status"),
        "wrong type": (lambda r: r["items"][0].__setitem__("number", "1"), "items[0].number 类型不对"),
        "bool as count": (
            lambda r: r["progress"][0].__setitem__("total", True),
            "progress[0].total 类型不对",
        ),
        "bad result": (lambda r: r["items"][0].__setitem__("result", "达标"), "items[0].result 不对"),
        "bad hash": (lambda r: r["evidence"][0].__setitem__("sha256", "abc"), "sha256 不是 64 位十六进制"),
        "dangling evidence": (lambda r: r["items"][0]["evidence"].append("999"), "不存在的佐证材料"),
        "dangling item": (lambda r: r["evidence"][0]["items"].append("T99"), "不存在的事项"),
        "null text": (lambda r: r["items"][0].__setitem__("narrative", None), "不能为 null"),
        "future format": (lambda r: r.__setitem__("format", "fazhi-results/2"), "不支持的 results.json 版本"),
    }


@pytest.mark.parametrize("case", list(_mutations()))
def test_validator_reports_each_kind_of_problem(results, case):
    mutate, expected = _mutations()[case]
    broken = copy.deepcopy(results)
    mutate(broken)
    problems = validate_results(broken)
    assert any(expected in p for p in problems), problems


def test_every_field_is_documented(data):
    doc = DOC.read_text(encoding="utf-8")
    shape = results_dict(data)
    names = set(shape) | set(shape["plan"]) | set(shape["unit"]) | set(shape["package"])
    names |= set(shape["progress"][0]) | set(shape["items"][0]) | set(shape["evidence"][0])
    undocumented = sorted(n for n in names if f"`{n}`" not in doc)
    assert undocumented == []
