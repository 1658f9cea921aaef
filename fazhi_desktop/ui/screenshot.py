"""`fazhi-desktop --screenshot FILE.png [--page overview|item:ID|wizard]`: render a screen and exit.

The window is rendered with `QWidget.grab()`, which works on the offscreen platform as well as on a
display, after the event loop has laid everything out, at the size of the window maximised on a
1366×768 office screen (window_size.SCREENSHOT_SIZE), so that docs/ shows what most clerks see.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.ui.window_size import SCREENSHOT_SIZE

log = logging.getLogger(__name__)


def _settle() -> None:
    """Let layouts, style polish and deferred deletes finish before rendering."""
    for _ in range(5):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QCoreApplication.sendPostedEvents()


def save_widget(widget: QWidget, path: Path) -> bool:
    _settle()
    pixmap = widget.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    return pixmap.save(str(path), "PNG")


def take_screenshot(session, path: Path, page: str) -> int:
    """Render `page` of the program on `session`'s data directory to `path`; returns the exit code."""
    ws = session.ws
    page = (page or "overview").strip()
    if page == "wizard" or ws.profile is None:
        from fazhi_desktop.ui.setup_wizard import SetupWizard

        widget: QWidget = SetupWizard(ws, session.runner)  # at the size it opens at (font-based)
    else:
        window = session.build_window()
        window.resize(*SCREENSHOT_SIZE)
        window.reset_splitter(SCREENSHOT_SIZE[0])
        widget = window
        if page.startswith("item:"):
            try:
                item_id = ws.assignment(page.split(":", 1)[1]).item.id  # checked first: no dialog here
            except FazhiError as exc:
                print(exc.message, file=sys.stderr)
                return 2
            window.go_item(item_id)
        elif page != "overview":
            print(f"未知的页面“{page}”：可用 overview、item:编号（如 item:T07）或 wizard", file=sys.stderr)
            return 2
    widget.show()
    ok = save_widget(widget, path)
    widget.hide()  # not close(): that would store the screenshot's size as the clerk's window geometry
    session.close()
    QApplication.processEvents()
    if not ok:
        print(f"无法保存截图到 {path}", file=sys.stderr)
        return 1
    print(str(path))
    return 0
