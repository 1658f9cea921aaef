"""The message box a double-clicked package file opens: the `verify` verb's words, passed or not; in
reviewer mode what the import made of the package (stored, duplicate, quarantined with the reason, …)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from fazhi_desktop.ui.app import create_app


def show_verification_box(package: Path, code: int, text: str) -> int:
    """Show the outcome of verifying `package` (exit `code`, the verb's `text`); return `code`."""
    create_app()  # first: its translations serve the words below
    if code == 0:
        headline = QCoreApplication.translate("OpenPackage", "核验通过：{name}").format(name=package.name)
    else:
        headline = QCoreApplication.translate("OpenPackage", "核验未通过：{name}").format(name=package.name)
    return _show(QCoreApplication.translate("OpenPackage", "上报包核验"), code, headline, text)


def show_import_box(code: int, headline: str, detail: str) -> int:
    """Show what the reviewer store made of an opened package (app/review_open.py's words); return `code`."""
    create_app()
    return _show(QCoreApplication.translate("OpenPackage", "导入上报包（审核）"), code, headline, detail)


def _show(title: str, code: int, headline: str, detail: str) -> int:
    box = QMessageBox()
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Information if code == 0 else QMessageBox.Icon.Warning)
    box.setText(headline)
    box.setInformativeText(detail)
    box.exec()
    return code
