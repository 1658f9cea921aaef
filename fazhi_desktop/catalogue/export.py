"""The catalogue and assignments as plain JSON-ready dicts (the shapes `--json` prints; see docs/cli.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fazhi_desktop.catalogue.assign import Assignment, ResolvedUnit, collective_named, directory_unit
from fazhi_desktop.catalogue.model import Item, Plan


def canonical_of(plan: Plan, name: str) -> dict[str, str]:
    """A name as written, with its canonical unit name, or marked as a collective."""
    unit = directory_unit(plan, name)
    if unit is not None:
        return {"as_written": name, "canonical": unit.name, "kind": unit.kind}
    c = collective_named(plan, name)
    if c is not None:
        return {"as_written": name, "canonical": c.name, "kind": "collective", "mode": c.mode}
    return {"as_written": name, "canonical": name, "kind": "unknown"}


def item_dict(plan: Plan, item: Item) -> dict[str, Any]:
    d: dict[str, Any] = {"id": item.id, "kind": item.kind, "number": item.number, "text": item.text}
    if item.kind == "task":
        d["section"] = {"number": item.group_number, "title": item.group_title}
    elif item.kind == "indicator":
        d["area"] = {"number": item.group_number, "title": item.group_title}
        d["heading"] = {"number": item.heading_number, "title": item.heading_title}
    else:
        d["group"] = item.group_title
    d["lead"] = [canonical_of(plan, n) for n in item.lead]
    d["responsible"] = [canonical_of(plan, n) for n in item.responsible]
    if plan.format_version >= 2:  # format-1 output keeps its documented shape
        d["cooperating"] = [canonical_of(plan, n) for n in item.cooperating]
        d |= {
            "label": item.label,
            "deadline": item.deadline,
            "points": item.points,
            "criteria": item.criteria,
            "method": item.method,
            "evidence_required": list(item.evidence_required),
        }
        if item.kind in ("bonus", "deduction"):
            d["cap"] = item.cap
    return d


def plan_dict(plan: Plan) -> dict[str, Any]:
    """The whole catalogue: metadata, the nested structure by ids, the flat item list, units and notes."""
    return {
        "plan": asdict(plan.meta) | {"sha256": plan.sha256},
        "counts": {
            "sections": len(plan.sections),
            "tasks": len(plan.tasks),
            "areas": len(plan.areas),
            "headings": sum(len(a.headings) for a in plan.areas),
            "indicators": len(plan.indicators),
            "adjustments": len(plan.adjustments),
        },
        "sections": [
            {"number": s.number, "title": s.title, "tasks": [t.id for t in s.tasks]} for s in plan.sections
        ],
        "areas": [
            {
                "number": a.number,
                "title": a.title,
                "headings": [
                    {"number": h.number, "title": h.title, "indicators": [i.id for i in h.indicators]}
                    for h in a.headings
                ],
            }
            for a in plan.areas
        ],
        "items": [item_dict(plan, i) for i in plan.all_items()],
        "units": units_list(plan),
        "collectives": [asdict(c) for c in plan.collectives],
        "notes": list(plan.notes),
    } | ({"format": plan.format_version, "warnings": list(plan.warnings)} if plan.format_version >= 2 else {})


def units_list(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "name": u.name,
            "kind": u.kind,
            "kind_name": u.kind_name,
            "aliases": list(u.aliases),
            "in_document": u.in_document,
        }
        | ({"former_names": list(u.former_names)} if u.former_names else {})
        for u in plan.units
    ]


def assignments_dict(plan: Plan, unit: ResolvedUnit, items: list[Assignment]) -> dict[str, Any]:
    return {
        "plan": {"id": plan.meta.id, "version": plan.meta.version},
        "unit": {
            "name": unit.name,
            "kind": unit.kind,
            "entered": unit.entered,
            "in_directory": unit.unit is not None,
        },
        "counts": {
            "required": sum(1 for a in items if not a.optional),
            "optional": sum(1 for a in items if a.optional),
            "lead": sum(1 for a in items if a.role == "牵头"),
        },
        "items": [
            {
                "id": a.item.id,
                "kind": a.item.kind,
                "role": a.role,
                "optional": a.optional,
                "via": a.via,
                "title": a.item.short_title,
            }
            for a in items
        ],
    }
