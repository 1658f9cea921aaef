"""The main window: navigation tree on the left, the overview or an item page on the right."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.evidence.budget import size_budget
from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.selfcheck.progress import DONE_STATES, STATE_OUT, ProgressReport, check_progress
from fazhi_desktop.selfcheck.returns import returned_items, unanswered_returned_items
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.sizes import format_size
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.file_dialogs import FolderMemory
from fazhi_desktop.ui.icons import icon
from fazhi_desktop.ui.item_filter import RETURNED
from fazhi_desktop.ui.item_page import ItemPage
from fazhi_desktop.ui.item_tree_model import ItemTreeModel, apply_progress, build_tree
from fazhi_desktop.ui.main_menus import build_menus
from fazhi_desktop.ui.narratives_panel import NarrativesPanel
from fazhi_desktop.ui.navigation_panel import NavigationPanel
from fazhi_desktop.ui.overview_page import OverviewPage
from fazhi_desktop.ui.task_status import TaskStatus
from fazhi_desktop.ui.tasks import TaskRunner
from fazhi_desktop.ui.window_size import is_small_screen, nav_width, screen_room, within

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    restore_requested = Signal(str)  # a backup path: the session restores it after the window closed

    def __init__(
        self,
        ws: Workspace,
        runner: TaskRunner,
        ui_state: QSettings,
        *,
        autosave_ms: int = 600,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.ui_state = ui_state
        self.report: ProgressReport | None = None
        self.report_preview = None  # ui.report_preview.ReportPreview, made on first use
        self.folders = FolderMemory(ui_state)  # the file chooser's last folder per purpose
        self.setWindowIcon(icon("app"))
        self.setObjectName("MainWindow")

        root = apply_progress(build_tree(ws.assignments()), check_progress(ws).items)
        self.tree_model = ItemTreeModel(root, on_opt_in=self._tree_opt_in, parent=self)
        self.nav = NavigationPanel(self.tree_model)
        self.nav.item_selected.connect(self._nav_selected)
        self.overview = OverviewPage()
        self.overview.open_item.connect(self.go_item)
        self.narratives = NarrativesPanel(ws, autosave_ms=autosave_ms)
        self.narratives.save_state.connect(lambda text: self.save_label.setText(text))
        self.overview.add_narratives(self.narratives)
        # The item page is built after the window is first shown (Session.finish_start) or when an
        # item is opened first, whichever comes first: the first paint does not wait for it.
        self._autosave_ms = autosave_ms
        self._item_page: ItemPage | None = None
        self.undo_group = QUndoGroup(self)  # the menu's 撤销/重做 act on the item page's undo stack
        self.stack = QStackedWidget()
        self.stack.addWidget(self.overview)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.save_label = QLabel(self.tr("所有修改都会自动保存"))
        self.budget_label = QLabel()
        self.unit_label = QLabel()
        self.task_status = TaskStatus(runner)
        bar = self.statusBar()
        bar.addWidget(self.save_label)
        bar.addWidget(self.task_status)
        bar.addPermanentWidget(self.budget_label)
        bar.addPermanentWidget(self.unit_label)

        self.actions = build_menus(self)
        self.update_titles()
        self.show_overview()  # refreshes
        self._restore_geometry()

    @property
    def item_page(self) -> ItemPage:
        """The page of one item, built on first use."""
        if self._item_page is None:
            page = ItemPage(self.ws, self.runner, autosave_ms=self._autosave_ms)
            page.evidence.folders = self.folders
            page.item_updated.connect(lambda _id: self.refresh())
            page.save_state.connect(lambda text: self.save_label.setText(text))
            page.prev_requested.connect(lambda: self.step(-1))
            page.next_requested.connect(lambda: self.step(1))
            page.next_incomplete_requested.connect(self.next_incomplete)
            page.next_returned_requested.connect(self.next_returned)
            self.stack.addWidget(page)
            self.undo_group.addStack(page.form.undo_stack)
            self.undo_group.setActiveStack(page.form.undo_stack)
            item_splitter = self.ui_state.value("window/item_splitter")
            if item_splitter is not None:
                page.splitter.restoreState(item_splitter)
            self._item_page = page
        return self._item_page

    def prepare_item_page(self) -> None:
        """Build the item page and lay it out off screen (fonts, style, sizes), so that the first item
        opens as fast as the others. Called once the window is shown and idle."""
        page = self.item_page
        if page.item_id is None and (ids := self.tree_model.item_ids()):
            try:
                page.show_item(ids[0])
            except FazhiError:
                return
        if not page.isVisible():
            page.resize(self.stack.size())
            page.grab()  # polishes, lays out and paints it once into a pixmap nobody sees

    # --- loading and refreshing -------------------------------------------------------------
    def update_titles(self) -> None:
        profile = self.ws.require_profile()
        period = self.ws.period
        self.setWindowTitle(
            self.tr("{unit} · {period} — 法治政府建设自查").format(
                unit=profile.unit_name, period=period.label
            )
        )
        self.unit_label.setText(
            self.tr("{unit} · {period}").format(unit=profile.unit_name, period=period.label)
        )

    def reload_unit(self) -> None:
        """After the set-up wizard changed the unit or period: rebuild the tree from the new assignments."""
        self.flush()
        self.ws.refresh()
        self.tree_model.set_root(
            apply_progress(build_tree(self.ws.assignments()), check_progress(self.ws).items)
        )
        self.nav.expand_default()
        self.narratives.load()  # the texts of the (possibly new) current period
        self.update_titles()
        self.refresh()
        self.show_overview()

    def refresh(self) -> None:
        """Recompute completeness and size; update tree icons, counts, overview and status bar."""
        try:
            self.report = check_progress(self.ws)
            budget = size_budget(self.ws)
        except FazhiError as exc:
            show_error(self, exc)
            return
        self.tree_model.update_progress(self.report.items)
        returned = returned_items(self.ws.db, self.ws.period.id)
        self.tree_model.set_returned(returned)
        self.nav.set_returned(frozenset(returned))
        waiting = bool(returned) and bool(unanswered_returned_items(self.ws.db, self.ws.period.id))
        self.actions.next_returned.setEnabled(waiting)
        self.actions.next_returned.setVisible(bool(returned))
        self.budget_label.setText(
            self.tr("上报包约 {used} / {limit}").format(
                used=format_size(budget.used_bytes), limit=format_size(budget.limit_bytes)
            )
        )
        self.budget_label.setToolTip(budget.summary())
        titles = {a.item.id: a.item.short_title for a in self.ws.assignments()}
        self.overview.show_report(self.report, budget, titles)

    # --- navigation ---------------------------------------------------------------------------
    def show_overview(self) -> None:
        self.flush()
        self.refresh()
        self.stack.setCurrentWidget(self.overview)
        self.actions.overview.setChecked(True)

    def _nav_selected(self, item_id: str) -> None:
        self.open_item(item_id)

    def open_item(self, item_id: str) -> None:
        try:
            self.item_page.show_item(item_id)
        except FazhiError as exc:
            show_error(self, exc)
            return
        self.stack.setCurrentWidget(self.item_page)
        self.actions.overview.setChecked(False)

    def go_item(self, item_id: str) -> None:
        """Open an item and select it in the tree (clearing filters that hide it)."""
        if not self.nav.select(item_id, emit=False):
            self.nav.clear_filters()
            self.nav.select(item_id, emit=False)
        self.open_item(item_id)

    def current_item(self) -> str | None:
        page = self._item_page
        return page.item_id if page is not None and self.stack.currentWidget() is page else None

    def step(self, delta: int) -> None:
        ids = self.nav.visible_item_ids()
        if not ids:
            return
        current = self.current_item()
        if current in ids:
            i = ids.index(current) + delta
            if not 0 <= i < len(ids):
                self.statusBar().showMessage(
                    self.tr("已经是第一项") if delta < 0 else self.tr("已经是最后一项"), 3000
                )
                return
        else:
            i = 0 if delta > 0 else len(ids) - 1
        self.go_item(ids[i])

    def next_incomplete(self) -> None:
        self.flush()
        ids = self.tree_model.item_ids()
        if not ids:
            return
        current = self.current_item()
        start = ids.index(current) + 1 if current in ids else 0
        for item_id in ids[start:] + ids[:start]:
            node = self.tree_model.node(item_id)
            if node is not None and node.state not in DONE_STATES and node.state != STATE_OUT:
                self.go_item(item_id)
                return
        self.statusBar().showMessage(self.tr("所有事项都已填完，可以生成上报包了。"), 5000)

    def next_returned(self) -> bool:
        """视图 → 下一个退回项 (Shift+F8): the next item of the bureau's 退回包 not yet re-answered, in tree
        order; False (and said) when there is none."""
        self.flush()
        waiting = unanswered_returned_items(self.ws.db, self.ws.period.id)
        ids = self.tree_model.item_ids()
        current = self.current_item()
        start = ids.index(current) + 1 if current in ids else 0
        for item_id in ids[start:] + ids[:start]:
            if item_id in waiting:
                self.go_item(item_id)
                return True
        if returned_items(self.ws.db, self.ws.period.id):
            text = self.tr("退回修改的事项都已改过，可以重新生成上报包了。")
        else:
            text = self.tr("没有县司法局退回修改的事项。")
        self.statusBar().showMessage(text, 5000)
        return False

    # --- actions --------------------------------------------------------------------------------
    def _tree_opt_in(self, item_id: str, on: bool) -> bool:
        from fazhi_desktop.selfcheck.assessments import set_choice

        self.flush()
        try:
            set_choice(self.ws, item_id, on)
        except FazhiError as exc:
            show_error(self, exc)
            return False
        if self._item_page is not None:
            self._item_page.opt_in_changed_elsewhere(item_id, on)
        self.refresh()
        return True

    def open_wizard(self) -> None:
        from fazhi_desktop.ui.setup_wizard import SetupWizard

        self.flush()
        wizard = SetupWizard(self.ws, self.runner, parent=self)
        if wizard.exec():
            self.reload_unit()

    def manage_key(self) -> None:
        from fazhi_desktop.ui.key_dialog import run_key_dialog

        run_key_dialog(self, self.ws, self.runner, self.folders)

    def import_plan(self) -> None:
        """文件 → 导入计划…: check a plan file in the background, show it, keep it once accepted."""
        from fazhi_desktop.ui.plan_import_dialog import run_plan_import

        plan = run_plan_import(self, self.ws, self.runner)
        if plan is not None:
            QMessageBox.information(
                self,
                self.tr("导入计划"),
                self.tr("已导入计划 %1。新年度的报告期可在“单位设置”向导中选择此计划。").replace(
                    "%1", f"{plan.meta.title}（{plan.meta.version}）"
                ),
            )

    def import_return(self, path: Path | None = None, bureau_key: str | None = None) -> bool:
        """文件 → 导入退回包…: reopen the returned items and show the bureau's comments on them."""
        from fazhi_desktop.app.returns import BureauKeyNeeded, import_return

        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("选择县司法局的退回包"), "", self.tr("退回包 (*.json);;所有文件 (*)")
            )
            if not chosen:
                return False
            path = Path(chosen)
        if self._item_page is not None:
            self._item_page.flush()
        try:
            try:
                done = import_return(self.ws, path, bureau_key=bureau_key)
            except BureauKeyNeeded as need:
                typed, ok = QInputDialog.getText(
                    self,
                    self.tr("确认县司法局密钥"),
                    self.tr(
                        "退回包由指纹为 {fp} 的密钥签名。请与县司法局书面通知上的密钥指纹核对，一致时在此输入该指纹："
                    ).format(fp=display_fingerprint(need.fingerprint)),
                )
                if not ok:
                    return False
                done = import_return(self.ws, path, bureau_key=typed)
        except FazhiError as exc:
            show_error(self, exc, doing=self.tr("导入退回包"))
            return False
        self.refresh()
        if self._item_page is not None and self._item_page.item_id is not None:
            self._item_page.show_item(self._item_page.item_id)
        if done.already:
            self.statusBar().showMessage(self.tr("这个退回包已经导入过，没有变化。"), 8000)
            return True
        self.nav.state_filter.setCurrentIndex(self.nav.state_filter.findData(RETURNED))
        if done.reopened:
            self.go_item(done.reopened[0])
        self.statusBar().showMessage(
            self.tr(
                "已导入县司法局的退回包：{n} 项退回修改（{items}），已在左侧筛出；按 Shift+F8 跳到下一个退回项。"
            ).format(n=len(done.reopened), items="、".join(done.reopened)),
            15000,
        )
        return True

    def export_package(self) -> None:
        from fazhi_desktop.ui import export_dialog  # loads the report renderers: only when asked for

        self.flush()
        if export_dialog.run_export(self, self.ws, self.runner, self.ui_state) is not None:
            self.refresh()

    def draft_annual_report(self) -> None:
        """文件 → 生成年度报告（草稿）: the .docx and PDF drafted in the background."""
        from fazhi_desktop.ui.annual_report import draft_annual_report

        self.flush()
        self.annual_job = draft_annual_report(self)

    def preview_report(self) -> None:
        """文件 → 预览自查报告: the current draft in the system's PDF viewer (rendered in the background)."""
        from fazhi_desktop.ui.report_preview import ReportPreview  # loads the report renderers

        self.flush()
        if self.report_preview is None:
            self.report_preview = ReportPreview(self, self.ws, self.runner)
        self.report_preview.start()

    def restore_from_backup(self) -> None:
        """Pick a backup; the session closes the database, restores it and opens the window again."""
        from fazhi_desktop.ui.restore_dialog import choose_backup

        self.flush()
        backup = choose_backup(self.ws.data_dir, self)
        if backup is None:
            if not (self.ws.data_dir / "backups").is_dir():
                QMessageBox.information(self, self.tr("从备份恢复"), self.tr("还没有自动备份。"))
            return
        self.restore_requested.emit(str(backup))
        self.close()

    def open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ws.data_dir)))

    def open_log_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ws.data_dir / "logs")))

    def set_language(self, lang: str) -> None:
        self.ui_state.setValue("language", lang)
        QMessageBox.information(self, self.tr("界面语言"), self.tr("界面语言将在下次启动程序时切换。"))

    def show_help(self) -> None:
        QMessageBox.information(
            self,
            self.tr("使用说明"),
            self.tr(
                "1. 左侧是本单位需要填报的事项，图标表示填报状态：空心圆为未填写，半圆为填写中，绿色对勾为已填完。\n"
                "2. 点击一个事项，在右侧选择工作状态和自评结果，填写工作开展情况、存在问题、整改措施和时限。"
                "内容会自动保存，不需要点“保存”。\n"
                "3. 把佐证材料文件从桌面或文件夹拖到“佐证材料”区域即可添加。\n"
                "4. 按 F8 跳到下一个还没填完的事项；按 Ctrl+1 查看总体进度。\n"
                "5. 全部填完后，点击工具栏上的“生成上报包”，把上报包保存到U盘交县司法局。"
            ),
        )

    def show_about(self) -> None:
        from fazhi_desktop import __version__

        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr("法治政府建设自查 {version}\n数据目录：{dir}").format(
                version=__version__, dir=self.ws.data_dir
            ),
        )

    def focus_search(self) -> None:
        self.nav.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.nav.search.selectAll()

    # --- geometry and closing -----------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.ui_state.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # A first start: most of the screen, in units of the font, so 150 % scaling stays right.
            em = self.fontMetrics().averageCharWidth()
            line = self.fontMetrics().lineSpacing()
            self.resize(em * 170, line * 46)
        splitter = self.ui_state.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.reset_splitter(self.width())

    def reset_splitter(self, width: int) -> None:
        em = self.fontMetrics().averageCharWidth()
        nav = nav_width(em, width)
        self.splitter.setSizes([nav, max(width - nav, em * 60)])

    def show_initial(self) -> None:
        """Show the window: maximised on a small screen (1366×768 …), else as it was left."""
        available = screen_room(self)
        if available is not None and is_small_screen(available):
            if self.ui_state.value("window/splitter") is None:
                self.reset_splitter(available.width())
            self.showMaximized()
            return
        if available is not None and self.ui_state.value("window/geometry") is None:
            # A first start on a big screen: the font-sized default, but never beyond the screen.
            size = within(self.size(), available)
            self.resize(size)
            if self.ui_state.value("window/splitter") is None:
                self.reset_splitter(size.width())
        self.show()

    def save_geometry(self) -> None:
        self.ui_state.setValue("window/geometry", self.saveGeometry())
        self.ui_state.setValue("window/splitter", self.splitter.saveState())
        if self._item_page is not None:  # never built: the stored state stays as it was
            self.ui_state.setValue("window/item_splitter", self._item_page.splitter.saveState())
        self.ui_state.sync()

    def flush(self) -> bool:
        """Write every pending edit (the item's and the overview's texts); False when a write failed."""
        item_ok = self._item_page.flush() if self._item_page is not None else True
        return self.narratives.flush() and item_ok

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.flush():
            answer = QMessageBox.question(
                self,
                self.tr("未能保存"),
                self.tr("最后的修改没能写入数据库（原因见刚才的提示）。现在退出会丢失这些修改。仍要退出吗？"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self.runner.busy_with_work:
            answer = QMessageBox.question(
                self,
                self.tr("正在添加材料"),
                self.tr(
                    "还有后台任务正在进行（复制佐证材料、生成上报包或检查数据）。现在退出会取消它（已保存的内容不受影响）。确定退出吗？"
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self.runner.busy:  # what is left may simply stop (the start-up check): no question
            self.runner.cancel_all()
            self.runner.wait(30_000)
        self.save_geometry()
        event.accept()
