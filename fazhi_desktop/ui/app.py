"""Start the desktop program: the application factory and the start-up sequence.

`create_app()` builds the QApplication (font, translations, locale, look) and is what tests build;
`run_gui(args)` is what `fazhi-desktop` runs without a sub-command: log file, single-instance lock,
database, first-run wizard, main window — or, with `--screenshot`, a picture of the window.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from fazhi_desktop.ui.error_dialog import install_excepthook, set_log_file, show_error, show_message
from fazhi_desktop.ui.fonts import register_cjk_font
from fazhi_desktop.ui.i18n import install_translators, normalise_lang
from fazhi_desktop.ui.icons import icon
from fazhi_desktop.ui.logsetup import setup_logging
from fazhi_desktop.ui.style import apply_style

log = logging.getLogger(__name__)

EXIT_ALREADY_RUNNING = 3
EXIT_CANNOT_OPEN = 2
UI_STATE_FILE = "ui.ini"


def ui_state(data_dir: Path) -> QSettings:
    """Window geometry and the interface language: per data directory, beside the database."""
    return QSettings(str(Path(data_dir) / UI_STATE_FILE), QSettings.Format.IniFormat)


def create_app(
    *, lang: str | None = None, data_dir: Path | None = None, argv: list[str] | None = None
) -> QApplication:
    """The QApplication with the CJK font, translations (Chinese unless `lang` says otherwise) and style."""
    app = QApplication.instance()
    if app is None:
        # Fractional scaling (125 %, 150 %) as the system asks, not rounded to whole numbers.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("fazhi-desktop")
    app.setOrganizationName("fazhi-desktop")
    register_cjk_font(app)
    app._fazhi_translators = install_translators(app, normalise_lang(lang), data_dir)  # type: ignore[attr-defined]
    app.setApplicationDisplayName(QCoreApplication.translate("App", "法治政府建设自查"))
    app.setWindowIcon(icon("app"))
    apply_style(app)
    return app


def run_gui(args: argparse.Namespace) -> int:
    """The desktop program; returns the exit code."""
    from fazhi_desktop.ui.display import EXIT_NO_DISPLAY, prepare_display, prepare_input_method
    from fazhi_desktop.ui.session import Session

    if no_display := prepare_display(screenshot=bool(args.screenshot)):
        print(no_display, file=sys.stderr)
        return EXIT_NO_DISPLAY
    ime_plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforminputcontexts"
    rerouted = prepare_input_method(plugin_dir=str(ime_plugins))

    data_dir = Path(args.data_dir)
    log_file = setup_logging(data_dir)
    set_log_file(log_file)
    lang = getattr(args, "lang", None) or ui_state(data_dir).value("language") or None
    app = create_app(lang=lang, data_dir=data_dir)
    install_excepthook()
    log.info("启动：数据目录 %s", data_dir)
    if rerouted:
        log.info(
            "输入法：QT_IM_MODULE=fcitx 没有对应的 Qt 插件，改经 fcitx5 的 IBus 接口（QT_IM_MODULE=ibus）"
        )

    from fazhi_desktop.ui.instance_lock import InstanceLock

    lock = InstanceLock(data_dir)
    if not lock.acquire():
        text = QCoreApplication.translate(
            "App",
            "本程序已经在运行（数据目录 {dir}）。请切换到已经打开的窗口；如果看不到它，请稍等片刻或重新启动电脑。",
        ).format(dir=data_dir)
        print(text, file=sys.stderr)
        if not args.screenshot:
            show_message(None, QCoreApplication.translate("App", "本程序已经在运行"), text)
        return EXIT_ALREADY_RUNNING
    try:
        from fazhi_desktop.ui.review_window import is_review_dir, run_review_window

        if is_review_dir(data_dir):  # the county justice bureau's data directory: the reviewer window
            return run_review_window(data_dir, Path(args.screenshot) if args.screenshot else None)
        session = Session(data_dir, ui_state(data_dir))
        try:
            session.open()
        except Exception as exc:  # noqa: BLE001 - shown in plain words; details are in the log
            if args.screenshot:
                print(str(getattr(exc, "message", exc)), file=sys.stderr)
                return EXIT_CANNOT_OPEN
            show_error(None, exc, doing=QCoreApplication.translate("App", "打开数据"))
            if not _restore_at_start(session):
                return EXIT_CANNOT_OPEN
        if args.screenshot:
            from fazhi_desktop.ui.screenshot import take_screenshot

            return take_screenshot(session, Path(args.screenshot), args.page or "overview")
        if not session.ensure_profile():
            return 0
        from fazhi_desktop.safety.key_exposure import exposed_key_warning

        if warning := exposed_key_warning(data_dir):  # a portable copy on an exFAT/FAT32 stick
            log.warning(warning)
            show_message(None, QCoreApplication.translate("App", "签名密钥没有文件权限保护"), warning)
        start_page = args.page or "overview"  # --page item:T07 opens the window at that item
        while True:
            window = session.show_main_window()
            if start_page.startswith("item:"):
                _open_start_item(session, window, start_page.split(":", 1)[1])
                start_page = "overview"
            code = app.exec()
            if session.restore_requested is None:
                session.close()
                return code
            try:  # 文件 → 从备份恢复 closed the window: swap the database, then show it again
                session.restore(session.restore_requested)
            except Exception as exc:  # noqa: BLE001
                show_error(None, exc, doing=QCoreApplication.translate("App", "从备份恢复"))
                session.restore_requested = None
                session.open()
    finally:
        lock.release()
        log.info("退出")


def _open_start_item(session, window, item_id: str) -> None:
    from fazhi_desktop.errors import FazhiError

    try:
        window.go_item(session.ws.assignment(item_id).item.id)
    except FazhiError as exc:  # an unknown or unassigned item: say so, stay on the overview
        print(exc.message, file=sys.stderr)


def _restore_at_start(session) -> bool:
    """The database cannot be opened: offer the automatic backups; True when one was restored."""
    from fazhi_desktop.ui.restore_dialog import choose_backup

    reason = QCoreApplication.translate("App", "数据库无法打开。如果它已损坏，可以恢复一份自动备份。")
    backup = choose_backup(session.data_dir, None, reason)
    if backup is None:
        return False
    try:
        session.restore(backup)
    except Exception as exc:  # noqa: BLE001 - plain words; details in the log
        show_error(None, exc, doing=QCoreApplication.translate("App", "从备份恢复"))
        return False
    return True
