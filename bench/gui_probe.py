"""Child process of bench/run_all.py: start a window, quit as soon as it is shown and idle.

    gui_probe.py bare                 a bare PySide6 QMainWindow (the reference)
    gui_probe.py app DATA_DIR         the program's main window on DATA_DIR: shown and idle
    gui_probe.py checked DATA_DIR     … and its background start-up health check finished too
    gui_probe.py switch DATA_DIR N    in-process: N item switches and tree filterings, times on stdout

"Idle" means: the window is exposed, the work the program does on the UI thread right after the first
paint (start-up backup, building the item page) is done and the event queue has drained — the window
answers the clerk at once. The health check runs on a worker thread after that (the window answers
while it runs); `checked` also waits for it, which is what "idle" meant before the check was moved
behind the first paint. Prints nothing else; the parent measures the wall time.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


def _quit_when_idle(app, window, pool, ready=lambda: True) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    def check() -> None:
        handle = window.windowHandle()
        exposed = window.isVisible() and handle and handle.isExposed()
        if exposed and ready() and pool.activeThreadCount() == 0:
            app.quit()
            return
        QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)


def bare() -> int:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    w = QMainWindow()
    w.setCentralWidget(QLabel("法治政府建设自查"))
    w.resize(1200, 800)
    w.show()
    _quit_when_idle(app, w, QThreadPool.globalInstance())
    return app.exec()


def program(data_dir: Path, *, checked: bool = False) -> int:
    from PySide6.QtCore import QThreadPool

    from fazhi_desktop.ui.app import create_app, ui_state
    from fazhi_desktop.ui.session import Session

    app = create_app(data_dir=data_dir)
    session = Session(data_dir, ui_state(data_dir))
    session.open()
    window = session.show_main_window()

    def ready() -> bool:
        task = session.health_task
        return session.started and (not checked or (task is not None and task.done))

    _quit_when_idle(app, window, QThreadPool.globalInstance(), ready)
    code = app.exec()
    session.close()
    return code


def switch(data_dir: Path, count: int) -> int:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.ui.app import create_app, ui_state
    from fazhi_desktop.ui.session import Session

    app = create_app(data_dir=data_dir)
    session = Session(data_dir, ui_state(data_dir))
    session.open()
    window = session.show_main_window(health_check=False)
    QThreadPool.globalInstance().waitForDone()
    while not session.started:
        QApplication.processEvents()
    ids = window.nav.visible_item_ids()
    switches: list[float] = []
    for n in range(count):
        t0 = time.perf_counter()
        window.go_item(ids[(n * 7) % len(ids)])
        QApplication.processEvents()
        switches.append((time.perf_counter() - t0) * 1000)
    # The box filters the tree ~150 ms after the last keystroke: time the keystroke itself (what typing
    # feels like) and, apart, the filtering that follows the pause (apply_search, what the timer runs).
    keys: list[float] = []
    filters: list[float] = []
    for text in ["法治", "T1", "培训", "", "公平竞争", "I4", "行政复议", ""] * 5:
        t0 = time.perf_counter()
        window.nav.search.setText(text)
        QApplication.processEvents()
        keys.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        window.nav.apply_search()
        QApplication.processEvents()
        filters.append((time.perf_counter() - t0) * 1000)
    session.close()
    json.dump(
        {
            "switch_median_ms": statistics.median(switches),
            "switch_worst_ms": max(switches),
            "filter_median_ms": statistics.median(filters),
            "filter_worst_ms": max(filters),
            "keystroke_median_ms": statistics.median(keys),
            "keystroke_worst_ms": max(keys),
        },
        sys.stdout,
    )
    app.quit()
    return 0


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "bare":
        sys.exit(bare())
    if what in ("app", "checked"):
        sys.exit(program(Path(sys.argv[2]), checked=what == "checked"))
    sys.exit(switch(Path(sys.argv[2]), int(sys.argv[3])))
