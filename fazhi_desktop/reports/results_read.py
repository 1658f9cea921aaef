"""Reading results.json back: `parse_results(bytes)` → frozen dataclasses (the reviewer's side).

Reads every version `validate_results` accepts (1, and 1.1 with self-scores).

The writer and the validator are in results.py; this applies `validate_results` first, so what it
returns always follows docs/results-json.md, and a file that does not raises `BadResults` naming every
problem. Fields a later minor version adds are ignored (see "Versioning" there).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fazhi_desktop.errors import FazhiError
from fazhi_desktop.reports.results import validate_results


class BadResults(FazhiError):
    """results.json that is not JSON or does not follow its documented shape."""

    def __init__(self, problems: list[str]) -> None:
        shown = "；".join(problems[:5]) + (f"……（共 {len(problems)} 处）" if len(problems) > 5 else "")
        super().__init__(f"results.json 不符合格式：{shown}")
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ResultsPlan:
    id: str
    version: str
    title: str
    doc_number: str
    sha256: str


@dataclass(frozen=True)
class ResultsUnit:
    name: str
    kind: str
    kind_name: str
    contact: str
    phone: str


@dataclass(frozen=True)
class ResultsPackage:
    id: str
    sequence: int
    supersedes: str | None
    key_fingerprint: str | None


@dataclass(frozen=True)
class ResultsProgress:
    key: str  # overall, section:N, area:N, adjustments
    title: str
    total: int
    complete: int
    percent: int
    done: int
    in_progress: int
    not_started: int


@dataclass(frozen=True)
class ResultsItem:
    """One item with the unit's answer."""

    id: str
    kind: str  # task, indicator, bonus, deduction
    number: int
    title: str
    group_number: int
    group_title: str
    heading_number: int
    heading_title: str
    role: str
    optional: bool
    opted_in: bool | None
    answered: bool
    work_status: str
    result: str | None
    narrative: str
    problems: str
    measures: str
    deadline: str | None
    responsible_person: str
    na_reason: str
    updated_at: str | None
    evidence: tuple[str, ...]  # ids of ResultsEvidence entries
    missing: tuple[str, ...]
    # fazhi-results/1.1 (a plan with points) only:
    points: float | None = None
    self_score: float | None = None
    score_note: str = ""


@dataclass(frozen=True)
class ResultsEvidence:
    id: str
    name: str
    path: str | None  # data/evidence/… inside the package; None in a draft
    items: tuple[str, ...]
    made_date: str | None
    size: int
    sha256: str
    mime_type: str
    description: str
    added_at: str


@dataclass(frozen=True)
class Results:
    """A whole results.json (`fazhi-results/1`, or 1.1 with self-scores)."""

    format: str
    generated: str
    program_version: str
    plan: ResultsPlan
    unit: ResultsUnit
    period_label: str
    package: ResultsPackage | None  # None in a draft preview
    progress: tuple[ResultsProgress, ...]  # the first is the overall figure
    items: tuple[ResultsItem, ...]
    evidence: tuple[ResultsEvidence, ...]
    # 1.1 only: groups, base, bonus, deduction, total as written (docs/results-json.md, "Version 1.1")
    scores: Mapping[str, Any] | None = None

    def item(self, item_id: str) -> ResultsItem | None:
        return next((i for i in self.items if i.id == item_id), None)


def _fields(cls: type[Any], obj: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: tuple(v) if isinstance(v, list) else v for k, v in obj.items() if k in names}


def parse_results(data: bytes) -> Results:
    """The typed contents of results.json bytes; raises BadResults when they break the format."""
    try:
        obj = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadResults(["不是 UTF-8 文本"]) from None
    except json.JSONDecodeError as exc:
        raise BadResults([f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）"]) from None
    problems = validate_results(obj)
    if problems:
        raise BadResults(problems)
    package = obj["package"]
    return Results(
        format=obj["format"],
        generated=obj["generated"],
        program_version=obj["program_version"],
        plan=ResultsPlan(**_fields(ResultsPlan, obj["plan"])),
        unit=ResultsUnit(**_fields(ResultsUnit, obj["unit"])),
        period_label=obj["period"]["label"],
        package=ResultsPackage(**_fields(ResultsPackage, package)) if package is not None else None,
        progress=tuple(ResultsProgress(**_fields(ResultsProgress, p)) for p in obj["progress"]),
        items=tuple(ResultsItem(**_fields(ResultsItem, i)) for i in obj["items"]),
        evidence=tuple(ResultsEvidence(**_fields(ResultsEvidence, e)) for e in obj["evidence"]),
        scores=obj.get("scores"),
    )
