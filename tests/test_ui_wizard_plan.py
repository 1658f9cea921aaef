"""The wizard starts a period on a newly imported plan, and carries answers over only once confirmed."""

from __future__ import annotations

import json

from conftest import REPO
from PySide6.QtWidgets import QMessageBox
from test_ui_support import set_up

from fazhi_desktop.catalogue import registry
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.selfcheck.assessments import get_assessment, save_assessment
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.setup_wizard import SetupWizard
from fazhi_desktop.ui.tasks import TaskRunner

pytest_plugins = ["test_ui_support"]


def _new_plan(tmp_path):
    doc = json.loads((REPO / "resources" / "plans" / "shen-2021.json").read_text(encoding="utf-8"))
    doc["format"] = "fazhi-plan/2"
    doc["plan"] |= {"id": "shen-2026", "title": "莘县2026年法治政府建设工作计划", "year": 2026}
    doc["sections"][0]["tasks"][0]["text"] += "做好年度总结。"
    path = tmp_path / "shen-2026.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _wizard(ws, qtbot, monkeypatch, answer):
    monkeypatch.setattr(SetupWizard, "key_kdf", KdfParams(n=2**12))
    w = SetupWizard(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(w)
    w.key_page.pass1.setText("another-pass-1")
    w.key_page.pass2.setText("another-pass-1")
    asked: list[str] = []

    def question(parent, title, text, *a, **k):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    return w, asked


def _choose(w, plan_id):
    box = w.period_page.plan_box
    box.setCurrentIndex(next(i for i in range(box.count()) if box.itemData(i)[0] == plan_id))


def test_choosing_the_new_plan_shows_the_mapping_and_carries_once_confirmed(
    ui_app, data_dir, qtbot, monkeypatch, tmp_path
):
    set_up(data_dir)
    registry.import_plan(data_dir, _new_plan(tmp_path))
    with Workspace.open(data_dir) as ws:
        save_assessment(ws, "T01", strict=False, narrative="组织学习 3 次")
        w, asked = _wizard(ws, qtbot, monkeypatch, QMessageBox.StandardButton.Yes)
        _choose(w, "shen-2026")
        assert w.period_page.year.value() == 2026
        w.accept()
        assert asked and "T01 → T01" in asked[0] and "相似度" in asked[0]
        assert (ws.period.plan_id, ws.period.year) == ("shen-2026", 2026)
        assert get_assessment(ws, "T01").narrative == "组织学习 3 次"


def test_declining_copies_nothing(ui_app, data_dir, qtbot, monkeypatch, tmp_path):
    set_up(data_dir)
    registry.import_plan(data_dir, _new_plan(tmp_path))
    with Workspace.open(data_dir) as ws:
        save_assessment(ws, "T01", strict=False, narrative="组织学习 3 次")
        w, asked = _wizard(ws, qtbot, monkeypatch, QMessageBox.StandardButton.No)
        _choose(w, "shen-2026")
        w.accept()
        assert asked and ws.period.plan_id == "shen-2026"
        assert get_assessment(ws, "T01").narrative == ""
