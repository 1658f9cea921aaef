"""Checks the transcription of 莘政办发〔2021〕10号 in resources/plans/shen-2021.json.

Reads the JSON directly (no project imports): structure, numbering, unit names, punctuation,
OCR leftovers, and a sample of items compared with the expected text written out here.
"""

import json
import pathlib
import re

import pytest

CATALOGUE = pathlib.Path(__file__).resolve().parents[1] / "resources" / "plans" / "shen-2021.json"
TOWNS = "各镇人民政府（街道办事处）"


@pytest.fixture(scope="module")
def doc():
    with CATALOGUE.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def tasks(doc):
    return [t for s in doc["sections"] for t in s["tasks"]]


@pytest.fixture(scope="module")
def indicators(doc):
    return [i for a in doc["areas"] for h in a["headings"] for i in h["indicators"]]


@pytest.fixture(scope="module")
def items(tasks, indicators, doc):
    out = {}
    for item in tasks + indicators + doc["adjustments"]:
        assert item["id"] not in out, item["id"]
        out[item["id"]] = item
    return out


@pytest.fixture(scope="module")
def names(doc):
    """Every name (canonical or alias) of units and collectives -> (kind, canonical)."""
    out = {}
    for u in doc["units"]:
        for n in [u["name"], *u["aliases"]]:
            assert n not in out, f"duplicate name {n}"
            out[n] = ("unit", u["name"])
    for c in doc["collectives"]:
        for n in [c["name"], *c["aliases"]]:
            assert n not in out, f"duplicate name {n}"
            out[n] = ("collective", c["name"])
    return out


def unit_by_name(doc, name):
    for u in doc["units"]:
        if name == u["name"] or name in u["aliases"]:
            return u
    raise KeyError(name)


# ------------------------------------------------------------------ file and metadata


def test_file_is_pretty_printed_utf8(doc):
    raw = CATALOGUE.read_text(encoding="utf-8")
    assert "\\u" not in raw  # ensure_ascii=False
    assert raw.startswith('{\n  "format"')
    assert json.dumps(doc, ensure_ascii=False, indent=2) + "\n" == raw


def test_plan_metadata(doc):
    assert doc["format"] == "fazhi-plan/1"
    p = doc["plan"]
    assert p["id"] == "shen-2021"
    assert p["version"] == "1.0.0"
    assert p["title"] == "莘县2021年法治政府建设工作计划"
    assert p["doc_number"] == "莘政办发〔2021〕10号"
    assert p["issuer"] == "莘县人民政府办公室"
    assert p["issue_date"] == "2021-06-23"
    assert p["year"] == 2021
    assert (p["province"], p["city"], p["county"]) == ("山东省", "聊城市", "莘县")
    assert p["indicator_system_title"] == "县级法治政府建设示范创建指标体系"
    assert p["source"] == "shen-2021-plan.txt"


# ------------------------------------------------------------------ work plan


def test_sections(doc):
    assert [s["number"] for s in doc["sections"]] == list(range(1, 8))
    assert [s["title"] for s in doc["sections"]] == [
        "深入学习贯彻习近平法治思想",
        "压实法治建设第一责任人职责",
        "依法全面履行政府职能",
        "完善依法行政制度体系",
        "加快推进法治政府建设",
        "优化法治营商环境",
        "推动基层社会治理效能提升",
    ]
    assert [[t["number"] for t in s["tasks"]] for s in doc["sections"]] == [
        [1],
        [2, 3, 4, 5, 6],
        [7, 8, 9, 10, 11, 12],
        [13, 14],
        [15, 16, 17, 18, 19, 20, 21],
        [22, 23, 24, 25, 26, 27],
        [28, 29, 30],
    ]


def test_tasks_numbered(tasks):
    assert len(tasks) == 30
    assert [t["number"] for t in tasks] == list(range(1, 31))
    assert [t["id"] for t in tasks] == [f"T{n:02d}" for n in range(1, 31)]
    for t in tasks:
        assert t["lead"] and t["responsible"], t["id"]
        assert t["responsible"][-1] == TOWNS, t["id"]


# ------------------------------------------------------------------ indicator system

AREA_TITLES = [
    "政府职能依法全面履行",
    "依法行政制度体系完善",
    "重大行政决策科学民主合法",
    "行政执法严格规范公正文明",
    "行政权力制约监督科学有效",
    "社会矛盾纠纷依法有效化解",
    "政府工作人员法治思维和依法行政能力全面提高",
    "法治政府建设组织领导落实到位",
]

