"""Signed plans: the bureau signs, a unit verifies before use, remembers the first bureau key."""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest
from plan2_sample import sample_doc, write_sample

from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import generate_key_file

FAST = KdfParams(n=2**12)  # test speed only
PASS = "司法局口令 2026"


@pytest.fixture
def bureau(tmp_path):
    key = generate_key_file(tmp_path / "bureau-key.json", PASS, kdf=FAST)
    (tmp_path / "pass.txt").write_text(PASS + "\n", encoding="utf-8")
    return key


def _sign(cli_at, tmp_path, plan_file, key_file, out):
    r = cli_at(
        tmp_path / "bureau-data",
        "plan",
        "sign",
        str(plan_file),
        "--key",
        str(key_file),
        "--passphrase-file",
        str(tmp_path / "pass.txt"),
        "--out",
        str(out),
    )
    assert r.code == 0, r.err
    return r


def test_sign_then_a_unit_imports_after_seeing_who_signed_it(cli_at, tmp_path, bureau):
    plan_file = write_sample(tmp_path / "p.json")
    signed = tmp_path / "test-2026.signed"
    r = _sign(cli_at, tmp_path, plan_file, bureau.path, signed)
    assert bureau.fingerprint_display in r.out
    unit = tmp_path / "unit"
    r = cli_at(unit, "plan", "import", str(signed), "--check")
    assert r.code == 0, r.err
    for expected in (
        "测政办发〔2026〕3号",
        "测试县人民政府办公室",
        "工作任务 3 项",
        "签名有效",
        bureau.fingerprint_display,
        "首次",
    ):
        assert expected in r.out
    assert "test-2026" not in cli_at(unit, "plan", "list").out  # --check imports nothing
    r = cli_at(unit, "plan", "import", str(signed))
    assert r.code == 0, r.err and "已导入计划 test-2026" in r.out
    listed = [x for x in cli_at(unit, "plan", "list").out.splitlines() if x.startswith("test-2026")]
    assert listed[0].endswith(f"已签名（{bureau.fingerprint_display}）")
    # A second plan from the same key is recognised as the bureau's.
    doc = sample_doc()
    doc["plan"]["version"] = "1.0.1"
    signed2 = tmp_path / "v2.signed"
    _sign(cli_at, tmp_path, write_sample(tmp_path / "p2.json", doc), bureau.path, signed2)
    r = cli_at(unit, "plan", "import", str(signed2))
    assert r.code == 0 and "与本单位记住的县司法局密钥相同" in r.out


def test_another_key_is_refused_naming_both_fingerprints(cli_at, tmp_path, bureau):
    first = tmp_path / "a.signed"
    _sign(cli_at, tmp_path, write_sample(tmp_path / "p.json"), bureau.path, first)
    assert cli_at(tmp_path / "unit", "plan", "import", str(first)).code == 0
    other = generate_key_file(tmp_path / "other-key.json", PASS, kdf=FAST)
    doc = sample_doc()
    doc["plan"]["version"] = "2.0.0"
    forged = tmp_path / "b.signed"
    _sign(cli_at, tmp_path, write_sample(tmp_path / "p2.json", doc), other.path, forged)
    r = cli_at(tmp_path / "unit", "plan", "import", str(forged))
    assert r.code != 0
    assert display_fingerprint(other.fingerprint) in r.err and bureau.fingerprint_display in r.err
    assert "2.0.0" not in cli_at(tmp_path / "unit", "plan", "list").out


