"""Every failure a clerk can cause or meet, as a plain Chinese message; details go to the log.

`explain(exc)` turns an exception into what to tell the user; `show_error` shows it; the excepthook
does the same for anything unexpected. A traceback never reaches a dialog: it goes to the log file, and
the dialog says where that file is.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fazhi_desktop.errors import FazhiError, describe_os_error

log = logging.getLogger(__name__)

# Messages are marked here (lupdate extracts literal strings only) and translated when shown.
_M = {
    "failed": QT_TRANSLATE_NOOP("ErrorDialog", "无法完成操作"),
    "locked_title": QT_TRANSLATE_NOOP("ErrorDialog", "数据库被占用"),
    "locked": QT_TRANSLATE_NOOP(
        "ErrorDialog",
        "数据库正被另一个程序占用，刚才的修改没有写入。"
        "请关闭另外打开的本程序（或正在复制数据目录的程序）后重试。",
    ),
    "corrupt_title": QT_TRANSLATE_NOOP("ErrorDialog", "数据库已损坏"),
    "corrupt": QT_TRANSLATE_NOOP(
        "ErrorDialog",
        "本地数据库文件已损坏，无法继续写入。请用“文件 → 从备份恢复”"
        "恢复最近的自动备份（启动时打不开数据库，程序也会列出备份），或把数据目录交给技术人员处理。",
    ),
    "full_title": QT_TRANSLATE_NOOP("ErrorDialog", "磁盘空间已满"),
    "full": QT_TRANSLATE_NOOP(
        "ErrorDialog",
        "磁盘空间已满，刚才的操作没有完成，已填写的内容没有丢失。请删除不需要的文件、腾出空间后重试。",
    ),
    "missing_title": QT_TRANSLATE_NOOP("ErrorDialog", "找不到文件"),
    "missing": QT_TRANSLATE_NOOP(
        "ErrorDialog",
        "找不到文件“{name}”：它可能已被移动、改名或删除，或者所在的U盘已拔出。请找到该文件后重新添加。",
    ),
    "denied_title": QT_TRANSLATE_NOOP("ErrorDialog", "没有权限"),
    "denied": QT_TRANSLATE_NOOP(
        "ErrorDialog", "没有权限读写“{name}”。请确认文件没有被其他程序打开、U盘没有写保护，或换一个位置再试。"
    ),
    "io_title": QT_TRANSLATE_NOOP("ErrorDialog", "读写文件失败"),
    "io": QT_TRANSLATE_NOOP(
        "ErrorDialog", "读写文件时出错（{why}）。请检查U盘或磁盘是否正常连接，然后重试。"
    ),
    "bug_title": QT_TRANSLATE_NOOP("ErrorDialog", "程序出现意外问题"),
    "bug": QT_TRANSLATE_NOOP(
        "ErrorDialog",
        "程序遇到了意外问题，刚才的操作没有完成；之前填写的内容都已保存。"
        "如果问题反复出现，请把日志文件发给技术支持。",
    ),
    "log_at": QT_TRANSLATE_NOOP("ErrorDialog", "详细信息已记入日志文件：{path}"),
    "open_log": QT_TRANSLATE_NOOP("ErrorDialog", "打开日志文件夹"),
    # what was being done, then what went wrong (the separator is the language's own)
    "doing": QT_TRANSLATE_NOOP("ErrorDialog", "{doing}：{message}"),
}


def _tr(key: str) -> str:
    return QCoreApplication.translate("ErrorDialog", _M[key])


@dataclass(frozen=True)
class Explanation:
    """What the dialog says: a title, the message (what happened and what to do), and whether it is a bug."""

    title: str
    message: str
    unexpected: bool = False


def explain(exc: BaseException) -> Explanation:
    """The plain-language explanation of an exception."""
    if isinstance(exc, FazhiError):
        return Explanation(_tr("failed"), exc.message)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
        return Explanation(_tr("locked_title"), _tr("locked"))
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return Explanation(_tr("corrupt_title"), _tr("corrupt"))
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Explanation(_tr("full_title"), _tr("full"))
    if isinstance(exc, FileNotFoundError):
        name = Path(exc.filename or "").name or str(exc.filename or "")
        return Explanation(_tr("missing_title"), _tr("missing").format(name=name))
    if isinstance(exc, PermissionError):
        return Explanation(_tr("denied_title"), _tr("denied").format(name=exc.filename or ""))
    if isinstance(exc, OSError):
        # The system's own text is often English: the clerk reads the reason in Chinese, the log keeps the rest.
        return Explanation(_tr("io_title"), _tr("io").format(why=describe_os_error(exc)))
    return Explanation(_tr("bug_title"), _tr("bug"), unexpected=True)


_log_file: Path | None = None


def set_log_file(path: Path | None) -> None:
    """Where the log is, so dialogs can say so."""
    global _log_file
    _log_file = path


def present(parent: QWidget | None, title: str, message: str, log_file: Path | None) -> None:
    """Show the message box (tests replace this function to capture what would be shown)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    if log_file is not None:
        box.setInformativeText(_tr("log_at").format(path=log_file))
        open_btn = box.addButton(_tr("open_log"), QMessageBox.ButtonRole.ActionRole)
        open_btn.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent))))
    box.exec()


def show_error(parent: QWidget | None, exc: BaseException, *, doing: str = "") -> Explanation:
    """Log `exc` (with its traceback when unexpected) and tell the user what to do."""
    exp = explain(exc)
    detail = getattr(exc, "detail", "")
    if exp.unexpected:
        log.error("意外错误%s", f"（{doing}）" if doing else "", exc_info=exc)
    else:
        log.warning("%s%s: %s %s", doing, exp.title, exp.message, detail, exc_info=exc)
    message = exp.message if not doing else _tr("doing").format(doing=doing, message=exp.message)
    show_log = exp.unexpected or not isinstance(exc, FazhiError)
    present(parent, exp.title, message, _log_file if show_log else None)
    return exp


def show_message(parent: QWidget | None, title: str, message: str) -> None:
    """A plain warning that is not an exception (e.g. a second copy is running)."""
    log.warning("%s: %s", title, message)
    present(parent, title, message, None)


_in_hook = False


def _excepthook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    global _in_hook
    if issubclass(etype, KeyboardInterrupt):
        sys.__excepthook__(etype, value, tb)
        return
    log.error("未处理的异常", exc_info=(etype, value, tb))
    if _in_hook or QApplication.instance() is None:
        sys.__excepthook__(etype, value, tb)
        return
    _in_hook = True  # an error while showing the dialog must not recurse
    try:
        exp = explain(value)
        present(QApplication.activeWindow(), exp.title, exp.message, _log_file)
    except Exception:  # noqa: BLE001 - last resort: the log already has the original error
        sys.__excepthook__(etype, value, tb)
    finally:
        _in_hook = False


def install_excepthook() -> None:
    """Route unexpected exceptions (also those raised in Qt slots) to the log and a plain dialog."""
    sys.excepthook = _excepthook
