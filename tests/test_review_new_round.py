"""Issue 10, deliver 6: the next round. The bureau switches to a new period (or plan); what it received
before stays on record, the county picture counts only the new round, trusted keys carry over, and the
rectification rows still open carry into the new round's 整改台账 marked with their period."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from review_corpus import BUREAU_PASS, FAST, UnitSide, make_unit
from sqlite_utils import Database

from fazhi_desktop.app.review import new_round
from fazhi_desktop.errors import CatalogueError, UsageError
from fazhi_desktop.review import received
from fazhi_desktop.review.bureau import init_bureau
from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.ledger import close_item, ledger_rows
from fazhi_desktop.review.ledger_xlsx import write_ledger
from fazhi_desktop.review.migrations import review_migrations
from fazhi_desktop.review.picture import county_picture
from fazhi_desktop.review.scoring import reviews_of
from fazhi_desktop.review.store import REVIEW_DB, ReviewStore, Round, integrity_problems, rounds
from fazhi_desktop.review.trust import add_key
from fazhi_desktop.review.unitview import current_items, review_item
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.profile import add_period
from fazhi_desktop.selfcheck.workspace import Workspace

OLD = Round("shen-2021", "2021年度")
NEW = Round("shen-2021", "2022年度")


def _next_period(u: UnitSide) -> None:
    with Workspace.open(u.data_dir) as ws:
        add_period(ws, 2022, "annual")


@pytest.fixture
def county(tmp_path: Path):
    """Round 1 (2021年度) with three units imported: two report problems, one of which is then closed."""
    root = tmp_path / "units"
    root.mkdir()
    a, b, c = (make_unit(root, n) for n in ("县财政局", "燕店镇", "县审计局"))
    a.answer(problems={"T01"})
    b.answer(problems={"T01"})
    c.answer()
    for u in (a, b, c):
        u.export(tmp_path / "round1")
    store, _ = init_bureau(tmp_path / "review", BUREAU_PASS, kdf=FAST)
    for u in (a, b, c):
        add_key(store, u.name, u.key.fingerprint)
    report = import_packages(store, [tmp_path / "round1"])
    assert report.count("stored") == 3
    review_item(store, a.name, "T01", verdict="退回修改", comment="佐证不足")
    close_item(store.db, b.name, "T01", "已现场核查")
    yield store, (a, b, c), tmp_path
    store.close()


def test_a_new_round_counts_only_its_own_packages(county) -> None:
    store, (a, b, c), tmp_path = county
    before = county_picture(store)
    assert len(before.units) == 3
    done = new_round(store, "shen-2021", " 2022年度 ")
    assert done.bureau.round == NEW
    assert (done.previous.period_label, done.kept_packages, done.carried_open) == ("2021年度", 3, 1)
    assert "2022年度" in done.lines()[0] and store.require_bureau().round == NEW
    assert [r for r, _ in rounds(store.db)] == [OLD, NEW]
    # Nobody has submitted for the new round; everything from round 1 is still on record.
    pic = county_picture(store)
    assert pic.units == [] and len(pic.missing) == len(before.expected)
    assert len(received.packages(store.db)) == 3
    assert received.current_package(store.db, a.name) is None
    assert received.current_package(store.db, a.name, OLD) is not None
    assert reviews_of(store.db, a.name) == {}
    assert reviews_of(store.db, a.name, in_round=OLD)["T01"].verdict == "退回修改"
    with pytest.raises(UsageError, match="本轮没有计入汇总的上报包"):
        current_items(store, a.name)
    # The ledger: a's open 2021 row carries, b's closed one does not (not even on the 已销号 sheet).
    assert [(r.unit_name, r.item_id, r.period_label) for r in ledger_rows(store.db)] == [
        (a.name, "T01", "2021年度")
    ]
    assert [r.unit_name for r in ledger_rows(store.db, include_closed=True)] == [a.name]
    out, open_rows, _ = write_ledger(store, tmp_path / "台账.xlsx", today=dt.date(2022, 3, 1))
    wb = openpyxl.load_workbook(out)
    assert open_rows == 1
    assert [(r[0], r[1], r[2]) for r in wb["整改台账"].iter_rows(min_row=2, values_only=True)] == [
        (a.name, "T01", "2021年度")
    ]
    assert list(wb["已销号"].iter_rows(min_row=2, values_only=True)) == []

    # A 2022 package (sequence 1 again, the key still trusted) imports and counts; c's late 2021 one is
    # put aside with the "other period" reason.
    _next_period(a)
    a.answer(problems={"T01"})
    new_pkg = a.export(tmp_path / "round2")
    with Workspace.open(c.data_dir) as ws:
        save_assessment(ws, "T01", strict=False, narrative="补充了材料。")
    old_pkg = c.export(tmp_path / "round2")
    report = import_packages(store, [new_pkg, old_pkg])
    by_file = {Path(o.source).name: o for o in report.outcomes}
    assert by_file[new_pkg.name].status == "stored" and by_file[new_pkg.name].sequence == 1
    late = by_file[old_pkg.name]
    assert (late.status, late.code) == ("put_aside", "other_period")
    assert "2021年度" in late.message and "2022年度" in late.message
    assert (old_pkg.as_posix(), c.name, "other_period") in [
        (Path(q[0]).as_posix(), q[1], q[2]) for q in received.quarantined(store.db)
    ]
    pic = county_picture(store)
    assert [(u.unit_name, u.sequence) for u in pic.units] == [(a.name, 1)]
    assert pic.units[0].cells["T01"].verdict is None  # round 1's verdict is not a verdict on this one
    assert received.current_package(store.db, a.name, OLD) is not None  # round 1's stays current there
    # The same problem reported again opens a 2022 row beside the carried 2021 one.
    assert [(r.item_id, r.period_label) for r in ledger_rows(store.db) if r.unit_name == a.name] == [
        ("T01", "2021年度"),
        ("T01", "2022年度"),
    ]
    with pytest.raises(UsageError, match="多个期间.*--period"):
        close_item(store.db, a.name, "T01", "已整改")
    closed = close_item(store.db, a.name, "T01", "已整改", period="2021年度")
    assert (closed.period_label, closed.close_note) == ("2021年度", "已整改") and closed.closed_at
    rows = ledger_rows(store.db, include_closed=True)
    assert [(r.period_label, bool(r.closed_at)) for r in rows] == [("2021年度", True), ("2022年度", False)]
    # Reviews in the new round are its own; round 1's stays as it was.
    review_item(store, a.name, "T01", verdict="通过")
    assert reviews_of(store.db, a.name)["T01"].verdict == "通过"
    assert reviews_of(store.db, a.name, in_round=OLD)["T01"].verdict == "退回修改"
    assert integrity_problems(store) == []


def test_a_new_round_is_refused_for_the_same_round_and_a_bad_period(county) -> None:
    store, _, _ = county
    with pytest.raises(UsageError, match="本轮审核的已经是 shen-2021 2021年度"):
        new_round(store, "shen-2021", "2021年度")
    with pytest.raises(UsageError, match="请写明新一轮审核的期间"):
        new_round(store, "shen-2021", "  ")
    with pytest.raises(UsageError, match="写法与单位程序不同"):
        new_round(store, "shen-2021", "2022")
    with pytest.raises(CatalogueError, match="没有编号为“shen-2099”"):
        new_round(store, "shen-2099", "2022年度")
    assert store.require_bureau().round == OLD and len(rounds(store.db)) == 1
    new_round(store, "shen-2021", "2022年上半年")
    with pytest.raises(UsageError, match="此前审核过的一轮"):
        new_round(store, "shen-2021", "2021年度")
    assert store.require_bureau().round == Round("shen-2021", "2022年上半年")


def test_new_round_takes_a_plan_file_signed_by_this_bureau_only(county, tmp_path: Path) -> None:
    from fazhi_desktop.catalogue.registry import builtin_plan_files, imported_plan_dir
    from fazhi_desktop.catalogue.signed_plan import write_signed_plan
    from fazhi_desktop.package.keys import create_unit_key
    from fazhi_desktop.review.bureau import unlock_bureau_key

    store, _, _ = county
    raw = json.loads(builtin_plan_files()[0].read_text(encoding="utf-8"))
    raw["plan"]["id"], raw["plan"]["version"] = "shen-2022", "1.0"
    catalogue = json.dumps(raw, ensure_ascii=False).encode("utf-8")
    other = create_unit_key(tmp_path / "other", "口令 other", kdf=FAST)
    write_signed_plan(tmp_path / "别人的.signed", catalogue, other)
    with pytest.raises(UsageError, match="另一把密钥签名"):
        new_round(store, str(tmp_path / "别人的.signed"), "2022年度")
    write_signed_plan(tmp_path / "本局.signed", catalogue, unlock_bureau_key(store.data_dir, BUREAU_PASS))
    done = new_round(store, str(tmp_path / "本局.signed"), "2022年度")
    assert (done.bureau.plan_id, done.bureau.plan_version) == ("shen-2022", "1.0")
    assert (imported_plan_dir(store.data_dir) / "shen-2022-1.0.signed").is_file()
    assert county_picture(store).plan.meta.id == "shen-2022"


def test_new_round_on_the_command_line(county, cli_at) -> None:
    store, _, _ = county
    data_dir = store.data_dir
    store.close()
    r = cli_at(data_dir, "review", "new-round", "--plan", "shen-2021", "--period", "2022年度")
    assert r.code == 0, r.err
    assert "已开始新一轮审核" in r.out and "未销号的 1 项" in r.out
    r = cli_at(data_dir, "review", "new-round", "--plan", "shen-2021", "--period", "2022年度")
    assert r.code != 0 and "本轮审核的已经是" in r.err and "Traceback" not in r.err
    r = cli_at(data_dir, "review", "status", "--json")
    assert json.loads(r.out)["counted"] == 0
    r = cli_at(data_dir, "review", "doctor")
    assert r.code == 0, r.out
    with ReviewStore.open(data_dir) as again:  # the fixture closes it once more: harmless
        assert again.require_bureau().round == NEW


def test_a_store_of_the_previous_schema_migrates(tmp_path: Path) -> None:
    """A store made before 0002_review_rounds: its round, reviews and ledger rows get their plan/period."""
    data_dir = tmp_path / "review"
    data_dir.mkdir()
    db = Database(data_dir / REVIEW_DB)
    review_migrations.apply(db, stop_before="0002_review_rounds")
    conn = db.conn
    with conn:
        conn.execute(
            "INSERT INTO bureau VALUES (1, '莘县司法局', 'shen-2021', '1.0', '2021年度', 'AB', '2021-12-01T00:00:00Z')"
        )
        conn.execute("INSERT INTO batches (id, started_at) VALUES (1, '2021-12-02T00:00:00Z')")
        conn.execute(
            "INSERT INTO received_packages VALUES ('p1', 'sha', '县财政局', 'government_department',"
            " 'shen-2021', '1.0', '2021年度', 1, NULL, NULL, '2021-12-01', 'CD', 10, 'received/sha.zip',"
            " '/stick/p1.zip', '2021-12-02T00:00:00Z', 1, 'current', '{}')"
        )
        conn.execute(
            "INSERT INTO reviews (unit_name, item_id, package_id, verdict, comment, at)"
            " VALUES ('县财政局', 'T01', 'p1', '退回修改', '补充佐证', '2021-12-03T00:00:00Z')"
        )
        conn.execute(
            "INSERT INTO rectifications (unit_name, item_id, period_label, package_id, problems, measures,"
            " responsible_person, opened_at) VALUES ('县财政局', 'T01', '2021年度', 'p1', '台账不全', '补齐',"
            " '李四', '2021-12-02T00:00:00Z')"
        )
    conn.close()
    with ReviewStore.open(data_dir) as store:
        assert rounds(store.db) == [(OLD, "2021-12-01T00:00:00Z")]
        review = reviews_of(store.db, "县财政局")["T01"]
        assert (review.verdict, review.comment, review.package_id) == ("退回修改", "补充佐证", "p1")
        [row] = ledger_rows(store.db)
        assert (row.plan_id, row.period_label, row.problems) == ("shen-2021", "2021年度", "台账不全")
        assert received.packages(store.db, in_round=OLD)[0].package_id == "p1"
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("reviews", "rectifications"):
            info = store.db.execute(f"PRAGMA table_info({table})").fetchall()
            key = [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
            assert key == ["unit_name", "item_id", "plan_id", "period_label"]
            assert [r[1] for r in info][:4] == key
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):  # 0001's constraints are kept
            store.db.execute("UPDATE reviews SET verdict = '随便'")
    assert list((data_dir / "backups").glob("*.db"))  # the copy aside before the migration
    check = sqlite3.connect(data_dir / REVIEW_DB)
    assert check.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 1
    check.close()


def test_init_takes_a_plan_file_too_and_refuses_one_signed_by_another_key(tmp_path: Path, cli_at) -> None:
    """The bureau that authored this year's plan starts its review data directory on that file."""
    from fazhi_desktop.catalogue.registry import builtin_plan_files, imported_plan_dir
    from fazhi_desktop.catalogue.signed_plan import write_signed_plan
    from fazhi_desktop.package.keys import create_unit_key

    raw = json.loads(builtin_plan_files()[0].read_text(encoding="utf-8"))
    raw["plan"].update(id="shen-2026", version="1.0", year=2026, title="莘县2026年法治政府建设工作计划")
    plan_file = tmp_path / "2026年计划.json"
    plan_file.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    other = create_unit_key(tmp_path / "other", "口令 other", kdf=FAST)
    write_signed_plan(tmp_path / "别人的.signed", plan_file.read_bytes(), other)

    with pytest.raises(UsageError, match="另一把密钥签名"):  # a fresh directory has no key of its own yet
        init_bureau(tmp_path / "refused", BUREAU_PASS, plan_id=str(tmp_path / "别人的.signed"), kdf=FAST)
    store, bureau = init_bureau(tmp_path / "refused", BUREAU_PASS, kdf=FAST)  # nothing half-made stays
    assert bureau.plan_id == "shen-2021"
    store.close()

    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(BUREAU_PASS, encoding="utf-8")
    data_dir = tmp_path / "review"
    r = cli_at(data_dir, "review", "init", "--plan", str(plan_file), "--passphrase-file", str(pass_file))
    assert r.code == 0, r.err
    assert "shen-2026 2026年度" in r.out
    assert (imported_plan_dir(data_dir) / "shen-2026-1.0.json").is_file()
    with ReviewStore.open(data_dir) as store:
        assert store.require_bureau().round == Round("shen-2026", "2026年度")
        assert county_picture(store).plan.meta.id == "shen-2026"
