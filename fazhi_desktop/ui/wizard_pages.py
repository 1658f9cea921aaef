"""The pages of the set-up wizard: unit, contact, reporting period, signing key."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)

from fazhi_desktop.catalogue.assign import ResolvedUnit, assignments, resolve_unit
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.errors import FazhiError, UnknownUnit
from fazhi_desktop.package.keys import MIN_PASSPHRASE_CHARS
from fazhi_desktop.selfcheck.model import PERIOD_KIND_NAMES
from fazhi_desktop.ui.dialog_parts import passphrase_field, wrapped_label
from fazhi_desktop.ui.unit_list_model import UnitFilterModel, UnitListModel, UnitNameRole


class UnitPage(QWizardPage):
    """Pick the unit from the directory (search by any alias) or type a township's own name."""

    def __init__(self, plan: Plan, entered: str = "") -> None:
        super().__init__()
        self.plan = plan
        self.resolved: ResolvedUnit | None = None
        self.setTitle(self.tr("本单位"))
        self.setSubTitle(self.tr("选择本单位，程序据此列出需要填报的事项。"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("输入单位名称的任一写法，如“县发改局”，或本镇、街道名称，如“燕店镇”")
        )
        self.search.setClearButtonEnabled(True)
        self.model = UnitListModel(plan.units, self)
        self.proxy = UnitFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.result = wrapped_label(object_name="wizardResult")
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped_label(self.tr("可以在名录中点选，也可以直接输入。镇、街道不在名录中，直接输入名称即可。"))
        )
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.result)
        self.search.textChanged.connect(self._typed)
        self.list.clicked.connect(self._picked)
        self.list.activated.connect(self._picked)
        if entered:
            self.search.setText(entered)
        else:
            self._typed("")

    def _typed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._resolve(text)

    def _picked(self, index) -> None:
        name = index.data(UnitNameRole)
        if name:
            self.search.blockSignals(True)
            self.search.setText(name)
            self.search.blockSignals(False)
            self.proxy.set_search(name)
            self._resolve(name)

    def _resolve(self, text: str) -> None:
        self.resolved = None
        self.model.set_extra(None)
        if not text.strip():
            self.result.setText(self.tr("请在上方输入或点选本单位。"))
        else:
            try:
                self.resolved = resolve_unit(self.plan, text)
            except UnknownUnit as exc:
                hint = (
                    self.tr("您是不是要找：{names}").format(names="、".join(exc.suggestions))
                    if exc.suggestions
                    else ""
                )
                self.result.setText(self.tr("找不到“{name}”。").format(name=text.strip()) + hint)
            else:
                if self.resolved.unit is None:  # a township by its own name: show it as a row of its own
                    label = self.tr("{name}（镇、街道 · 按名称登记）").format(name=self.resolved.name)
                    self.model.set_extra((text.strip(), label))
                    self.list.setCurrentIndex(self.proxy.index(0, 0))
                items = assignments(self.plan, self.resolved)
                must, optional = sum(not a.optional for a in items), sum(a.optional for a in items)
                kind = (
                    "镇、街道"
                    if self.resolved.kind == "township"
                    else (self.resolved.unit.kind_name if self.resolved.unit else "")
                )
                self.result.setText(
                    self.tr("将登记为：{name}（{kind}）。须填报 {must} 项，可选 {optional} 项。").format(
                        name=self.resolved.name, kind=kind, must=must, optional=optional
                    )
                )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.resolved is not None

    def entered_name(self) -> str:
        return self.search.text().strip()


class ContactPage(QWizardPage):
    def __init__(self, contact: str = "", phone: str = "") -> None:
        super().__init__()
        self.setTitle(self.tr("联系人"))
        self.setSubTitle(self.tr("县司法局对上报内容有疑问时联系的人。以后可以在“文件 → 单位设置”中修改。"))
        self.contact = QLineEdit(contact)
        self.contact.setPlaceholderText(self.tr("姓名（必填）"))
        self.phone = QLineEdit(phone)
        self.phone.setPlaceholderText(self.tr("如 0635-7123456 或手机号"))
        self.error = wrapped_label(object_name="error")
        form = QFormLayout(self)
        # &C, not &N: the wizard's 下一步(&N) owns Alt+N.
        form.addRow(self.tr("联系人(&C)："), self.contact)
        form.addRow(self.tr("联系电话(&P)："), self.phone)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        from fazhi_desktop.selfcheck.profile import check_contact, check_phone  # the domain's rules

        try:
            check_contact(self.contact.text())
            check_phone(self.phone.text())
        except FazhiError as exc:
            self.error.setText(exc.message)
            return False
        self.error.clear()
        return True


