"""The reviewer window, issue 10: a unit key replaced in the keys dialog, a 回执 for any received package of a
unit (not only the current one), packages dropped on the window imported. Real stores, real signed packages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_ui_review
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from review_corpus import BUREAU_PASS, bureau_trusting, copy_to, sent_twice
from test_ui_support import drop_files

from fazhi_desktop.package.fingerprint import display_fingerprint, fingerprint_of
from fazhi_desktop.review.trust import list_keys
from fazhi_desktop.ui.review_window import ReviewWindow
from fazhi_desktop.ui.tasks import TaskRunner

shown_errors = test_ui_review.shown_errors  # the error dialog's messages, as fixture `shown_errors`


def _window(qtbot, data_dir: Path) -> ReviewWindow:
    window = ReviewWindow(data_dir, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    return window


@pytest.fixture
def two_versions(tmp_path: Path, unit_factory):
    """A registered unit that sent two packages (第1版 superseded by 第2版), and an unregistered one."""
    a, b = unit_factory("县统计局"), unit_factory("县医疗保障局")
    sent_twice(a, tmp_path)
    b.answer()
    b.export(tmp_path / "stick1")
    return bureau_trusting(tmp_path, a), a, b


def _new_public_pem(path: Path) -> tuple[Path, str]:
    public = Ed25519PrivateKey.generate().public_key()
    path.write_bytes(
        public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return path, fingerprint_of(raw)


def _row_of(table, text: str, col: int = 0, *, where=None) -> int:
    return next(
        r
        for r in range(table.rowCount())
        if table.item(r, col).text() == text and (where is None or where(r))
    )


def test_a_unit_key_is_replaced_in_the_dialog_and_the_old_one_kept_with_its_date(
    qtbot, two_versions, tmp_path: Path, shown_errors: list[str], monkeypatch
) -> None:
    from fazhi_desktop.ui.review_keys import KeysDialog

    d, a, b = two_versions
    window = _window(qtbot, d)
    window.show_keys()
    dialog = window.keys_dialog
    assert isinstance(dialog, KeysDialog)
    assert dialog.table.horizontalHeaderItem(4).text() == "停用于"

    dialog.unit.setCurrentText(b.name)  # b has no key yet: replacing is refused, and said
    dialog.key.setText(b.key.fingerprint[:32])
    dialog.replace()
    assert shown_errors and "还没有登记密钥" in shown_errors[-1] and dialog.table.rowCount() == 1

    dialog.table.selectRow(_row_of(dialog.table, a.name))
    assert dialog.unit.currentText() == a.name  # the selected row names the unit
    dialog.key.setText(str(a.public_pem(tmp_path)))  # the same key again is refused
    dialog.replace()
    assert "相同" in shown_errors[-1] and not dialog.changed

    new_pem, new_fp = _new_public_pem(tmp_path / "新公钥.pem")
    monkeypatch.setattr(
        "fazhi_desktop.ui.review_keys.QFileDialog.getOpenFileName", lambda *a, **k: (str(new_pem), "")
    )
    dialog.key.clear()  # an empty key field asks for the new key file
    dialog.note.setText("电脑更换")
    dialog.replace()
    assert dialog.changed and "已换用新密钥" in dialog.message.text()
    assert display_fingerprint(new_fp) in dialog.message.text() and "已留档" in dialog.message.text()
    keys = list_keys(window.store, a.name)
    assert [k.status for k in keys] == ["replaced", "active"] and keys[1].fingerprint == new_fp
    assert keys[0].ended_at and keys[1].note == "电脑更换"
    old_row = _row_of(dialog.table, a.name, where=lambda r: dialog.table.item(r, 2).text() == "已更换")
    assert dialog.table.item(old_row, 4).text() == keys[0].ended_at[:10]
    assert dialog.table.item(old_row, 1).text() == display_fingerprint(a.key.fingerprint)

    new_row = _row_of(dialog.table, a.name, where=lambda r: dialog.table.item(r, 2).text() == "有效")
    dialog.table.selectRow(new_row)  # the new key is the one revoked
    dialog.revoke_selected()
    assert [k.status for k in list_keys(window.store, a.name)] == ["replaced", "revoked"]
    dialog.table.selectRow(old_row)
    dialog.revoke_selected()  # an old key needs no revoking: said, nothing changes
    assert "无需吊销" in dialog.message.text()
    window.close()


def test_a_receipt_can_be_signed_for_a_package_that_is_no_longer_current(
    qtbot, two_versions, tmp_path: Path, shown_errors: list[str], monkeypatch
) -> None:
    from fazhi_desktop.ui.review_packages import PackageChooser

    d, a, _b = two_versions
    window = _window(qtbot, d)
    window.import_paths([tmp_path / "stick1"])
    window.import_paths([tmp_path / "stick2"])
    window.matrix.selectRow(_row_of(window.matrix, a.name, 1))

    chooser = PackageChooser(window.store, a.name, window)
    qtbot.addWidget(chooser)
    assert chooser.table.rowCount() == 2
    shown = [[chooser.table.item(r, c).text() for c in (0, 4)] for r in range(2)]
    assert shown == [["第2版", "现行"], ["第1版", "已被新版本取代"]]
    assert chooser.chosen() is not None and chooser.chosen().sequence == 2  # the current one first
    chooser.table.selectRow(1)
    old = chooser.chosen()
    assert old is not None and old.sequence == 1 and old.standing == "superseded"

    # The toolbar's 签发回执… asks which package, suggests a file name with its version, then signs it.
    monkeypatch.setattr(PackageChooser, "exec", lambda self: (self.table.selectRow(1), 1)[1])
    asked: list[str] = []

    def save_as(_parent, _title, suggested, _pattern):
        asked.append(suggested)
        return str(tmp_path / "旧版回执.json"), ""

    monkeypatch.setattr("fazhi_desktop.ui.review_window.QFileDialog.getSaveFileName", save_as)
    monkeypatch.setattr(
        "fazhi_desktop.ui.review_window.QInputDialog.getText", lambda *a, **k: (BUREAU_PASS, True)
    )
    window.choose_issue("receipt")
    assert asked and asked[0].endswith(f"{a.name}-第1版-回执.json")
    body = json.loads((tmp_path / "旧版回执.json").read_text(encoding="utf-8"))["body"]
    body = json.loads(body) if isinstance(body, str) else body
    assert body["kind"] == "receipt" and body["package_id"] == old.package_id
    assert body["zip_sha256"] == old.zip_sha256 and "已签发回执" in window.status.text()

    monkeypatch.setattr(PackageChooser, "exec", lambda self: 0)  # cancelled: nothing is asked or signed
    asked.clear()
    window.choose_issue("receipt")
    assert not asked and not shown_errors
    window.close()


def test_packages_dropped_on_the_reviewer_window_are_imported(qtbot, two_versions, tmp_path: Path) -> None:
    d, a, _b = two_versions
    window = _window(qtbot, d)
    first = copy_to(a.packages[0], tmp_path / "drop")
    drop_files(window, [first])
    assert window.matrix.rowCount() == 1 and window.matrix.item(0, 2).text() == "第1版"
    assert "已接收" in window.status.text() and a.name in window.status.text()
    drop_files(window, [first])
    assert "重复" in window.status.text()
    drop_files(window, [a.packages[1]])
    assert window.matrix.item(0, 2).text() == "第2版" and "取代" in window.status.text()
    window.close()


def test_the_reviewer_window_fits_an_office_screen(qtbot, monkeypatch) -> None:
    """1280×800 does not fit a 1366×768 screen: there it opens maximised; elsewhere at its size, never
    beyond the screen."""
    from PySide6.QtWidgets import QMainWindow

    from fazhi_desktop.ui import review_window

    for small in (True, False):
        monkeypatch.setattr(review_window, "is_small_screen", lambda _size, small=small: small)
        w = QMainWindow()
        qtbot.addWidget(w)
        w.resize(4000, 3000)
        review_window.show_fitting(w)
        available = w.screen().availableGeometry().size()
        assert w.isVisible() and w.isMaximized() == small
        if not small:
            assert w.width() <= available.width() and w.height() <= available.height()
