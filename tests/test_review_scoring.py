"""Scoring where the plan gives points (plan format 2): 审核得分 beside 自评分, deduction reasons, totals,
等次 bands, ranking and the county's max / min / mean — from real exported packages."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from plan2_sample import write_sample
from review_corpus import BUREAU_PASS, FAST, PASS

from fazhi_desktop.app.export import export_package
from fazhi_desktop.errors import UsageError
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.review.bureau import init_bureau
from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.picture import county_picture
from fazhi_desktop.review.received import current_package, results_of
from fazhi_desktop.review.scoring import parse_bands, set_grade_bands, set_review
from fazhi_desktop.review.summary import write_summary
from fazhi_desktop.review.trust import add_key
from fazhi_desktop.selfcheck.assessments import save_assessment, set_opt_in
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace


def _unit(root: Path, name: str, deduct: float, stick: Path) -> str:
    data = root / name
    (data / "plans").mkdir(parents=True)
    write_sample(data / "plans" / "test-2026-1.0.0.json")
    with Workspace.open(data) as ws:
        set_up_unit(ws, name, plan_id="test-2026", contact="张三", phone="0635-1234567")
        key = create_unit_key(data, PASS, kdf=FAST)
        set_key_fingerprint(ws, key.fingerprint)
        for a in ws.assignments():
            if a.optional:
                set_opt_in(ws, a.item.id, a.item.id == "I02")  # every unit opts in to the scored I02
                if a.item.id != "I02":
                    continue
            fields: dict[str, object] = {
                "work_status": "已完成",
                "narrative": "已完成。",
                "responsible_person": "李四",
            }
            if a.item.kind == "indicator":
                points = a.item.points or 0
                fields.update(result="达标", self_score=str(max(points - deduct, 0)))
                if deduct:
                    fields["score_note"] = "扣分：材料不全。"
            else:
                fields["result"] = "已完成"
            save_assessment(ws, a.item.id, strict=False, **fields)
        stick.mkdir(exist_ok=True)
        export_package(ws, stick, key)
        return ws.require_profile().unit_name, key.fingerprint


@pytest.fixture
def scored(tmp_path: Path):
    stick = tmp_path / "stick"
    units = [
        _unit(tmp_path, n, d, stick) for n, d in (("县司法局", 0), ("县财政局", 0.5), ("县发展和改革局", 1))
    ]
    (tmp_path / "bureau" / "plans").mkdir(parents=True)
    shutil.copy(tmp_path / "县司法局" / "plans" / "test-2026-1.0.0.json", tmp_path / "bureau" / "plans")
    store, _ = init_bureau(tmp_path / "bureau", BUREAU_PASS, plan_id="test-2026", kdf=FAST)
    for name, fp in units:
        add_key(store, name, fp)
    report = import_packages(store, [stick])
    assert report.count("stored") == 3, report.outcomes
    yield store, units
    store.close()


def test_review_scores_beside_self_scores(scored, tmp_path: Path) -> None:
    store, units = scored
    pic = county_picture(store)
    assert pic.has_points and "审核得分" in pic.basis
    by = {u.unit_name: u for u in pic.units}
    full = by["县司法局"]
    assert full.points and full.self_score == full.points == full.review_score
    assert [u.unit_name for u in pic.units] == ["县司法局", "县财政局", "县发展和改革局"]  # by score
    assert all(u.points for u in pic.units)
    fin = by["县财政局"]
    assert fin.self_score is not None and fin.self_score < fin.points
    # The reviewer deducts on one of 县司法局's indicators: a reason is required, the range is checked.
    pkg = current_package(store.db, "县司法局")
    item = next(i for i in results_of(store.db, pkg.package_id)["items"] if i.get("points"))
    with pytest.raises(UsageError, match="扣分理由"):
        set_review(store.db, "县司法局", item["id"], pkg.package_id, score=0, points=item["points"])
    with pytest.raises(UsageError, match="之间"):
        set_review(
            store.db, "县司法局", item["id"], pkg.package_id, score=item["points"] + 1, points=item["points"]
        )
    set_review(
        store.db,
        "县司法局",
        item["id"],
        pkg.package_id,
        verdict="通过",
        score=0,
        points=item["points"],
        deduction_reason="无佐证",
    )
    after = {u.unit_name: u for u in county_picture(store).units}["县司法局"]
    assert after.review_score == full.points - item["points"] and after.self_score == full.points
    stats = county_picture(store).stats()
    assert stats is not None and stats["max"] >= stats["mean"] >= stats["min"]
    set_grade_bands(store.db, parse_bands("优秀=99,良好=80"))
    grades = {u.unit_name: u.grade for u in county_picture(store).units}
    assert set(grades.values()) <= {"优秀", "良好", "较差"}
    out = write_summary(store, county_picture(store), tmp_path / "汇总表.xlsx")
    ws = openpyxl.load_workbook(out)["单位汇总"]
    header = [c.value for c in ws[1]]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["县司法局"]["自评分"] == full.points and rows["县司法局"]["审核得分"] == after.review_score
    assert rows["县司法局"]["等次"] == grades["县司法局"]
