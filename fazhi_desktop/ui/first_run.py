"""The first page of a first run: is this PC a unit checking itself, or the county justice bureau reviewing?
The bureau's choice sets the data directory up as `review init` does (bureau name, key passphrase twice);
the unit's choice goes on to the unit set-up wizard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fazhi_desktop.package.keyfile import DEFAULT_KDF, KdfParams
from fazhi_desktop.package.keys import MIN_PASSPHRASE_CHARS
from fazhi_desktop.store.db import DB_NAME
from fazhi_desktop.ui.busy_wizard import BackgroundFinishWizard
from fazhi_desktop.ui.dialog_parts import PlanField, passphrase_field, wrapped_label
from fazhi_desktop.ui.tasks import TaskRunner

ROLE_UNIT, ROLE_REVIEW = "unit", "review"


def is_fresh_dir(data_dir: Path) -> bool:
    """Neither a unit's database nor a reviewer store yet: the program asks which one this PC is."""
    from fazhi_desktop.review.store import REVIEW_DB

    return not (Path(data_dir) / DB_NAME).exists() and not (Path(data_dir) / REVIEW_DB).exists()


def _init_job(
    data_dir: Path,
    name: str,
    passphrase: str,
    plan: str,
    period: str,
    kdf: KdfParams,
    *,
    progress: Any,
    cancelled: Any,
) -> str:
    from fazhi_desktop.review.bureau import init_bureau

    store, bureau = init_bureau(
        data_dir, passphrase, name=name, plan_id=plan or None, period_label=period or None, kdf=kdf
    )
    store.close()
    return bureau.key_fingerprint


class RolePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("本机用途"))
        self.setSubTitle(self.tr("这台电脑用来做什么？选定后不再询问。"))
        self.unit = QRadioButton(self.tr("本单位自查：填写自查内容、上传佐证材料、生成上报包"))
        self.review = QRadioButton(self.tr("司法局（审核）：导入各单位的上报包，审核、打分、汇总"))
        self.unit.setChecked(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.unit)
        lay.addWidget(self.review)
        lay.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        return 1 if self.review.isChecked() else -1


class BureauPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("县司法局"))
        self.setSubTitle(
            self.tr(
                "审核机关名称和县司法局签名密钥的口令（退回包和回执用它签名，请牢记，至少 {n} 个字符）。"
            ).format(n=MIN_PASSPHRASE_CHARS)
        )
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 莘县司法局；不填则按计划所属县命名"))
        self.pass1 = passphrase_field()
        self.pass2 = passphrase_field()
        # This year's plan as the bureau wrote it (`review init --plan`); empty: the built-in plan, and
        # 开始新一轮… can switch later.
        self.plan = PlanField(placeholder=self.tr("不填则用内置计划"))
        self.period = QLineEdit()
        self.period.setPlaceholderText(self.tr("如 2026年度；不填则为计划所属年度"))
        self.problem = wrapped_label(object_name="missing")
        form = QFormLayout(self)
        form.addRow(self.tr("审核机关(&N)："), self.name)
        form.addRow(self.tr("密钥口令(&P)："), self.pass1)
        form.addRow(self.tr("再输入一次(&A)："), self.pass2)
        form.addRow(self.tr("本轮计划(&L)："), self.plan)
        form.addRow(self.tr("本轮期间(&D)："), self.period)
        form.addRow(self.problem)
        for field in (self.pass1, self.pass2):
            field.textChanged.connect(self._check)

    def _check(self) -> None:
        p1, p2 = self.pass1.text(), self.pass2.text()
        if p1 and len(p1.strip()) < MIN_PASSPHRASE_CHARS:
            self.problem.setText(self.tr("口令至少 {n} 个字符").format(n=MIN_PASSPHRASE_CHARS))
        elif p2 and p1 != p2:
            self.problem.setText(self.tr("两次输入的口令不一致"))
        else:
            self.problem.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        p1 = self.pass1.text()
        return len(p1.strip()) >= MIN_PASSPHRASE_CHARS and p1 == self.pass2.text()


class FirstRunWizard(BackgroundFinishWizard):
    key_kdf: KdfParams = DEFAULT_KDF  # tests set a cheap one

    def __init__(self, data_dir: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.data_dir = Path(data_dir)
        self.role: str | None = None
        self.fingerprint: str | None = None
        self.setWindowTitle(self.tr("法治政府建设自查"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.role_page = RolePage()
        self.bureau_page = BureauPage()
        self.setPage(0, self.role_page)
        self.setPage(1, self.bureau_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))

    def accept(self) -> None:
        if self._busy:
            return
        if not self.role_page.review.isChecked():
            self.role = ROLE_UNIT
            super().accept()
            return
        self._finish_in_background(
            self.bureau_page.problem,
            self.tr("正在生成县司法局签名密钥，请稍候…"),
            self.tr("建立审核数据目录"),
            _init_job,
            self.data_dir,
            self.bureau_page.name.text().strip(),
            self.bureau_page.pass1.text(),
            self.bureau_page.plan.text().strip(),
            self.bureau_page.period.text().strip(),
            self.key_kdf,
            on_done=self._done,
        )

    def _done(self, fingerprint: str) -> None:
        self.role, self.fingerprint = ROLE_REVIEW, fingerprint
        super().accept()
