"""A small `fazhi-plan/2` catalogue with every format-2 feature, built fresh for each test."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

_SAMPLE: dict[str, Any] = {
    "format": "fazhi-plan/2",
    "plan": {
        "id": "test-2026",
        "version": "1.0.0",
        "title": "测试县2026年法治政府建设工作要点",
        "doc_number": "测政办发〔2026〕3号",
        "issuer": "测试县人民政府办公室",
        "issue_date": "2026-03-01",
        "year": 2026,
        "province": "山东省",
        "city": "测试市",
        "county": "测试县",
        "indicator_system_title": "测试县法治政府建设考核细则",
    },
    "total_points": 10,
    "units": [
        {"name": "县司法局", "kind": "government_department", "aliases": []},
        {
            "name": "县发展和改革局",
            "kind": "government_department",
            "aliases": ["县发改局"],
            "former_names": ["县发展计划局"],
        },
        {"name": "县财政局", "kind": "government_department"},
        {"name": "县委组织部", "kind": "party_organ"},
        {"name": "甲镇人民政府", "kind": "township", "aliases": ["甲镇"]},
    ],
    "collectives": [
        {"name": "县政府各部门", "mode": "all", "kinds": ["government_department"]},
        {"name": "各镇人民政府", "mode": "all", "kinds": ["township"], "aliases": ["各镇"]},
        {"name": "县直有关部门", "mode": "optional", "kinds": ["government_department", "party_organ"]},
    ],
    "sections": [
        {
            "number": 1,
            "label": "一、",
            "title": "总体要求",
            "tasks": [
                {"id": "T01", "number": 1, "label": "（一）", "text": "坚持以习近平法治思想为指导。"},
                {
                    "id": "T02",
                    "number": 2,
                    "label": "（二）",
                    "text": "健全依法决策机制。",
                    "lead": ["县司法局", "县发改局"],
                    "cooperating": ["县财政局", "各镇"],
                    "deadline": "2026-12-31",
                },
                {
                    "id": "T03",
                    "number": 3,
                    "label": "（三）",
                    "text": "推进严格规范公正文明执法。",
                    "responsible": ["县政府各部门"],
                    "deadline": "长期坚持",
                },
            ],
        }
    ],
    "areas": [
        {
            "number": 1,
            "label": "一、",
            "title": "依法全面履行政府职能",
            "points": 6,
            "headings": [
                {
                    "number": 1,
                    "label": "（一）",
                    "title": "深化行政审批制度改革",
                    "points": 6,
                    "indicators": [
                        {
                            "id": "I01",
                            "number": 1,
                            "label": "1.",
                            "text": "公布权责清单并动态调整。",
                            "lead": ["县司法局"],
                            "points": 3.5,
                            "criteria": "未公布扣1分；未动态调整扣0.5分。",
                            "method": "查阅资料",
                            "evidence": ["权责清单", "调整文件"],
                        },
                        {
                            "id": "I02",
                            "number": 2,
                            "label": "2.",
                            "text": "落实重大行政决策程序。",
                            "responsible": ["县直有关部门"],
                            "points": 2.5,
                            "evidence": "决策目录",
                        },
                    ],
                }
            ],
        },
        {
            "number": 2,
            "label": "二、",
            "title": "组织保障",
            "points": 4,
            "headings": [
                {
                    "number": 1,
                    "label": "（一）",
                    "title": "加强党的领导",
                    "points": 4,
                    "indicators": [
                        {
                            "id": "I03",
                            "number": 3,
                            "label": "3.",
                            "text": "党政主要负责人履行第一责任人职责。",
                            "lead": ["县委组织部"],
                            "points": 4,
                        }
                    ],
                }
            ],
        },
    ],
    "adjustments": [
        {"id": "B1", "kind": "bonus", "number": 1, "text": "获得省级以上表彰。", "points": 1, "cap": 2},
        {
            "id": "D1",
            "kind": "deduction",
            "number": 1,
            "text": "发生重大行政违法案件。",
            "points": 2,
            "cap": 5,
        },
    ],
    "notes": [],
}


def sample_doc() -> dict[str, Any]:
    return copy.deepcopy(_SAMPLE)


def write_sample(path: Path, doc: dict[str, Any] | None = None) -> Path:
    path.write_text(json.dumps(doc or sample_doc(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path
