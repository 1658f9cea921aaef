"""First run on an empty data directory: the choice 本单位自查 / 司法局（审核）; the bureau's choice sets the
directory up as `review init` does and opens the reviewer window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWizard
from review_corpus import FAST

from fazhi_desktop.package.keys import read_key_info
from fazhi_desktop.review.bureau import bureau_key_path, unlock_bureau_key
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.ui.first_run import ROLE_REVIEW, ROLE_UNIT, FirstRunWizard, is_fresh_dir
from fazhi_desktop.ui.review_window import ReviewWindow, is_review_dir
from fazhi_desktop.ui.tasks import TaskRunner

pytest_plugins = ["test_ui_support"]
PASSPHRASE = "县司法局口令 2026"


def _fill_bureau(wizard: FirstRunWizard, name: str, p1: str, p2: str) -> None:
    wizard.role_page.review.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.bureau_page
    wizard.bureau_page.name.setText(name)
    wizard.bureau_page.pass1.setText(p1)
    wizard.bureau_page.pass2.setText(p2)


def test_the_bureau_choice_sets_up_a_reviewer_directory(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(FirstRunWizard, "key_kdf", FAST)
    d = tmp_path / "bureau"
    assert is_fresh_dir(d)
    wizard = FirstRunWizard(d, TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_bureau(wizard, "莘县司法局", PASSPHRASE, PASSPHRASE + "x")
    assert not wizard.bureau_page.isComplete() and "不一致" in wizard.bureau_page.problem.text()
    wizard.bureau_page.pass1.setText("短")
    wizard.bureau_page.pass2.setText("短")
    assert not wizard.bureau_page.isComplete() and "至少" in wizard.bureau_page.problem.text()
    wizard.bureau_page.pass1.setText(PASSPHRASE)
    wizard.bureau_page.pass2.setText(PASSPHRASE)
    assert wizard.bureau_page.isComplete()
    wizard.accept()
    assert wizard.role == ROLE_REVIEW and wizard.result() == QWizard.DialogCode.Accepted
    assert is_review_dir(d) and not is_fresh_dir(d)
    assert unlock_bureau_key(d, PASSPHRASE).fingerprint == wizard.fingerprint
    assert read_key_info(bureau_key_path(d)).fingerprint == wizard.fingerprint
    with ReviewStore.open(d) as store:
        assert store.require_bureau().name == "莘县司法局"
    window = ReviewWindow(d, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert "莘县司法局" in window.windowTitle()
    window.close()


def test_the_unit_choice_goes_on_to_the_unit_wizard(qtbot, tmp_path: Path) -> None:
    wizard = FirstRunWizard(tmp_path / "unit", TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.role_page.unit.isChecked() and wizard.role_page.nextId() == -1
    wizard.accept()
    assert wizard.role == ROLE_UNIT and is_fresh_dir(tmp_path / "unit")


def test_run_gui_asks_on_a_fresh_directory_and_opens_the_reviewer_window(
    ui_app, qtbot, tmp_path: Path, monkeypatch, captured_dialogs
) -> None:
    from fazhi_desktop.ui.app import run_gui

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(FirstRunWizard, "key_kdf", FAST)
    shown: list[str] = []

    def answer(self: FirstRunWizard) -> int:
        self.show()  # what exec() does first
        _fill_bureau(self, "", PASSPHRASE, PASSPHRASE)
        self.accept()  # the key is made in the background, as in the real dialog
        qtbot.waitUntil(lambda: self.role is not None, timeout=20_000)
        return int(self.result())

    def window_shown(self) -> int:
        shown.extend(w.windowTitle() for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow))
        return 0

    monkeypatch.setattr(FirstRunWizard, "exec", answer)
    monkeypatch.setattr(QApplication, "exec", window_shown)
    d = tmp_path / "new"
    args = argparse.Namespace(data_dir=d, screenshot=None, page="overview", lang="zh_CN")
    assert run_gui(args) == 0
    assert is_review_dir(d) and not (d / "fazhi.db").exists()
    assert shown and "司法局" in shown[0] and captured_dialogs == []


def test_the_bureau_starts_on_this_years_plan_file_and_a_bad_period_is_refused_before_any_key(
    qtbot, tmp_path: Path, monkeypatch, captured_dialogs
) -> None:
    import json

    from fazhi_desktop.catalogue.registry import builtin_plan_files
    from fazhi_desktop.review.store import REVIEW_DB, Round

    monkeypatch.setattr(FirstRunWizard, "key_kdf", FAST)
    raw = json.loads(builtin_plan_files()[0].read_text(encoding="utf-8"))
    raw["plan"].update(id="shen-2026", version="1.0", year=2026, title="莘县2026年法治政府建设工作计划")
    plan_file = tmp_path / "2026年计划.json"
    plan_file.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(
        "fazhi_desktop.ui.dialog_parts.QFileDialog.getOpenFileName", lambda *a, **k: (str(plan_file), "")
    )
    d = tmp_path / "bureau"
    wizard = FirstRunWizard(d, TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_bureau(wizard, "", PASSPHRASE, PASSPHRASE)
    wizard.bureau_page.plan.browse()  # 选择计划文件…
    assert wizard.bureau_page.plan.text() == str(plan_file)
    wizard.bureau_page.period.setText("2026")  # not how the unit program writes a period
    wizard.accept()
    assert wizard.role is None and captured_dialogs and "写法与单位程序不同" in captured_dialogs[-1][1]
    assert not bureau_key_path(d).exists()  # refused before the key was made
    assert not (d / REVIEW_DB).exists()  # nor the store

    wizard.bureau_page.period.setText("")  # the plan's own year
    wizard.accept()
    assert wizard.role == ROLE_REVIEW
    with ReviewStore.open(d) as store:
        bureau = store.require_bureau()
        assert bureau.round == Round("shen-2026", "2026年度") and bureau.name == "莘县司法局"
