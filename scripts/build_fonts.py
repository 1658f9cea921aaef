#!/usr/bin/env python3
"""Build the 公文 faces in resources/fonts/ from Debian's font packages (run once; the output is committed).

    apt-get install fonts-noto-cjk fonts-wqy-zenhei fonts-lxgw-wenkai
    .venv/bin/pip install fonttools
    .venv/bin/python scripts/build_fonts.py

Each face is subset to GB 2312 (all 7,445 characters: the 6,763 hanzi and the symbols), ASCII, common
CJK punctuation, every character of the bundled plans and every character in the program's own source
text — the headings and titles these faces set are the program's words and the plan's section and item
titles, never free text, so a clerk's rare character in a heading falls back to the body faces
(reports/fonts.py) rather than to a box. Output is byte-for-byte reproducible (no timestamps).

- 小标宋-like title face: Noto Serif CJK SC Bold (OFL-1.1) has CFF outlines, which reportlab refuses:
  the subset is converted to TrueType quadratic outlines with fontTools' cu2qu (max error 1 unit).
- 黑体: WenQuanYi Zen Hei (GPL-2 with the font embedding exception): TrueType already, subset only.
- 楷体: LXGW WenKai Regular (OFL-1.1, Reserved Font Names 霞鹜 and LXGW): a subset is a Modified Version,
  so it is renamed (Fazhi Kai) as the licence requires.
- 宋体 page-number figures: the digits, dashes and space of Hanazono Mincho A (OFL-1.1, Reserved Font
  Names "Hanazono Font", "HanaMinA"), renamed Fazhi Song Figures. Every page number is set in it, so a
  report need not parse the whole 23 MB face (40 MB in memory) unless a rare character asks for it.
  Made from the bundled HanaMinA.ttf alone: `scripts/build_fonts.py figures` rebuilds just this one.
The 仿宋 body face (朱雀仿宋, ../shared/fonts/) is copied unmodified, as are its licence texts.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts"
SHARED = ROOT.parent / "shared" / "fonts"

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")


def gb2312() -> set[int]:
    chars: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


def program_text() -> set[int]:
    chars: set[int] = set()
    for path in [*(ROOT / "fazhi_desktop").rglob("*.py"), *(ROOT / "resources" / "plans").glob("*.json")]:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        chars.update(ord(c) for c in text if ord(c) > 0x7F)
    return chars


def wanted() -> set[int]:
    chars = gb2312() | program_text() | set(range(0x20, 0x7F))
    chars |= set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F)) | set(range(0x2010, 0x2070))
    chars |= {0x00B7, 0x00D7, 0x2116, 0x2160, 0x2161, 0x2162, 0x2163, 0x2164, 0x00A0}
    return {c for c in chars if not 0xD800 <= c <= 0xDFFF}


def load(path: Path, face_name: str | None = None) -> TTFont:
    if path.suffix == ".ttc":
        for font in TTCollection(str(path), recalcTimestamp=False).fonts:
            if font["name"].getDebugName(4) == face_name:
                return font
        raise SystemExit(f"{face_name} not in {path}")
    return TTFont(str(path), recalcTimestamp=False)


def do_subset(font: TTFont, chars: set[int]) -> None:
    options = subset.Options()
    options.layout_features = ["vert", "vrt2", "kern", "palt", "halt"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False  # printed, not shown on screen at 9 px
    options.notdef_outline = True
    options.recalc_timestamp = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(chars & set(font.getBestCmap())))
    sub.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType quadratic ones (fontTools' otf2ttf recipe)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    if "post" in font:
        font["post"].formatType = 3.0  # no glyph names: smaller, and reportlab does not need them
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, family: str, family_zh: str, style: str, note: str) -> None:
    """New family names (all platforms) and a description that says where the face comes from."""
    name = font["name"]
    ps = re.sub(r"[^A-Za-z0-9-]", "", family.replace(" ", "")) + "-" + style
    for record in list(name.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            name.removeNames(nameID=record.nameID)
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        name.setName(family, 1, plat, enc, lang)
        name.setName(style, 2, plat, enc, lang)
        name.setName(f"{family} {style}; fazhi-desktop subset", 3, plat, enc, lang)
        name.setName(f"{family} {style}", 4, plat, enc, lang)
        name.setName(ps, 6, plat, enc, lang)
        name.setName(note, 10, plat, enc, lang)
    name.setName(family_zh, 1, 3, 1, 0x804)
    name.setName(f"{family_zh} {style}", 4, 3, 1, 0x804)


def save(font: TTFont, target: Path) -> None:
    font.save(str(target), reorderTables=True)
    print(
        f"{target.name}: {target.stat().st_size / 1e6:.1f} MB, {len(TTFont(str(target)).getBestCmap())} characters"
    )


FIGURES_CHARS = set(range(0x30, 0x3A)) | {0x20, 0x2D, 0x2013, 0x2014}  # "— 12 —"


def figures() -> None:
    """The page-number face: a renamed subset of the bundled Hanazono Mincho A."""
    font = load(OUT / "HanaMinA.ttf")
    do_subset(font, FIGURES_CHARS)
    rename(
        font,
        "Fazhi Song Figures",
        "法治宋体数字",
        "Regular",
        "Modified Version (subset: figures and dashes) of Hanazono Mincho A (SIL OFL 1.1) made by "
        "fazhi-desktop scripts/build_fonts.py for page numbers; renamed as the Reserved Font Names require.",
    )
    save(font, OUT / "FazhiSongFigures-Regular.ttf")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:] == ["figures"]:
        figures()
        return 0
    chars = wanted()

    font = load(NOTO, "Noto Serif CJK SC Bold")
    do_subset(font, chars)
    cff_to_glyf(font)
    rename(
        font,
        "Fazhi Biaosong",
        "法治标宋",
        "Bold",
        "Subset of Noto Serif CJK SC Bold (SIL OFL 1.1), converted to TrueType outlines by fazhi-desktop "
        "scripts/build_fonts.py for the titles of its reports.",
    )
    save(font, OUT / "FazhiBiaosong-Bold.ttf")

    font = load(ZENHEI, "WenQuanYi Zen Hei")
    do_subset(font, chars)
    rename(
        font,
        "Fazhi Hei",
        "法治黑体",
        "Regular",
        "Subset of WenQuanYi Zen Hei (GPL-2 with font embedding exception) made by fazhi-desktop "
        "scripts/build_fonts.py; the complete source is Debian's fonts-wqy-zenhei.",
    )
    save(font, OUT / "FazhiHei-Regular.ttf")

    font = load(WENKAI)
    do_subset(font, chars)
    rename(
        font,
        "Fazhi Kai",
        "法治楷体",
        "Regular",
        "Modified Version (subset) of LXGW WenKai Regular (SIL OFL 1.1) made by fazhi-desktop "
        "scripts/build_fonts.py; renamed as the Reserved Font Names require.",
    )
    save(font, OUT / "FazhiKai-Regular.ttf")

    figures()

    for name in ("ZhuqueFangsong-Regular.ttf", "ZhuqueFangsong-OFL.txt"):
        shutil.copyfile(SHARED / name, OUT / name)
    for src, dst in (
        ("/usr/share/doc/fonts-noto-cjk/copyright", "LICENSE-noto-cjk.txt"),
        ("/usr/share/doc/fonts-wqy-zenhei/copyright", "LICENSE-wqy-zenhei.txt"),
        ("/usr/share/doc/fonts-lxgw-wenkai/copyright", "LICENSE-lxgw-wenkai.txt"),
    ):
        shutil.copyfile(src, OUT / dst)
    # The GPL's own text, which Debian's copyright file only points to.
    with (OUT / "LICENSE-wqy-zenhei.txt").open("a", encoding="utf-8") as out:
        out.write("\n\n" + Path("/usr/share/common-licenses/GPL-2").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
