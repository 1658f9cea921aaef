"""Change history: chained hashes, tamper detection, "what changed since", rollback with the change."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from fazhi_desktop import hashchain
from fazhi_desktop.errors import UsageError
from fazhi_desktop.selfcheck import history
from fazhi_desktop.selfcheck.assessments import RuleViolation, save_assessment
from fazhi_desktop.selfcheck.profile import set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import DB_NAME, write_transaction


@pytest.fixture
def ws(data_dir):
    with Workspace.open(data_dir) as w:
        set_up_unit(w, "燕店镇")
        yield w


def _fill(ws, n: int = 5) -> None:
    for i in range(1, n + 1):
        save_assessment(ws, f"T{i:02d}", strict=True, work_status="推进中", narrative=f"第 {i} 项工作")


def test_rows_are_chained_from_genesis(ws):
    _fill(ws)
    rows = ws.db.execute("SELECT prev_hash, hash FROM history ORDER BY id").fetchall()
    assert rows[0][0] == history.GENESIS
    assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))
    assert history.head(ws.db) == rows[-1][1]
    assert history.verify_chain(ws.db) == []


def test_record_returns_the_new_head_and_values_are_text(ws):
    with write_transaction(ws.db):
        digest = history.record(
            ws.db, entity="assessment", field="opted_in", old=None, new=True, item_id="B1"
        )
    assert history.head(ws.db) == digest
    last = history.changes_since(ws.db)[-1]
    assert (last.old_value, last.new_value, last.item_id) == (None, "1", "B1")


def test_record_outside_a_transaction_is_a_programming_error(ws):
    before = history.head(ws.db)
    with pytest.raises(RuntimeError, match="write_transaction"):
        history.record(ws.db, entity="assessment", field="narrative", old="", new="x", item_id="T01")
    assert history.head(ws.db) == before


def _tamper(data_dir, sql: str, params=()) -> None:
    """Edit the database file directly, as someone with a SQLite tool would."""
    conn = sqlite3.connect(data_dir / DB_NAME)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def _id_of(ws, item_id: str, field: str) -> int:
    return ws.db.execute(
        "SELECT id FROM history WHERE item_id = ? AND field = ?", [item_id, field]
    ).fetchone()[0]


def test_an_edited_value_is_detected_at_its_row(ws, data_dir):
    _fill(ws)
    target = _id_of(ws, "T03", "narrative")
    _tamper(data_dir, "UPDATE history SET new_value = '第 3 项工作（已全部完成）' WHERE id = ?", [target])
    assert history.verify_chain(ws.db) == [target]


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(ws, data_dir):
    _fill(ws)
    target = _id_of(ws, "T03", "narrative")
    at, prev = ws.db.execute("SELECT at, prev_hash FROM history WHERE id = ?", [target]).fetchone()
    forged = hashchain.row_hash(prev, at, ws.period.id, "T03", "assessment", "narrative", "", "伪造")
    _tamper(data_dir, "UPDATE history SET new_value = '伪造', hash = ? WHERE id = ?", [forged, target])
    assert history.verify_chain(ws.db) == [target + 1]


def test_a_deleted_row_is_detected(ws, data_dir):
    _fill(ws)
    target = _id_of(ws, "T02", "work_status")
    _tamper(data_dir, "DELETE FROM history WHERE id = ?", [target])
    assert history.verify_chain(ws.db) == [target + 1]


def test_a_changed_time_is_detected(ws, data_dir):
    _fill(ws)
    target = _id_of(ws, "T04", "work_status")
    _tamper(data_dir, "UPDATE history SET at = '2020-01-01T00:00:00.000000+00:00' WHERE id = ?", [target])
    assert history.verify_chain(ws.db) == [target]


def test_a_refused_change_leaves_no_history(ws):
    before = history.head(ws.db)
    with pytest.raises(RuleViolation):
        save_assessment(ws, "T01", strict=True, result="不适用")
    assert history.head(ws.db) == before


def test_history_rolls_back_with_its_transaction(ws):
    before = history.head(ws.db)
    with pytest.raises(RuntimeError), write_transaction(ws.db):
        save_assessment(ws, "T01", strict=True, narrative="写了一半")
        raise RuntimeError("power cut")
    assert history.head(ws.db) == before
    assert ws.db.execute("SELECT COUNT(*) FROM assessments").fetchone()[0] == 0


def _stamp(ws, item: str, at: str) -> None:
    with write_transaction(ws.db):
        history.record(
            ws.db,
            entity="assessment",
            field="narrative",
            old="",
            new=item,
            item_id=item,
            period_id=ws.period.id,
            at=at,
        )


def test_changes_since_a_time_a_date_and_for_an_item(ws):
    _stamp(ws, "T01", "2021-09-29T23:59:59.000000+00:00")
    _stamp(ws, "T02", "2021-09-30T00:00:00.000001+00:00")
    _stamp(ws, "T03", "2021-10-02T08:00:00.000000+00:00")
    _stamp(ws, "T02", "2021-10-05T08:00:00.000000+00:00")

    def items_since(since):  # the set-up rows carry today's time: leave them out
        return [e.item_id for e in history.changes_since(ws.db, since) if e.item_id]

    assert items_since("2021-09-30T00:00:00.000000+00:00") == ["T02", "T03", "T02"]
    assert items_since("2021-10-02") == ["T03", "T02"]
    assert items_since("2021-10-06") == []
    assert [e.at[:10] for e in history.changes_since(ws.db, "2021-10-01", item_id="T02")] == ["2021-10-05"]
    assert len(history.changes_since(ws.db, period_id=ws.period.id)) == len(history.changes_since(ws.db))


@pytest.mark.parametrize(
    ("typed", "local"),
    [
        ("2021-09-30", dt.datetime(2021, 9, 30)),
        ("2021-9-30 14:05", dt.datetime(2021, 9, 30, 14, 5)),
        ("2021年9月30日", dt.datetime(2021, 9, 30)),
        ("2021/09/30T08:00:30", dt.datetime(2021, 9, 30, 8, 0, 30)),
    ],
)
def test_parse_since_reads_local_time(typed, local):
    assert history.parse_since(typed) == local.astimezone(dt.UTC).isoformat(timespec="microseconds")


def test_parse_since_keeps_an_explicit_zone_and_refuses_nonsense():
    assert history.parse_since("2021-09-30T08:00:00+08:00") == "2021-09-30T00:00:00.000000+00:00"
    with pytest.raises(UsageError, match="无法识别"):
        history.parse_since("上周")
    with pytest.raises(UsageError):
        history.parse_since("2021-02-30")
