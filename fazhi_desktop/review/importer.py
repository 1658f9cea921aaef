"""Bulk import: every package found under the given files and folders, verified, sorted, stored or set aside.

Owns the tables `packages`, `answers`, `blobs`, `package_evidence`, `batches` and `quarantine`.

Order per file, so that nothing from a package that did not verify ever reaches the store:
verify the file where it lies (every hash, the signature; results.json read and validated in the same
pass) → sort it by its signed bag-info (plan, period, key, duplicate, sequence) → copy it into received/
while hashing, and require the copy to be byte for byte what was verified (a stick pulled out or a file
changed meanwhile fails here) → stream the evidence the store lacks out of our own copy, each file
checked against the verified manifest → one transaction for its rows. The file is verified once and
results.json is never read a second time. A file that fails any
step is listed in `quarantine` with the reason and the batch goes on; a full disk stops the batch.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from fazhi_desktop.errors import describe_os_error
from fazhi_desktop.fsutil import atomic_writer
from fazhi_desktop.package.errors import PackageCancelled
from fazhi_desktop.progress import Cancel, Step, cancel_fn
from fazhi_desktop.review import ledger, received
from fazhi_desktop.review.sniff import looks_like_other_zip, walk
from fazhi_desktop.review.store import RECEIVED_DIR, Bureau, ReviewStore, Round
from fazhi_desktop.review.trust import judge_signer
from fazhi_desktop.review.verified import (
    Claim,
    ReceivedCopy,
    Results,
    ResultsMismatch,
    VerifiedPackage,
    claim_of,
    evidence_entry,
    results_record,
    verify,
)
from fazhi_desktop.store.db import utc_now, write_transaction

Status = Literal["stored", "unregistered", "late", "duplicate", "quarantined", "put_aside", "not_processed"]

STATUS_NAMES: dict[str, str] = {
    "stored": "已接收",
    "unregistered": "已接收（未登记，不计入）",
    "late": "已记录（比现有版本旧，不采用）",
    "duplicate": "重复，已忽略",
    "quarantined": "未通过核验，已隔离",
    "put_aside": "已搁置",
    "not_processed": "未处理",
}

READ_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    """What became of one file."""

    source: str
    status: Status
    code: str  # a stable reason code; for a package that failed verification, all its codes, comma-separated
    message: str
    unit_name: str | None = None
    package_id: str | None = None
    sequence: int | None = None

    def describe(self) -> str:
        """The outcome in a sentence for the reviewer: what became of the file, whose it is, and why."""
        name = Path(self.source).name
        who = f"{self.unit_name} 第{self.sequence}版" if self.unit_name and self.sequence else self.unit_name
        head = (
            f"{STATUS_NAMES[self.status]}：{who}（{name}）" if who else f"{STATUS_NAMES[self.status]}：{name}"
        )
        if self.status == "quarantined":
            return f"{head}\n[{self.code}] {self.message}"
        return f"{head}\n{self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "status": self.status,
            "status_name": STATUS_NAMES[self.status],
            "code": self.code,
            "message": self.message,
            "unit": self.unit_name,
            "package_id": self.package_id,
            "sequence": self.sequence,
        }


@dataclass
class ImportReport:
    batch_id: int
    outcomes: list[Outcome] = field(default_factory=list)
    ignored: int = 0  # files passed over as not packages
    cancelled: bool = False
    stopped: str | None = None  # why the batch stopped early (a full disk)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def to_dict(self) -> dict[str, object]:
        return {
            "batch": self.batch_id,
            "outcomes": [o.to_dict() for o in self.outcomes],
            "ignored": self.ignored,
            "cancelled": self.cancelled,
            "stopped": self.stopped,
            "counts": {s: self.count(s) for s in STATUS_NAMES},  # type: ignore[arg-type]
        }


@dataclass(frozen=True)
class ImportStep:
    """Progress of a batch: files done of those found, the current file, and its verification step."""

    files_done: int
    files_total: int
    current: str
    step: Step | None = None


ImportProgress = Callable[[ImportStep], None]


class _Reject(Exception):
    def __init__(self, status: Status, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class _DiskFull(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def import_packages(
    store: ReviewStore,
    paths: Iterable[Path],
    *,
    progress: ImportProgress | None = None,
    cancel: Cancel = None,
) -> ImportReport:
    """Import every package under `paths`; never raises for a bad package (see the module docstring)."""
    bureau = store.require_bureau()
    is_cancelled = cancel_fn(cancel)
    candidates = list(walk(paths))
    store.backup("before-import")
    batch_id = received.start_batch(store.db)
    report = ImportReport(batch_id)
    total = len(candidates)
    for n, path in enumerate(candidates):
        if is_cancelled():
            report.cancelled = True
            break
        if progress:
            progress(ImportStep(n, total, str(path)))
        if path.suffix.lower() == ".zip" and looks_like_other_zip(path):
            report.ignored += 1
            continue

        def detail(step: Step, n: int = n, path: Path = path) -> None:
            if progress:
                progress(ImportStep(n, total, str(path), step))

        try:
            outcome = _import_one(store, bureau, path, batch_id, cancel, detail)
        except PackageCancelled:
            report.cancelled = True
            break
        except _DiskFull as full:
            report.outcomes.append(Outcome(str(path), "not_processed", "disk_full", full.message))
            report.stopped = full.message
            for rest in candidates[n + 1 :]:
                report.outcomes.append(
                    Outcome(str(rest), "not_processed", "batch_stopped", "因磁盘已满，本批次在此停止，未处理")
                )
            break
        if outcome.status in ("quarantined", "put_aside"):
            _record_quarantine(store, batch_id, outcome)
        report.outcomes.append(outcome)
    if progress:
        progress(ImportStep(total, total, ""))
    ending = "cancelled" if report.cancelled else ("stopped" if report.stopped else "done")
    received.finish_batch(store.db, batch_id, ending)
    return report


def _record_quarantine(store: ReviewStore, batch_id: int, o: Outcome) -> None:
    received.record_quarantine(store.db, batch_id, o.source, o.code, o.message, o.unit_name, o.package_id)


def _import_one(
    store: ReviewStore,
    bureau: Bureau,
    path: Path,
    batch_id: int,
    cancel: Cancel,
    detail: Callable[[Step], None],
) -> Outcome:
    report, verified = verify(path, cancel=cancel, detail=detail)
    if not report.ok or verified is None:
        codes = report.codes() or (["untrusted"] if report.trusted is False else ["bad_signature"])
        messages = [p.message for p in report.problems] or ["签名无效"]
        claim = claim_of(report) if report.bag_info else None
        return Outcome(
            str(path),
            "quarantined",
            ",".join(dict.fromkeys(codes)),
            "；".join(dict.fromkeys(messages)),
            claim.unit_name or None if claim else None,
            claim.package_id or None if claim else None,
        )
    claim = claim_of(report)
    sha = report.zip_sha256 or ""

    def out(status: Status, code: str, message: str) -> Outcome:
        return Outcome(str(path), status, code, message, claim.unit_name, claim.package_id, claim.sequence)

    if received.package_by_hash(store.db, sha) is not None:
        return out("duplicate", "duplicate", "这个上报包已经导入过，未做任何改动")
    try:
        _sort(bureau, claim)
    except _Reject as r:
        return out(r.status, r.code, r.message)
    stored: Path | None = None
    try:
        with write_transaction(store.db):
            judgement = judge_signer(store, claim.unit_name, claim.fingerprint)
            if judgement.standing in ("revoked", "replaced", "mismatch"):
                raise _Reject("quarantined", f"key_{judgement.standing}", judgement.message)
            if received.has_id(store.db, claim.package_id):
                raise _Reject(
                    "quarantined",
                    "package_id_clash",
                    f"上报包编号 {claim.package_id} 已被另一个内容不同的上报包使用：疑似被改动或伪造，未导入",
                )
            # The copy and the evidence are written under the transaction's lock: a second program
            # importing the same file waits, then finds it a duplicate.
            stored = _copy_in(store, path, sha, report.zip_size)
            _check_consistent(claim, verified.results)
            with ReceivedCopy(stored, verified) as copy:
                _store_evidence(store, copy, verified)
            previous = received.current_package(store.db, claim.unit_name, claim.round)
            standing = _standing(
                store, claim.unit_name, claim.round, claim.sequence, judgement.standing == "unregistered"
            )
            results = results_record(verified.results)
            _insert(store, claim, results, path, stored, report.zip_size, batch_id, standing)
    except (_Reject, ResultsMismatch) as r:
        if stored is not None:  # rolled back: the copy goes too (it was ours, made just now)
            stored.unlink(missing_ok=True)
        if isinstance(r, _Reject):
            return out(r.status, r.code, r.message)
        return out("quarantined", "results_mismatch", r.message)
    except BaseException:
        if stored is not None:
            stored.unlink(missing_ok=True)
        raise
    if standing == "unregistered":
        return out("unregistered", "unregistered", judgement.message)
    if standing == "late":
        return out("late", "late", "本单位已有更新的上报包：这份旧版本已记录，但不采用")
    if previous is not None:  # _standing marked it superseded
        return out(
            "stored", "stored", f"已核验并接收，取代此前的第 {previous.sequence} 版（{previous.package_id}）"
        )
    return out("stored", "stored", "已核验并接收")


def _sort(bureau: Bureau, claim: Claim) -> None:
    if claim.plan_id != bureau.plan_id:
        raise _Reject(
            "put_aside",
            "other_plan",
            f"这是针对另一份计划（{claim.plan_id}）的上报包，本轮审核的是 {bureau.plan_id}：已搁置",
        )
    if claim.period_label != bureau.period_label:
        raise _Reject(
            "put_aside",
            "other_period",
            f"这是 {claim.period_label} 的上报包，本轮审核的是 {bureau.period_label}：已搁置",
        )


def _is_disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1))


def _copy_in(store: ReviewStore, source: Path, sha: str, size: int) -> Path:
    """Copy the verified file into received/, requiring the same bytes as were verified."""
    target = store.received_path(sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    copied = 0
    try:
        with open(source, "rb") as src, atomic_writer(target) as dst:
            while block := src.read(READ_BLOCK):
                digest.update(block)
                dst.write(block)
                copied += len(block)
            if copied != size or digest.hexdigest() != sha:
                raise _Reject(
                    "quarantined",
                    "changed_while_reading",
                    f"文件在读取过程中变了（核验时 {size} 字节，复制时 {copied} 字节）："
                    "U 盘可能被拔出或文件正在被写入，请重新拷贝后再导入",
                )
    except FileNotFoundError:
        raise _Reject(
            "quarantined", "vanished", "文件在读取过程中消失了：U 盘可能被拔出，请插好后重新导入"
        ) from None
    except OSError as exc:
        if _is_disk_full(exc):
            raise _DiskFull(
                f"审核数据目录所在磁盘已满，无法保存上报包（{describe_os_error(exc)}）。"
                "已导入的上报包不受影响；请清理磁盘后重新导入其余文件"
            ) from None
        raise _Reject(
            "quarantined", "unreadable", f"读取中断：{describe_os_error(exc)}，请重新拷贝后再导入"
        ) from None
    return target


def _check_consistent(claim: Claim, results: Results) -> None:
    pairs = (
        ("单位", claim.unit_name, results.unit.name),
        ("上报包编号", claim.package_id, results.package.id if results.package else None),
        ("计划", claim.plan_id, results.plan.id),
        ("期间", claim.period_label, results.period_label),
    )
    for what, signed, inside in pairs:
        if signed != inside:
            raise _Reject(
                "quarantined",
                "results_mismatch",
                f"data/results.json 中的{what}（{inside}）与签名的包信息（{signed}）不一致",
            )


def _store_evidence(store: ReviewStore, copy: ReceivedCopy, verified: VerifiedPackage) -> None:
    """Each evidence file into blobs/, once: the ones already there are not read again."""
    for e in verified.results.evidence:
        entry = evidence_entry(verified, e)  # ResultsMismatch when results.json and the payload disagree
        target = store.blob_path(e.sha256)
        try:
            if target.is_file() and target.stat().st_size == e.size:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with atomic_writer(target) as dst:
                for block in copy.open_member(entry):
                    digest.update(block)
                    dst.write(block)
                if digest.hexdigest() != entry.sha256:
                    raise _Reject(
                        "quarantined",
                        "changed_while_reading",
                        f"佐证材料 {e.name} 读出的内容与核验时不同：存档副本可能已损坏，请重新导入",
                    )
        except OSError as exc:
            if _is_disk_full(exc):
                raise _DiskFull(
                    f"审核数据目录所在磁盘已满，无法保存佐证材料（{describe_os_error(exc)}）。"
                    "已导入的上报包不受影响；请清理磁盘后重新导入其余文件"
                ) from None
            raise


def _standing(store: ReviewStore, unit_name: str, in_round: Round, sequence: int, unregistered: bool) -> str:
    """Where a package of `unit_name` with `sequence` stands in its round (marking the one it supersedes)."""
    if unregistered:
        return "unregistered"
    current = received.current_package(store.db, unit_name, in_round)
    if current is None:
        return "current"
    if sequence > current.sequence:
        received.mark_superseded(store.db, current.package_id)
        return "current"
    if sequence == current.sequence:
        raise _Reject(
            "quarantined",
            "sequence_clash",
            f"{unit_name} 已有第 {current.sequence} 版上报包（{current.package_id}），"
            "这一份序号相同但内容不同：请与单位核实",
        )
    return "late"


def adopt_registered(store: ReviewStore, unit_name: str) -> int:
    """After a unit's key is registered: its packages kept as 未登记 and signed by that key count from now
    on (in sequence order, by the same rules as an import, each in its own round). Returns how many were
    taken in."""
    store.require_bureau()
    taken = 0
    with write_transaction(store.db):
        waiting = received.packages(store.db, standing="unregistered", unit_name=unit_name)
        for pkg in sorted(waiting, key=lambda p: p.sequence):
            if judge_signer(store, unit_name, pkg.key_fingerprint).standing != "registered":
                continue
            try:
                standing = _standing(store, unit_name, pkg.round, pkg.sequence, False)
            except _Reject:
                continue  # the same sequence as a counted package: stays 未登记, for the reviewer to look at
            received.set_standing(store.db, pkg.package_id, standing)
            if standing == "current":
                items = received.results_of(store.db, pkg.package_id)["items"]
                ledger.note_problems(store.db, unit_name, pkg.round, pkg.package_id, items)
            taken += 1
    return taken


def _insert(
    store: ReviewStore,
    claim: Claim,
    results: dict[str, Any],
    source: Path,
    stored: Path,
    size: int,
    batch_id: int,
    standing: str,
) -> None:
    values: dict[str, object] = {
        "package_id": claim.package_id,
        "zip_sha256": stored.stem,
        "unit_name": claim.unit_name,
        "unit_kind": results["unit"]["kind"],
        "plan_id": claim.plan_id,
        "plan_version": claim.plan_version,
        "period_label": claim.period_label,
        "sequence": claim.sequence,
        "supersedes": claim.supersedes,
        "answers_return": claim.answers_return,
        "created": claim.created,
        "key_fingerprint": claim.fingerprint,
        "size": size,
        "stored_name": f"{RECEIVED_DIR}/{stored.name}",
        "source_path": str(source),
        "imported_at": utc_now(),
        "batch_id": batch_id,
        "standing": standing,
    }
    received.insert_package(store.db, values, results)
    if standing == "current":
        ledger.note_problems(store.db, claim.unit_name, claim.round, claim.package_id, results["items"])
