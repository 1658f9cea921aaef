"""Export: gather the current period into a signed summary package, and the pre-flight before it.

The use case the window (ui/export_dialog.py, in a worker thread) and the command line (`export`) both
call; `package/` is only the library that writes and verifies bags.

The order matters for safety: everything is gathered and rendered first (nothing written yet), then
`write_package` streams, re-reads and verifies the ZIP under a temporary name and renames it into place,
and only then is the package recorded in the database (id, sequence, supersedes) with a history row.
A failure at any step leaves no package file and no record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from fazhi_desktop import __version__
from fazhi_desktop.errors import HistoryTampered
from fazhi_desktop.evidence.attachments import list_evidence
from fazhi_desktop.evidence.budget import size_budget
from fazhi_desktop.evidence.store import blob_path
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.hashchain import GENESIS, LINE_FIELDS, checked_rows, render_line
from fazhi_desktop.package.bagzip import write_package
from fazhi_desktop.package.keys import UnitKey, key_path, load_unit_key
from fazhi_desktop.package.spec import PackageResult, PackageSpec, PayloadEntry, unique_evidence_paths
from fazhi_desktop.package.zipsafe import safe_component
from fazhi_desktop.progress import Cancel, Detail, PhaseProgress
from fazhi_desktop.reports.data import ReportData, build_report_data, with_bag_paths
from fazhi_desktop.reports.pdf import render_pdf
from fazhi_desktop.reports.results import render_results
from fazhi_desktop.reports.xlsx import render_xlsx
from fazhi_desktop.selfcheck import history, packages, returns
from fazhi_desktop.selfcheck.packages import last_package, record_package, withdraw_package
from fazhi_desktop.selfcheck.progress import STATE_UNDECIDED, DoneOfTotal, check_progress
from fazhi_desktop.selfcheck.workspace import Workspace
from fazhi_desktop.settings import MAX_PACKAGE_BUDGET
from fazhi_desktop.sizes import format_size


@dataclass(frozen=True)
class MissingItem:
    item_id: str
    title: str
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Preflight(DoneOfTotal):
    """What the clerk sees before exporting: what is missing, how big the package will be, which version."""

    unit_name: str
    period_label: str
    done: int
    total: int
    missing: tuple[MissingItem, ...]  # counted items not yet filled in completely
    evidence_count: int
    estimated_bytes: int
    limit_bytes: int
    sequence: int
    supersedes: str | None
    blockers: tuple[str, ...] = field(default=())  # reasons the export cannot run at all
    undecided: tuple[MissingItem, ...] = ()  # optional items not opted in or out: not counted

    @property
    def complete(self) -> bool:
        return not self.missing and not self.undecided


@dataclass(frozen=True)
class ExportResult:
    package: PackageResult
    sequence: int
    supersedes: str | None
    warnings: tuple[str, ...] = ()
    # The report and the workbook again beside the package, under Chinese names, to print and stamp:
    # a clerk should not have to dig `data/report.pdf` out of a ZIP. None when it could not be written.
    report_path: Path | None = None
    workbook_path: Path | None = None


REPORT_SUFFIX = "自查报告.pdf"
WORKBOOK_SUFFIX = "自查表.xlsx"


def beside_name(unit_name: str, period_label: str, sequence: int, suffix: str) -> str:
    """`燕店镇人民政府_2021年度_自查报告.pdf`; from the second version on `…_第2版_自查报告.pdf`."""
    version = f"_第{sequence}版" if sequence > 1 else ""
    stem = safe_component(f"{unit_name}_{period_label}{version}".replace(" ", ""), max_bytes=150)
    return f"{stem}_{suffix}"


def write_beside(out_dir: Path, spec: PackageSpec, warnings: list[str]) -> tuple[Path | None, Path | None]:
    """Write the package's report and workbook beside it (atomically); a failure is a warning only,
    because the package itself is already written and verified."""
    written: list[Path | None] = []
    for bag_path, suffix in (("data/report.pdf", REPORT_SUFFIX), ("data/workbook.xlsx", WORKBOOK_SUFFIX)):
        entry = next(e for e in spec.payload if e.path == bag_path)
        target = Path(out_dir) / beside_name(spec.unit_name, spec.period_label, spec.sequence, suffix)
        try:
            atomic_write_bytes(target, entry.data or b"")
        except OSError as exc:
            warnings.append(f"上报包已生成，但未能在旁边另存“{target.name}”：{exc.strerror or exc}")
            written.append(None)
        else:
            written.append(target)
    return written[0], written[1]


def preflight(ws: Workspace) -> Preflight:
    """The completeness check, the size against the budget, and the sequence the next package will get."""
    profile = ws.require_profile()
    period = ws.period
    progress = check_progress(ws, period.id)
    titles = {a.item.id: a.item.short_title for a in ws.assignments()}
    # The completeness check's own split: counted items still open, optional items undecided.
    missing = tuple(
        MissingItem(p.item_id, titles.get(p.item_id, p.item_id), p.missing) for p in progress.open_items
    )
    undecided = tuple(
        MissingItem(p.item_id, titles.get(p.item_id, p.item_id), p.missing)
        for p in progress.items
        if p.state == STATE_UNDECIDED
    )
    budget = size_budget(ws, period.id)
    last_seq, last_id = last_package(ws.db, period.id)
    blockers = []
    if budget.used_bytes > budget.limit_bytes:
        blockers.append(
            f"佐证材料共 {format_size(budget.used_bytes)}，超过上报包大小上限 {format_size(budget.limit_bytes)}，"
            "请删去不必要的材料或压缩扫描件"
        )
    if budget.used_bytes > MAX_PACKAGE_BUDGET:  # only reachable with a limit set past the registry's maximum
        blockers.append("上报包将超过 4 GB，FAT32 格式的 U 盘无法保存，请减少佐证材料")
    if not key_path(ws.data_dir).exists():
        blockers.append(
            "尚未创建本单位签名密钥：请在程序的“本单位信息”中创建，"
            "或运行 fazhi-desktop init --passphrase-file 口令文件；已有备份的请用 fazhi-desktop key restore"
        )
    broken = history.verify_chain(ws.db)
    if broken:
        blockers.append(
            f"本机的修改记录已被改动（第 {broken[0]} 条起共 {len(broken)} 处与哈希链不符），"
            "县司法局核验时会拒收：请运行 fazhi-desktop doctor 查看，或从备份恢复"
        )
    return Preflight(
        unit_name=profile.unit_name,
        period_label=period.label,
        done=progress.overall.done,
        total=progress.overall.total,
        missing=missing,
        evidence_count=budget.file_count,
        estimated_bytes=budget.used_bytes,
        limit_bytes=budget.limit_bytes,
        sequence=last_seq + 1,
        supersedes=last_id,
        blockers=tuple(blockers),
        undecided=undecided,
    )


def history_jsonl(ws: Workspace) -> tuple[bytes, int, str]:
    """The installation's whole change history as history.jsonl (see hashchain.py), its rows and head.

    The whole chain, not just this period's rows: with rows left out nobody could recompute it. A broken
    chain raises HistoryTampered: the bureau would reject the package, so say so here, at home.
    """
    lines: list[bytes] = []
    broken: list[tuple[int, int]] = []  # (line, row id)
    head = GENESIS
    # One SELECT read to its end: SQLite gives it one state of the table, and the rows are rendered and
    # checked as they come, so a long history is held only once, as the lines of the file.
    for row, ok in checked_rows(history.chain_rows(ws.db)):
        lines.append(render_line(dict(zip(LINE_FIELDS, row, strict=True))))
        if not ok:
            broken.append((len(lines), row[0]))
        head = row[-1]
    if broken:
        raise HistoryTampered(
            broken[0][1],
            len(broken),
            f"history.jsonl 第 {broken[0][0]} 行",
            consequence="无法生成上报包：县司法局核验时会拒收。",
        )
    return b"".join(lines), len(lines), head


def build_spec(
    ws: Workspace,
    key: UnitKey,
    *,
    package_id: str,
    sequence: int,
    supersedes: str | None,
    created: dt.datetime,
) -> tuple[PackageSpec, ReportData, list[str]]:
    """Render the reports and list the evidence for one package (nothing is written to disk)."""
    period = ws.period
    profile = ws.require_profile()
    data = build_report_data(
        ws,
        package_id=package_id,
        sequence=sequence,
        fingerprint=key.fingerprint,
        supersedes=supersedes,
        generated=created,
    )
    history_bytes, history_rows, history_head = history_jsonl(ws)
    records = list_evidence(ws, period_id=period.id)
    paths = unique_evidence_paths((str(r.id), r.original_name) for r in records)
    data = with_bag_paths(data, paths)
    warnings: list[str] = []
    payload = [
        PayloadEntry.from_bytes("data/report.pdf", render_pdf(data, warnings=warnings)),
        PayloadEntry.from_bytes("data/workbook.xlsx", render_xlsx(data)),
        PayloadEntry.from_bytes("data/results.json", render_results(data)),
        PayloadEntry.from_bytes("data/history.jsonl", history_bytes),
    ]
    for r in records:
        payload.append(
            PayloadEntry.from_file(
                paths[str(r.id)], blob_path(ws.data_dir, r.sha256), size=r.size, sha256=r.sha256
            )
        )
    spec = PackageSpec(
        unit_name=profile.unit_name,
        unit_kind=profile.unit_kind,
        contact_name=profile.contact,
        contact_phone=profile.phone,
        period_label=period.label,
        plan_id=period.plan_id,
        plan_version=period.plan_version,
        package_id=package_id,
        sequence=sequence,
        supersedes=supersedes,
        program_version=__version__,
        created=created,
        payload=payload,
        history_head=history_head,
        history_rows=history_rows,
        answers_return=_open_return_id(ws),
    )
    return spec, data, warnings


def _open_return_id(ws: Workspace) -> str | None:
    """The bureau's return (退回包) this package answers: the newest one of the period not yet answered."""
    waiting = returns.open_return(ws.db, ws.period.id)
    return waiting.return_id if waiting else None