# heading title -> indicator numbers, per area (placement decided by meaning; see notes)
HEADINGS = {
    1: [
        ("行政审批制度改革全面推行", range(1, 7)),
        ("落实权责清单、负面清单制度并实行动态管理", range(7, 10)),
        ("优化政府组织结构", range(10, 12)),
        ("加强事中事后监管", range(12, 14)),
        ("优化法治化营商环境", range(14, 19)),
        ("创新社会治理，优化公共服务", range(19, 22)),
        ("强化节能和生态环境保护", range(22, 23)),
    ],
    2: [
        ("加强行政规范性文件制定和管理", range(23, 27)),
        ("备案审查和清理机制健全", range(27, 30)),
    ],
    3: [
        ("依法决策机制健全", range(30, 32)),
        ("公众参与", range(32, 35)),
        ("专家论证、风险评估", range(35, 37)),
        ("合法性审查", range(37, 39)),
        ("集体讨论决定", range(39, 41)),
        ("强化决策规范化建设", range(41, 44)),
    ],
    4: [
        ("行政执法体制权责统一、权威高效", range(44, 48)),
        ("全面推行行政执法公示制度", range(48, 52)),
        ("全面推行执法全过程记录制度", range(52, 56)),
        ("全面推行重大执法决定法制审核制度", range(56, 59)),
        ("全面落实行政执法责任制", range(59, 62)),
        ("健全行政执法人员管理制度，加强行政执法保障", range(62, 66)),
    ],
    5: [
        ("自觉接受党内监督、人大监督、监察监督、民主监督、司法监督", range(66, 70)),
        ("加强行政监督和审计监督", range(70, 73)),
        ("完善社会监督和舆论监督机制", range(73, 75)),
        ("全面推进政务公开", range(75, 78)),
    ],
    6: [
        ("健全依法化解纠纷机制", range(78, 81)),
        ("加强行政复议工作", range(81, 84)),
        ("加强法治宣传教育", range(84, 87)),
    ],
    7: [
        ("树立法治素养和法治导向", range(87, 89)),
        ("强化对政府工作人员的法治教育培训和考查", range(89, 91)),
    ],
    8: [
        ("加强党对法治政府建设的领导", range(91, 93)),
        ("强化考核评价和督促落实", range(93, 95)),
    ],
}


def test_areas(doc):
    assert [a["number"] for a in doc["areas"]] == list(range(1, 9))
    assert [a["title"] for a in doc["areas"]] == AREA_TITLES
    assert [len(a["headings"]) for a in doc["areas"]] == [7, 2, 6, 6, 4, 3, 2, 2]


@pytest.mark.parametrize("area", range(1, 9))
def test_headings_and_their_indicators(doc, area):
    a = doc["areas"][area - 1]
    assert [h["number"] for h in a["headings"]] == list(range(1, len(a["headings"]) + 1))
    got = [(h["title"], [i["number"] for i in h["indicators"]]) for h in a["headings"]]
    assert got == [(t, list(r)) for t, r in HEADINGS[area]]


def test_heading_titles_of_areas_2_4_7_in_full(doc):
    titles = {a["number"]: [h["title"] for h in a["headings"]] for a in doc["areas"]}
    assert titles[2] == ["加强行政规范性文件制定和管理", "备案审查和清理机制健全"]
    assert titles[4] == [
        "行政执法体制权责统一、权威高效",
        "全面推行行政执法公示制度",
        "全面推行执法全过程记录制度",
        "全面推行重大执法决定法制审核制度",
        "全面落实行政执法责任制",
        "健全行政执法人员管理制度，加强行政执法保障",
    ]
    assert titles[7] == ["树立法治素养和法治导向", "强化对政府工作人员的法治教育培训和考查"]


def test_indicators_numbered(indicators):
    assert len(indicators) == 94
    assert [i["number"] for i in indicators] == list(range(1, 95))
    assert [i["id"] for i in indicators] == [f"I{n:02d}" for n in range(1, 95)]
    for i in indicators:
        assert i["lead"], i["id"]


