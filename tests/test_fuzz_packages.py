"""Property-based tests (hypothesis, derandomized: the same examples every run) that mutate a valid
package — its bytes, its ZIP structure, manifests, bag-info values of any size, names, the history
file — and check that verification never crashes, never hangs, stays within bounded memory, never
writes anything, and never accepts a changed package (issue 13).

Verification runs in-process: a SIGALRM bounds its time, tracemalloc its memory, and an audit hook
records every attempt to open a file for writing, rename, delete or create a folder while it runs.
"""

from __future__ import annotations

import hashlib
import signal
import sys
import tracemalloc
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from package_corpus import Member, get, read_members, resign, root_of, write_members

from fazhi_desktop.app.export import export_package
from fazhi_desktop.evidence.attachments import add_evidence
from fazhi_desktop.package import bagformat as bf
from fazhi_desktop.package.keyfile import KdfParams
from fazhi_desktop.package.keys import create_unit_key
from fazhi_desktop.package.verify import verify_package
from fazhi_desktop.selfcheck.assessments import save_assessment
from fazhi_desktop.selfcheck.profile import set_key_fingerprint, set_up_unit
from fazhi_desktop.selfcheck.workspace import Workspace

PASS = "正确的口令 horse battery"
SECONDS = 20  # far above the ~50 ms a verification of this package takes
MEMORY = 96 << 20  # Python allocations during one verification (the package is ~150 KB)
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=30,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_writes: list[str] = []
_watching = False


def _audit(event: str, args: tuple) -> None:
    if not _watching:
        return
    if event == "open":
        mode = args[1] if len(args) > 1 else "r"
        flags = args[2] if len(args) > 2 else 0
        writing = isinstance(mode, str) and any(c in mode for c in "wax+")
        if writing or (isinstance(flags, int) and flags & 0o3 and mode is None):
            _writes.append(f"open {args[0]!r} {mode!r}")
    elif event in ("os.rename", "os.remove", "os.mkdir", "os.rmdir", "os.truncate", "shutil.rmtree"):
        _writes.append(f"{event} {args!r}")


sys.addaudithook(_audit)


class _Timeout(Exception):
    pass


@contextmanager
def _bounded() -> Iterator[None]:
    global _watching

    def alarm(*_a: object) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(SECONDS)
    tracemalloc.start()
    _writes.clear()
    _watching = True
    try:
        yield
    finally:
        _watching = False
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert peak < MEMORY, f"peak {peak >> 20} MiB"
    assert _writes == [], _writes


def _verify(path: Path):  # type: ignore[no-untyped-def]
    with _bounded():
        return verify_package(path)


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> tuple[Path, object]:
    d = tmp_path_factory.mktemp("fuzz")
    ws = Workspace.open(d / "data")
    set_up_unit(ws, "燕店镇", contact="张三", phone="0635-1234567")
    key = create_unit_key(d / "data", PASS, kdf=KdfParams(n=2**10))
    set_key_fingerprint(ws, key.fingerprint)
    for n, item in enumerate(("T01", "T02", "T03")):
        save_assessment(ws, item, strict=False, work_status="推进中", narrative=f"第{n}项：组织学法。" * 5)
    scan = d / "会议纪要.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    add_evidence(ws, ["T01"], scan, made_date="2021-05-01")
    out = d / "out"
    out.mkdir()
    path = export_package(ws, out, key).package.path
    ws.close()
    report = verify_package(path)
    assert report.ok and report.sealed
    return path, key


def _case(tmp_path: Path, data: bytes) -> Path:
    digest = hashlib.sha256(data).hexdigest()[:16]
    p = tmp_path / f"case-{digest}.zip"
    p.write_bytes(data)
    return p


# --- bytes ----------------------------------------------------------------------------------------
@FUZZ
@given(
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=6)
)
def test_flipped_bytes_are_always_caught(package, tmp_path, flips):
    path, _ = package
    data = bytearray(path.read_bytes())
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    if bytes(data) == path.read_bytes():
        return  # two flips cancelled out: not a change
    report = _verify(_case(tmp_path, bytes(data)))
    assert not report.ok


@FUZZ
@given(
    where=st.floats(0, 1),
    cut=st.integers(0, 5000),
    insert=st.binary(max_size=3000),
)
def test_cut_or_inserted_bytes_are_always_caught(package, tmp_path, where, cut, insert):
    path, _ = package
    original = path.read_bytes()
    at = int(where * len(original))
    data = original[:at] + insert + original[at + cut :]
    if data == original:
        return
    assert not _verify(_case(tmp_path, data)).ok


