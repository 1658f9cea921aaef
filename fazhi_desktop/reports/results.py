"""results.json: the machine-readable answers of one unit and period (format `fazhi-results/1`).

The shape is documented in docs/results-json.md; `validate_results` checks a parsed file against it,
so the bureau's importer and the tests apply the same rules. Additive changes keep the major version;
anything that removes or renames a field, or changes its meaning, is `fazhi-results/2`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_desktop.catalogue.model import ITEM_KIND_NAMES
from fazhi_desktop.fsutil import atomic_write_bytes
from fazhi_desktop.selfcheck.assessments import RESULTS, WORK_STATUSES

if TYPE_CHECKING:  # only read here: the verifier checks results.json without building a report
    from fazhi_desktop.reports.data import EvidenceInfo, ItemReport, ProgressInfo, ReportData

FORMAT = "fazhi-results/1"
# 1.1 adds self-scores (items' points / self_score / score_note and a top-level `scores`); it is written
# only for a plan that gives points, so that a plan without them yields exactly the 1.0 shape.
FORMAT_SCORED = "fazhi-results/1.1"
READABLE = (FORMAT, FORMAT_SCORED)
FORMAT_MAJOR = "fazhi-results/"


def _fields(obj: Any, shape: dict[str, tuple[Any, ...]], **attrs: str) -> dict[str, Any]:
    """`obj`'s fields in the order of the validation `shape` (one list of fields for writing and
    checking); a key is the attribute of that name unless `attrs` names another; tuples become lists."""
    out = {}
    for key in shape:
        value = getattr(obj, attrs.get(key, key))
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


def _item(item: ItemReport, scored: bool) -> dict[str, Any]:
    d = _fields(item, _ITEM, title="short_title", evidence="evidence_ids")
    if scored:
        d |= _fields(item, _ITEM_SCORES)
    return d


def _evidence(e: EvidenceInfo) -> dict[str, Any]:
    return _fields(e, _EVIDENCE, path="bag_path", items="item_ids")


def _progress(p: ProgressInfo) -> dict[str, Any]:
    return _fields(p, _PROGRESS)


def results_dict(data: ReportData) -> dict[str, Any]:
    """The results as plain JSON-ready data, keys in documented order."""
    package = None
    if not data.is_draft:
        package = {
            "id": data.package_id,
            "sequence": data.sequence,
            "supersedes": data.supersedes,
            "key_fingerprint": data.fingerprint,
        }
    scored = data.scores is not None
    out = {
        "format": FORMAT_SCORED if scored else FORMAT,
        "generated": data.generated.isoformat(timespec="seconds"),
        "program_version": data.program_version,
        "plan": {
            "id": data.plan.id,
            "version": data.plan.version,
            "title": data.plan.title,
            "doc_number": data.plan.doc_number,
            "sha256": data.plan.sha256,
        },
        "unit": {
            "name": data.unit.name,
            "kind": data.unit.kind,
            "kind_name": data.unit.kind_name,
            "contact": data.unit.contact,
            "phone": data.unit.phone,
        },
        "period": {"label": data.period_label},
        # Added in 1.x (additive): the unit's own words for the period; files without it are still valid.
        "narratives": {"overall": data.overall_text, "next_steps": data.next_steps_text},
        "package": package,
        "progress": [_progress(p) for p in (data.progress or (data.overall,))],
        "items": [_item(i, scored) for i in data.items],
        "evidence": [_evidence(e) for e in data.evidence],
    }
    if scored:
        out["scores"] = data.scores
    return out


def render_results(data: ReportData) -> bytes:
    """results.json bytes: UTF-8, two-space indent, one trailing newline (stable for the same data)."""
    return (json.dumps(results_dict(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_results(data: ReportData, target: Path) -> Path:
    """Write results.json to `target` atomically."""
    atomic_write_bytes(Path(target), render_results(data))
    return Path(target)


# --- validation -------------------------------------------------------------------------------
# Field → allowed types; a tuple type list means "any of". `None` in a list means the value may be null.
_STR, _INT, _BOOL = (str,), (int,), (bool,)
_TOP = {
    "format": _STR,
    "generated": _STR,
    "program_version": _STR,
    "plan": (dict,),
    "unit": (dict,),
    "period": (dict,),
    "package": (dict, None),
    "progress": (list,),
    "items": (list,),
    "evidence": (list,),
}
_PLAN = {"id": _STR, "version": _STR, "title": _STR, "doc_number": _STR, "sha256": _STR}
_UNIT = {"name": _STR, "kind": _STR, "kind_name": _STR, "contact": _STR, "phone": _STR}
_PERIOD = {"label": _STR}
_NARRATIVES = {"overall": _STR, "next_steps": _STR}  # optional: older files have no "narratives"
_PACKAGE = {"id": _STR, "sequence": _INT, "supersedes": (str, None), "key_fingerprint": (str, None)}
_PROGRESS = {
    "key": _STR,
    "title": _STR,
    "total": _INT,
    "complete": _INT,
    "percent": _INT,
    "done": _INT,
    "in_progress": _INT,
    "not_started": _INT,
}
_ITEM = {
    "id": _STR,
    "kind": _STR,
    "number": _INT,
    "title": _STR,
    "group_number": _INT,
    "group_title": _STR,
    "heading_number": _INT,
    "heading_title": _STR,
    "role": _STR,
    "optional": _BOOL,
    "opted_in": (bool, None),
    "answered": _BOOL,
    "work_status": _STR,
    "result": (str, None),
    "narrative": _STR,
    "problems": _STR,
    "measures": _STR,
    "deadline": (str, None),
    "responsible_person": _STR,
    "na_reason": _STR,
    "updated_at": (str, None),
    "evidence": (list,),
    "missing": (list,),
}
_EVIDENCE = {
    "id": _STR,
    "name": _STR,
    "path": (str, None),
    "items": (list,),
    "made_date": (str, None),
    "size": _INT,
    "sha256": _STR,
    "mime_type": _STR,
    "description": _STR,
    "added_at": _STR,
}
KINDS = tuple(ITEM_KIND_NAMES)
ROLES = ("牵头", "责任", "配合", "参与")
_NUM = (int, float)
_ITEM_SCORES = {"points": (int, float, None), "self_score": (int, float, None), "score_note": _STR}
_SCORES = {"groups": (list,), "base": (dict,), "bonus": _NUM, "deduction": _NUM, "total": _NUM}


def _check(obj: Any, shape: dict[str, tuple[Any, ...]], where: str, problems: list[str]) -> bool:
    if not isinstance(obj, dict):
        problems.append(f"{where} 应为对象")
        return False
    for key, types in shape.items():
        if key not in obj:
            problems.append(f"{where} 缺少字段 {key}")
            continue
        value = obj[key]
        if value is None:
            if None not in types:
                problems.append(f"{where}.{key} 不能为 null")
            continue
        real = tuple(t for t in types if t is not None)
        # bool is an int in Python; a count must not be true/false.
        if isinstance(value, bool) and bool not in real or not isinstance(value, real):
            problems.append(f"{where}.{key} 类型不对")
    return True


def _hex64(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdefABCDEF" for c in value)


def validate_results(obj: Any) -> list[str]:
    """Problems with a parsed results.json, in Chinese (empty when it follows docs/results-json.md)."""
    problems: list[str] = []
    if not _check(obj, _TOP, "results", problems):
        return problems
    if not str(obj.get("format", "")).startswith(FORMAT_MAJOR):
        return [f"不是 results.json（format 为 {obj.get('format')!r}）"]
    if obj["format"] not in READABLE:
        return [f"不支持的 results.json 版本 {obj['format']}（本程序读 {'、'.join(READABLE)}）"]
    scored = obj["format"] == FORMAT_SCORED
    if scored:
        _check(obj.get("scores"), _SCORES, "scores", problems)
    _check(obj["plan"], _PLAN, "plan", problems)
    _check(obj["unit"], _UNIT, "unit", problems)
    _check(obj["period"], _PERIOD, "period", problems)
    if "narratives" in obj:
        _check(obj["narratives"], _NARRATIVES, "narratives", problems)
    if obj["package"] is not None:
        _check(obj["package"], _PACKAGE, "package", problems)
    for n, p in enumerate(obj["progress"]):
        _check(p, _PROGRESS, f"progress[{n}]", problems)
    evidence_ids = set()
    for n, e in enumerate(obj["evidence"]):
        if _check(e, _EVIDENCE, f"evidence[{n}]", problems):
            evidence_ids.add(e.get("id"))
            if not _hex64(e.get("sha256")):
                problems.append(f"evidence[{n}].sha256 不是 64 位十六进制")
    item_ids = set()
    for n, item in enumerate(obj["items"]):
        where = f"items[{n}]"
        if not _check(item, _ITEM | (_ITEM_SCORES if scored else {}), where, problems):
            continue
        item_ids.add(item.get("id"))
        kind = item.get("kind")
        if kind not in KINDS:
            problems.append(f"{where}.kind 不对：{kind!r}")
        if item.get("role") not in ROLES:
            problems.append(f"{where}.role 不对：{item.get('role')!r}")
        if item.get("work_status") not in WORK_STATUSES:
            problems.append(f"{where}.work_status 不对：{item.get('work_status')!r}")
        if item.get("result") is not None and item.get("result") not in RESULTS.get(kind, ()):
            problems.append(f"{where}.result 不对：{item.get('result')!r}")
        for ev in item.get("evidence") or []:
            if ev not in evidence_ids:
                problems.append(f"{where}.evidence 引用了不存在的佐证材料 {ev!r}")
    for n, e in enumerate(obj["evidence"]):
        refs = (e.get("items") or []) if isinstance(e, dict) else []
        for ref in refs:
            if ref not in item_ids:
                problems.append(f"evidence[{n}].items 引用了不存在的事项 {ref!r}")
    return problems