def test_adjustments(doc):
    adj = doc["adjustments"]
    assert [(a["id"], a["kind"], a["number"]) for a in adj] == [
        ("B1", "bonus", 1),
        ("B2", "bonus", 2),
        ("D1", "deduction", 1),
        ("D2", "deduction", 2),
    ]
    assert adj[0]["text"] == "法治政府建设有关工作获得省部级以上表彰、奖励的。"
    assert adj[2]["text"] == "发生严重违法行政行为，或者因行政不作为、乱作为造成恶劣社会影响的。"
    assert (
        adj[3]["text"]
        == "在示范创建活动的申报材料中，故意编造、虚构有关数据、资料、文件等，或者隐瞒事实真相的。"
    )


# ------------------------------------------------------------------ names


def test_every_lead_and_responsible_name_resolves(tasks, indicators, names):
    for item in tasks + indicators:
        for col in ("lead", "responsible"):
            for n in item.get(col, []):
                assert n in names, f"{item['id']} {col}: {n!r} does not resolve"


def test_units_well_formed(doc, names):
    kinds = {
        "government_department",
        "party_organ",
        "court_procuratorate",
        "township",
        "vertical_branch",
        "other",
    }
    for u in doc["units"]:
        assert u["kind"] in kinds, u
        assert isinstance(u["in_document"], bool)
        assert u["name"] not in u["aliases"]
    for c in doc["collectives"]:
        assert c["mode"] in {"all", "optional"}
        assert c["kinds"] and set(c["kinds"]) <= kinds


def test_units_named_in_document_are_marked(doc, tasks, indicators, names):
    used = {
        names[n][1]
        for it in tasks + indicators
        for col in ("lead", "responsible")
        for n in it.get(col, [])
        if names[n][0] == "unit"
    }
    in_doc = {u["name"] for u in doc["units"] if u["in_document"]}
    assert used == in_doc
    assert sum(not u["in_document"] for u in doc["units"]) >= 10
    for u in doc["units"]:
        if not u["in_document"]:
            assert u["kind"] == "government_department" and u.get("note")


@pytest.mark.parametrize(
    "written, canonical, kind",
    [
        ("县发改局", "县发展和改革局", "government_department"),
        ("县发展和改革局", "县发展和改革局", "government_department"),
        ("县发展和改革委员会", "县发展和改革局", "government_department"),
        ("县发改委", "县发展和改革局", "government_department"),
        ("县政府办", "县政府办公室", "government_department"),
        ("县政府办公室", "县政府办公室", "government_department"),
        ("县商务局", "县商务投资促进局", "government_department"),
        ("县商务投资促进局", "县商务投资促进局", "government_department"),
        ("县人社局", "县人力资源和社会保障局", "government_department"),
        ("县市场监管局", "县市场监督管理局", "government_department"),
        ("县应急局", "县应急管理局", "government_department"),
        ("县行政审批局", "县行政审批服务局", "government_department"),
        ("县委编办", "县委机构编制委员会办公室", "party_organ"),
        ("县法院", "县人民法院", "court_procuratorate"),
        ("县检察院", "县人民检察院", "court_procuratorate"),
        ("县纪委监委", "县纪委监委", "party_organ"),
        ("县委组织部", "县委组织部", "party_organ"),
        ("县委宣传部", "县委宣传部", "party_organ"),
        ("县委政法委", "县委政法委员会", "party_organ"),
        ("县委办公室", "县委办公室", "party_organ"),
        ("市生态环境局莘县分局", "市生态环境局莘县分局", "vertical_branch"),
        ("县公安局", "县公安局", "government_department"),
        ("县信访局", "县信访局", "government_department"),
        ("县大数据局", "县大数据局", "government_department"),
        ("县财政局", "县财政局", "government_department"),
        ("县审计局", "县审计局", "government_department"),
        ("县民政局", "县民政局", "government_department"),
        ("县司法局", "县司法局", "government_department"),
        ("县自然资源和规划局", "县自然资源和规划局", "government_department"),
    ],
)
def test_unit_identity(doc, written, canonical, kind):
    u = unit_by_name(doc, written)
    assert (u["name"], u["kind"], u["in_document"]) == (canonical, kind, True)


