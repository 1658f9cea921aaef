"""The history chain inside a package: recomputed by the verifier, each fault with its own code."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from package_corpus import Member, get, make_spec, read_members, resign, write_members

from fazhi_desktop.hashchain import GENESIS, render_line, row_hash
from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package.bagzip import write_package
from fazhi_desktop.package.keys import UnitKey
from fazhi_desktop.package.spec import PayloadEntry
from fazhi_desktop.package.verify import verify_package


def _history(rows: int) -> tuple[bytes, str]:
    """A valid history.jsonl of `rows` rows and its head."""
    prev, lines = GENESIS, []
    for n in range(1, rows + 1):
        row = {
            "id": n,
            "at": f"2021-09-{n:02d}T06:12:00.000000+00:00",
            "period_id": 1,
            "item_id": "T01",
            "entity": "assessment",
            "field": "narrative",
            "old": None if n == 1 else f"第{n - 1}稿",
            "new": f"第{n}稿：组织集中学法“{n}”次。",
        }
        row["prev"] = prev
        row["hash"] = prev = row_hash(
            prev, row["at"], 1, "T01", "assessment", "narrative", row["old"], row["new"]
        )
        lines.append(render_line(row))
    return b"".join(lines), prev


@pytest.fixture(scope="module")
def good_history(tmp_path_factory: pytest.TempPathFactory, keys) -> Path:
    d = tmp_path_factory.mktemp("good-history")
    data, head = _history(6)
    payload = [
        PayloadEntry.from_bytes("data/results.json", b"{}\n"),
        PayloadEntry.from_bytes("data/history.jsonl", data),
    ]
    return write_package(make_spec(payload, history_head=head, history_rows=6), d, keys[0]).path


def _rewrite_payload(m: list[Member], rel: str, data: bytes, key: UnitKey) -> list[Member]:
    """Replace a payload file and fix its manifest line and Payload-Oxum, then re-sign: only the
    intended fault remains (the content is what the signer says it is)."""
    old = get(m, rel).data
    get(m, rel).data = data
    manifest = get(m, bf.MANIFEST)
    manifest.data = manifest.data.replace(
        hashlib.sha256(old).hexdigest().encode(), hashlib.sha256(data).hexdigest().encode()
    )
    total = sum(len(x.data) for x in m if "/data/" in x.name)
    count = sum(1 for x in m if "/data/" in x.name)
    info = get(m, bf.BAG_INFO)
    info.data = re.sub(rb"Payload-Oxum: \S+", f"Payload-Oxum: {total}.{count}".encode(), info.data)
    return resign(m, key)


def test_history_chain_is_checked(good_history: Path) -> None:
    r = verify_package(good_history)
    assert r.ok and r.history_rows == 6 and r.history_head == _history(6)[1]


@pytest.mark.parametrize(
    "case", ["edited", "removed", "reordered", "not json", "head wrong", "rows wrong", "file gone"]
)
def test_history_faults_each_have_their_code(case: str, good_history: Path, keys, tmp_path: Path) -> None:
    m = read_members(good_history)
    lines = get(m, "data/history.jsonl").data.splitlines(keepends=True)
    expected = "history_chain_broken"
    if case == "edited":
        lines[2] = lines[2].replace("第3稿".encode(), "第3稿（改）".encode())
    elif case == "removed":
        del lines[3]
    elif case == "reordered":
        lines[1], lines[2] = lines[2], lines[1]
    elif case == "not json":
        lines[4] = b"{oops\n"
    if case in ("head wrong", "rows wrong"):
        expected = "history_head_mismatch"
        label, value = (
            ("Fazhi-History-Head", "0" * 64) if case == "head wrong" else ("Fazhi-History-Rows", "5")
        )
        info = get(m, bf.BAG_INFO)
        info.data = re.sub(rf"{label}: \S+".encode(), f"{label}: {value}".encode(), info.data)
        resign(m, keys[0])
    elif case == "file gone":
        expected = "missing_from_zip"
        m = [x for x in m if not x.name.endswith("data/history.jsonl")]
        manifest = get(m, bf.MANIFEST)
        manifest.data = b"".join(ln for ln in manifest.data.splitlines(keepends=True) if b"history" not in ln)
        info = get(m, bf.BAG_INFO)
        total = sum(len(x.data) for x in m if "/data/" in x.name)
        info.data = re.sub(rb"Payload-Oxum: \S+", f"Payload-Oxum: {total}.1".encode(), info.data)
        resign(m, keys[0])
    else:
        _rewrite_payload(m, "data/history.jsonl", b"".join(lines), keys[0])
    r = verify_package(write_members(m, tmp_path / "bad.zip"))
    assert r.signature_valid and r.codes() == [expected], r.codes()
    assert all(not p.message.isascii() for p in r.problems)
