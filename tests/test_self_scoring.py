"""Self-scoring where the plan gives points: 0 … 分值 in half points, 扣分说明 when deducted, totals."""

from __future__ import annotations

import pytest
from plan2_sample import write_sample

from fazhi_desktop.catalogue import registry
from fazhi_desktop.errors import UsageError
from fazhi_desktop.selfcheck.assessments import RuleViolation, get_assessment, save_assessment
from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.progress import MISSING_SCORE, check_progress
from fazhi_desktop.selfcheck.workspace import Workspace


@pytest.fixture
def ws(tmp_path):
    data = tmp_path / "data"
    (data / "plans").mkdir(parents=True)
    write_sample(data / "plans" / "test-2026-1.0.0.json")
    w = Workspace.open(data)
    set_up_unit(w, "县司法局", plan_id="test-2026")
    yield w
    w.close()


def _finish(ws, item_id, **extra):
    save_assessment(
        ws, item_id, strict=False, work_status="已完成", result="达标", narrative="已按要求完成。", **extra
    )


def test_score_range_and_half_points(ws):
    save_assessment(ws, "I01", strict=False, self_score="3.5")
    assert get_assessment(ws, "I01").self_score == 3.5
    for bad, words in (("4", "超出范围"), ("1.3", "半分"), ("三分", "不是数字"), ("-1", "超出范围")):
        with pytest.raises(UsageError, match=words):
            save_assessment(ws, "I01", strict=False, self_score=bad)
    with pytest.raises(UsageError, match="没有分值"):
        save_assessment(ws, "T02", strict=False, self_score="1")


def test_deduction_needs_a_reason(ws):
    with pytest.raises(RuleViolation, match="扣分说明"):
        save_assessment(ws, "I01", strict=True, self_score="2.5")
    save_assessment(ws, "I01", strict=True, self_score="2.5", score_note="权责清单未动态调整，扣1分。")
    assert get_assessment(ws, "I01").score_note.startswith("权责清单")


def test_progress_shows_totals_and_asks_for_the_score(ws):
    _finish(ws, "I01")
    report = check_progress(ws)
    assert MISSING_SCORE in report.item("I01").missing
    save_assessment(ws, "I01", strict=False, self_score="3", score_note="扣0.5分：未及时调整。")
    save_assessment(
        ws, "B1", strict=False, opted_in=True, result="有", narrative="获省级表彰。", self_score="1"
    )
    save_assessment(
        ws,
        "D1",
        strict=False,
        opted_in=True,
        result="有",
        narrative="发生一起。",
        self_score="2",
        score_note="一起案件被撤销。",
    )
    report = check_progress(ws)
    assert MISSING_SCORE not in report.item("I01").missing
    s = report.scores
    assert s is not None
    # 县司法局 leads I01 only among the scored indicators (I02 is optional and not opted in).
    assert [(g.title, g.score, g.points, g.unscored) for g in s.groups] == [
        ("依法全面履行政府职能", 3, 3.5, 0)
    ]
    assert (s.bonus, s.deduction, s.total) == (1, 2, 2)
    assert report.to_dict()["scores"]["total"] == 2


def test_plan_without_points_shows_no_scores(tmp_path):
    with Workspace.open(tmp_path / "d") as w:
        set_up_unit(w, "县司法局")
        assert not registry.get_plan().scored
        report = check_progress(w)
        assert report.scores is None and "scores" not in report.to_dict()
        assert "points" not in report.to_dict()["items"][0]


def test_scores_reach_results_json_workbook_and_pdf(ws, tmp_path):
    import io
    import json
    import re

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from fazhi_desktop.reports.data import build_report_data
    from fazhi_desktop.reports.pdf import render_pdf
    from fazhi_desktop.reports.results import FORMAT_SCORED, render_results, validate_results
    from fazhi_desktop.reports.xlsx import render_xlsx

    _finish(ws, "I01", self_score="3", score_note="扣0.5分：未及时调整。")
    data = build_report_data(ws)
    results = json.loads(render_results(data))
    assert results["format"] == FORMAT_SCORED and validate_results(results) == []
    item = next(i for i in results["items"] if i["id"] == "I01")
    assert (item["points"], item["self_score"], item["score_note"]) == (3.5, 3, "扣0.5分：未及时调整。")
    assert results["scores"]["total"] == 3
    wb = load_workbook(io.BytesIO(render_xlsx(data)))
    assert "自评得分" in wb.sheetnames
    rows = [[c.value for c in r] for r in wb["自评得分"].iter_rows()]
    assert ["自评总分", 3, None] in rows
    headers = [c.value for c in wb["自评表"][1]]
    assert "分值" in headers and "自评分" in headers
    row = next(r for r in wb["自评表"].iter_rows(min_row=2, values_only=True) if r[0] == "I01")
    assert row[headers.index("自评分")] == 3 and row[headers.index("分值")] == 3.5
    # The 扣分说明 is long text: on the 工作开展情况 sheet, beside the narrative.
    texts = wb["工作开展情况"]
    heads = [c.value for c in texts[1]]
    row = next(r for r in texts.iter_rows(min_row=2, values_only=True) if r[0] == "I01")
    assert row[heads.index("扣分说明")] == "扣0.5分：未及时调整。"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(data))).pages)
    flat = re.sub(r"\s+", "", text)
    assert "自评总分3分" in flat and "扣分说明" in flat


def test_a_scored_period_exports_a_package_that_verifies_and_reads_back(ws, tmp_path):
    from fazhi_desktop.app.export import export_package
    from fazhi_desktop.package.keyfile import KdfParams
    from fazhi_desktop.package.keys import create_unit_key
    from fazhi_desktop.package.verify import verify_and_read
    from fazhi_desktop.selfcheck.profile import set_key_fingerprint

    key = create_unit_key(ws.data_dir, "unit-pass-2026", kdf=KdfParams(n=2**12))
    set_key_fingerprint(ws, key.fingerprint)
    _finish(ws, "I01", self_score="3", score_note="扣0.5分")
    out = tmp_path / "out"
    out.mkdir()
    done = export_package(ws, out, key)
    report, package = verify_and_read(done.package.path, trust=key.fingerprint)
    assert report.ok and package is not None, report.problems
    assert any(i.id == "I01" for i in package.results.items)


def test_an_unsigned_plan_is_marked_on_the_report(ws):
    import io
    import re

    from pypdf import PdfReader

    from fazhi_desktop.reports.data import build_report_data
    from fazhi_desktop.reports.pdf import render_pdf

    data = build_report_data(ws)
    assert data.plan.unsigned
    text = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(data))).pages)
    )
    assert "（计划未签名）" in text
