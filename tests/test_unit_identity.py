"""The unit's identity (canonical name, kind, the plan version it was resolved against) is stored once,
at set-up, and every output reads it from the store instead of resolving the entered name again."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fazhi_desktop.app.export import build_spec, preflight
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.reports.data import build_report_data
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.progress import check_progress
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.store.db import applied_migrations

FAST = KdfParams(n=2**12)  # test speed only


@pytest.fixture
def ws(data_dir):
    with Workspace.open(data_dir) as w:
        yield w


def _identity(ws: Workspace) -> tuple[object, ...]:
    p = ws.require_profile()
    return (p.unit_name, p.unit_kind, p.identity_plan_id, p.identity_plan_version)


def test_set_up_stores_the_identity_with_the_plan_version(ws):
    set_up_unit(ws, "县发展和改革委员会")
    assert _identity(ws) == ("县发展和改革局", "government_department", "shen-2021", ws.plan.meta.version)
    set_up_unit(ws, "燕店镇")  # set-up again: the identity follows
    assert _identity(ws) == ("燕店镇人民政府", "township", "shen-2021", ws.plan.meta.version)


def test_every_output_reads_the_stored_identity(ws, data_dir):
    set_up_unit(ws, "县发展和改革委员会")
    # As if a newer plan had renamed the unit: the stored identity is what the unit reported as.
    ws.db.execute("UPDATE unit_profile SET unit_name = '县发展和改革局（原）', unit_kind = 'other'")
    ws.db.conn.commit()
    ws.refresh()
    key = create_unit_key(data_dir, "口令 horse battery", kdf=FAST)
    set_key_fingerprint(ws, key.fingerprint)

    data = build_report_data(ws)
    assert (data.unit.name, data.unit.kind) == ("县发展和改革局（原）", "other")
    assert check_progress(ws).unit_name == "县发展和改革局（原）"
    assert preflight(ws).unit_name == "县发展和改革局（原）"
    created = dt.datetime(2022, 1, 15, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    spec, data, _ = build_spec(ws, key, package_id="p-1", sequence=1, supersedes=None, created=created)
    assert spec.package_name().startswith("县发展和改革局（原）_")
    info = dict(spec.bag_info(0, 0, key.fingerprint))
    assert info["Fazhi-Unit"] == "县发展和改革局（原）" and info["Fazhi-Unit-Kind"] == "other"
    results = json.loads(next(e for e in spec.payload if e.path == "data/results.json").data)
    assert (results["unit"]["name"], results["unit"]["kind"]) == ("县发展和改革局（原）", "other")


def _as_before_0002(data_dir, *, entered: str, stale_name: str, entered_now: str | None = None) -> None:
    """Turn a store back into what a 0001-era program left: no identity columns, 0002 not applied."""
    with Workspace.open(data_dir) as ws:
        set_up_unit(ws, entered)
        if entered_now is not None:
            ws.db.execute("UPDATE unit_profile SET entered_name = ?", [entered_now])
        ws.db.execute("ALTER TABLE unit_profile DROP COLUMN identity_plan_id")
        ws.db.execute("ALTER TABLE unit_profile DROP COLUMN identity_plan_version")
        ws.db.execute("UPDATE unit_profile SET unit_name = ?, unit_kind = 'other'", [stale_name])
        ws.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0002_unit_identity'")
        ws.db.conn.commit()


def test_migration_0002_resolves_an_existing_store_once(data_dir):
    _as_before_0002(data_dir, entered="县发展和改革委员会", stale_name="旧的名称")
    with Workspace.open(data_dir) as ws:
        assert "0002_unit_identity" in applied_migrations(ws.db)
        assert _identity(ws) == ("县发展和改革局", "government_department", "shen-2021", ws.plan.meta.version)
        assert ws.require_profile().entered_name == "县发展和改革委员会"


def test_migration_0002_keeps_a_name_the_plan_no_longer_knows(data_dir):
    # The entered name is one the current plan does not know (as after a plan dropped an alias).
    _as_before_0002(data_dir, entered="县发展和改革委员会", stale_name="县物价局", entered_now="县物价局")
    with Workspace.open(data_dir) as ws:
        assert _identity(ws) == ("县物价局", "other", None, None)
