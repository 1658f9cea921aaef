"""Return (退回包) and receipt (回执) round trips between the bureau and a unit, with the real CLI on both
sides, and the bad cases: another unit's return, another signer, a changed file, a receipt for a package
the unit never sent."""

from __future__ import annotations

import base64
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from review_corpus import BUREAU_PASS, FAST, UnitSide

from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.package.keys import generate_key_file
from fazhi_desktop.package.signed_doc import write_signed
from fazhi_desktop.review.bureau import init_bureau
from fazhi_desktop.selfcheck.assessments import list_assessments, save_assessment
from fazhi_desktop.selfcheck.workspace import Workspace


@pytest.fixture
def round_trip(unit_factory, tmp_path: Path, cli_at):
    unit: UnitSide = unit_factory("县水务局")
    other: UnitSide = unit_factory("县交通运输局")
    for u in (unit, other):
        u.answer()
        u.export(tmp_path / "stick")
    store, bureau = init_bureau(tmp_path / "bureau", BUREAU_PASS, kdf=FAST)
    store.close()
    pw = tmp_path / "pw.txt"
    pw.write_text(BUREAU_PASS, encoding="utf-8")
    b = tmp_path / "bureau"
    for u in (unit, other):
        assert cli_at(b, "review", "keys", "add", u.name, str(u.public_pem(tmp_path))).code == 0
    assert cli_at(b, "review", "import", str(tmp_path / "stick")).code == 0
    for item, comment in (("T01", "缺少学习记录"), ("T03", "请补充数据")):
        r = cli_at(b, "review", "score", unit.name, item, "--verdict", "退回修改", "--comment", comment)
        assert r.code == 0, r.err
    assert cli_at(b, "review", "score", unit.name, "T02", "--verdict", "通过").code == 0
    r = cli_at(
        b, "review", "return", unit.name, "--out", str(tmp_path / "退回.json"), "--passphrase-file", str(pw)
    )
    assert r.code == 0, r.err
    assert "T01、T03" in r.out
    return unit, other, b, pw, bureau.key_fingerprint


def test_a_return_reopens_exactly_the_returned_items(round_trip, cli_at, tmp_path: Path) -> None:
    unit, _, b, pw, bureau_fp = round_trip
    before = list_assessments(Workspace.open(unit.data_dir))
    r = cli_at(unit.data_dir, "import-return", str(tmp_path / "退回.json"))
    assert r.code != 0 and display_fingerprint(bureau_fp) in r.err and "--bureau-key" in r.err
    r = cli_at(unit.data_dir, "import-return", str(tmp_path / "退回.json"), "--bureau-key", "0000 " * 8)
    assert r.code != 0 and "不符" in r.err
    r = cli_at(
        unit.data_dir,
        "import-return",
        str(tmp_path / "退回.json"),
        "--bureau-key",
        display_fingerprint(bureau_fp),
    )
    assert r.code == 0, r.err
    assert "缺少学习记录" in r.out and "请补充数据" in r.out and "重新打开 2 个事项" in r.out
    with Workspace.open(unit.data_dir) as ws:
        after = list_assessments(ws)
    changed = {i for i in after if after[i].work_status != before[i].work_status}
    assert changed == {"T01", "T03"} and after["T01"].work_status == "推进中"
    r = cli_at(unit.data_dir, "import-return", str(tmp_path / "退回.json"))  # the key is remembered now
    assert r.code == 0 and "已经导入过" in r.out

    # The unit answers: its next package names the return, and the bureau sees what changed.
    with Workspace.open(unit.data_dir) as ws:
        save_assessment(ws, "T01", strict=False, work_status="已完成", narrative="已补充全年学习记录。")
        ret_id = json.loads(
            cli_at(
                unit.data_dir,
                "import-return",
                str(tmp_path / "退回.json"),
                "--bureau-key",
                bureau_fp,
                "--json",
            ).out
        )["return_id"]
    second = unit.export(tmp_path / "stick2")
    with zipfile.ZipFile(second) as zf:
        info = zf.read(next(n for n in zf.namelist() if n.endswith("/bag-info.txt"))).decode()
    assert f"Fazhi-Answers-Return: {ret_id}" in info
    assert cli_at(b, "review", "import", str(second)).code == 0
    shown = json.loads(cli_at(b, "review", "unit", unit.name, "--json").out)
    assert (
        shown["packages"][-1]["answers_return"] == ret_id and shown["packages"][-1]["standing"] == "current"
    )
    changes = {c["item"]: c for c in shown["since_previous"]["changes"]}
    assert set(changes) == {"T01", "T03"}
    assert {f["field"] for f in changes["T01"]["fields"]} >= {"工作开展情况"}


