"""One unit seen from the bureau: its packages (history), its answers, its evidence, and what changed
between any two of its packages. Read-only over the store (an evidence file is handed out as a copy)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fazhi_desktop.errors import UsageError
from fazhi_desktop.package.spec import evidence_path
from fazhi_desktop.review import received
from fazhi_desktop.review.received import PackageRow
from fazhi_desktop.review.scoring import Review, set_review
from fazhi_desktop.review.store import ReviewStore
from fazhi_desktop.review.trust import canonical_unit

# Fields of an answer compared between two packages, with their Chinese names.
FIELDS = (
    ("work_status", "工作状态"),
    ("result", "自查结果"),
    ("narrative", "工作开展情况"),
    ("problems", "存在问题"),
    ("measures", "整改措施"),
    ("deadline", "整改时限"),
    ("responsible_person", "责任人"),
    ("na_reason", "不适用理由"),
    ("self_score", "自评分"),
)


def unit_packages(store: ReviewStore, unit_name: str) -> list[PackageRow]:
    return received.packages(store.db, unit_name=unit_name)


def find_unit(store: ReviewStore, name: str) -> str:
    """The canonical name of a unit the store has packages from (or the plan knows)."""
    if name.strip() in received.unit_names(store.db):
        return name.strip()
    return canonical_unit(store, name)


def find_package(store: ReviewStore, ref: str) -> PackageRow:
    """A package by id, an id prefix of 6+ characters, or the path of a file already imported."""
    ref = ref.strip()
    path = Path(ref)
    if path.suffix.lower() == ".zip" and path.is_file():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        row = received.package_by_hash(store.db, digest)
        if row is None:
            raise UsageError(f"{ref} 尚未导入（或导入时未通过核验）：请先 review import")
        return row
    if len(ref) < 6:
        raise UsageError(f"上报包编号“{ref}”太短：至少输入前 6 位，或给出上报包文件")
    rows = received.packages_by_id_prefix(store.db, ref)
    if not rows:
        raise UsageError(f"审核数据中没有编号为 {ref} 的上报包（review unit 单位名 可列出其上报包）")
    if len(rows) > 1:
        raise UsageError(f"编号 {ref} 对应多个上报包，请多输入几位")
    return rows[0]


def results_of(store: ReviewStore, package_id: str) -> dict[str, Any]:
    return received.results_of(store.db, package_id)


def current_items(store: ReviewStore, unit_name: str) -> tuple[PackageRow, list[dict[str, Any]]]:
    """The unit's current package in this round and its answered items (what the bureau can review)."""
    current = received.current_package(store.db, unit_name)
    if current is None:
        raise UsageError(f"{unit_name} 本轮没有计入汇总的上报包（未提交，或密钥未登记）")
    items = [i for i in results_of(store, current.package_id)["items"] if i["answered"]]
    return current, items


def review_item(
    store: ReviewStore,
    unit: str,
    item_id: str,
    *,
    verdict: str | None = None,
    comment: str = "",
    score: float | None = None,
    reason: str = "",
) -> Review:
    """One item of a unit's current package reviewed (the CLI `review score` and the window both call this)."""
    name = find_unit(store, unit)
    current, items = current_items(store, name)
    item_id = item_id.strip().upper()
    item = next((i for i in items if i["id"] == item_id), None)
    if item is None:
        raise UsageError(f"{name} 的上报包中没有作答第 {item_id} 项")
    if verdict is None and score is None:
        raise UsageError("请给出审核意见（通过或退回修改），或审核得分")
    points = item.get("points")
    return set_review(
        store.db,
        name,
        item_id,
        current.package_id,
        verdict=verdict,
        comment=comment,
        score=score,
        points=float(points) if isinstance(points, (int, float)) else None,
        deduction_reason=reason,
    )


@dataclass(frozen=True)
class ItemChange:
    item_id: str
    title: str
    fields: tuple[tuple[str, object, object], ...]  # (field name, before, after)
    evidence_added: tuple[str, ...]
    evidence_removed: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "item": self.item_id,
            "title": self.title,
            "fields": [{"field": f, "before": a, "after": b} for f, a, b in self.fields],
            "evidence_added": list(self.evidence_added),
            "evidence_removed": list(self.evidence_removed),
        }


@dataclass(frozen=True)
class PackageDiff:
    before: PackageRow
    after: PackageRow
    changes: tuple[ItemChange, ...]
    evidence_added: tuple[str, ...]  # documents (by name) new in `after`, by content
    evidence_removed: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "changes": [c.to_dict() for c in self.changes],
            "evidence_added": list(self.evidence_added),
            "evidence_removed": list(self.evidence_removed),
        }


def diff_packages(store: ReviewStore, a: PackageRow, b: PackageRow) -> PackageDiff:
    """What changed from package `a` to package `b` of the same unit: fields and evidence, per item."""
    if a.unit_name != b.unit_name:
        raise UsageError(f"两个上报包来自不同单位（{a.unit_name} 与 {b.unit_name}），无法比较")
    ra, rb = results_of(store, a.package_id), results_of(store, b.package_id)
    ev_a = {e["id"]: e for e in ra["evidence"]}
    ev_b = {e["id"]: e for e in rb["evidence"]}
    items_a = {i["id"]: i for i in ra["items"]}
    changes = []
    for item in rb["items"]:
        old = items_a.get(item["id"], {})
        fields = tuple(
            (name, old.get(key), item.get(key)) for key, name in FIELDS if old.get(key) != item.get(key)
        )
        docs_a = {ev_a[x]["sha256"]: ev_a[x]["name"] for x in old.get("evidence", []) if x in ev_a}
        docs_b = {ev_b[x]["sha256"]: ev_b[x]["name"] for x in item["evidence"] if x in ev_b}
        added = tuple(sorted(docs_b[h] for h in docs_b.keys() - docs_a.keys()))
        removed = tuple(sorted(docs_a[h] for h in docs_a.keys() - docs_b.keys()))
        if fields or added or removed:
            changes.append(ItemChange(item["id"], item["title"], fields, added, removed))
    all_a = {e["sha256"]: e["name"] for e in ra["evidence"]}
    all_b = {e["sha256"]: e["name"] for e in rb["evidence"]}
    return PackageDiff(
        a,
        b,
        tuple(changes),
        tuple(sorted(all_b[h] for h in all_b.keys() - all_a.keys())),
        tuple(sorted(all_a[h] for h in all_a.keys() - all_b.keys())),
    )


def since_previous(store: ReviewStore, unit_name: str) -> PackageDiff | None:
    """This round's current package against the one before it (None for a first submission)."""
    this_round = store.require_bureau().round
    rows = [
        p
        for p in unit_packages(store, unit_name)
        if p.standing in ("current", "superseded") and p.round == this_round
    ]
    rows.sort(key=lambda p: p.sequence)
    if len(rows) < 2:
        return None
    return diff_packages(store, rows[-2], rows[-1])


def copy_evidence(store: ReviewStore, package_id: str, evidence_id: str, folder: Path) -> Path:
    """A read-only copy of one evidence file under its original name (the store's own file stays untouched)."""
    row = received.evidence_file(store.db, package_id, evidence_id)
    if row is None:
        raise UsageError(f"上报包 {package_id} 中没有编号为 {evidence_id} 的佐证材料")
    name, sha = row
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(evidence_path(name)).name
    if target.exists():
        os.chmod(target, stat.S_IWUSR | stat.S_IRUSR)
        target.unlink()
    shutil.copyfile(store.blob_path(sha), target)
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return target
