"""The unit remembers the first bureau key it sees and refuses any other, naming both fingerprints."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fazhi_desktop.package.fingerprint import display_fingerprint, fingerprint_of
from fazhi_desktop.selfcheck import bureau_trust, history
from fazhi_desktop.store.db import applied_migrations, open_database


def _raw() -> bytes:
    return Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_migration_0003_is_applied(tmp_path):
    db = open_database(tmp_path)
    assert "0003_plan" in applied_migrations(db)
    cols = {r[1] for r in db.execute("PRAGMA table_info(assessments)").fetchall()}
    assert {"self_score", "score_note"} <= cols


def test_first_key_is_remembered_and_another_refused(tmp_path):
    db = open_database(tmp_path)
    first, other = _raw(), _raw()
    assert bureau_trust.remembered(db) is None
    assert bureau_trust.check(db, first) == "new"
    kept = bureau_trust.remember(db, first, "测试计划 测政办发〔2026〕3号")
    assert kept.fingerprint == fingerprint_of(first)
    assert bureau_trust.check(db, first) == "known"
    assert bureau_trust.remember(db, first, "again").first_seen_in == "测试计划 测政办发〔2026〕3号"
    with pytest.raises(bureau_trust.BureauKeyMismatch) as info:
        bureau_trust.check(db, other, "计划文件 p.signed")
    msg = info.value.message
    assert display_fingerprint(fingerprint_of(first)) in msg
    assert display_fingerprint(fingerprint_of(other)) in msg
    with pytest.raises(bureau_trust.BureauKeyMismatch):
        bureau_trust.remember(db, other, "x")
    assert bureau_trust.remembered(db).fingerprint == fingerprint_of(first)


def test_replacing_is_deliberate_and_recorded(tmp_path):
    db = open_database(tmp_path)
    first, other = _raw(), _raw()
    bureau_trust.remember(db, first, "a")
    bureau_trust.replace(db, other, "b")
    assert bureau_trust.check(db, other) == "known"
    rows = db.execute("SELECT old_value, new_value FROM history WHERE entity = 'bureau_key'").fetchall()
    assert rows == [(None, fingerprint_of(first)), (fingerprint_of(first), fingerprint_of(other))]
    assert history.verify_chain(db) == []
