"""A period keeps answering the exact plan version it was started with, even when that version's
catalogue file is removed or replaced: the copy kept in the database's `plans` table is used."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from fazhi_desktop.catalogue import registry
from fazhi_desktop.errors import CatalogueError
from fazhi_desktop.selfcheck.assessments import get_assessment, save_assessment
from fazhi_desktop.selfcheck.profile import add_period, set_up_unit
from fazhi_desktop.selfcheck.progress import check_progress
from fazhi_desktop.selfcheck.workspace import Workspace


def _write_plan(path, *, version="1.0.0", t01_text=None, crlf=False):
    doc = json.loads(registry.builtin_plan_files()[0].read_text(encoding="utf-8"))
    doc["plan"]["id"] = "pin-2021"
    doc["plan"]["version"] = version
    if t01_text:
        doc["sections"][0]["tasks"][0]["text"] = t01_text
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8") if crlf else text.encode("utf-8"))
    return path


@pytest.fixture
def pinned(data_dir, tmp_path):
    """A unit whose current period answers the imported plan pin-2021 1.0.0, with one answer saved."""
    source = _write_plan(tmp_path / "pin.json", crlf=True)  # CRLF: the stored copy must keep the bytes exact
    with Workspace.open(data_dir) as ws:
        registry.import_plan(data_dir, source)
        set_up_unit(ws, "燕店镇", plan_id="pin-2021")
        save_assessment(ws, "T01", strict=False, narrative="已组织学习")
        sha = ws.plan.sha256
    assert sha == hashlib.sha256(source.read_bytes()).hexdigest()
    return data_dir, registry.imported_plan_dir(data_dir) / "pin-2021-1.0.0.json", sha


def test_the_stored_copy_is_the_file_byte_for_byte(pinned):
    data_dir, file, sha = pinned
    with Workspace.open(data_dir) as ws:
        text = ws.db.execute("SELECT catalogue FROM plans WHERE plan_id = 'pin-2021'").fetchone()[0]
    assert (
        hashlib.sha256(text.encode("utf-8")).hexdigest()
        == sha
        == hashlib.sha256(file.read_bytes()).hexdigest()
    )


def test_a_removed_plan_file_falls_back_to_the_copy_in_the_database(pinned):
    data_dir, file, sha = pinned
    file.unlink()
    with pytest.raises(CatalogueError):
        registry.get_plan("pin-2021", data_dir, version="1.0.0")
    with Workspace.open(data_dir) as ws:
        assert (ws.plan.meta.id, ws.plan.meta.version, ws.plan.sha256) == ("pin-2021", "1.0.0", sha)
        assert len(ws.assignments()) == 34
        assert get_assessment(ws, "T01").narrative == "已组织学习"
        save_assessment(ws, "T02", strict=False, narrative="照常填写")
        assert check_progress(ws).overall.total == 30


def test_a_replaced_plan_file_does_not_change_the_plan_a_period_answers(pinned):
    data_dir, file, sha = pinned
    original = registry.get_plan("pin-2021", data_dir, version="1.0.0").item("T01").text
    _write_plan(file, t01_text="被人改过的任务文字。")
    os.utime(file, ns=(1, 1))  # a different mtime: the registry's cache must not hide the change
    assert registry.get_plan("pin-2021", data_dir, version="1.0.0").item("T01").text == "被人改过的任务文字。"
    with Workspace.open(data_dir) as ws:
        assert ws.plan.sha256 == sha
        assert ws.plan.item("T01").text == original


def test_a_newer_version_does_not_move_an_existing_period(pinned, tmp_path):
    data_dir, file, sha = pinned
    registry.import_plan(
        data_dir, _write_plan(tmp_path / "newer.json", version="1.0.1", t01_text="新版文字。")
    )
    file.unlink()
    with Workspace.open(data_dir) as ws:
        assert ws.plan.meta.version == "1.0.0" and ws.plan.sha256 == sha
        # Carrying forward into a new period of the same plan also reads the pinned version.
        period = add_period(ws, 2022, carry_from=ws.period.id)
        assert period.plan_version == "1.0.0"
        assert get_assessment(ws, "T01").narrative == "已组织学习"


def test_the_cli_keeps_working_when_the_plan_file_is_gone(pinned, cli):
    _, file, _ = pinned
    file.unlink()
    r = cli("show", "T01", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["assessment"]["narrative"] == "已组织学习"
    assert cli("check", "T01", "--status", "推进中").code == 0
