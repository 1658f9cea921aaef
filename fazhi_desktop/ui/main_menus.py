"""Menus, toolbar and shortcuts of the main window (kept apart so the window stays small)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from fazhi_desktop.ui.i18n import LANGUAGES

if TYPE_CHECKING:
    from fazhi_desktop.ui.main_window import MainWindow


@dataclass
class WindowActions:
    overview: QAction
    next_open: QAction
    prev: QAction
    next: QAction
    export: QAction
    wizard: QAction
    undo: QAction
    redo: QAction
    preview: QAction
    next_returned: QAction


def build_menus(w: MainWindow) -> WindowActions:
    return MainMenus(w).build(w)


class MainMenus(QObject):
    """Builds the menus; a QObject so that its strings have a translation context of their own."""

    def build(self, w: MainWindow) -> WindowActions:
        style = w.style()

        overview = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView), self.tr("概览"), w
        )
        overview.setShortcut(QKeySequence("Ctrl+1"))
        overview.setToolTip(self.tr("总体进度、缺项和整改时限（Ctrl+1）"))
        overview.setCheckable(True)
        overview.triggered.connect(w.show_overview)
        next_open = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward), self.tr("下一个未完成"), w
        )
        next_open.setShortcut(QKeySequence("F8"))
        next_open.setToolTip(self.tr("跳到下一个还没填完的事项（F8）"))
        next_open.triggered.connect(w.next_incomplete)
        next_returned = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning), self.tr("下一个退回项"), w
        )
        next_returned.setShortcut(QKeySequence("Shift+F8"))
        next_returned.setToolTip(self.tr("跳到下一个县司法局退回修改、还没有改过的事项（Shift+F8）"))
        next_returned.triggered.connect(w.next_returned)
        prev = QAction(self.tr("上一项"), w)
        prev.setShortcut(QKeySequence("Ctrl+PgUp"))
        prev.triggered.connect(lambda: w.step(-1))
        nxt = QAction(self.tr("下一项"), w)
        nxt.setShortcut(QKeySequence("Ctrl+PgDown"))
        nxt.triggered.connect(lambda: w.step(1))
        export = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton), self.tr("生成上报包"), w
        )
        export.setShortcut(QKeySequence("Ctrl+E"))
        export.triggered.connect(w.export_package)
        export.setToolTip(self.tr("生成签名的上报包，保存到U盘（Ctrl+E）"))
        preview = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView), self.tr("预览自查报告"), w
        )
        preview.setShortcut(QKeySequence.StandardKey.Print)
        preview.setToolTip(
            self.tr("按现在填写的内容生成自查报告草稿，用系统的 PDF 阅读程序打开，可先看看再打印（Ctrl+P）")
        )
        preview.triggered.connect(w.preview_report)
        wizard = QAction(self.tr("单位设置（重新打开向导）…"), w)
        wizard.triggered.connect(w.open_wizard)
        key = QAction(self.tr("签名密钥…"), w)
        key.triggered.connect(w.manage_key)
        undo = w.undo_group.createUndoAction(w, self.tr("撤销"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = w.undo_group.createRedoAction(w, self.tr("重做"))
        redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        find = QAction(self.tr("搜索事项"), w)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(w.focus_search)
        quit_ = QAction(self.tr("退出"), w)
        quit_.setShortcut(QKeySequence("Ctrl+Q"))
        quit_.triggered.connect(w.close)

        menu = w.menuBar()
        m = menu.addMenu(self.tr("文件(&F)"))
        m.addAction(wizard)
        m.addAction(key)
        m.addAction(self.tr("导入计划…"), w.import_plan)
        m.addAction(self.tr("导入退回包…"), lambda: w.import_return())
        m.addSeparator()
        m.addAction(preview)
        m.addAction(export)
        m.addAction(self.tr("生成年度报告（草稿）…"), w.draft_annual_report)
        m.addSeparator()
        m.addAction(self.tr("从备份恢复…"), w.restore_from_backup)
        m.addAction(self.tr("打开数据目录"), w.open_data_dir)
        m.addSeparator()
        m.addAction(quit_)
        m = menu.addMenu(self.tr("编辑(&E)"))
        m.addAction(undo)
        m.addAction(redo)
        m.addSeparator()
        m.addAction(find)
        m = menu.addMenu(self.tr("视图(&V)"))
        m.addAction(overview)
        m.addAction(next_open)
        m.addAction(next_returned)
        m.addAction(prev)
        m.addAction(nxt)
        m.addSeparator()
        lang_menu = m.addMenu(self.tr("界面语言"))
        group = QActionGroup(w)
        current = w.ui_state.value("language", "zh_CN")
        for code, name in LANGUAGES.items():
            a = lang_menu.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == current)
            a.triggered.connect(lambda _c=False, code=code: w.set_language(code))
            group.addAction(a)
        m = menu.addMenu(self.tr("帮助(&H)"))
        m.addAction(self.tr("使用说明"), w.show_help)
        m.addAction(self.tr("打开日志文件夹"), w.open_log_dir)
        m.addSeparator()
        m.addAction(self.tr("关于"), w.show_about)

        bar = QToolBar(self.tr("工具栏"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(bar.toolButtonStyle().ToolButtonTextBesideIcon)
        em = w.fontMetrics().height()
        bar.setIconSize(QSize(em, em))
        bar.addAction(overview)
        bar.addAction(next_open)
        bar.addAction(
            next_returned
        )  # shown while a 退回包 has items not yet re-answered (MainWindow.refresh)
        bar.addSeparator()
        bar.addAction(preview)
        bar.addAction(export)
        w.addToolBar(bar)
        return WindowActions(
            overview, next_open, prev, nxt, export, wizard, undo, redo, preview, next_returned
        )