def test_collectives(doc):
    got = {c["name"]: (c["mode"], set(c["kinds"])) for c in doc["collectives"]}
    assert got == {
        "县政府各部门": ("all", {"government_department"}),
        TOWNS: ("all", {"township"}),
        "县直有关部门": ("optional", {"government_department", "party_organ", "vertical_branch"}),
        "县政府有关部门": ("optional", {"government_department", "vertical_branch"}),
        "县政府相关部门": ("optional", {"government_department", "vertical_branch"}),
        "各相关部门": ("optional", {"government_department", "party_organ", "vertical_branch"}),
    }
    towns = next(c for c in doc["collectives"] if c["name"] == TOWNS)
    assert "各镇人民政府(街道办事处)" in towns["aliases"]


def test_no_township_invented(doc):
    assert not [u for u in doc["units"] if u["kind"] == "township"]


# ------------------------------------------------------------------ text hygiene


def all_strings(doc):
    """(where, string) for every item text, title and unit name in lead/responsible."""
    for s in doc["sections"]:
        yield f"section {s['number']}", s["title"]
        for t in s["tasks"]:
            yield t["id"], t["text"]
            for n in t["lead"] + t["responsible"]:
                yield t["id"], n
    for a in doc["areas"]:
        yield f"area {a['number']}", a["title"]
        for h in a["headings"]:
            yield f"area {a['number']} heading {h['number']}", h["title"]
            for i in h["indicators"]:
                yield i["id"], i["text"]
                for n in i["lead"]:
                    yield i["id"], n
    for x in doc["adjustments"]:
        yield x["id"], x["text"]
    for u in doc["units"]:
        yield u["name"], u["name"]
    for c in doc["collectives"]:
        yield c["name"], c["name"]


def test_no_half_width_punctuation(doc):
    for where, s in all_strings(doc):
        assert not re.search(r"[(),;:\[\]]", s), f"{where}: half-width punctuation in {s!r}"
        # a full stop between digits ("12.4") is fine; any other ASCII full stop is not
        assert not re.search(r"(?<!\d)\.|\.(?!\d)", s), f"{where}: stray '.' in {s!r}"


def test_no_whitespace_or_latin_words(doc):
    for where, s in all_strings(doc):
        assert not re.search(r"\s", s), f"{where}: whitespace in {s!r}"
        assert not re.search(r"[A-Za-z]", s), f"{where}: Latin letters in {s!r}"


def test_no_ocr_fragments(doc):
    for where, s in all_strings(doc):
        for frag in ("))", "]]", "处)", "处）〕", "）〕", "〕〕", "）)", "处))]", "(街道办事处)]]"):
            assert frag not in s, f"{where}: OCR fragment {frag!r} in {s!r}"
        assert s.count("〔") == s.count("〕"), f"{where}: unbalanced 〔〕 in {s!r}"
        assert s.count("（") == s.count("）"), f"{where}: unbalanced （） in {s!r}"
        assert s.count("“") == s.count("”"), f"{where}: unbalanced quotes in {s!r}"
        assert s.count("《") == s.count("》"), f"{where}: unbalanced 《》 in {s!r}"


def test_unit_lists_not_in_task_text(tasks):
    for t in tasks:
        for word in ("牵头单位", "责任单位", "〔牵头"):
            assert word not in t["text"], t["id"]
        assert t["text"].endswith("。"), t["id"]


def test_item_texts_end_with_full_stop(indicators, doc):
    for i in indicators + doc["adjustments"]:
        assert i["text"].endswith("。"), i["id"]


# ------------------------------------------------------------------ sample texts