def export_package(
    ws: Workspace,
    out_dir: Path,
    key: UnitKey,
    *,
    progress: PhaseProgress | None = None,
    cancel: Cancel = None,
    package_id: str | None = None,
    created: dt.datetime | None = None,
    detail: Detail | None = None,
) -> ExportResult:
    """Write the signed summary package for the current period into `out_dir` and record it.

    Progress: `progress(done_bytes, total_bytes, phase)` and/or `detail(Step)` (files and bytes), as
    for `write_package`; `cancel` is checked between blocks.
    """
    period = ws.period
    last_seq, last_id = last_package(ws.db, period.id)
    sequence = last_seq + 1
    package_id = package_id or str(uuid.uuid4())
    created = created or dt.datetime.now().astimezone().replace(microsecond=0)
    spec, _data, warnings = build_spec(
        ws, key, package_id=package_id, sequence=sequence, supersedes=last_id, created=created
    )
    recorded = False

    def record(result: PackageResult) -> None:
        # Before the rename (see write_package): a full data disk or a kill can no longer leave a
        # finished package on the stick that this database does not know.
        nonlocal recorded
        record_package(
            ws.db,
            package_id=package_id,
            period_id=period.id,
            sequence=sequence,
            supersedes=last_id,
            file_name=result.path.name,
            size=result.size,
            sha256=result.sha256,
        )
        recorded = True

    try:
        result = write_package(
            spec, Path(out_dir), key, progress=progress, cancel=cancel, detail=detail, before_place=record
        )
    except BaseException:
        if recorded:  # recorded, then the rename failed (the stick pulled out): take the record back
            withdraw_package(ws.db, package_id=package_id, period_id=period.id)
        raise
    if spec.answers_return:
        returns.mark_answered(ws.db, spec.answers_return, package_id)
    report_path, workbook_path = write_beside(result.path.parent, spec, warnings)
    return ExportResult(
        package=result,
        sequence=sequence,
        supersedes=last_id,
        warnings=tuple(warnings),
        report_path=report_path,
        workbook_path=workbook_path,
    )


def has_key(data_dir: Path) -> bool:
    """Whether the unit's signing key exists (without it nothing can be exported)."""
    return key_path(data_dir).exists()


def unlock_key(data_dir: Path, passphrase: str) -> UnitKey:
    """The unit key for signing (slow on purpose: run it where the export runs, off the UI thread)."""
    return load_unit_key(data_dir, passphrase)


def package_records(ws: Workspace) -> list[packages.PackageRecord]:
    """Packages written for the current period, newest first."""
    return packages.list_packages(ws.db, ws.period.id)


def list_packages(ws: Workspace) -> list[dict[str, object]]:
    """`package_records` as JSON-ready dicts."""
    return [p.to_dict() for p in package_records(ws)]
