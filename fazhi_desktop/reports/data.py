"""Everything the three report outputs (PDF, workbook, results.json) need, as one frozen value.

The renderers read only this tree, never the database: a report can be built in a test from plain
values, and the package writer renders exactly the data it hashes. `build_report_data` (below) fills
it from a workspace, using the self-check's and the evidence store's public functions; the progress
figures follow docs/status-semantics.md ("complete" = answer state 已填完 or 不适用).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from fazhi_desktop import __version__
from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.model import ADJUSTMENT_KINDS, ADJUSTMENTS_GROUP, ITEM_KIND_NAMES, UNIT_KINDS
from fazhi_desktop.evidence.attachments import list_evidence
from fazhi_desktop.selfcheck.assessments import Assessment, list_assessments
from fazhi_desktop.selfcheck.narratives import load_narratives
from fazhi_desktop.selfcheck.progress import check_progress
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.textclean import printable_value


@dataclass(frozen=True)
class PlanInfo:
    """The plan answered, exactly: id and transcription version, and the catalogue file's hash."""

    id: str
    version: str
    title: str
    doc_number: str
    issuer: str = ""
    issue_date: str = ""
    year: int = 0
    county: str = ""
    indicator_system_title: str = ""
    sha256: str = ""
    unsigned: bool = False  # imported without the bureau's signature (shown as 未签名)


@dataclass(frozen=True)
class UnitInfo:
    name: str
    kind: str  # catalogue code, e.g. "township"
    kind_name: str  # 镇、街道 …
    contact: str = ""
    phone: str = ""


@dataclass(frozen=True)
class EvidenceInfo:
    """One evidence document: stored once by content, possibly supporting several items."""

    id: str  # stable within the period (the store's row id as text)
    name: str  # original file name, NFC
    item_ids: tuple[str, ...]
    made_date: str | None  # 形成日期, YYYY-MM-DD
    size: int
    sha256: str
    mime_type: str = "application/octet-stream"
    description: str = ""
    added_at: str = ""
    bag_path: str | None = None  # where the package puts the file (data/evidence/…), once known


@dataclass(frozen=True)
class ItemReport:
    """One assigned item with its answer (empty fields when nothing was written yet)."""

    id: str
    kind: str  # task | indicator | bonus | deduction
    number: int
    text: str
    short_title: str
    group_number: int  # section number (tasks), area number (indicators), 0 (adjustments)
    group_title: str  # section title, area title, 加分项/减分项
    heading_number: int = 0  # indicators only
    heading_title: str = ""
    role: str = "责任"  # 牵头 | 责任 | 参与
    optional: bool = False
    opted_in: bool | None = None  # optional items only; None: not chosen yet
    work_status: str = "未开始"
    result: str | None = None
    narrative: str = ""
    problems: str = ""
    measures: str = ""
    deadline: str | None = None
    responsible_person: str = ""
    na_reason: str = ""
    updated_at: str | None = None
    evidence_ids: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # what is still lacking, in Chinese
    points: float | None = None  # 分值, where the plan gives one
    self_score: float | None = None  # 自评分
    score_note: str = ""  # 扣分说明

    @property
    def kind_name(self) -> str:
        return ITEM_KIND_NAMES.get(self.kind, self.kind)

    @property
    def answered(self) -> bool:
        """Whether the unit answers this item: required, or optional and opted in."""
        return not self.optional or self.opted_in is True

    @property
    def has_work_status(self) -> bool:
        """Tasks and indicators have a work status; 加分项/减分项 state a fact (有/无, 是否发生)."""
        return self.kind in ("task", "indicator")

    @property
    def role_label(self) -> str:
        """`牵头`, `责任`, `参与（可选）`."""
        return f"{self.role}（可选）" if self.optional else self.role


@dataclass(frozen=True)
class ProgressInfo:
    """Progress of one group of items (a section, an area, the adjustments, or everything)."""

    key: str  # "overall", "section:3", "area:2", "adjustments"
    title: str
    total: int  # items the unit answers (required + opted in)
    complete: int  # of these, answered with nothing missing
    # Work status of the tasks and indicators among them (加分项/减分项 have none: they state a fact).
    done: int = 0  # work status 已完成
    in_progress: int = 0  # work status 推进中
    not_started: int = 0  # work status 未开始

    @property
    def percent(self) -> int:
        """Share of items complete, rounded as everywhere else (selfcheck.progress.percent_of)."""
        from fazhi_desktop.selfcheck.progress import percent_of

        return percent_of(self.complete, self.total)