class PeriodPage(QWizardPage):
    def __init__(
        self,
        plan: Plan,
        year: int | None = None,
        kind: str = "annual",
        choices: list[tuple[Plan, str]] | None = None,
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("报告期"))
        self.setSubTitle(self.tr("本次自查针对的年度（或半年）。"))
        self.year = QSpinBox()
        self.year.setRange(2000, dt.date.today().year + 5)
        self.year.setValue(year or plan.meta.year)
        self.kind = QComboBox()
        for code, name in PERIOD_KIND_NAMES.items():
            self.kind.addItem(name, code)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        plan_label = wrapped_label(
            self.tr("依据：{title}（{doc}）").format(title=plan.meta.title, doc=plan.meta.doc_number)
        )
        # Which plan the period answers: the current one, or one imported since (文件 → 导入计划…).
        self.plan_box = QComboBox()
        for p, origin in choices or [(plan, "")]:
            text = f"{p.meta.title}（{p.meta.doc_number}，版本 {p.meta.version}）"
            self.plan_box.addItem(f"{text}　{origin}" if origin else text, (p.meta.id, p.meta.version))
        self.plan_box.setCurrentIndex(max(self.plan_box.findData((plan.meta.id, plan.meta.version)), 0))
        self._plans = {(p.meta.id, p.meta.version): p for p, _ in choices or [(plan, "")]}
        self.plan_box.currentIndexChanged.connect(self._plan_changed)
        form = QFormLayout(self)
        form.addRow(self.tr("年度(&Y)："), self.year)
        form.addRow(self.tr("类型(&K)："), self.kind)
        form.addRow(self.tr("计划(&J)："), self.plan_box)
        form.addRow(plan_label)
        self._plan_label = plan_label

    def chosen_plan(self) -> Plan:
        return self._plans[self.plan_box.currentData()]

    def _plan_changed(self, _index: int) -> None:
        p = self.chosen_plan()
        self._plan_label.setText(
            self.tr("依据：{title}（{doc}）").format(title=p.meta.title, doc=p.meta.doc_number)
        )
        self.year.setValue(max(self.year.value(), p.meta.year))


class KeyPage(QWizardPage):
    """The unit's signing key: a passphrase typed twice (or the existing key's fingerprint)."""

    def __init__(self, existing_fingerprint: str | None) -> None:
        super().__init__()
        self.existing = existing_fingerprint
        self.setTitle(self.tr("签名密钥"))
        layout = QVBoxLayout(self)
        self.pass1 = passphrase_field()
        self.pass2 = passphrase_field()
        for w in (self.pass1, self.pass2):
            w.textChanged.connect(self._check)
        self.status = wrapped_label()
        if existing_fingerprint:
            self.setSubTitle(self.tr("本单位的签名密钥已经创建。"))
            layout.addWidget(
                wrapped_label(
                    self.tr(
                        "密钥指纹：{fp}\n上报包用它签名；指纹印在自查报告封面上，盖章后交县司法局。"
                    ).format(fp=existing_fingerprint)
                )
            )
        else:
            self.setSubTitle(
                self.tr("上报包用本单位的密钥签名，县司法局据此确认上报包来自本单位、未被改动。")
            )
            layout.addWidget(
                wrapped_label(
                    self.tr(
                        "请设置一个至少 {n} 个字符的口令并牢记：每次生成上报包都要输入它，忘记后无法找回。"
                        "口令只保存在本机，用来加密密钥。"
                    ).format(n=MIN_PASSPHRASE_CHARS)
                )
            )
            form = QFormLayout()
            form.addRow(self.tr("口令(&W)："), self.pass1)
            form.addRow(self.tr("再输入一次(&A)："), self.pass2)
            layout.addLayout(form)
            layout.addWidget(self.status)
        layout.addStretch(1)
        self._check()

    def needs_key(self) -> bool:
        return not self.existing

    def passphrase(self) -> str:
        return self.pass1.text()

    def _check(self) -> None:
        if self.existing:
            return
        p1, p2 = self.pass1.text(), self.pass2.text()
        if len(p1.strip()) < MIN_PASSPHRASE_CHARS:
            self.status.setText(
                self.tr("口令至少 {n} 个字符（现在 {m} 个）。").format(
                    n=MIN_PASSPHRASE_CHARS, m=len(p1.strip())
                )
            )
        elif p1 != p2:
            self.status.setText(self.tr("两次输入的口令不一致。"))
        else:
            self.status.setText(self.tr("口令可以使用。点击“完成”创建密钥（需要几秒钟）。"))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.existing:
            return True
        p1 = self.pass1.text()
        return len(p1.strip()) >= MIN_PASSPHRASE_CHARS and p1 == self.pass2.text()
