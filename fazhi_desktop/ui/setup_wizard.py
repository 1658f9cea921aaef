"""The set-up wizard: who we are, who to call, which period, and the signing key.

Shown at first run and from 文件 → 单位设置. Nothing is written until 完成: then the profile and
period, and — first time only — the unit key, all through app.unit (the key in the background: the key
derivation is slow on purpose).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from fazhi_desktop.app import plans, unit
from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.errors import FazhiError
from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.selfcheck.assessments import count_saved
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.ui.busy_wizard import BackgroundFinishWizard
from fazhi_desktop.ui.error_dialog import show_error
from fazhi_desktop.ui.icons import icon
from fazhi_desktop.ui.tasks import TaskRunner
from fazhi_desktop.ui.wizard_pages import ContactPage, KeyPage, PeriodPage, UnitPage


def create_key_job(
    data_dir: Path, passphrase: str, *, progress, cancelled, kdf: KdfParams | None = None
) -> str:
    """Background job: create the unit key; returns its full fingerprint."""
    return unit.create_key(data_dir, passphrase, kdf=kdf)


class SetupWizard(BackgroundFinishWizard):
    key_kdf: KdfParams | None = None  # None: the package layer's slow default; tests set a cheap one

    def __init__(self, ws: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ws = ws
        self.setWindowTitle(self.tr("单位设置"))
        self.setWindowIcon(icon("app"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        logo = self.fontMetrics().height() * 3
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon("app").pixmap(logo, logo))
        profile = ws.profile
        period = ws.period if profile else None
        fingerprint = unit.readable_key_on_disk(ws.data_dir)
        self.unit_page = UnitPage(ws.plan, profile.entered_name if profile else "")
        self.contact_page = ContactPage(profile.contact if profile else "", profile.phone if profile else "")
        self.period_page = PeriodPage(
            ws.plan,
            period.year if period else None,
            period.kind if period else "annual",
            [(p, registry.origin_label(ws.data_dir, p)) for p in registry.available_plans(ws.data_dir)],
        )
        self.key_page = KeyPage(display_fingerprint(fingerprint) if fingerprint else None)
        self._fingerprint = fingerprint
        for page in (self.unit_page, self.contact_page, self.period_page, self.key_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        em = self.fontMetrics().averageCharWidth()
        self.resize(em * 96, self.fontMetrics().lineSpacing() * 30)

    def accept(self) -> None:
        """Write the profile and period; create the key when needed; close when all is done."""
        if self._busy:
            return
        old = self.ws.profile
        resolved = self.unit_page.resolved
        if old is not None and resolved is not None and resolved.name != old.unit_name:
            answer = QMessageBox.question(
                self,
                self.tr("更换单位"),
                self.tr(
                    "本机登记的单位将由“{old}”改为“{new}”，需要填报的事项会随之改变，已填写的内容仍然保留。确定更换吗？"
                ).format(old=old.unit_name, new=resolved.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        new_plan = self.period_page.chosen_plan()
        try:
            matches, source = self._carry_matches(new_plan)
            unit.set_up(
                self.ws,
                self.unit_page.entered_name(),
                contact=self.contact_page.contact.text(),
                phone=self.contact_page.phone.text(),
                year=self.period_page.year.value(),
                period_kind=self.period_page.kind.currentData(),
                plan_id=new_plan.meta.id,
            )
            unit.remember_key(self.ws, self._fingerprint)
            if matches and source is not None and self.ws.period.id != source:
                plans.carry_into(self.ws, source, self.ws.period.id, matches)
        except FazhiError as exc:
            show_error(self, exc)
            return
        if not self.key_page.needs_key():
            super().accept()
            return
        self._finish_in_background(
            self.key_page.status,
            self.tr("正在创建签名密钥，请稍候…"),
            self.tr("创建签名密钥"),
            create_key_job,
            self.ws.data_dir,
            self.key_page.passphrase(),
            kdf=self.key_kdf,
            on_done=self._key_created,
        )

    def _carry_matches(self, new_plan: Plan) -> tuple[list[plans.ItemMatch], int | None]:
        """For a period on another plan: the item mapping from the current period, if the clerk
        confirms carrying its answers over (nothing is copied otherwise)."""
        if self.ws.profile is None:
            return [], None
        current = self.ws.period
        if (current.plan_id, current.plan_version) == (new_plan.meta.id, new_plan.meta.version):
            return [], None
        answered = count_saved(self.ws.db, current.id)
        matches = plans.carry_mapping(self.ws, current.id, new_plan) if answered else []
        if not matches:
            return [], None
        text = "\n".join(plans.mapping_lines(matches, answered)[:40])
        answer = QMessageBox.question(
            self,
            self.tr("带入上一报告期的填报内容"),
            self.tr(
                "新报告期对照另一份计划。是否按下面的对应关系带入{label}的填报内容（作为草稿）？\n\n"
            ).format(label=current.label)
            + text,
        )
        return (matches, current.id) if answer == QMessageBox.StandardButton.Yes else ([], None)

    def _key_created(self, fingerprint: str) -> None:
        try:
            unit.record_key(self.ws, fingerprint)
        except FazhiError as exc:
            show_error(self, exc)
            return
        self._fingerprint = fingerprint
        QMessageBox.information(
            self,
            self.tr("签名密钥已创建"),
            self.tr(
                "本单位的签名密钥已创建。\n密钥指纹：{fp}\n请牢记口令；建议用“文件 → 打开数据目录”把 keys 文件夹备份到U盘。"
            ).format(fp=display_fingerprint(fingerprint)),
        )
        super().accept()

    def reject(self) -> None:
        if not self._busy:
            super().reject()
