"""The reviewer store: its own file and migrations, the bureau key, trusted unit keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from review_corpus import BUREAU_PASS, FAST

from fazhi_desktop.errors import UnknownUnit, UsageError
from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.package.keys import read_key_info
from fazhi_desktop.review.bureau import bureau_key_path, init_bureau, unlock_bureau_key
from fazhi_desktop.review.migrations import MIGRATION_SET
from fazhi_desktop.review.store import REVIEW_DB, NotAReviewerStore, ReviewStore, integrity_problems
from fazhi_desktop.review.trust import add_key, judge_signer, list_keys, replace_key, revoke_key
from fazhi_desktop.selfcheck.workspace import Workspace


@pytest.fixture
def store(tmp_path: Path):
    s, _ = init_bureau(tmp_path / "review", BUREAU_PASS, kdf=FAST)
    yield s
    s.close()


def test_its_own_file_and_migration_set(store: ReviewStore, tmp_path: Path) -> None:
    assert (tmp_path / "review" / REVIEW_DB).is_file()
    assert not (tmp_path / "review" / "fazhi.db").exists()
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    sets = {r[0] for r in store.db.execute("SELECT migration_set FROM _sqlite_migrations")}
    assert sets == {MIGRATION_SET}
    assert integrity_problems(store) == []
    b = store.require_bureau()
    assert (b.name, b.plan_id, b.period_label) == ("莘县司法局", "shen-2021", "2021年度")
    key = unlock_bureau_key(store.data_dir, BUREAU_PASS)
    assert key.fingerprint == b.key_fingerprint == read_key_info(bureau_key_path(store.data_dir)).fingerprint


def test_refuses_a_unit_directory_and_a_missing_store(tmp_path: Path) -> None:
    Workspace.open(tmp_path / "unit").close()
    with pytest.raises(NotAReviewerStore, match="单位自查的数据目录"):
        init_bureau(tmp_path / "unit", BUREAU_PASS, kdf=FAST)
    with pytest.raises(NotAReviewerStore, match="单位自查的数据目录"):
        ReviewStore.open(tmp_path / "unit")
    with pytest.raises(NotAReviewerStore, match="review init"):
        ReviewStore.open(tmp_path / "nothing")
    assert not (tmp_path / "nothing").exists()


def test_init_twice_is_refused(store: ReviewStore) -> None:
    with pytest.raises(UsageError, match="已经初始化"):
        init_bureau(store.data_dir, BUREAU_PASS, kdf=FAST)


def test_backup_is_a_checked_copy(store: ReviewStore) -> None:
    path = store.backup("manual")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM bureau").fetchone()[0] == "莘县司法局"
    conn.close()


def test_keys_add_by_file_and_by_typed_fingerprint(store: ReviewStore, unit_factory, tmp_path: Path) -> None:
    a, b = unit_factory("县财政局"), unit_factory("燕店镇")
    rec = add_key(store, " 县财政局 ", a.public_pem(tmp_path))
    assert (rec.unit_name, rec.fingerprint, rec.source) == ("县财政局", a.key.fingerprint, "file")
    typed = add_key(store, "燕店镇", display_fingerprint(b.key.fingerprint).lower())
    assert typed.fingerprint == b.key.fingerprint[:32] and typed.source == "typed"
    with store.db.conn:
        assert judge_signer(store, "燕店镇人民政府", b.key.fingerprint).standing == "registered"
    assert (
        next(k for k in list_keys(store) if k.unit_name == "燕店镇人民政府").fingerprint == b.key.fingerprint
    )
    assert judge_signer(store, "燕店镇人民政府", a.key.fingerprint).standing == "mismatch"
    assert judge_signer(store, "县民政局", a.key.fingerprint).standing == "unregistered"
    with pytest.raises(UsageError, match="已登记密钥"):
        add_key(store, "县财政局", b.key.fingerprint)
    with pytest.raises(UsageError, match="不能属于两个单位"):
        add_key(store, "县民政局", a.key.fingerprint)
    with pytest.raises(UsageError, match="既不是公钥文件"):
        add_key(store, "县民政局", "12AB")
    with pytest.raises(UnknownUnit):
        add_key(store, "县不存在局", a.key.fingerprint)


def test_replace_keeps_the_old_key_and_revoke_refuses(
    store: ReviewStore, unit_factory, tmp_path: Path
) -> None:
    a, b = unit_factory("县审计局"), unit_factory("县统计局")
    add_key(store, "县审计局", a.public_pem(tmp_path))
    new = replace_key(store, "县审计局", b.key.fingerprint)
    keys = list_keys(store, "县审计局")
    assert [k.status for k in keys] == ["replaced", "active"] and keys[0].ended_at
    assert new.fingerprint == b.key.fingerprint
    assert judge_signer(store, "县审计局", a.key.fingerprint).standing == "replaced"
    revoke_key(store, "县审计局", note="密钥遗失")
    assert judge_signer(store, "县审计局", b.key.fingerprint).standing == "revoked"
    assert "吊销" in judge_signer(store, "县审计局", b.key.fingerprint).message
