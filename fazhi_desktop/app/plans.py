"""Plan use cases: sign a plan (the bureau), import one (a unit) and start a period on it.

Importing is two steps so that a person sees what they are about to accept: `preview_import` reads and
verifies the file and says who signed it and what it holds; `accept_import` keeps it, remembering the
bureau key the first time one is seen (selfcheck/bureau_trust.py) and refusing an unsigned plan unless
the clerk has said so explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.assign import assignments, resolve_unit
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.catalogue.signed_plan import PlanSource, write_signed_plan
from fazhi_desktop.errors import UsageError
from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.package.keys import load_key_file
from fazhi_desktop.selfcheck import bureau_trust
from fazhi_desktop.selfcheck.assessments import list_assessments
from fazhi_desktop.selfcheck.carry_map import ItemMatch, map_items
from fazhi_desktop.selfcheck.model import Period, PeriodKind
from fazhi_desktop.selfcheck.profile import add_period, carry_forward
from fazhi_desktop.selfcheck.workspace import Workspace

if TYPE_CHECKING:
    from sqlite_utils import Database


Trust = Literal["known", "new", "unsigned"]
UNSIGNED = "未签名"


@dataclass(frozen=True)
class ImportPreview:
    """What a plan file holds and whether it may be trusted, before anything is kept."""

    path: Path
    source: PlanSource
    trust: Trust
    already: Plan | None  # the same catalogue is already known: nothing to import

    @property
    def plan(self) -> Plan:
        return self.source.plan

    def lines(self) -> list[str]:
        m = self.plan.meta
        if self.trust == "unsigned":
            verdict = f"{UNSIGNED}：此计划没有县司法局的签名，无法确认来源和内容未被改动"
        else:
            verdict = f"签名有效，签名密钥指纹 {self.source.signer_display}"
            verdict += (
                "（与本单位记住的县司法局密钥相同）"
                if self.trust == "known"
                else "（首次收到司法局签名的计划：请与司法局书面通知上的指纹逐组核对）"
            )
        lines = [
            f"计划：{m.title}（{m.doc_number}），编号 {m.id}，版本 {m.version}",
            f"发文机关：{m.issuer}　印发日期：{m.issue_date}",
            *plan_summary(self.plan),
            f"签名：{verdict}",
        ]
        if self.already is not None:
            lines.append("本机已有内容完全相同的这一计划，无需再导入")
        return lines


def plan_summary(plan: Plan) -> list[str]:
    """What a plan holds, in a few lines."""
    lines = [
        f"工作任务 {len(plan.tasks)} 项（{len(plan.sections)} 个部分）；指标 {len(plan.indicators)} 项"
        f"（一级 {len(plan.areas)} 个，二级 {sum(len(a.headings) for a in plan.areas)} 个）；"
        f"加减分项 {len(plan.adjustments)} 项",
        f"单位名录 {len(plan.units)} 个单位，集合名称 {len(plan.collectives)} 个",
    ]
    if plan.scored:
        total = f"{plan.total_points:g}" if plan.total_points is not None else "未定"
        lines.append(f"含分值：总分 {total} 分")
    lines += [f"提示：{w}" for w in plan.warnings]
    return lines


def preview_import(data_dir: Path, db: Database, path: Path) -> ImportPreview:
    """Read and verify `path`: a tampered file, a broken one or another bureau key raise here."""
    return preview_source(data_dir, db, Path(path), read_plan(Path(path)))


def read_plan(path: Path) -> PlanSource:
    """Reading and verifying alone (no database): the part the window runs in the background."""
    return registry.read_plan_file(Path(path))


def preview_source(data_dir: Path, db: Database, path: Path, source: PlanSource) -> ImportPreview:
    """What `source`, read from `path`, would bring; checks its signer against the remembered bureau key."""
    if source.signer_public is None:
        trust: Trust = "unsigned"
    else:
        trust = bureau_trust.check(db, source.signer_public, f"计划文件 {Path(path).name}")
    already = registry.check_new_version(data_dir, source.plan)
    return ImportPreview(Path(path), source, trust, already)


def accept_import(data_dir: Path, db: Database, preview: ImportPreview, *, allow_unsigned: bool) -> Plan:
    """Keep the previewed plan; an unsigned one only with `allow_unsigned` (marked 未签名 from then on)."""
    if preview.already is not None:
        return preview.already  # nothing new is kept, so there is nothing to trust
    if preview.trust == "unsigned" and not allow_unsigned:
        raise UsageError(
            f"{preview.path.name} 没有县司法局的签名，未导入。请使用司法局下发的签名计划（.signed）；"
            "如确认来源可靠仍要导入，请加 --allow-unsigned（导入后标为“未签名”）"
        )
    if preview.source.signer_public is not None:
        m = preview.plan.meta
        bureau_trust.remember(
            db, preview.source.signer_public, f"{m.title}（{m.doc_number}）{preview.path.name}"
        )
    container = preview.path.read_bytes() if preview.source.signed else None
    return registry.store_plan(data_dir, preview.plan, preview.source.raw, signed_container=container)


def sign(source: Path, key_file: Path, passphrase: str, out: Path) -> tuple[Plan, str]:
    """Sign the plan in `source` (.json or .xlsx, validated) with the bureau key; (plan, fingerprint)."""
    got = registry.read_plan_file(Path(source))
    if got.signed:
        raise UsageError(f"{Path(source).name} 已经是签名的计划文件")
    key = load_key_file(Path(key_file), passphrase)
    write_signed_plan(Path(out), got.raw, key)
    return got.plan, display_fingerprint(key.fingerprint)


# --- a new period on a new plan ------------------------------------------------------------------
def carry_mapping(ws: Workspace, from_period: int, new_plan: Plan) -> list[ItemMatch]:
    """How last period's answered items map onto the items this unit answers in `new_plan`."""
    period = ws.period_by_id(from_period)
    old_plan = ws.plan_for(period.plan_id, period.plan_version)
    unit = resolve_unit(new_plan, ws.require_profile().entered_name)
    new_ids = [a.item.id for a in assignments(new_plan, unit)]
    old_ids = list(list_assessments(ws, from_period))
    return map_items(old_plan, new_plan, old_ids, new_ids)


def mapping_lines(matches: list[ItemMatch], answered: int) -> list[str]:
    lines = [f"上一报告期已填写 {answered} 项，其中 {len(matches)} 项在新计划中找到对应事项："]
    for m in matches:
        how = "编号相同" if m.how == "id" else "文字相近"
        lines.append(f"  {m.old_id} → {m.new_id}　{how}，相似度 {m.percent}%　{m.new_title}")
    if answered > len(matches):
        lines.append(f"  另有 {answered - len(matches)} 项在新计划中没有对应事项，不带入")
    return lines


def start_period(
    ws: Workspace,
    year: int,
    kind: PeriodKind,
    plan: Plan,
    *,
    carry_from: int | None,
    matches: list[ItemMatch] | None,
    make_current: bool = True,
) -> Period:
    """Create the period on `plan`, copying last period's answers along the confirmed `matches`."""
    mapping = {m.old_id: m.new_id for m in matches} if matches is not None else None
    period = add_period(
        ws, year, kind, plan=plan, make_current=make_current, carry_from=carry_from, mapping=mapping
    )
    return period


def carry_into(ws: Workspace, from_period: int, to_period: int, matches: list[ItemMatch]) -> int:
    """Copy answers along confirmed `matches` into an existing (new, empty) period; rows copied."""
    return carry_forward(ws, from_period, to_period, mapping={m.old_id: m.new_id for m in matches})