EXPECTED_TEXT = {
    "T03": "县政府常务会定期研究法治建设工作或者听取法治政府建设工作汇报，及时研究解决有关重大问题。",
    "T14": "严格执行行政规范性文件制定程序。推进行政规范性文件合法性审核工作目录化、清单化、流程化。"
    "加强各级各部门法制工作机构合法性审核能力建设，全面提升行政规范性文件管理水平，"
    "实现行政规范性文件合法性全审核。",
    "T20": "落实中共山东省委全面依法治省委员会关于印发《山东省贯彻落实〈行政复议体制改革方案〉若干措施的通知》"
    "（鲁法委发〔2020〕7号）。建立健全行政复议议事组织，调整、充实行政复议委员会组成人员，"
    "行政复议委员会负责研究政府行政复议工作重大问题，审理重大行政复议案件。设立行政复议咨询委员会，"
    "为重大、疑难、复杂的复议案件提供咨询意见。部署开展行政复议法律文书网上公开工作。"
    "强化行政复议监督功能，加大纠正违法不当行政行为力度。加强行政复议信息化建设和府院数据对接。",
    "T27": "积极发展律师、公证、仲裁等涉外法律服务业务，提高涉外法律服务质量和水平。"
    "加强与外事、商贸部门的沟通对接，拓展涉外法律服务业务。",
    "T01": "加强对习近平法治思想的学习宣传和贯彻落实。将习近平法治思想纳入党委（党组）理论学习中心组学习内容，"
    "纳入法治队伍教育培训内容。结合庆祝建党100周年组织开展系列法治宣传教育活动。",
    "T09": "加强市场监管，推进“双随机、一公开”监管全覆盖、常态化。进一步拓展部门联合“双随机、一公开”监管覆盖面，"
    "深入推进“双随机、一公开”监管与企业信用风险分类管理相结合。加强信用监管，推进涉企信息归集共享。",
    "T23": "坚持动态清理，及时清理妨碍经济社会发展、有损营商环境的不合理规定。畅通公众参与渠道，"
    "涉企重要政策文件全部听取企业和有关行业协会商会意见，提高涉企文件质量。",
    "I11": "推进县级政府事权规范化建设。一类事项原则上由一个部门统筹，一件事情原则上由一个部门负责。",
    "I15": "加强对各种所有制经济的平等保护，清理有违公平的地方政府规章或者行政规范性文件。"
    "健全对涉嫌违法的企业和人员财产处置规则，依法慎重决定是否采取相关强制措施。"
    "确需采取查封、扣押、冻结等措施的，严格按照法定程序进行。"
    "大力宣传党和国家平等保护各种所有制经济产权的方针政策和法律法规，使平等、全面、依法保护观念深入人心。",
    "I23": "重要的行政规范性文件依法依规执行评估论证、公开征求意见、合法性审核、集体审议决定、向社会公开发布等程序。"
    "专业性、技术性较强的行政规范性文件，组织相关领域专家进行论证。"
    "评估论证结论在文件起草说明中写明，作为制发文件的重要依据。",
    "I24": "行政规范性文件没有增加法律、法规规定之外的行政权力事项或者减少法定职责；"
    "没有设定行政许可、行政处罚、行政强制等事项，增加办理行政许可事项的条件，"
    "规定出具循环证明、重复证明、无谓证明的内容；没有违法减损公民、法人和其他组织的合法权益或者增加其义务，"
    "侵犯公民各项基本权利；没有超越职权规定应由市场调节、企业和社会自律、公民自我管理的事项；"
    "没有违法制定含有排除或者限制公平竞争内容的措施，违法干预或者影响市场主体正常生产经营活动，"
    "违法设置市场准入和退出条件等。",
    "I30": "制定重大行政决策事项目录、标准，向社会公开，并根据实际情况调整；"
    "明确重大行政决策的决策主体、事项范围、法定程序、法律责任等，规范重大行政决策流程。",
    "I48": "行政执法主体、权限、依据、程序、救济渠道和随机抽查事项清单等信息全面准确及时主动公开；"
    "公开信息简明扼要、通俗易懂，并进行动态调整。",
    "I62": "全面实行行政执法人员持证上岗和资格管理制度，行政执法人员均通过执法资格考试。"
    "每年开展行政执法人员公共法律知识、专门法律知识、新法律法规等专题培训不少于40学时。行政执法着装管理规范。",
    "I67": "支持人民法院依法受理和审理行政案件，行政机关负责人按规定出庭应诉；"
    "对于涉及重大公共利益的案件、社会高度关注的案件、可能引发群体性事件的案件、检察机关提起的行政公益诉讼案件等，"
    "被诉行政机关负责人出庭率达100%。行政诉讼败诉率不高于上一年度全国行政诉讼败诉率平均值。",
    "I73": "行政机关违法行政行为投诉举报登记制度建立，举报箱、电子信箱、热线电话等监督渠道通畅，"
    "统一政务咨询投诉举报平台建立健全，除110、120、119等紧急类热线以外，"
    "将各部门非紧急类政务热线整合，纳入统一政务咨询投诉举报平台管理。",
    "I75": "实行政务公开清单管理制度，并动态更新。对符合法定条件要求的依申请公开政府信息的答复率达100%。",
    "I84": "广泛开展形式多样、生动活泼的法治宣传教育活动。开展“12.4”国家宪法周（日）集中宣传教育活动。"
    "严格落实国家工作人员宪法宣誓制度。全面加强青少年法治宣传教育。",
    "I87": "法治观念强不强、法治素养好不好成为衡量干部德才的重要标准，能不能遵守法律、依法办事成为考察干部的重要内容。"
    "在相同条件下，法治素养好、依法办事能力强的干部得到优先提拔使用。",
    "I94": "法治建设成效作为衡量各级领导班子和领导干部实绩的重要内容，纳入县经济社会发展综合考核和县直部门绩效考核，"
    "分值权重不低于总分值的10%。每年对法治政府建设情况开展检查考评工作，对工作不力、问题较多的单位开展约谈整改。",
    "B2": "在法治政府建设上积极创新、深化改革，有关做法经验在全国范围内推广的。",
}


