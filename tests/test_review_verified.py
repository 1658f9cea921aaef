"""Reviewer mode reads a package once: results.json comes typed from the verification pass
(`verify_and_read`), never parsed again, and the bureau's copy is opened only to stream out evidence the
store does not have yet, each file checked against the verified manifest."""

from __future__ import annotations

import hashlib
import json
import types
import zipfile
from pathlib import Path

import pytest
from package_corpus import get, read_members, resign, write_members
from review_corpus import BUREAU_PASS, FAST, make_unit

from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package import verify as verify_module
from fazhi_desktop.review import received
from fazhi_desktop.review import verified as review_verified
from fazhi_desktop.review.bureau import init_bureau
from fazhi_desktop.review.importer import import_packages
from fazhi_desktop.review.store import integrity_problems
from fazhi_desktop.review.trust import add_key
from fazhi_desktop.review.unitview import current_items
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.workspace import Workspace


@pytest.fixture
def setup(tmp_path: Path):
    u = make_unit(tmp_path, "县财政局")
    u.answer(problems={"T01"})
    u.export(tmp_path / "v1")
    with Workspace.open(u.data_dir) as ws:
        save_assessment(ws, "T01", strict=False, narrative="补充说明。")
    u.export(tmp_path / "v2")  # the same evidence files as v1
    store, _ = init_bureau(tmp_path / "review", BUREAU_PASS, kdf=FAST)
    add_key(store, u.name, u.key.fingerprint)
    yield store, u, tmp_path
    store.close()


class _Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed = 0
        self.opened: list[str] = []
        real_parse, real_zip = verify_module.parse_results, zipfile.ZipFile

        def parse(data: bytes):
            self.parsed += 1
            return real_parse(data)

        def open_zip(path, *a, **kw):
            self.opened.append(Path(path).parent.name)
            return real_zip(path, *a, **kw)

        monkeypatch.setattr(verify_module, "parse_results", parse)
        # Only the reviewer's own module sees the counting ZipFile (the verifier keeps the real one).
        monkeypatch.setattr(review_verified, "zipfile", types.SimpleNamespace(ZipFile=open_zip))


def test_a_package_is_read_once(setup, monkeypatch: pytest.MonkeyPatch) -> None:
    store, u, _ = setup
    seen = _Counter(monkeypatch)
    report = import_packages(store, [u.packages[0]])
    assert report.count("stored") == 1
    assert seen.parsed == 1  # in the verification pass only
    assert seen.opened == ["received"]  # our copy, once, for its new evidence
    report = import_packages(store, [u.packages[1]])
    assert report.count("stored") == 1
    assert seen.parsed == 2 and seen.opened == ["received"]  # v2's evidence was all there already
    # What the store keeps is the verified results: answers, evidence rows and the ledger come from it.
    pkg, items = current_items(store, u.name)
    assert pkg.sequence == 2 and {"points", "self_score", "problems"} <= set(items[0])
    t01 = next(i for i in items if i["id"] == "T01")
    assert t01["narrative"] == "补充说明。" and t01["problems"] == "台账不全"
    results = received.results_of(store.db, pkg.package_id)
    assert results["period_label"] == "2021年度" and results["unit"]["name"] == u.name
    with zipfile.ZipFile(u.packages[1]) as zf:
        inside = json.loads(zf.read(next(n for n in zf.namelist() if n.endswith("data/results.json"))))
    assert [e["sha256"] for e in results["evidence"]] == [e["sha256"] for e in inside["evidence"]]
    assert integrity_problems(store) == []


def test_results_listing_another_file_than_the_payload_is_quarantined(setup, tmp_path: Path) -> None:
    """A validly signed package whose results.json names an evidence hash the manifest does not have."""
    store, u, _ = setup
    members = read_members(u.packages[0])
    res = get(members, "data/results.json")
    sha = json.loads(res.data)["evidence"][0]["sha256"]
    res.data = res.data.replace(sha.encode(), b"0" * 64, 1)  # the same size: Payload-Oxum still holds
    manifest = get(members, bf.MANIFEST)
    digest = hashlib.sha256(res.data).hexdigest()
    manifest.data = (
        "\n".join(
            f"{digest}  data/results.json" if line.endswith(" data/results.json") else line
            for line in manifest.data.decode().splitlines()
        )
        + "\n"
    ).encode()
    forged = write_members(resign(members, u.key), tmp_path / "改过清单.zip")
    report = import_packages(store, [forged])
    [o] = report.outcomes
    assert (o.status, o.code) == ("quarantined", "results_mismatch"), o.message
    assert "哈希或大小" in o.message
    assert received.packages(store.db) == [] and not list((store.data_dir / "received").glob("*.zip"))