@dataclass(frozen=True)
class ReportData:
    plan: PlanInfo
    unit: UnitInfo
    period_label: str
    generated: dt.datetime  # timezone-aware
    items: tuple[ItemReport, ...]  # document order: tasks, indicators, adjustment items
    evidence: tuple[EvidenceInfo, ...] = ()
    progress: tuple[ProgressInfo, ...] = ()  # "overall" first, then sections, areas, adjustments
    package_id: str | None = None  # None: a draft preview, not a submitted package
    sequence: int | None = None
    supersedes: str | None = None
    fingerprint: str | None = None  # full 64-hex fingerprint of the unit key
    program_version: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)
    scores: dict[str, Any] | None = None  # ScoreSummary.to_dict() where the plan gives points, else None
    # The unit's own words for the period (selfcheck/narratives.py); empty when not written.
    overall_text: str = ""
    next_steps_text: str = ""

    @property
    def is_draft(self) -> bool:
        return self.package_id is None

    @property
    def tasks(self) -> tuple[ItemReport, ...]:
        return tuple(i for i in self.items if i.kind == "task")

    @property
    def indicators(self) -> tuple[ItemReport, ...]:
        return tuple(i for i in self.items if i.kind == "indicator")

    @property
    def adjustments(self) -> tuple[ItemReport, ...]:
        return tuple(i for i in self.items if i.kind in ADJUSTMENT_KINDS)

    @property
    def overall(self) -> ProgressInfo:
        """The overall progress figure (computed from the items when none was given)."""
        for p in self.progress:
            if p.key == "overall":
                return p
        return progress_of("overall", "总体", self.items)

    def evidence_for(self, item: ItemReport) -> list[EvidenceInfo]:
        """The evidence documents attached to `item`, in the order of the evidence list."""
        wanted = set(item.evidence_ids)
        return [e for e in self.evidence if e.id in wanted or item.id in e.item_ids]

    def issues(self) -> list[ItemReport]:
        """Answered items that name a problem or a rectification measure (问题整改清单)."""
        return [i for i in self.items if i.answered and (i.problems.strip() or i.measures.strip())]


def groups(items: tuple[ItemReport, ...] | list[ItemReport]) -> Iterator[tuple[int, str, list[ItemReport]]]:
    """Consecutive items of one section/area as (number, title, items), in document order."""
    current: tuple[int, str] | None = None
    bucket: list[ItemReport] = []
    for item in items:
        key = (item.group_number, item.group_title)
        if current is not None and key != current:
            yield current[0], current[1], bucket
            bucket = []
        current = key
        bucket.append(item)
    if current is not None:
        yield current[0], current[1], bucket


def progress_of(key: str, title: str, items: tuple[ItemReport, ...] | list[ItemReport]) -> ProgressInfo:
    """Progress figures over `items`, counting only the ones the unit answers."""
    counted = [i for i in items if i.answered]
    with_status = [i for i in counted if i.has_work_status]
    return ProgressInfo(
        key=key,
        title=title,
        total=len(counted),
        complete=sum(1 for i in counted if not i.missing),
        done=sum(1 for i in with_status if i.work_status == "已完成"),
        in_progress=sum(1 for i in with_status if i.work_status == "推进中"),
        not_started=sum(1 for i in with_status if i.work_status == "未开始"),
    )


def progress_table(items: tuple[ItemReport, ...] | list[ItemReport]) -> tuple[ProgressInfo, ...]:
    """Overall, per-section, per-area and adjustment progress computed from the items themselves."""
    out = [progress_of("overall", "总体", items)]
    tasks = [i for i in items if i.kind == "task"]
    indicators = [i for i in items if i.kind == "indicator"]
    for number, title, bucket in groups(tasks):
        out.append(progress_of(f"section:{number}", title, bucket))
    for number, title, bucket in groups(indicators):
        out.append(progress_of(f"area:{number}", title, bucket))
    adjustments = [i for i in items if i.kind in ADJUSTMENT_KINDS]
    if adjustments:
        out.append(progress_of("adjustments", ADJUSTMENTS_GROUP, adjustments))
    return tuple(out)


