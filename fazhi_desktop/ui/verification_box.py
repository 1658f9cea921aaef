"""The message box a double-clicked package file opens: the `verify` verb's words, passed or not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from fazhi_desktop.ui.app import create_app


def show_verification_box(package: Path, code: int, text: str) -> int:
    """Show the outcome of verifying `package` (exit `code`, the verb's `text`); return `code`."""
    create_app()
    box = QMessageBox()
    box.setWindowTitle(QCoreApplication.translate("OpenPackage", "上报包核验"))
    if code == 0:
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(QCoreApplication.translate("OpenPackage", "核验通过：{name}").format(name=package.name))
    else:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(QCoreApplication.translate("OpenPackage", "核验未通过：{name}").format(name=package.name))
    box.setInformativeText(text)
    box.exec()
    return code
