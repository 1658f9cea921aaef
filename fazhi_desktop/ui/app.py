"""Start the desktop program (placeholder window until the GUI lands)."""

from __future__ import annotations

import argparse


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("法治政府建设自查")
    label.resize(480, 200)
    label.show()
    return app.exec()
