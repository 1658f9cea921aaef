"""The pieces dialogs are built from (ui/dialog_parts.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from fazhi_desktop.ui.dialog_parts import PlanField, action_buttons, passphrase_field, stacked, wrapped_label


def test_wrapped_label_and_passphrase_field(qapp) -> None:
    label = wrapped_label("说明", object_name="error")
    assert label.text() == "说明" and label.wordWrap() and label.objectName() == "error"
    assert wrapped_label().objectName() == ""
    field = passphrase_field("口令")
    assert field.echoMode() == QLineEdit.EchoMode.Password and field.placeholderText() == "口令"


def test_action_buttons_accept_and_cancel(qapp) -> None:
    box, go, cancel = action_buttons("生成")
    assert go.text() == "生成" and box.buttonRole(go) == QDialogButtonBox.ButtonRole.AcceptRole
    assert box.standardButton(cancel) == QDialogButtonBox.StandardButton.Cancel


def test_stacked_keeps_widgets_and_layouts_in_order(qapp) -> None:
    parent = QWidget()
    first, last = QLabel("上"), QLabel("下")
    form = QFormLayout()
    layout = stacked(parent, first, form, last)
    assert parent.layout() is layout
    assert [layout.itemAt(i).widget() or layout.itemAt(i).layout() for i in range(layout.count())] == [
        first,
        form,
        last,
    ]


def test_plan_field_takes_an_id_or_a_chosen_file_and_keeps_its_text_when_cancelled(qapp, monkeypatch) -> None:
    field = PlanField("shen-2021", "计划编号")
    assert field.text() == "shen-2021" and field.edit.placeholderText() == "计划编号"
    answers = iter([("", ""), ("/媒体/U盘/2026年计划.xlsx", "")])
    monkeypatch.setattr(
        "fazhi_desktop.ui.dialog_parts.QFileDialog.getOpenFileName", lambda *a, **k: next(answers)
    )
    field.browse()  # cancelled
    assert field.text() == "shen-2021"
    field.browse()
    assert field.text() == "/媒体/U盘/2026年计划.xlsx"