def with_bag_paths(data: ReportData, paths: dict[str, str]) -> ReportData:
    """The same data with each evidence document's path in the package (`data/evidence/…`), by evidence id."""
    evidence = tuple(replace(e, bag_path=paths.get(e.id, e.bag_path)) for e in data.evidence)
    return replace(data, evidence=evidence)


def build_report_data(
    ws: Workspace,
    *,
    package_id: str | None = None,
    sequence: int | None = None,
    fingerprint: str | None = None,
    supersedes: str | None = None,
    generated: dt.datetime | None = None,
    period_id: int | None = None,
) -> ReportData:
    """Gather a workspace's period (default: current) into a ReportData; without a package id, a draft."""
    profile = ws.require_profile()
    period = ws.period if period_id is None else ws.period_by_id(period_id)
    plan = ws.plan
    saved = list_assessments(ws, period.id)
    completeness = check_progress(ws, period.id)
    records = list_evidence(ws, period_id=period.id)
    evidence = tuple(
        EvidenceInfo(
            id=str(r.id),
            name=r.original_name,
            item_ids=tuple(r.item_ids),
            made_date=r.made_date,
            size=r.size,
            sha256=r.sha256,
            mime_type=r.mime_type,
            description=r.description,
            added_at=r.added_at,
        )
        for r in records
    )
    items = []
    for assignment in ws.assignments():
        item = assignment.item
        a = saved.get(item.id) or Assessment(item_id=item.id, period_id=period.id)
        items.append(
            ItemReport(
                id=item.id,
                kind=item.kind,
                number=item.number,
                text=item.text,
                short_title=item.short_title,
                group_number=item.group_number,
                group_title=item.group_title,
                heading_number=item.heading_number,
                heading_title=item.heading_title,
                role=assignment.role,
                optional=assignment.optional,
                opted_in=a.opted_in,
                work_status=a.work_status,
                result=a.result,
                narrative=a.narrative,
                problems=a.problems,
                measures=a.measures,
                deadline=a.deadline,
                responsible_person=a.responsible_person,
                na_reason=a.na_reason,
                updated_at=a.updated_at,
                evidence_ids=tuple(e.id for e in evidence if item.id in e.item_ids),
                missing=completeness.item(item.id).missing,
                points=item.points,
                self_score=a.self_score,
                score_note=a.score_note,
            )
        )
    # Whatever an older version let into the database, the outputs must still be writable.
    return printable_value(
        ReportData(
            plan=PlanInfo(
                id=plan.meta.id,
                version=plan.meta.version,
                title=plan.meta.title,
                doc_number=plan.meta.doc_number,
                issuer=plan.meta.issuer,
                issue_date=plan.meta.issue_date,
                year=plan.meta.year,
                county=plan.meta.county,
                indicator_system_title=plan.meta.indicator_system_title,
                sha256=plan.sha256,
                unsigned=registry.plan_origin(ws.data_dir, plan)[0] == "unsigned",
            ),
            unit=UnitInfo(
                # The identity stored at set-up, never the entered name resolved again against today's plan.
                name=profile.unit_name,
                kind=profile.unit_kind,
                kind_name=UNIT_KINDS.get(profile.unit_kind, profile.unit_kind),
                contact=profile.contact,
                phone=profile.phone,
            ),
            period_label=period.label,
            generated=generated or dt.datetime.now().astimezone(),
            items=tuple(items),
            evidence=evidence,
            progress=progress_table(items),
            package_id=package_id,
            sequence=sequence,
            supersedes=supersedes,
            fingerprint=fingerprint,
            program_version=__version__,
            scores=completeness.scores.to_dict() if completeness.scores is not None else None,
            overall_text=(texts := load_narratives(ws, period.id)).overall,
            next_steps_text=texts.next_steps,
        )
    )
