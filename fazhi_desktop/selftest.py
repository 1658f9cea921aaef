"""`fazhi-desktop --self-test`: is this installation whole? A clerk's whole path, in a temporary data
directory, through the same verbs the clerk uses: load the plan, write and read the database, add an
evidence file, render the report (PDF page and workbook), sign a package and verify it (and see a
tampered copy refused), draw the main window off screen. Nothing touches the network or the user's data.

Meant for the installed program and the PyInstaller bundle as much as for a checkout: it is how an
installer test, an IT technician or a support call finds out that Python, Qt, the fonts, the plan files
and the signing library are all there and work."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from fazhi_desktop.sizes import format_size

PASS_ENV = "FAZHI_PASSPHRASE"
_PASSPHRASE = "self-test-口令-0635"
_UNIT = "县司法局"
_ITEM = "T01"
_TEXT = "自检：已组织专题学习三次"


class SelfTestFailed(Exception):
    """One step did not do what it must; the message says what, in Chinese."""


@contextlib.contextmanager
def _env(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _Run:
    """The steps share one temporary data directory and run the program's own verbs in this process."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.data = work / "数据"
        self.out = work / "输出"
        self.out.mkdir()
        self.package: Path | None = None

    def verb(self, *argv: str) -> str:
        """Run `fazhi-desktop --data-dir DATA argv…`; its printed output, or SelfTestFailed with it."""
        from fazhi_desktop.cli.main import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--data-dir", str(self.data), *argv])
            except SystemExit as exc:  # argparse exits on a usage error
                code = exc.code if isinstance(exc.code, int) else 2
        if code != 0:
            said = (err.getvalue() or out.getvalue()).strip()
            raise SelfTestFailed(f"命令 {' '.join(argv[:2])} 返回 {code}：{said[-400:]}")
        return out.getvalue()

    def plan(self) -> str:
        listing = self.verb("plan", "list")
        if not listing.strip():
            raise SelfTestFailed("没有列出任何内置计划")
        return f"内置计划 {len(listing.strip().splitlines())} 行"

    def database(self) -> str:
        self.verb("init", "--unit", _UNIT, "--contact", "自检", "--phone", "0635-0000000")
        self.verb("check", _ITEM, "--status", "已完成", "--result", "已完成", "--text", _TEXT)
        if _TEXT not in self.verb("show", _ITEM):
            raise SelfTestFailed(f"写入的自评内容没有从数据库读回（事项 {_ITEM}）")
        self.verb("doctor")
        return "写入、读回、完整性检查均正常"

    def evidence(self) -> str:
        src = self.work / "会议纪要（自检）.txt"
        src.write_text("自检用的佐证材料\n", encoding="utf-8")
        self.verb("evidence", "add", _ITEM, str(src), "--date", "2021-05-01")
        return "中文文件名的佐证材料已存入并校验"

    def report(self) -> str:
        reports = self.out / "报告"
        reports.mkdir()
        self.verb("report", "--out", str(reports))
        pdfs, books = sorted(reports.rglob("*.pdf")), sorted(reports.rglob("*.xlsx"))
        if not pdfs or not books:
            raise SelfTestFailed(
                f"报告没有生成 PDF 和 Excel 文件（生成了：{[p.name for p in reports.rglob('*')]}）"
            )
        pdf = pdfs[0].read_bytes()
        if not (pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:] and b"/FontFile2" in pdf):
            raise SelfTestFailed(f"{pdfs[0].name} 不是带内嵌字体的完整 PDF")
        import openpyxl

        sheet = openpyxl.load_workbook(books[0], read_only=True).worksheets[0]
        cells = [
            c for row in sheet.iter_rows(max_row=30, values_only=True) for c in row if c not in (None, "")
        ]
        if not cells:
            raise SelfTestFailed(f"{books[0].name} 的第一张工作表是空的")
        return f"PDF {format_size(len(pdf))}、Excel 自评表 {format_size(books[0].stat().st_size)}"

    def package_signed(self) -> str:
        packages = self.out / "上报包"
        packages.mkdir()
        self.verb("export", "--out", str(packages), "--yes")
        zips = sorted(packages.glob("*.zip"))
        if len(zips) != 1:
            raise SelfTestFailed(f"应生成一个上报包，实际 {len(zips)} 个")
        self.package = zips[0]
        self.verb("verify", str(self.package))
        tampered = packages / "篡改.zip"
        _tamper(self.package, tampered)
        try:
            self.verb("verify", str(tampered))
        except SelfTestFailed as exc:
            if "hash_mismatch" not in str(exc):
                raise SelfTestFailed(f"篡改过的上报包被拒绝，但原因不对：{exc}") from exc
            return f"签名上报包 {self.package.name} 核验通过，篡改过的副本被识别"
        raise SelfTestFailed("改动过内容的上报包竟然通过了核验")

    def window(self) -> str:
        png = self.out / "窗口.png"
        with _env(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM") or "offscreen"):
            self.verb("--screenshot", str(png), "--page", f"item:{_ITEM}")
        if not png.is_file() or png.stat().st_size < 10_000:
            raise SelfTestFailed("主窗口没有绘制出来")
        return f"离屏绘制事项页 {format_size(png.stat().st_size)}"


def _tamper(src: Path, dst: Path) -> None:
    """A copy of the package with one byte of its largest payload file changed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        infos = zin.infolist()
        victim = max(
            (i for i in infos if "/data/" in i.filename), key=lambda i: i.file_size, default=infos[0]
        )
        for info in infos:
            body = zin.read(info)
            if info is victim and body:
                body = bytes([body[0] ^ 0x01]) + body[1:]
            zout.writestr(info, body)


def run_self_test(out: Callable[[str], None] = print) -> int:
    """Run every step; 0 when all pass, 1 at the first that fails (the rest are not run)."""
    from fazhi_desktop import __version__

    started = time.monotonic()
    where = "安装包" if getattr(sys, "frozen", False) else "源代码"
    out(f"fazhi-desktop {__version__} 自检（{where}，Python {sys.version.split()[0]}，{sys.platform}）")
    work = Path(tempfile.mkdtemp(prefix="fazhi-selftest-"))
    try:
        run = _Run(work)
        steps: list[tuple[str, Callable[[], str]]] = [
            ("载入计划", run.plan),
            ("数据库写入和读回", run.database),
            ("佐证材料", run.evidence),
            ("生成报告（PDF 和 Excel）", run.report),
            ("签名上报包并核验", run.package_signed),
            ("图形界面", run.window),
        ]
        with _env(**{PASS_ENV: _PASSPHRASE}):
            for n, (name, step) in enumerate(steps, 1):
                t0 = time.monotonic()
                try:
                    said = step()
                except SelfTestFailed as exc:
                    out(f"  [{n}/{len(steps)}] {name}：失败 —— {exc}")
                    out("自检未通过。请重新安装本程序；仍不通过时，把以上内容发给技术支持。")
                    return 1
                out(f"  [{n}/{len(steps)}] {name}：通过（{said}，{time.monotonic() - t0:.1f} 秒）")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out(f"自检通过（{time.monotonic() - started:.1f} 秒）：本程序可以正常使用。")
    return 0