def test_a_return_checks_out_with_openssl(round_trip, tmp_path: Path) -> None:
    doc = json.loads((tmp_path / "退回.json").read_text(encoding="utf-8"))
    (tmp_path / "body.json").write_text(doc["body"], encoding="utf-8")
    (tmp_path / "sig.bin").write_bytes(base64.b64decode(doc["signature"]))
    (tmp_path / "key.pem").write_text(doc["public_key"], encoding="ascii")
    done = subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            str(tmp_path / "key.pem"),
            "-rawin",
            "-in",
            str(tmp_path / "body.json"),
            "-sigfile",
            str(tmp_path / "sig.bin"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Success" in done.stdout


def test_bad_returns_are_refused(round_trip, cli_at, tmp_path: Path) -> None:
    unit, other, b, pw, bureau_fp = round_trip
    with Workspace.open(unit.data_dir) as ws:
        before = {i: a.work_status for i, a in list_assessments(ws).items()}
    r = cli_at(other.data_dir, "import-return", str(tmp_path / "退回.json"), "--bureau-key", bureau_fp)
    assert r.code != 0 and f"给 {unit.name} 的退回包" in r.err
    doc = json.loads((tmp_path / "退回.json").read_text(encoding="utf-8"))
    doc["body"] = doc["body"].replace("缺少学习记录", "无需修改")
    (tmp_path / "改过.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    r = cli_at(unit.data_dir, "import-return", str(tmp_path / "改过.json"), "--bureau-key", bureau_fp)
    assert r.code != 0 and "签名不对" in r.err
    fake = generate_key_file(tmp_path / "fake.json", "另一把密钥的口令", kdf=FAST)
    write_signed(
        fake,
        "return",
        json.loads(json.loads((tmp_path / "退回.json").read_text())["body"]),
        tmp_path / "冒充.json",
    )
    r = cli_at(unit.data_dir, "import-return", str(tmp_path / "冒充.json"), "--bureau-key", bureau_fp)
    assert r.code != 0 and "不符" in r.err and "Traceback" not in r.err
    r = cli_at(unit.data_dir, "import-receipt", str(tmp_path / "退回.json"), "--bureau-key", bureau_fp)
    assert r.code != 0 and "这是退回包" in r.err
    with Workspace.open(unit.data_dir) as ws:
        assert {i: a.work_status for i, a in list_assessments(ws).items()} == before  # nothing reopened


def test_a_receipt_is_proof_of_delivery(round_trip, cli_at, tmp_path: Path) -> None:
    unit, other, b, pw, bureau_fp = round_trip
    r = cli_at(
        b,
        "review",
        "receipt",
        str(unit.packages[0]),
        "--out",
        str(tmp_path / "回执.json"),
        "--passphrase-file",
        str(pw),
    )
    assert r.code == 0, r.err
    r = cli_at(unit.data_dir, "import-receipt", str(tmp_path / "回执.json"), "--bureau-key", bureau_fp)
    assert r.code == 0 and "核验通过" in r.out
    r = cli_at(unit.data_dir, "packages")
    assert "已送达" in r.out
    listed = json.loads(cli_at(unit.data_dir, "packages", "--json").out)
    assert listed[0]["receipt"]["zip_sha256"] == listed[0]["sha256"]
    r = cli_at(unit.data_dir, "import-receipt", str(tmp_path / "回执.json"), "--bureau-key", bureau_fp)
    assert r.code == 0 and "已经导入过" in r.out
    # A receipt for a package this unit never sent (another unit's, then a made-up one).
    r = cli_at(
        b,
        "review",
        "receipt",
        str(other.packages[0]),
        "--out",
        str(tmp_path / "别人.json"),
        "--passphrase-file",
        str(pw),
    )
    r = cli_at(unit.data_dir, "import-receipt", str(tmp_path / "别人.json"), "--bureau-key", bureau_fp)
    assert r.code != 0 and "不是给本单位" in r.err
    from fazhi_desktop.review.bureau import unlock_bureau_key

    key = unlock_bureau_key(b, BUREAU_PASS)
    body = json.loads(json.loads((tmp_path / "回执.json").read_text())["body"])
    body["package_id"] = "00000000-0000-4000-8000-000000000000"
    write_signed(key, "receipt", body, tmp_path / "虚构.json")
    r = cli_at(unit.data_dir, "import-receipt", str(tmp_path / "虚构.json"), "--bureau-key", bureau_fp)
    assert r.code != 0 and "没有发送过" in r.err
