"""The issue's "Done when": forty real packages from different units — some tampered, duplicated,
superseded, one from an unregistered key — imported in one go give the right county picture, the right
quarantine list with reasons, and a 汇总表 whose counts match the packages (read back with openpyxl)."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from package_corpus import get, read_members, resign, write_members
from review_corpus import BUREAU_PASS, FAST, UnitSide, copy_to, make_unit

from fazhi_desktop.catalogue.registry import get_plan
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.review.bureau import init_bureau
from fazhi_desktop.review.importer import ImportReport, import_packages
from fazhi_desktop.review.picture import county_picture, expected_units
from fazhi_desktop.review.store import ReviewStore, integrity_problems
from fazhi_desktop.review.summary import SUMMARY_SHEETS, write_summary
from fazhi_desktop.review.trust import add_key
from fazhi_desktop.review.unitview import diff_packages, find_package, since_previous
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.workspace import Workspace


@dataclass
class Round:
    stick: Path
    units: list[UnitSide]
    bad: dict[str, str]  # file name → the reason code expected
    unregistered: UnitSide
    superseded: list[UnitSide]
    late: UnitSide
    duplicates: list[Path]


def _results(zip_path: Path) -> dict:
    with zipfile.ZipFile(zip_path) as zf:
        name = next(n for n in zf.namelist() if n.endswith("/data/results.json"))
        return json.loads(zf.read(name))


@pytest.fixture(scope="session")
def county(tmp_path_factory: pytest.TempPathFactory) -> Round:
    root = tmp_path_factory.mktemp("county")
    stick = root / "stick"
    names = [n for n, _ in expected_units(get_plan())][:30]
    units = []
    for i, name in enumerate(names):
        u = make_unit(root, name)
        first = [a.item.id for a in _required(u)][:3]
        bad, partial = ("未完成", "部分完成") if first[0].startswith("T") else ("未达标", "基本达标")
        results = {first[0]: bad} if i % 5 == 0 else {}
        if i % 7 == 0:
            results[first[1]] = partial
        u.answer(results=results, problems={first[2]} if i % 4 == 0 else set())
        u.export(stick / "round1")
        units.append(u)
    # Three units send a second version: two arrive after their first, one before it (the first is late).
    for u in units[:3]:
        with Workspace.open(u.data_dir) as ws:
            item = next(a.item for a in ws.assignments() if not a.optional)
            save_assessment(ws, item.id, strict=False, narrative="按审核意见补充了会议记录。")
            extra = root / f"{u.name}-补充.pdf"
            extra.write_bytes(b"%PDF-1.4\n supplement " + u.name.encode())
            add_evidence(ws, [item.id], extra, made_date="2021-11-30")
        u.export(root / "v2")
    copy_to(units[0].packages[1], stick / "z-later")
    copy_to(units[1].packages[1], stick / "z-later")
    copy_to(units[2].packages[1], stick / "a-newer")
    duplicates = [copy_to(units[i].packages[0], stick / "dup") for i in (10, 11, 12)]
    bad_dir = stick / "tampered"
    bad_dir.mkdir()
    m = read_members(units[7].packages[0])
    get(m, "data/report.pdf").data = b"%PDF-1.4 forged"
    write_members(m, bad_dir / "改过报告.zip")
    raw = units[8].packages[0].read_bytes()
    (bad_dir / "拷贝中断.zip").write_bytes(raw[: len(raw) // 2])
    m = resign(read_members(units[9].packages[0]), units[13].key)  # valid, but not the unit's key
    write_members(m, bad_dir / "冒名.zip")
    (bad_dir / "说明.zip").write_text("这不是压缩包\n")
    bad = {
        "改过报告.zip": "hash_mismatch",
        "拷贝中断.zip": "truncated_zip",
        "冒名.zip": "key_mismatch",
        "说明.zip": "not_zip",
    }
    return Round(stick, units, bad, units[29], units[:2], units[2], duplicates)


def _required(u: UnitSide):
    with Workspace.open(u.data_dir) as ws:
        return [a for a in ws.assignments() if not a.optional]


@pytest.fixture(scope="session")
def imported(county: Round, tmp_path_factory: pytest.TempPathFactory) -> tuple[ReviewStore, ImportReport]:
    store, _ = init_bureau(tmp_path_factory.mktemp("bureau") / "review", BUREAU_PASS, kdf=FAST)
    for i, u in enumerate(county.units[:29]):
        key = display_fingerprint(u.key.fingerprint) if i % 6 == 0 else u.public_pem(county.stick.parent)
        add_key(store, u.name, key)
    report = import_packages(store, [county.stick])
    return store, report


def test_forty_packages_in_one_go(county: Round, imported) -> None:
    store, report = imported
    assert len(report.outcomes) == 40
    by_status = Counter(o.status for o in report.outcomes)
    assert by_status == {"stored": 31, "unregistered": 1, "late": 1, "duplicate": 3, "quarantined": 4}
    quarantined = {Path(o.source).name: o for o in report.outcomes if o.status == "quarantined"}
    assert set(quarantined) == set(county.bad)
    for name, code in county.bad.items():
        assert code in quarantined[name].code.split(","), quarantined[name]
        assert quarantined[name].message and not quarantined[name].message.isascii()
    assert county.units[9].name in quarantined["冒名.zip"].message  # who it claims to be, and why refused
    rows = store.db.execute("SELECT source_path, code FROM quarantine").fetchall()
    assert sorted(Path(s).name for s, _ in rows) == sorted(county.bad)
    assert integrity_problems(store) == []


def test_nothing_from_a_bad_package_is_stored(county: Round, imported) -> None:
    store, _ = imported
    stored_ids = {r[0] for r in store.db.execute("SELECT package_id FROM received_packages")}
    assert len(stored_ids) == 33  # 30 first versions + 3 second versions
    bad_sources = {r[0] for r in store.db.execute("SELECT source_path FROM received_packages")} & {
        str(county.stick / "tampered" / n) for n in county.bad
    }
    assert not bad_sources
    assert len(list((store.data_dir / "received").glob("*.zip"))) == 33


def test_the_county_picture(county: Round, imported) -> None:
    store, _ = imported
    pic = county_picture(store)
    counted = {u.unit_name: u for u in pic.units}
    assert len(counted) == 29 and county.unregistered.name not in counted
    assert [u for u, _, _ in pic.unregistered] == [county.unregistered.name]
    for u in (*county.superseded, county.late):
        assert counted[u.name].sequence == 2
    standing = dict(store.db.execute("SELECT package_id, standing FROM received_packages").fetchall())
    late_first = _results(county.late.packages[0])["package"]["id"]
    assert standing[late_first] == "late"
    for u in county.superseded:
        assert standing[_results(u.packages[0])["package"]["id"]] == "superseded"
    expected = {n for n, _ in pic.expected}
    assert {n for n, _ in pic.missing} == expected - set(counted)
    assert county.unregistered.name in {n for n, _ in pic.missing}
    # Every unit's result counts are those of the package it sent (read straight from the ZIP).
    for u in county.units[:29]:
        sent = _results(u.packages[-1])
        want = Counter(i["result"] or "未判定" for i in sent["items"] if i["answered"])
        assert counted[u.name].results == want, u.name
    weak_ids = {w.item_id for w in pic.weak}
    first_unit_bad = next(
        i["id"] for i in _results(county.units[5].packages[0])["items"] if i["result"] == "未完成"
    )
    assert first_unit_bad in weak_ids
    assert not pic.has_points and "未设分值" in pic.basis
    ranks = [u.rank for u in pic.units]
    assert ranks == list(range(1, 30))
    assert all(a.index >= b.index for a, b in zip(pic.units, pic.units[1:], strict=False))


def test_summary_counts_match_the_packages(county: Round, imported, tmp_path: Path) -> None:
    store, _ = imported
    out = write_summary(store, county_picture(store), tmp_path / "汇总表.xlsx")
    wb = openpyxl.load_workbook(out)
    assert tuple(wb.sheetnames) == SUMMARY_SHEETS
    ws = wb["单位汇总"]
    header = [c.value for c in ws[1]]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 29
    for u in county.units[:29]:
        items = [i for i in _results(u.packages[-1])["items"] if i["answered"]]
        row = rows[u.name]
        assert row["版本"] == f"第{len(u.packages)}版"
        assert row["已完成/达标"] == sum(1 for i in items if i["result"] in ("已完成", "达标", "不适用"))
        assert row["未完成/未达标"] == sum(1 for i in items if i["result"] in ("未完成", "未达标"))
        assert row["部分完成/基本达标"] == sum(1 for i in items if i["result"] in ("部分完成", "基本达标"))
        assert row["应答事项"] == len(items)
    missing = [r[0] for r in wb["未提交单位"].iter_rows(min_row=2, values_only=True)]
    assert county.unregistered.name in missing and county.units[0].name not in missing
    refused = {Path(r[0]).name for r in wb["未采用的上报包"].iter_rows(min_row=2, values_only=True)}
    assert set(county.bad) <= refused
    items = {r[0]: r for r in wb["事项汇总"].iter_rows(min_row=2, values_only=True)}
    t = next(iter(items))
    assert items[t][3] == sum(
        1
        for u in county.units[:29]
        if any(i["id"] == t and i["answered"] for i in _results(u.packages[-1])["items"])
    )


def test_what_changed_between_versions(county: Round, imported) -> None:
    store, _ = imported
    u = county.superseded[0]
    change = since_previous(store, u.name)
    assert change is not None and (change.before.sequence, change.after.sequence) == (1, 2)
    assert len(change.changes) == 1
    c = change.changes[0]
    assert [f for f, _, _ in c.fields] == ["工作开展情况"]
    assert c.evidence_added == (f"{u.name}-补充.pdf",) and not c.evidence_removed
    same = diff_packages(
        store, find_package(store, change.after.package_id[:8]), find_package(store, str(u.packages[1]))
    )
    assert same.changes == ()


def test_importing_again_changes_nothing(county: Round, imported) -> None:
    store, _ = imported
    before = store.db.execute(
        "SELECT package_id, standing FROM received_packages ORDER BY package_id"
    ).fetchall()
    again = import_packages(store, [county.stick / "round1", county.stick / "z-later"])
    assert {o.status for o in again.outcomes} == {"duplicate"}
    assert (
        store.db.execute("SELECT package_id, standing FROM received_packages ORDER BY package_id").fetchall()
        == before
    )


def test_bulletin_pdf_has_the_figures(county: Round, imported, tmp_path: Path) -> None:
    import subprocess

    from fazhi_desktop.review.bulletin import write_bulletin

    store, _ = imported
    pic = county_picture(store)
    out = write_bulletin(store.require_bureau(), pic, tmp_path / "通报.pdf", doc_number="莘司字〔2022〕3号")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "莘司字〔2022〕3号" in flat and "莘政办发〔2021〕10号" in flat
    assert f"已报送并计入{len(pic.units)}个" in flat and f"未报送{len(pic.missing)}个" in flat
    assert "—1—" in flat
    for u in pic.units:
        assert u.unit_name in flat
    assert county.unregistered.name + "（签名密钥未登记）" in flat
    assert pic.weak[0].item_id in flat
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts and fonts.count(" yes yes ") >= 1
    # A 公文's faces: 小标宋 title, 黑体 headings, 楷体 （一） leads, 仿宋 body, 宋体 page figures.
    for face in ("FazhiBiaosong", "FazhiHei", "FazhiKai", "ZhuqueFangsong", "FazhiSongFigures"):
        assert face in fonts, face


def test_bulletin_headings_are_set_in_their_faces_and_the_table_head_in_black() -> None:
    from reportlab.lib import colors

    from fazhi_desktop.reports.fonts import BIAOSONG, FANGSONG, HEI
    from fazhi_desktop.review.bulletin import _styles

    st = _styles()
    assert (st["title"].fontName, st["h1"].fontName, st["body"].fontName) == (BIAOSONG, HEI, FANGSONG)
    assert st["attachment"].fontName == HEI
    # The head row's background is light grey: its text must be dark (it was white and unreadable).
    assert st["head"].textColor == colors.black


def test_ledger_lists_open_problems_until_closed(county: Round, imported, tmp_path: Path) -> None:
    import datetime as dt

    from fazhi_desktop.review.ledger import close_item, ledger_rows
    from fazhi_desktop.review.ledger_xlsx import write_ledger

    store, _ = imported
    want = {
        (u.name, i["id"])
        for u in county.units[:29]
        for i in _results(u.packages[-1])["items"]
        if i["problems"].strip() and i["answered"]
    }
    assert want and {(r.unit_name, r.item_id) for r in ledger_rows(store.db)} == want
    out, open_rows, overdue = write_ledger(store, tmp_path / "台账.xlsx", today=dt.date(2022, 3, 1))
    assert open_rows == overdue == len(want)  # 整改时限 2021-12-31 has passed
    wb = openpyxl.load_workbook(out)
    states = [r[7] for r in wb["整改台账"].iter_rows(min_row=2, values_only=True)]
    assert states == ["已超期"] * len(want)
    unit, item = sorted(want)[0]
    close_item(store.db, unit, item, "已现场核查")
    assert (unit, item) not in {(r.unit_name, r.item_id) for r in ledger_rows(store.db)}
    out, open_rows, _ = write_ledger(store, tmp_path / "台账2.xlsx", today=dt.date(2022, 3, 1))
    assert open_rows == len(want) - 1
    closed = list(openpyxl.load_workbook(out)["已销号"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[8]) for r in closed] == [(unit, item, "已现场核查")]
