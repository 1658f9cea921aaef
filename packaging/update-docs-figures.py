"""Write the build's own figures into the docs: the block between `<!-- build-figures:begin -->` and
`<!-- build-figures:end -->` in docs/packaging.md and docs/install.md is replaced by a table made from
packaging/dist/build-info-*.json (written by build-linux.sh). Sizes and versions are never typed by hand.

    python3 packaging/update-docs-figures.py [--check]     # --check: exit 1 if the docs are out of date
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "docs" / "packaging.md", ROOT / "docs" / "install.md"]
BLOCK = re.compile(r"(<!-- build-figures:begin -->\n).*?(<!-- build-figures:end -->)", re.S)


def mib(n: int) -> str:
    return f"{n / 1048576:.0f} MiB"


def table(infos: list[dict[str, object]]) -> str:
    rows = [
        "| 安装包 | 版本 | 适用系统（glibc 下限） | 文件大小 | 安装后占用 | 构建于 | Python · PySide6 |",
        "|---|---|---|---|---|---|---|",
    ]
    for i in infos:
        rows.append(
            f"| `{i['deb']}` | {i['version']} | glibc ≥ {i['glibc_floor']} | {mib(int(i['deb_bytes']))} "
            f"({i['deb_compress']}) | {int(i['installed_kb']) // 1024} MiB | {i['built_on']} | "
            f"{i['python']} · {i['pyside6']} |"
        )

    def sec(v: object) -> str:
        return "—" if v is None else f"{v} 秒"

    times = [
        f"`{i['deb']}`: 程序包（bundle）{sec(i['seconds_bundle'])}、自检 {sec(i['seconds_self_test'])}、"
        f".deb {sec(i['seconds_deb'])}，共 {sec(i['seconds_total'])}（2 核、与其他任务共用）；程序文件夹 {mib(int(i['bundle_bytes']))}，"
        f"{i['bundle_files']} 个文件（提交 {i['commit']}）"
        for i in infos
    ]
    return "\n".join(rows) + "\n\n" + "\n".join(f"- {t}" for t in times) + "\n\n"


def main() -> int:
    infos = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "packaging" / "dist").glob("build-info-*.json"))
    ]
    if not infos:
        print("no packaging/dist/build-info-*.json: run packaging/build-linux.sh first", file=sys.stderr)
        return 1
    text, stale = table(infos), []
    for doc in DOCS:
        old = doc.read_text(encoding="utf-8")
        new = BLOCK.sub(lambda m: m.group(1) + text + m.group(2), old)
        if new != old:
            stale.append(doc)
            if "--check" not in sys.argv:
                doc.write_text(new, encoding="utf-8")
    for doc in stale:
        print(("out of date: " if "--check" in sys.argv else "updated: ") + str(doc.relative_to(ROOT)))
    return 1 if stale and "--check" in sys.argv else 0


if __name__ == "__main__":
    sys.exit(main())