@pytest.mark.parametrize("item_id", sorted(EXPECTED_TEXT))
def test_sample_text(items, item_id):
    assert items[item_id]["text"] == EXPECTED_TEXT[item_id]


EXPECTED_LEAD = {
    "T01": ["县政府办公室", "县司法局"],
    "T07": ["县行政审批局"],
    "T08": ["县委编办"],
    "T10": ["县发展和改革局"],
    "T17": ["县委编办", "县财政局", "县应急局"],
    "T22": ["县政府办公室", "县行政审批局", "县发展和改革局", "县司法局"],
    "T24": [
        "县行政审批局",
        "县发展和改革委员会",
        "县自然资源和规划局",
        "市生态环境局莘县分局",
        "县市场监管局",
    ],
    "T27": ["县司法局", "县商务投资促进局", "县人社局"],
    "T30": ["县司法局", "县民政局"],
    "I01": ["县政府办", "县行政审批局"],
    "I09": ["县财政局", "县民政局", "县市场监管局"],
    "I16": ["县发改局", "县商务局"],
    "I22": ["县发改局", "市生态环境局莘县分局", "县自然资源和规划局", "县审计局"],
    "I23": ["县司法局", "县政府相关部门"],
    "I33": ["县政府各部门"],
    "I36": ["县委政法委", "县政府各部门"],
    "I43": ["县委组织部", "县政府办公室"],
    "I47": ["县委政法委", "县法院", "县检察院", "县公安局", "县司法局"],
    "I64": ["县委办公室", "县政府办公室"],
    "I69": ["县纪委监委", "县检察院"],
    "I71": ["县委组织部", "县委编办"],
    "I74": ["县政府办公室", "县委宣传部", "县纪委监委", "各相关部门"],
    "I78": ["县人社局", "县司法局", "县信访局"],
    "I87": ["县委组织部"],
    "I88": ["县纪委监委", "县委组织部"],
    "I94": ["县委组织部", "县委办公室", "县司法局"],
}


@pytest.mark.parametrize("item_id", sorted(EXPECTED_LEAD))
def test_sample_lead(items, item_id):
    assert items[item_id]["lead"] == EXPECTED_LEAD[item_id]


EXPECTED_RESPONSIBLE = {
    "T01": ["县政府各部门", TOWNS],
    "T03": ["县政府各部门", TOWNS],
    "T07": ["县政府有关部门", TOWNS],
    "T10": ["县直有关部门", TOWNS],
    "T14": ["县政府有关部门", TOWNS],
    "T24": ["县政府各部门", TOWNS],
    "T27": ["县直有关部门", TOWNS],
}


@pytest.mark.parametrize("item_id", sorted(EXPECTED_RESPONSIBLE))
def test_sample_responsible(items, item_id):
    assert items[item_id]["responsible"] == EXPECTED_RESPONSIBLE[item_id]


def test_indicators_have_no_responsible_column(indicators):
    for i in indicators:
        assert "responsible" not in i or i["responsible"] == [], i["id"]


# ------------------------------------------------------------------ notes


def test_notes_cover_the_judgement_calls(doc, items):
    notes = doc["notes"]
    assert all(set(n) == {"where", "note"} and n["note"] for n in notes)
    where = {n["where"] for n in notes}
    for required in (
        "T03",
        "T19",
        "I11",
        "I15",
        "I16",
        "I30",
        "I48",
        "I75",
        "I81",
        "I87",
        "units",
        "collectives",
    ):
        assert required in where, required
    for w in where:
        if re.fullmatch(r"[TIBD]\d+", w):
            assert w in items, w