# --- ZIP structure, manifests, names ----------------------------------------------------------------
_EDITS = st.sampled_from(["drop", "duplicate", "deflate", "rename", "empty", "append", "add"])


@FUZZ
@given(edit=_EDITS, which=st.integers(0, 10_000), name=st.text(min_size=1, max_size=300), junk=st.binary())
def test_restructured_packages_are_never_accepted(package, tmp_path, edit, which, name, junk):
    path, _ = package
    members = read_members(path)
    files = [m for m in members if not m.name.endswith("/")]
    target = files[which % len(files)]
    if edit == "drop":
        members.remove(target)
    elif edit == "duplicate":
        members.append(Member(target.name, junk or b"x"))
    elif edit == "deflate":
        target.compress_type = zipfile.ZIP_DEFLATED
        target.data += b"\n"
    elif edit == "rename":
        new = root_of(members) + name
        if new == target.name:
            return
        target.name = new
    elif edit == "empty":
        if not target.data:
            return
        target.data = b""
    elif edit == "append":
        target.data += junk or b"\0"
    else:
        members.append(Member(root_of(members) + "data/" + name, junk))
    try:
        bad = write_members(members, tmp_path / "restructured.zip")
    except (ValueError, UnicodeEncodeError):
        return  # a name zipfile itself cannot write (NUL, surrogates): nothing to verify
    assert not _verify(bad).ok


@FUZZ
@given(line=st.text(max_size=2000), position=st.integers(0, 100))
def test_edited_manifests_are_never_accepted(package, tmp_path, line, position):
    path, _ = package
    members = read_members(path)
    for rel in (bf.MANIFEST, bf.TAGMANIFEST):
        m = get(members, rel)
        lines = m.data.decode("utf-8").splitlines()
        lines.insert(position % (len(lines) + 1), line)
        m.data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
        assert not _verify(write_members(members, tmp_path / "manifest.zip")).ok
        members = read_members(path)


# --- bag-info values of any size ----------------------------------------------------------------------
_VALUES = st.one_of(
    st.text(max_size=500),
    st.integers(0, 3).map(lambda k: "9" * (10 ** (k + 1)) + "." + "9" * 5000),
    st.integers(1, 1_500_000).map(lambda n: "值" * n),
    st.just("0.0"),
    st.just("-1.-1"),
)


@FUZZ
@given(
    field=st.sampled_from(["Payload-Oxum", "Bag-Size", "Contact-Name", "Fazhi-History-Rows", "New"]),
    value=_VALUES,
)
def test_bag_info_values_of_any_size(package, tmp_path, field, value):
    """Unsigned: never accepted. Re-signed with the unit's own key (as a real writer could): the value
    is parsed, and whatever it says, verification stays bounded and never crashes."""
    path, key = package
    members = read_members(path)
    info = get(members, bf.BAG_INFO)
    lines = [ln for ln in info.data.decode().splitlines() if not ln.startswith(field + ":")]
    value = value.replace("\r", " ").replace("\n", " ")
    lines.append(f"{field}: {value}")
    info.data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    report = _verify(write_members(members, tmp_path / "info.zip"))
    assert not report.ok
    signed = _verify(write_members(resign(members, key), tmp_path / "info-signed.zip"))
    if field == "Payload-Oxum":  # never the real "bytes.count" of this payload
        assert not signed.ok
    for problem in signed.problems + signed.warnings:
        assert len(problem.message) < 2000, problem.code


# --- the history file -------------------------------------------------------------------------------
_HISTORY = st.one_of(
    st.binary(max_size=5000),
    st.integers(1, 200_000).map(lambda n: b"[" * n + b"]" * n + b"\n"),
    st.integers(1, 3_000_000).map(lambda n: b'{"at":"' + b"x" * n),
    st.lists(st.text(max_size=200), max_size=50).map(
        lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")
    ),
)


@FUZZ
@given(history=_HISTORY, resigned=st.booleans())
def test_a_changed_history_is_never_accepted(package, tmp_path, history, resigned):
    path, key = package
    members = read_members(path)
    m = get(members, "data/history.jsonl")
    if history == m.data:
        return
    m.data = history
    if resigned:  # the manifest updated and re-signed: only the hash chain can tell
        manifest = get(members, bf.MANIFEST)
        rel = "data/history.jsonl"
        lines = [
            f"{hashlib.sha256(history).hexdigest()}  {rel}" if ln.endswith("  " + rel) else ln
            for ln in manifest.data.decode().splitlines()
        ]
        manifest.data = ("\n".join(lines) + "\n").encode()
        resign(members, key)
    report = _verify(write_members(members, tmp_path / "history.zip"))
    assert not report.ok