def _rezip(raw: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            zf.writestr(info.filename, change(info.filename, src.read(info.filename)))
    return out.getvalue()


def test_a_tampered_plan_is_refused(cli_at, tmp_path, bureau):
    signed = tmp_path / "a.signed"
    _sign(cli_at, tmp_path, write_sample(tmp_path / "p.json"), bureau.path, signed)
    raw = signed.read_bytes()
    edited = tmp_path / "edited.signed"
    edited.write_bytes(
        _rezip(
            raw,
            lambda n, d: d.replace("县司法局".encode(), "县财政局".encode(), 1) if n == "plan.json" else d,
        )
    )
    r = cli_at(tmp_path / "unit", "plan", "import", str(edited))
    assert r.code != 0 and "签名与内容不符" in r.err
    flipped = bytearray(raw)
    flipped[60] ^= 0xFF  # inside the compressed plan.json
    (tmp_path / "flipped.signed").write_bytes(bytes(flipped))
    r = cli_at(tmp_path / "unit", "plan", "import", str(tmp_path / "flipped.signed"))
    assert r.code != 0 and "已拒绝" in r.err
    extra = tmp_path / "extra.signed"
    with zipfile.ZipFile(io.BytesIO(raw)) as zf, zipfile.ZipFile(extra, "w") as out:
        for n in zf.namelist():
            out.writestr(n, zf.read(n))
        out.writestr("run.bat", b"echo")
    r = cli_at(tmp_path / "unit", "plan", "import", str(extra))
    assert r.code != 0 and "多出 run.bat" in r.err
    assert "test-2026" not in cli_at(tmp_path / "unit", "plan", "list").out


def test_an_unsigned_plan_needs_explicit_confirmation(cli_at, tmp_path):
    plan_file = write_sample(tmp_path / "p.json")
    r = cli_at(tmp_path / "unit", "plan", "import", str(plan_file))
    assert r.code != 0 and "--allow-unsigned" in r.err
    r = cli_at(tmp_path / "unit", "plan", "import", str(plan_file), "--allow-unsigned")
    assert r.code == 0 and "未签名" in r.out


def test_the_signed_plan_checks_with_openssl(cli_at, tmp_path, bureau):
    signed = tmp_path / "a.signed"
    _sign(cli_at, tmp_path, write_sample(tmp_path / "p.json"), bureau.path, signed)
    folder = tmp_path / "check"
    with zipfile.ZipFile(signed) as zf:
        zf.extractall(folder)
    ok = subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            "bureau-public-key.pem",
            "-rawin",
            "-in",
            "plan.json",
            "-sigfile",
            "signature.ed25519",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and "Signature Verified Successfully" in ok.stdout
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-in", "bureau-public-key.pem", "-outform", "DER"],
        cwd=folder,
        capture_output=True,
        check=True,
    ).stdout
    import hashlib

    assert hashlib.sha256(der[-32:]).hexdigest().upper() == bureau.fingerprint
    (folder / "plan.json").write_bytes((folder / "plan.json").read_bytes().replace(b"T01", b"T09"))
    bad = subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            "bureau-public-key.pem",
            "-rawin",
            "-in",
            "plan.json",
            "-sigfile",
            "signature.ed25519",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0


def test_the_bureau_key_can_be_replaced_deliberately(cli_at, tmp_path, bureau):
    first = tmp_path / "a.signed"
    _sign(cli_at, tmp_path, write_sample(tmp_path / "p.json"), bureau.path, first)
    unit = tmp_path / "unit"
    assert cli_at(unit, "plan", "import", str(first)).code == 0
    assert bureau.fingerprint_display in cli_at(unit, "plan", "bureau-key").out
    new_key = generate_key_file(tmp_path / "new-key.json", PASS, kdf=FAST)
    doc = sample_doc()
    doc["plan"]["version"] = "2.0.0"
    second = tmp_path / "b.signed"
    _sign(cli_at, tmp_path, write_sample(tmp_path / "p2.json", doc), new_key.path, second)
    refused = cli_at(unit, "plan", "import", str(second))
    assert refused.code != 0 and "plan bureau-key --trust" in refused.err
    shown = cli_at(unit, "plan", "bureau-key", "--trust", str(second))
    assert display_fingerprint(new_key.fingerprint) in shown.out and "未更换" in shown.out
    assert cli_at(unit, "plan", "import", str(second)).code != 0
    assert cli_at(unit, "plan", "bureau-key", "--trust", str(second), "--yes").code == 0
    assert cli_at(unit, "plan", "import", str(second)).code == 0


def test_sign_defaults_to_the_reviewer_modes_bureau_key(cli_at, tmp_path):
    (tmp_path / "pass.txt").write_text(PASS, encoding="utf-8")
    bureau_dir = tmp_path / "bureau-data"
    r = cli_at(bureau_dir, "review", "init", "--passphrase-file", str(tmp_path / "pass.txt"))
    assert r.code == 0, r.err
    signed = tmp_path / "t.signed"
    r = cli_at(
        bureau_dir,
        "plan",
        "sign",
        str(write_sample(tmp_path / "p.json")),
        "--passphrase-file",
        str(tmp_path / "pass.txt"),
        "--out",
        str(signed),
    )
    assert r.code == 0, r.err
    from fazhi_desktop.package.keys import read_key_info
    from fazhi_desktop.review.bureau import bureau_key_path

    assert read_key_info(bureau_key_path(bureau_dir)).fingerprint_display in r.out
    r = cli_at(
        tmp_path / "nobody",
        "plan",
        "sign",
        str(tmp_path / "p.json"),
        "--passphrase-file",
        str(tmp_path / "pass.txt"),
    )
    assert r.code != 0 and "--key" in r.err
