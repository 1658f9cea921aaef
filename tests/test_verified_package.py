"""verify_and_read: one pass verifies a real exported package and hands back what it verified."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import zipfile

import pytest
from package_corpus import get, read_members, resign, write_members

from fazhi_desktop.app.export import export_package
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.package.verified import VerifiedPackage
from fazhi_desktop.package.verify import verify_and_read, verify_package
from fazhi_desktop.reports.results_read import BadResults, parse_results
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

CST = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    d = tmp_path_factory.mktemp("verified")
    ws = Workspace.open(d / "data")
    set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
    key = create_unit_key(d / "data", "口令 for verified", kdf=KdfParams(n=2**10))
    set_key_fingerprint(ws, key.fingerprint)
    save_assessment(
        ws, "T01", strict=True, work_status="已完成", result="已完成", narrative="组织集中学法4次。"
    )
    scan = d / "会议纪要.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    add_evidence(ws, ["T01"], scan, made_date="2021-05-01")
    out = d / "out"
    out.mkdir()
    done = export_package(ws, out, key, created=dt.datetime(2022, 1, 15, 10, 30, tzinfo=CST))
    ws.close()
    return done, key


def test_a_good_package_is_handed_back_typed(exported):
    done, key = exported
    report, pkg = verify_and_read(done.package.path, trust=key.fingerprint)
    assert report.ok and isinstance(pkg, VerifiedPackage)
    assert report.to_dict() == verify_package(done.package.path, trust=key.fingerprint).to_dict()
    assert pkg.trusted is True and pkg.signer_fingerprint == key.fingerprint
    assert pkg.package_id == done.package.package_id == pkg.results.package.id
    assert pkg.bag_info["Fazhi-Unit"] == "燕店镇人民政府" == pkg.results.unit.name
    assert pkg.results.unit.kind == "township"
    assert pkg.results.period_label == "2021年度"
    assert (pkg.results.plan.id, pkg.results.plan.version) == (
        "shen-2021",
        pkg.bag_info["Fazhi-Plan-Version"],
    )
    assert pkg.results.package.sequence == 1 and pkg.results.package.supersedes is None
    t01 = pkg.results.item("T01")
    assert t01 is not None and (t01.work_status, t01.result) == ("已完成", "已完成")
    assert t01.narrative == "组织集中学法4次。" and len(t01.evidence) == 1
    (ev,) = pkg.results.evidence
    assert ev.id == t01.evidence[0] and ev.items == ("T01",) and ev.made_date == "2021-05-01"
    # the manifest is the one that was checked: the evidence file's line matches its bytes in the ZIP
    line = pkg.file(ev.path)
    assert line is not None and line.sha256 == ev.sha256 and line.size == ev.size
    with zipfile.ZipFile(done.package.path) as zf:
        data = zf.read(f"{pkg.package_name}/{ev.path}")
    assert hashlib.sha256(data).hexdigest() == line.sha256
    assert {m.path for m in pkg.manifest} >= {"data/report.pdf", "data/results.json", "data/history.jsonl"}
    assert pkg.history_rows == report.history_rows and pkg.history_head == report.history_head
    assert pkg.history_rows and pkg.history_rows > 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        pkg.results.unit.name = "x"  # type: ignore[misc]


def test_a_damaged_package_gives_no_contents(exported, tmp_path):
    done, key = exported
    members = read_members(done.package.path)
    get(members, "data/results.json").data += b" "
    bad = write_members(members, tmp_path / "bad.zip")
    report, pkg = verify_and_read(bad)
    assert pkg is None and "hash_mismatch" in report.codes()


def test_signed_results_that_break_the_format_are_a_problem(exported, tmp_path):
    done, key = exported
    members = read_members(done.package.path)
    results = get(members, "data/results.json")
    old = hashlib.sha256(results.data).hexdigest()
    results.data = results.data.replace(b'"work_status"', b'"work_statux"', 1)  # same size: Oxum holds
    manifest = get(members, "manifest-sha256.txt")
    manifest.data = manifest.data.replace(old.encode(), hashlib.sha256(results.data).hexdigest().encode())
    bad = write_members(resign(members, key), tmp_path / "resigned.zip")
    assert verify_package(bad).ok  # the bag is sound: only the reader knows results.json
    report, pkg = verify_and_read(bad)
    assert pkg is None and not report.ok and report.codes() == ["bad_results"]
    assert "work_status" in report.problems[0].message


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"\xff\xfe", "UTF-8"), (b"{", "JSON"), (b'{"format": "fazhi-results/9"}', "format")],
)
def test_parse_results_refuses_clearly(data, words):
    with pytest.raises(BadResults) as err:
        parse_results(data)
    assert words in err.value.message or "results.json" in err.value.message


def test_parse_results_reads_self_scores(tmp_path):
    from plan2_sample import write_sample

    from fazhi_desktop.reports.data import build_report_data
    from fazhi_desktop.reports.results import FORMAT_SCORED, render_results

    data_dir = tmp_path / "data"
    (data_dir / "plans").mkdir(parents=True)
    write_sample(data_dir / "plans" / "test-2026-1.0.0.json")
    ws = Workspace.open(data_dir)
    try:
        set_up_unit(ws, "县司法局", plan_id="test-2026")
        save_assessment(
            ws,
            "I01",
            strict=False,
            work_status="已完成",
            result="达标",
            narrative="已按要求完成。",
            self_score="3",
            score_note="扣0.5分：未及时调整。",
        )
        results = parse_results(render_results(build_report_data(ws)))
    finally:
        ws.close()
    assert results.format == FORMAT_SCORED
    item = results.item("I01")
    assert item is not None and (item.points, item.self_score, item.score_note) == (
        3.5,
        3,
        "扣0.5分：未及时调整。",
    )
    assert results.scores is not None and results.scores["total"] == 3
