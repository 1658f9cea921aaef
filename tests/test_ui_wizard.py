"""The set-up wizard: pick the unit (by alias or a township's own name), contact, period, key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard
from test_ui_support import set_up, type_text

from fazhi_desktop.package.keys import key_path, read_key_info
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.setup_wizard import SetupWizard
from fazhi_desktop.ui.tasks import TaskRunner

pytest_plugins = ["test_ui_support"]  # the GUI fixtures (app, session, window)


@pytest.fixture
def wizard(ui_app, data_dir: Path, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    ws = Workspace.open(data_dir)
    w = SetupWizard(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(w)
    w.show()
    yield w
    ws.close()


def test_alias_search_filters_the_directory_and_resolves(wizard):
    page = wizard.unit_page
    type_text(page.search, "县发改委")
    assert page.proxy.rowCount() == 1
    assert "县发展和改革局" in page.proxy.index(0, 0).data()
    assert page.isComplete()
    assert page.resolved.name == "县发展和改革局"
    assert "须填报" in page.result.text()


def test_unknown_name_is_not_accepted_and_suggests(wizard):
    page = wizard.unit_page
    page.search.setText("县发改")
    assert page.resolved is None or page.resolved.name == "县发展和改革局"
    page.search.setText("不存在的单位名称")
    assert not page.isComplete()
    assert "找不到" in page.result.text()


def test_clicking_a_directory_row_picks_it(wizard, qtbot):
    page = wizard.unit_page
    page.search.setText("司法")
    index = page.proxy.index(0, 0)
    page._picked(index)
    assert page.search.text() == "县司法局" and page.isComplete()


def test_first_run_writes_profile_period_and_key(wizard, data_dir: Path):
    type_text(wizard.unit_page.search, "燕店镇")
    wizard.next()
    assert wizard.currentPage() is wizard.contact_page
    type_text(wizard.contact_page.contact, "刘晓燕")
    wizard.contact_page.phone.setText("0635-7361234")
    wizard.next()
    assert wizard.currentPage() is wizard.period_page
    wizard.period_page.year.setValue(2021)
    wizard.next()
    key_page = wizard.key_page
    key_page.pass1.setText("short")
    key_page.pass2.setText("short")
    assert not key_page.isComplete()
    key_page.pass1.setText("yandian-2021!")
    key_page.pass2.setText("yandian-2021?")
    assert not key_page.isComplete() and "不一致" in key_page.status.text()
    key_page.pass2.setText("yandian-2021!")
    assert key_page.isComplete()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    with Workspace.open(data_dir) as ws:
        profile = ws.require_profile()
        assert (profile.unit_name, profile.contact, profile.phone) == (
            "燕店镇人民政府",
            "刘晓燕",
            "0635-7361234",
        )
        assert ws.period.label == "2021年度"
        assert profile.key_fingerprint == read_key_info(key_path(data_dir)).fingerprint


def test_bad_phone_keeps_the_contact_page(wizard):
    type_text(wizard.unit_page.search, "燕店镇")
    wizard.next()
    type_text(wizard.contact_page.contact, "刘晓燕")
    wizard.contact_page.phone.setText("电话号码")
    wizard.next()
    assert wizard.currentPage() is wizard.contact_page
    assert "格式不对" in wizard.contact_page.error.text()


def test_reopened_wizard_is_prefilled_and_changes_contact(ui_app, data_dir: Path, qtbot, monkeypatch):
    set_up(data_dir)
    with Workspace.open(data_dir) as ws:
        w = SetupWizard(ws, TaskRunner(synchronous=True))
        qtbot.addWidget(w)
        assert w.unit_page.search.text() == "燕店镇" and w.unit_page.isComplete()
        assert w.contact_page.contact.text() == "刘晓燕"
        w.contact_page.contact.setText("张伟")
        # No key yet: the key page asks for one; with a key it only shows the fingerprint.
        w.key_page.pass1.setText("another-pass-1")
        w.key_page.pass2.setText("another-pass-1")
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
        w.accept()
        assert ws.require_profile().contact == "张伟"
        w2 = SetupWizard(ws, TaskRunner(synchronous=True))
        qtbot.addWidget(w2)
        assert not w2.key_page.needs_key() and w2.key_page.isComplete()


def test_contact_name_is_required(wizard):
    type_text(wizard.unit_page.search, "燕店镇")
    wizard.next()
    wizard.contact_page.contact.setText("   ")
    wizard.contact_page.phone.setText("0635-7361234")
    wizard.next()
    assert wizard.currentPage() is wizard.contact_page
    assert "请填写联系人姓名" in wizard.contact_page.error.text()
    type_text(wizard.contact_page.contact, "刘晓燕")
    wizard.next()
    assert wizard.currentPage() is not wizard.contact_page


def test_contact_page_mnemonics_do_not_clash_with_the_wizard_buttons(wizard):
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel, QWizard

    type_text(wizard.unit_page.search, "燕店镇")
    wizard.next()
    texts = [label.text() for label in wizard.contact_page.findChildren(QLabel)]
    texts += [
        wizard.button(b).text()
        for b in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CancelButton,
        )
        if isinstance(wizard.button(b), QAbstractButton)
    ]
    keys = [m.upper() for t in texts for m in re.findall(r"&([A-Za-z])", t)]
    assert "N" in keys and len(keys) == len(set(keys)), texts
